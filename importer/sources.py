"""What an import is given: WordPress exports, article files, folders and zips of them.

``open_sources(paths)`` recognises each path's format from the file itself (a
WXR by its XML root, anything else text or HTML) and hands back ``Source``
objects whose ``pieces()`` yield parsed pieces one at a time. A zip is
unpacked into a temporary folder first, refusing members that would land
outside it, links, and archives that unpack to more than the limit.
"""

import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from .presstext import find_press_files, read_press_file
from .wxr import WxrError, WxrExport, is_wxr


class ImportError_(Exception):
    """What was given cannot be imported at all (the message says why, for an editor)."""


class Source:
    format = ""

    def __init__(self, label, namespace):
        self.label = label
        self.namespace = namespace

    @property
    def total(self):
        return None

    def pieces(self):
        raise NotImplementedError


class WordPressSource(Source):
    format = "wordpress"

    def __init__(self, path, *, uploads_dir=None, label=None):
        super().__init__(label or Path(path).name, "")
        self.export = WxrExport(path, uploads_dir=uploads_dir, file_label=self.label)

    @property
    def total(self):
        return getattr(self.export, "post_count", None)

    def pieces(self):
        return self.export.articles()


class TextSource(Source):
    """Article files: the files under a folder (or one file), named relative to it."""

    format = "text"

    def __init__(self, root, files, *, label):
        super().__init__(label, f"{label}/")
        self.root = Path(root)
        self.files = files

    @property
    def total(self):
        return len(self.files)

    def pieces(self):
        for path in self.files:
            yield read_press_file(path, root=self.root)


def unpack_zip(path, into):
    """Unpack ``path`` into the folder ``into``, refusing what could escape it or fill the disk."""
    limit = settings.NEWSROOM_IMPORT_MAX_UNPACKED_BYTES
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ImportError_(_("The zip file cannot be read: %(error)s") % {"error": error}) from error
    with archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > limit:
            raise ImportError_(
                _("The zip unpacks to more than %(limit)s MB; import it in parts.") % {"limit": limit // 2**20}
            )
        for member in members:
            name = PurePosixPath(member.filename.replace("\\", "/"))
            if name.is_absolute() or ".." in name.parts:
                raise ImportError_(_("The zip holds a file outside its folder: %(name)s") % {"name": member.filename})
            if (member.external_attr >> 16) & 0o170000 == 0o120000:  # a symbolic link
                continue
            if member.is_dir():
                continue
            target = Path(into, *name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)


def _uploads_folder(root):
    """WordPress's uploads folder inside an unpacked tree: ``wp-content/uploads`` or ``uploads``."""
    for candidate in sorted(Path(root).rglob("uploads")):
        if candidate.is_dir():
            return candidate
    return Path(root)


def _visible(path, root):
    return not any(part.startswith(".") or part == "__MACOSX" for part in path.relative_to(root).parts)


class Sources:
    """Everything given to one import, opened; ``close()`` removes what a zip unpacked."""

    def __init__(self):
        self.items = []
        self._temporary = []

    def __iter__(self):
        return iter(self.items)

    @property
    def total(self):
        totals = [item.total for item in self.items]
        return None if None in totals else sum(totals)

    def close(self):
        for folder in self._temporary:
            shutil.rmtree(folder, ignore_errors=True)
        self._temporary.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def add(self, path, *, uploads_dir=None, label=None):
        path = Path(path)
        label = label or path.name
        if not path.exists():
            raise ImportError_(_("%(path)s does not exist.") % {"path": path})
        if path.is_file() and zipfile.is_zipfile(path):
            folder = Path(tempfile.mkdtemp(prefix="newsroom-import-"))
            self._temporary.append(folder)
            unpack_zip(path, folder)
            self._add_folder(folder, uploads_dir=uploads_dir, label=label)
        elif path.is_dir():
            self._add_folder(path, uploads_dir=uploads_dir, label=label)
        elif is_wxr(path):
            self.items.append(_wordpress(path, uploads_dir=uploads_dir, label=label))
        elif path.suffix.lower() == ".zip":
            raise ImportError_(_("The zip file cannot be read: %(error)s") % {"error": path.name})
        elif path.suffix.lower() != ".xml":  # an article file (.txt, .html, or named otherwise)
            # Named by its folder, as when the folder is imported.
            self.items.append(TextSource(path.parent, [path], label=path.resolve().parent.name or label))
        else:
            raise ImportError_(_("%(name)s is XML but not a WordPress export (Tools → Export).") % {"name": path.name})

    def _add_folder(self, folder, *, uploads_dir, label):
        exports = [
            path for path in sorted(folder.rglob("*.xml")) if path.is_file() and _visible(path, folder) and is_wxr(path)
        ]
        for export in exports:
            self.items.append(
                _wordpress(
                    export,
                    uploads_dir=uploads_dir or _uploads_folder(folder),
                    label=f"{label}/{export.relative_to(folder).as_posix()}",
                )
            )
        texts = find_press_files(folder)  # hidden files and __MACOSX left out there too
        if texts:
            self.items.append(TextSource(folder, texts, label=label))
        if not exports and not texts:
            raise ImportError_(
                _("%(name)s holds no WordPress export and no article files (.txt, .html).") % {"name": label}
            )


def _wordpress(path, *, uploads_dir, label):
    try:
        return WordPressSource(path, uploads_dir=uploads_dir, label=label)
    except WxrError as error:
        raise ImportError_(f"{label}: {error}") from error


def open_sources(paths, *, uploads_dir=None, labels=None):
    """``Sources`` for ``paths`` (files, folders or zips); raises ``ImportError_``."""
    sources = Sources()
    try:
        for index, path in enumerate(paths):
            sources.add(path, uploads_dir=uploads_dir, label=labels[index] if labels else None)
    except BaseException:
        sources.close()
        raise
    return sources
