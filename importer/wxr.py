"""WordPress exports (WXR, Tools → Export), with or without Newspack, read as a stream.

``WxrExport(path)`` reads the file a first time, at once: the site's address, its
authors and categories, and every attachment (the photos, with their credits
from Newspack's media credit or the image's own metadata). ``articles()``
reads it a second time and yields one ``ParsedArticle`` per post, or a
``ParseProblem`` for a post that could not be converted, while the rest go on.

The XML is read with defusedxml, element by element, each ``<item>`` dropped
once read, so a file of any size takes the memory of one post. A document
type declaration (where entity bombs and outside files hide) is refused.
"""

import hashlib
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import phpserialize
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import ParseError, iterparse

from .parsed import (
    TODO_AUTHOR,
    TODO_HEADLINE,
    TODO_OTHER,
    TODO_PHOTO,
    ParsedArticle,
    ParsedAuthor,
    ParsedPhoto,
    ParseProblem,
    Todo,
)
from .wpbody import BodyConverter, plain_text, url_key

__all__ = ["WxrError", "WxrExport", "is_wxr"]

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/$")
NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
#: WordPress's statuses: what an article becomes (None: not imported).
STATUSES = {
    "publish": "published",
    "draft": "draft",
    "pending": "draft",
    "future": "draft",
    "private": "draft",
    "trash": None,
    "auto-draft": None,
    "inherit": None,
}
NO_DATE = "0000-00-00 00:00:00"
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
SNIFF_BYTES = 8192
ROOT_TAG = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)([^>]*)>", re.S)
EXPORT_NAMESPACE_BYTES = re.compile(rb"""=\s*["']https?://wordpress\.org/export/\d+\.\d+/["']""")


class WxrError(Exception):
    """The file cannot be read as a WordPress export at all (the message says why, for an editor)."""


def is_wxr(path):
    """Whether ``path`` is a WordPress export: its root is ``<rss>`` declaring the
    WordPress export namespace. Reads the first few KB as text; parses nothing."""
    path = Path(path)
    if not path.is_file():
        return False
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
    head = head.removeprefix(b"\xef\xbb\xbf")
    head = re.sub(rb"<!--.*?-->", b"", head, flags=re.S)
    head = re.sub(rb"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", b"", head, flags=re.S | re.I)
    match = ROOT_TAG.search(head)
    if match is None or match.group(1) != b"rss":
        return False
    if re.sub(rb"<\?.*?\?>", b"", head[: match.start()], flags=re.S).strip():
        return False  # text before the root: not an XML document
    return EXPORT_NAMESPACE_BYTES.search(match.group(2)) is not None


class _Lines:
    """A file read one line at a time, so that each parser event knows its line."""

    def __init__(self, raw):
        self.raw = raw
        self.line = 1
        self._next = 1

    def read(self, size=-1):
        data = self.raw.readline(size if size and size > 0 else -1)
        self.line = self._next
        if data.endswith(b"\n"):
            self._next += 1
        return data


_names = {}


def _name(tag):
    """``{http://wordpress.org/export/1.2/}post_id`` -> ``wp:post_id`` (any export version)."""
    name = _names.get(tag)
    if name is None:
        if tag.startswith("{"):
            uri, _, local = tag[1:].partition("}")
            if WP_NAMESPACE.match(uri):
                prefix = "wp"
            elif EXCERPT_NAMESPACE.match(uri):
                prefix = "excerpt"
            else:
                prefix = NAMESPACES.get(uri, uri)
            name = f"{prefix}:{local}"
        else:
            name = tag
        _names[tag] = name
    return name


def _fields(item):
    """An <item>'s children as a dict; its categories and postmeta as lists and a dict."""
    fields = {"categories": [], "postmeta": {}}
    for child in item:
        name = _name(child.tag)
        if name == "category":
            fields["categories"].append((child.get("domain", ""), child.get("nicename", ""), child.text or ""))
        elif name == "wp:postmeta":
            key = value = ""
            for part in child:
                part_name = _name(part.tag)
                if part_name == "wp:meta_key":
                    key = (part.text or "").strip()
                elif part_name == "wp:meta_value":
                    value = part.text or ""
            fields["postmeta"].setdefault(key, value)
        elif name != "wp:comment":
            fields.setdefault(name, child.text or "")
    return fields


def _child_text(element, name):
    for child in element:
        if _name(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _int(text):
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def _unserialize(value):
    """A PHP-serialized value (arrays as dicts), or None when it is broken or holds a PHP object."""
    try:
        return phpserialize.loads(value.encode("utf-8"), decode_strings=True)
    except Exception:  # anything broken is ignored: ValueError, an object, a wrong length
        return None


def _wp_date(text):
    """WordPress's "2024-05-06 01:02:03" in UTC, or None for its "0000-00-00 00:00:00"."""
    text = (text or "").strip()
    if not text or text.startswith("0000"):
        return None
    try:
        return datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _rss_date(text):
    text = (text or "").strip()
    if not text or " -0001 " in text:  # WordPress's pubDate of a post that has none
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if value.year < 1900:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _language(text, channel_language):
    """Korean ("ko") when the Hangul letters are at least as many as the words in Latin letters
    (a Korean piece with English terms, not an English one with a name in Hangul)."""
    text = text[:20000]  # enough to tell
    hangul = len(HANGUL.findall(text))
    latin_words = len(LATIN_WORD.findall(text))
    if hangul and hangul >= latin_words:
        return "ko"
    if latin_words:
        return "en"
    fallback = (channel_language or "").lower()[:2]
    return fallback if fallback in ("ko", "en") else "en"


def _path_of(url):
    """The path (and query) a browser asks for: percent-encoding kept as WordPress wrote it."""
    parts = urlsplit((url or "").strip())
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


class WxrExport:
    """A WordPress export: read once for its site, authors, categories and
    attachments; ``articles()`` reads it again for the posts."""

    def __init__(self, path, *, uploads_dir=None, file_label=None):
        self.path = Path(path)
        self.uploads_dir = Path(uploads_dir) if uploads_dir else None
        self._uploads_root = self.uploads_dir.resolve() if self.uploads_dir and self.uploads_dir.is_dir() else None
        self.file_label = file_label or self.path.name
        self.site_url = ""
        self.title = ""
        self.language = ""  # the channel's <language>, e.g. "ko-KR"
        self.wxr_version = ""
        self.authors = {}  # login -> ParsedAuthor
        self.categories = {}  # nicename -> name
        self.attachments = {}  # id -> ParsedPhoto
        self.post_count = 0  # the posts articles() will yield
        #: What articles() leaves out, for the report: {"page": 3, "post (trash)": 1, ...}
        self.skipped = Counter()
        self.broken_metadata = []  # ids of attachments whose metadata could not be read
        self._credit_sources = {}  # photo key -> where its credit came from
        self._guest_authors = {}  # Co-Authors Plus: login -> ParsedAuthor
        self._by_url = {}
        self._children = defaultdict(list)
        self._reusable_blocks = {}
        self._read_channel()
        self._converter = BodyConverter(
            attachments=self.attachments,
            by_url=self._by_url,
            children={parent: [pk for _, pk in sorted(kids)] for parent, kids in self._children.items()},
            site_url=self.site_url,
            reusable_blocks=self._reusable_blocks,
        )

    # -- reading the XML -------------------------------------------------------

    def _elements(self):
        """Each finished child of <channel> as (name, element, item number, line), then dropped."""
        with open(self.path, "rb") as raw:
            lines = _Lines(raw)
            namespaces = []
            depth = 0
            parent = None
            item_number = 0
            item_line = 0
            try:
                for event, element in iterparse(lines, events=("start-ns", "start", "end"), forbid_dtd=True):
                    if event == "start-ns":
                        namespaces.append(element[1])
                        continue
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            self._check_root(element, namespaces)
                        elif depth == 2:
                            parent = element
                        elif depth == 3 and element.tag == "item":
                            item_number += 1
                            item_line = lines.line
                        continue
                    depth -= 1
                    if depth == 2:
                        yield _name(element.tag), element, item_number, item_line
                        element.clear()
                        parent.remove(element)
            except ParseError as error:
                line, column = getattr(error, "position", (lines.line, 0))
                message = str(error).split(":", 1)[0]
                raise WxrError(
                    f"{self.file_label} is not well-formed XML: {message} at line {line}, column {column + 1}. "
                    "Export it again from WordPress (Tools → Export)."
                ) from error
            except DTDForbidden as error:
                raise WxrError(
                    f"{self.file_label} declares a document type (<!DOCTYPE …>), which a WordPress export never "
                    "does: it could hide XML entities (an entity bomb, a link to a file on this server). Refused."
                ) from error
            except EntitiesForbidden as error:
                raise WxrError(
                    f"{self.file_label} declares XML entities, which a WordPress export never does: refused."
                ) from error
            except ExternalReferenceForbidden as error:
                raise WxrError(
                    f"{self.file_label} refers to an outside file or address, which a WordPress export never does: "
                    "refused."
                ) from error
            except DefusedXmlException as error:
                raise WxrError(f"{self.file_label} uses XML features an export never uses: refused.") from error

    def _check_root(self, element, namespaces):
        if element.tag != "rss" or not any(WP_NAMESPACE.match(uri) for uri in namespaces):
            raise WxrError(
                f"{self.file_label} is not a WordPress export: its root is <{_name(element.tag)}>, not <rss> with "
                "WordPress's export namespace. Export the site with Tools → Export."
            )

    # -- the first pass --------------------------------------------------------

    def _read_channel(self):
        blog_url = link = ""
        for name, element, _number, _line in self._elements():
            if name == "item":
                self._first_pass_item(_fields(element))
            elif name == "wp:author":
                self._author(element)
            elif name == "wp:category":
                nicename = unquote(_child_text(element, "wp:category_nicename"))
                if nicename:
                    self.categories[nicename] = plain_text(_child_text(element, "wp:cat_name")) or nicename
            elif name == "wp:base_blog_url":
                blog_url = (element.text or "").strip()
            elif name == "link":
                link = (element.text or "").strip()
            elif name == "title":
                self.title = plain_text(element.text or "")
            elif name == "language":
                self.language = (element.text or "").strip()
            elif name == "wp:wxr_version":
                self.wxr_version = (element.text or "").strip()
        self.site_url = (blog_url or link).rstrip("/")

    def _author(self, element):
        login = _child_text(element, "wp:author_login")
        if not login:
            return
        name = plain_text(_child_text(element, "wp:author_display_name"))
        if not name:
            first = _child_text(element, "wp:author_first_name")
            last = _child_text(element, "wp:author_last_name")
            name = " ".join(part for part in (first, last) if part) or login
        self.authors[login] = ParsedAuthor(name=name, login=login, email=_child_text(element, "wp:author_email"))

    def _first_pass_item(self, fields):
        post_type = fields.get("wp:post_type", "").strip()
        status = fields.get("wp:status", "").strip()
        if post_type == "attachment":
            photo = self._attachment(fields)
            if photo is not None:
                pk = int(photo.key.removeprefix("wp:"))
                self.attachments[pk] = photo
                for url in (photo.original_url, fields["postmeta"].get("_wp_attached_file", "")):
                    key = url_key(url)
                    if key:
                        self._by_url.setdefault(key, pk)
                parent = _int(fields.get("wp:post_parent"))
                if parent:
                    self._children[parent].append(((_int(fields.get("wp:menu_order")) or 0, pk), pk))
        elif post_type == "guest-author":  # Co-Authors Plus (Newspack's bylines)
            meta = fields["postmeta"]
            login = (meta.get("cap-user_login") or fields.get("wp:post_name", "").removeprefix("cap-")).strip()
            if login:
                name = plain_text(meta.get("cap-display_name", "")) or plain_text(fields.get("title", "")) or login
                self._guest_authors[login] = ParsedAuthor(
                    name=name, login=login, email=(meta.get("cap-user_email") or "").strip()
                )
        elif post_type == "wp_block":
            pk = _int(fields.get("wp:post_id"))
            if pk:
                self._reusable_blocks[pk] = plain_text(fields.get("title", ""))
        if post_type == "post":
            if STATUSES.get(status, "draft") is None:
                self.skipped[f"post ({status})"] += 1
            else:
                self.post_count += 1
        elif post_type != "attachment":
            self.skipped[post_type or "item without a type"] += 1

    def _attachment(self, fields):
        pk = _int(fields.get("wp:post_id"))
        if pk is None:
            return None
        meta = fields["postmeta"]
        image_meta = {}
        original_image = ""
        raw = meta.get("_wp_attachment_metadata", "")
        if raw.strip():
            data = _unserialize(raw)
            if isinstance(data, dict):
                found = data.get("image_meta")
                if isinstance(found, dict):
                    image_meta = {
                        str(key): str(value).strip()
                        for key, value in found.items()
                        if isinstance(value, str | int | float) and not isinstance(value, bool)
                    }
                original_image = data.get("original_image") if isinstance(data.get("original_image"), str) else ""
            else:
                self.broken_metadata.append(pk)
        newspack_credit = (meta.get("_media_credit") or "").strip()
        meta_credit = image_meta.get("credit", "")
        meta_copyright = image_meta.get("copyright", "")
        if newspack_credit:
            credit, source = newspack_credit, "Newspack media credit"
        elif meta_credit:
            credit, source = meta_credit, "image metadata credit"
        elif meta_copyright:
            credit, source = meta_copyright, "image metadata copyright"
        else:
            credit, source = "", ""
        url = (fields.get("wp:attachment_url") or fields.get("guid") or "").strip()
        photo = ParsedPhoto(
            key=f"wp:{pk}",
            path=self._local_file(meta.get("_wp_attached_file", ""), url, original_image),
            caption=plain_text(fields.get("excerpt:encoded", "")),
            alt_text=plain_text(meta.get("_wp_attachment_image_alt", "")),
            credit=credit,
            creator=meta_credit if meta_credit and meta_credit != credit else "",
            copyright_holder=meta_copyright or (meta.get("_navis_media_credit_org") or "").strip(),
            source_url=(meta.get("_media_credit_url") or "").strip(),
            title=plain_text(fields.get("title", "")) or image_meta.get("title", ""),
            original_url=url,
        )
        if source:
            self._credit_sources[photo.key] = source
        return photo

    def _local_file(self, attached, url, original_image):
        """The attachment's file under uploads_dir, or None: never outside it, never downloaded."""
        if self._uploads_root is None:
            return None
        candidates = [attached.strip()]
        marker = unquote(urlsplit(url).path).rfind("/uploads/") if url else -1
        if marker >= 0:
            candidates.append(unquote(urlsplit(url).path)[marker + len("/uploads/") :])
        if original_image and candidates[0]:
            candidates.append(str(PurePosixPath(candidates[0]).parent / original_image))
        for candidate in candidates:
            found = self._inside_uploads(candidate)
            if found is not None:
                return found
        return None

    def _inside_uploads(self, relative):
        if not relative or "\\" in relative or "\x00" in relative:
            return None
        relative = PurePosixPath(relative)
        if relative.is_absolute() or ".." in relative.parts or relative.parts[:1] == ("~",):
            return None
        try:
            found = (self._uploads_root / relative).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not found.is_relative_to(self._uploads_root) or not found.is_file():
            return None
        return found

    # -- the second pass -------------------------------------------------------

    def articles(self):
        """One ``ParsedArticle`` per post (or a ``ParseProblem``), in the file's order."""
        for name, element, number, line in self._elements():
            if name != "item":
                continue
            fields = _fields(element)
            if fields.get("wp:post_type", "").strip() != "post":
                continue
            if STATUSES.get(fields.get("wp:status", "").strip(), "draft") is None:
                continue
            post_id = fields.get("wp:post_id", "").strip()
            position = f"item {number} (post {post_id or '?'}, line {line})"
            source_id = f"{self.site_url}#{post_id}"
            try:
                piece = self._article(fields, position, source_id)
            except Exception as error:  # one post's failure is reported, the rest go on
                title = plain_text(fields.get("title", ""))[:80]
                named = f"“{title}”" if title else f"post {post_id}"
                piece = ParseProblem(
                    file=self.file_label,
                    position=position,
                    message=f"{named} could not be converted: {_describe(error)}",
                    source_id=source_id if post_id else "",
                )
            yield piece

    def _article(self, fields, position, source_id):
        post_id = _int(fields.get("wp:post_id"))
        if post_id is None:
            raise ValueError(f"its post id “{fields.get('wp:post_id', '')}” is not a number")
        meta = fields["postmeta"]
        wp_status = fields.get("wp:status", "").strip()
        status = STATUSES.get(wp_status, "draft")
        todos = []
        recognised = []
        content = fields.get("content:encoded", "")
        excerpt = fields.get("excerpt:encoded", "")
        headline = plain_text(fields.get("title", ""))
        if not headline:
            todos.append(Todo(TODO_HEADLINE, "The post has no title: write a headline.", blocking=True))
        if fields.get("wp:post_password", "").strip():
            status = "draft"
            todos.append(
                Todo(
                    TODO_OTHER,
                    "The post was password-protected on WordPress: it is imported as a draft. "
                    "Publish it only if it may be read by everyone.",
                )
            )
        if wp_status not in STATUSES:
            recognised.append(f"WordPress status “{wp_status}” read as a draft")

        dek = plain_text(meta.get("newspack_post_subtitle", ""))
        if dek:
            recognised.append("dek from the Newspack subtitle")
        else:
            dek = plain_text(excerpt)

        body = self._converter.convert(content, post_id=post_id)
        todos.extend(body.todos)
        recognised.append("block editor post" if body.block_editor else "classic editor post")
        if body.paragraphs_from_line_breaks:
            recognised.append("paragraphs from the text's blank lines")

        lead_photo = None
        thumbnail = _int(meta.get("_thumbnail_id"))
        if thumbnail is not None and thumbnail > 0:
            lead_photo = self.attachments.get(thumbnail)
            if lead_photo is None:
                todos.append(
                    Todo(
                        TODO_PHOTO,
                        f"The featured image #{thumbnail} was not in the export.",
                        blocking=False,
                        data={"attachment_id": thumbnail},
                    )
                )
            else:
                recognised.append(f"featured image #{thumbnail}")
        if body.photos:
            count = len({photo.key for photo in body.photos})
            recognised.append(f"{count} photo{'s' if count != 1 else ''} in the text")
        seen = set()
        for photo in [lead_photo, *body.photos]:
            if photo is None or photo.key in seen:
                continue
            seen.add(photo.key)
            source = self._credit_sources.get(photo.key)
            if source:
                recognised.append(f"photo #{photo.key.removeprefix('wp:')}: credit “{photo.credit}” from {source}")
            else:
                recognised.append(f"photo #{photo.key.removeprefix('wp:')}: no credit")

        authors, by_coauthors = self._bylines(fields)
        if by_coauthors:
            recognised.append("bylines from Co-Authors Plus: " + ", ".join(author.name for author in authors))
        if not authors:
            todos.append(Todo(TODO_AUTHOR, "The post names no author: add the byline."))

        section = None
        tags = []
        for domain, nicename, name in fields["categories"]:
            name = plain_text(name)
            if domain == "category" and section is None:
                slug = unquote(nicename).strip()
                if slug != "uncategorized" and (slug or name):
                    section = (slug, name or self.categories.get(slug, slug))
            elif domain in ("post_tag", "tag") and name and name not in tags:  # "tag" in old exports
                tags.append(name)

        published_at = _wp_date(fields.get("wp:post_date_gmt"))
        if published_at is None and not fields.get("wp:post_date_gmt", "").strip():
            published_at = _rss_date(fields.get("pubDate"))
        if published_at is None and status == "published":
            local = fields.get("wp:post_date", "").strip()
            todos.append(
                Todo(
                    TODO_OTHER,
                    f"WordPress gave no publication time in UTC (its local time was {local or 'not given'}): "
                    "set the publication date.",
                )
            )

        old_urls = []
        link = fields.get("link", "").strip()
        if link:
            old_urls.append(_path_of(link))
        prefix = urlsplit(self.site_url).path.rstrip("/")
        short = f"{prefix}/?p={post_id}"
        if short not in old_urls:
            old_urls.append(short)

        return ParsedArticle(
            source="wordpress",
            source_id=source_id,
            file=self.file_label,
            position=position,
            headline=headline,
            dek=dek,
            language=_language(" ".join((headline, excerpt, content)), self.language),
            slug=unquote(fields.get("wp:post_name", "").strip()),
            status=status,
            published_at=published_at,
            modified_at=_wp_date(fields.get("wp:post_modified_gmt")),
            authors=authors,
            section=section,
            tags=tags,
            lead_photo=lead_photo,
            body=body.blocks,
            old_urls=old_urls,
            todos=todos,
            recognised=recognised,
            content_hash=_content_hash(fields),
        )

    def _bylines(self, fields):
        """The post's authors: Co-Authors Plus's when it names them, else its WordPress author."""
        coauthors = []
        for domain, nicename, name in fields["categories"]:
            if domain != "author":
                continue
            login = (name or unquote(nicename).removeprefix("cap-")).strip()
            author = self._guest_authors.get(login) or self.authors.get(login)
            if author is None and nicename.startswith("cap-"):
                bare = unquote(nicename).removeprefix("cap-")
                author = self._guest_authors.get(bare) or self.authors.get(bare)
            author = author or ParsedAuthor(name=login, login=login)
            if author not in coauthors:
                coauthors.append(author)
        if coauthors:
            return coauthors, True
        login = fields.get("dc:creator", "").strip()
        if not login:
            return [], False
        return [self.authors.get(login) or ParsedAuthor(name=login, login=login)], False


def _content_hash(fields):
    meta = fields["postmeta"]
    parts = [
        fields.get("title", ""),
        fields.get("content:encoded", ""),
        fields.get("excerpt:encoded", ""),
        fields.get("wp:status", ""),
        fields.get("wp:post_date_gmt", "") or fields.get("pubDate", ""),
        fields.get("wp:post_date", ""),
        fields.get("wp:post_name", ""),
        fields.get("dc:creator", ""),
        meta.get("_thumbnail_id", ""),
        meta.get("newspack_post_subtitle", ""),
        "|".join(f"{domain}:{nicename}:{name}" for domain, nicename, name in fields["categories"]),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _describe(error):
    if isinstance(error, RecursionError):
        return "its HTML is nested too deeply to read (is the post damaged?)."
    text = str(error).strip()
    return f"{text} ({error.__class__.__name__})" if text else error.__class__.__name__
