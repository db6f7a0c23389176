"""The writer: what the readers parsed becomes sections, authors, photos, quotes,
notices and articles, through the services and nothing else.

Each article is written in its own transaction (its photos, being library
records of their own, just before it), so one bad piece is reported and the
rest go on. A source id remembered in ``ImportedRecord`` makes a re-run update
what it made instead of making it twice; an article a person edited since the
last import is left alone. The dry run (``commit=False``) walks the same steps
and writes nothing: it says what would be created and what needs a person.
"""

import hashlib
import logging
from contextlib import suppress
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.text import slugify

from articles import services
from articles.models import Article, Author, CopyrightNotice, Quote, Section, Source
from articles.services import WorkflowError
from photos.models import Image
from photos.services import DuplicateImage, image_save
from photos.uploads import inspect_upload

from .models import ImportedRecord
from .parsed import (
    TODO_PHOTO,
    TODO_QUOTE_SPEAKER,
    TODO_RELATED,
    TODO_SECTION,
    MarkdownBlock,
    ParseProblem,
    PhotoBlock,
    QuoteBlock,
    Todo,
)

logger = logging.getLogger(__name__)

#: The source a quote gets while nobody has said who said it (its to-do blocks publication).
UNKNOWN_SPEAKER = {"ko": "화자 확인 필요", "en": "Speaker to be confirmed"}


@dataclass
class PieceReport:
    """What happened (or, in a dry run, would happen) to one piece."""

    file: str
    position: str
    source_id: str
    headline: str = ""
    #: "create", "update", "unchanged", "kept" (edited here since the last import), "error"
    action: str = "create"
    article_id: int | None = None
    state: str = "draft"  # "draft", "published", "kept as a draft"
    recognised: list = field(default_factory=list)
    creates: list = field(default_factory=list)  # "new section “경제”", "new photo …"
    todos: list = field(default_factory=list)  # [{"message", "blocking"}]
    notes: list = field(default_factory=list)  # why it stays a draft, an old address refused…
    error: str = ""

    @property
    def needs_a_person(self):
        return bool(self.error or self.todos or self.notes)


class Report:
    """The report of a run: a line per piece, and the totals an editor reads first."""

    def __init__(self):
        self.pieces = []
        self.created = {"sections": set(), "authors": set(), "photos": 0, "quotes": 0, "notices": set(), "tags": set()}

    def add(self, piece):
        self.pieces.append(piece)

    def counts(self):
        counts = {"create": 0, "update": 0, "unchanged": 0, "kept": 0, "error": 0}
        for piece in self.pieces:
            counts[piece.action] = counts.get(piece.action, 0) + 1
        counts["published"] = sum(piece.state == "published" for piece in self.pieces)
        counts["todos"] = sum(len(piece.todos) for piece in self.pieces)
        counts["blocking"] = sum(1 for piece in self.pieces for todo in piece.todos if todo["blocking"])
        counts["need_a_person"] = sum(piece.needs_a_person for piece in self.pieces)
        counts["new_sections"] = sorted(self.created["sections"])
        counts["new_authors"] = sorted(self.created["authors"])
        counts["new_notices"] = sorted(self.created["notices"])
        counts["new_photos"] = self.created["photos"]
        counts["new_quotes"] = self.created["quotes"]
        return counts

    def as_json(self):
        return {"counts": self.counts(), "pieces": [asdict(piece) for piece in self.pieces]}


class Writer:
    """Writes parsed pieces as ``user`` (``commit=True``), or says what it would do.

    ``namespace`` names what a text import was given (the folder or zip), for the
    report and for telling a new version of a file: an article file is known by
    its text and a photo beside it by its bytes, a WordPress piece by its site's
    address and id. ``publish``: pieces published at the source are published
    here with their original dates (an archive). ``default_section``: for pieces
    whose source names none.
    """

    def __init__(self, *, user, commit=False, publish=False, namespace="", default_section=None, run=None, report=None):
        self.user = user
        self.commit = commit
        self.publish = publish
        self.namespace = namespace
        self.default_section = default_section
        self.run = run
        self.report = report if report is not None else Report()
        # What this run found or made already, so a dry run counts a new author once.
        self._sections = {}
        self._authors = {}
        self._notices = {}
        self._speakers = {}
        self._planned = set()  # a dry run's new photos and quotes, by source id, counted once

    # -- one piece -------------------------------------------------------------

    def write(self, parsed):
        """Write (or plan) one parsed piece; returns its ``PieceReport``."""
        if isinstance(parsed, ParseProblem):
            piece = PieceReport(file=parsed.file, position=parsed.position, source_id=parsed.source_id, action="error")
            piece.error = parsed.message
            self.report.add(piece)
            return piece
        piece = PieceReport(
            file=parsed.file,
            position=parsed.position,
            source_id=self._source_id(parsed),
            headline=parsed.headline,
            recognised=list(parsed.recognised),
        )
        counted = {key: set(value) if isinstance(value, set) else value for key, value in self.report.created.items()}
        try:
            with services.on_behalf_of_import():  # whoever calls, the steps are an import's
                self._write(parsed, piece)
        except Exception as error:  # one bad piece is reported; the rest go on
            logger.warning("import of %s (%s) failed", parsed.file, parsed.position, exc_info=True)
            # Its sections, authors, notices and quotes were rolled back: not counted.
            # (Its photos, stored before it, stay in the library and are counted.)
            photos = self.report.created["photos"]
            self.report.created = {**counted, "photos": photos}
            # What this piece made was rolled back with it: forget it.
            for remembered in (self._sections, self._authors, self._notices, self._speakers):
                remembered.clear()
            piece.action = "error"
            piece.error = _message(error)
        self.report.add(piece)
        return piece

    def _source_id(self, parsed):
        """WordPress's own id (its site's address and the post's id); for an
        article file, which has none, its content: the same text is the same
        piece wherever it lies, and two archives' 0001.txt never meet."""
        if parsed.source == "wordpress":
            return parsed.source_id
        return f"text:{parsed.content_hash}"

    def _origin(self, parsed):
        """Where the piece came from, for people: the file under what was given."""
        return f"{self.namespace}{parsed.source_id}"[:500] if parsed.source != "wordpress" else parsed.source_id

    def _write(self, parsed, piece):
        record, article = self._existing(parsed, piece)
        if article is not None:
            piece.article_id = article.pk
            piece.state = "published" if article.is_published() else "draft"
            if record.version and article.version != record.version:
                piece.action = "kept"
                piece.notes.append(
                    f"Edited in Newsroom since the last import (version {record.version} → {article.version}): "
                    "left as it is."
                )
                return
            if record.status and article.status != record.status:
                # Taken down, scheduled, published by an editor: theirs now.
                piece.action = "kept"
                piece.notes.append(
                    f"Its state changed in Newsroom since the last import ({record.status} → {article.status}): "
                    "left as it is."
                )
                return
            if record.content_hash == parsed.content_hash:
                piece.action = "unchanged"
                if self.commit:
                    self._old_addresses(article, parsed, piece)
                return
            piece.action = "update"
        elif parsed.source != "wordpress":
            earlier = (
                ImportedRecord.objects.filter(kind=ImportedRecord.Kind.ARTICLE, origin=self._origin(parsed))
                .exclude(source_id=piece.source_id)
                .values_list("object_id", flat=True)
                .first()
            )
            if earlier is not None and Article.objects.filter(pk=earlier).exists():
                piece.notes.append(
                    f"Another version of {self._origin(parsed)} was imported before, as article #{earlier}: "
                    "this text is imported as a piece of its own. Keep the one you want."
                )
        todos = [_todo_dict(todo) for todo in parsed.todos]
        # Photos first, each its own library record (a failed article leaves
        # them in the library, where the re-run finds them by their key).
        images = {}
        for photo in self._photos_of(parsed):
            image = self._photo(parsed, photo, piece, todos)
            if image is not None:
                images[photo.key] = image
        with transaction.atomic():
            section = self._section(parsed, piece, todos)
            authors = [self._author(author, piece) for author in parsed.authors]
            notice = self._notice(parsed, piece)
            quotes = {block.quote.key: self._quote(parsed, block.quote, piece, todos) for block in _quotes(parsed)}
            related = self._related(parsed, todos)
            body, lead, lead_caption = self._body(parsed, images, quotes)
            piece.todos = [{"message": todo["message"], "blocking": todo["blocking"]} for todo in todos]
            if not self.commit:
                piece.state = self._planned_state(parsed, piece)
                return
            article = article or Article(language=parsed.language)
            article.headline = parsed.headline[:300]
            article.dek = parsed.dek
            article.language = parsed.language if parsed.language in ("ko", "en") else "ko"
            if parsed.slug:
                article.slug = slugify(parsed.slug, allow_unicode=True)[: services.SLUG_MAX_LENGTH].strip("-")
            article.body = body
            article.section = section
            article.copyright_notice = notice
            article.lead_image = lead
            article.lead_image_caption = lead_caption
            services.article_save(
                article=article,
                user=self.user,
                expected_version=article.version if article.pk else None,
                bylines=[author for author in authors if author is not None],
                tags=parsed.tags,
                related=related,
                note=f"Imported from {parsed.file}" + (f", {parsed.position}" if parsed.position else ""),
            )
            services.todos_replace(article=article, todos=todos, origin=f"import:{parsed.source}")
            self._old_addresses(article, parsed, piece)
            piece.article_id = article.pk
            piece.state = "published" if article.is_published() else "draft"
            if self.publish and parsed.status == "published" and not article.is_published():
                self._publish(article, parsed, piece)
            article.refresh_from_db(fields=["version", "status"])
            ImportedRecord.objects.update_or_create(
                kind=ImportedRecord.Kind.ARTICLE,
                source_id=piece.source_id,
                defaults={
                    "object_id": article.pk,
                    "content_hash": parsed.content_hash,
                    "version": article.version,
                    "status": article.status,
                    "origin": self._origin(parsed),
                    "run": self.run,
                },
            )

    def _existing(self, parsed, piece):
        """The record and article an earlier run made of this piece, by its id."""
        record = ImportedRecord.objects.filter(kind=ImportedRecord.Kind.ARTICLE, source_id=piece.source_id).first()
        if record is None:
            return None, None
        article = Article.objects.filter(pk=record.object_id).first()
        if article is None:  # deleted here since: made again
            if self.commit:
                record.delete()
            return None, None
        return record, article

    def _planned_state(self, parsed, piece):
        if not (self.publish and parsed.status == "published"):
            return "draft"
        if any(todo["blocking"] for todo in piece.todos):
            piece.notes.append("Will stay a draft until the blocking to-dos are done.")
            return "kept as a draft"
        return "published"

    def _publish(self, article, parsed, piece):
        if parsed.published_at is None:
            piece.state = "kept as a draft"
            piece.notes.append("Published at the source, but its date could not be read: left as a draft.")
            return
        try:
            with transaction.atomic():
                services.article_publish_archived(article=article, user=self.user, published_at=parsed.published_at)
            piece.state = "published"
        except WorkflowError as error:
            piece.state = "kept as a draft"
            piece.notes.append("Kept as a draft: " + " ".join(str(message) for message in error.messages))

    # -- the catalogue ---------------------------------------------------------

    def _may_add(self, model):
        meta = model._meta
        return bool(self.user and self.user.has_perm(f"{meta.app_label}.add_{meta.model_name}"))

    def _section(self, parsed, piece, todos):
        wanted = parsed.section
        if wanted is None:
            if self.default_section is not None:
                return self.default_section
            todos.append(_todo_dict(Todo(TODO_SECTION, _say(parsed, "섹션을 고르세요.", "Choose a section."))))
            return None
        slug, name = wanted
        slug = slugify(slug or name, allow_unicode=True)[:60] or "news"
        key = (slug, name)
        if key in self._sections:
            return self._sections[key]
        section = Section.objects.filter(slug=slug).first() or Section.objects.filter(name=name).first()
        if section is None and not self._may_add(Section):
            section = self.default_section
            todos.append(
                _todo_dict(
                    Todo(
                        TODO_SECTION,
                        _say(
                            parsed,
                            f"원래 섹션 “{name}”이(가) 여기 없습니다(섹션은 관리자가 만듭니다): 섹션을 고르세요.",
                            f"The source's section “{name}” does not exist here, and only an admin adds sections: "
                            "choose one.",
                        ),
                        data={"section": name},
                    )
                )
            )
            return section
        if section is None:
            piece.creates.append(f"new section “{name}”")
            self.report.created["sections"].add(name)
            if self.commit:
                section = Section(name=name[:100], slug=slug)
                try:
                    section.full_clean()
                except ValidationError:
                    section.slug = f"{slug}-news"
                section = services.section_save(section=section, user=self.user)
        self._sections[key] = section
        return section

    def _author(self, parsed_author, piece):
        key = (parsed_author.email.lower(), parsed_author.name)
        if key in self._authors:
            return self._authors[key]
        author = None
        if parsed_author.email:
            author = Author.objects.filter(email__iexact=parsed_author.email).first()
        author = author or Author.objects.filter(name=parsed_author.name).first()
        if author is None and parsed_author.login:
            author = Author.objects.filter(slug=slugify(parsed_author.login, allow_unicode=True)).first()
        if author is None:
            piece.creates.append(f"new author “{parsed_author.name}”")
            self.report.created["authors"].add(parsed_author.name)
            if self.commit:
                base = slugify(parsed_author.login or parsed_author.name, allow_unicode=True)[:180] or "author"
                slug, n = base, 1
                while Author.objects.filter(slug=slug).exists():
                    n += 1
                    slug = f"{base}-{n}"
                author = services.author_save(
                    author=Author(name=parsed_author.name[:200], slug=slug, email=parsed_author.email),
                    user=self.user,
                )
        self._authors[key] = author
        return author

    def _notice(self, parsed, piece):
        holder = parsed.copyright_holder.strip()
        if not holder:
            return None
        if holder in self._notices:
            return self._notices[holder]
        notice = CopyrightNotice.objects.filter(holder__iexact=holder).first()
        if notice is None and not self._may_add(CopyrightNotice):
            self._notices[holder] = None
            piece.notes.append(
                f"The source's copyright notice (“{holder}”) matches none here, and only an admin adds notices: "
                "the site's default notice applies until one is chosen."
            )
            return None
        if notice is None:
            piece.creates.append(f"new copyright notice “{holder}”")
            self.report.created["notices"].add(holder)
            if self.commit:
                name, n = holder[:100], 1
                while CopyrightNotice.objects.filter(name=name).exists():
                    n += 1
                    name = f"{holder[:95]} ({n})"
                notice = services.copyright_notice_save(
                    notice=CopyrightNotice(
                        name=name,
                        holder=holder[:200],
                        text_ko="저작권자 © {holder} 무단전재 및 재배포 금지",
                        text_en="© {year} {holder}. All rights reserved.",
                    ),
                    user=self.user,
                )
        self._notices[holder] = notice
        return notice

    def _speaker(self, parsed, quote):
        name = quote.speaker.strip() or UNKNOWN_SPEAKER.get(parsed.language, UNKNOWN_SPEAKER["ko"])
        if name in self._speakers:
            return self._speakers[name]
        source = Source.objects.filter(name=name).order_by("pk").first()
        if source is None and self.commit:
            source = services.source_save(source=Source(name=name[:200]), user=self.user)
        self._speakers[name] = source
        return source

    def _quote(self, parsed, quote, piece, todos):
        # A quote is the piece's own: the same words in two files may be two people's.
        source_id = self._qualified(parsed, f"{self._source_id(parsed)}|{quote.key}|{quote.speaker}", "quote")
        record = ImportedRecord.objects.filter(kind=ImportedRecord.Kind.QUOTE, source_id=source_id).first()
        existing = Quote.objects.filter(pk=record.object_id).first() if record else None
        if existing is not None:
            return existing
        piece.creates.append(f"new quote “{_short(quote.text)}”")
        if source_id not in self._planned:
            self._planned.add(source_id)
            self.report.created["quotes"] += 1
        if not quote.speaker and not any(todo["kind"] == TODO_QUOTE_SPEAKER for todo in todos):
            todos.append(
                _todo_dict(
                    Todo(
                        TODO_QUOTE_SPEAKER,
                        _say(
                            parsed,
                            f"“{_short(quote.text)}”: 누가 한 말인지 인용의 출처를 고르세요.",
                            f"Who said “{_short(quote.text)}”? Choose the quote's source.",
                        ),
                        blocking=True,
                    )
                )
            )
        if not self.commit:
            return None
        made = services.quote_save(
            quote=Quote(
                source=self._speaker(parsed, quote),
                text=quote.text,
                language=quote.language if quote.language in ("ko", "en") else "ko",
                original_text=quote.original_text,
                original_language=quote.original_language[:10],
                said_on=quote.said_on,
            ),
            user=self.user,
        )
        ImportedRecord.objects.update_or_create(
            kind=ImportedRecord.Kind.QUOTE, source_id=source_id, defaults={"object_id": made.pk, "run": self.run}
        )
        return made

    def _qualified(self, parsed, key, kind):
        if parsed.source == "wordpress":
            site = parsed.source_id.rsplit("#", 1)[0]
            return f"{site}#{key}"
        return f"text:{self.namespace}{key}"

    # -- photos ----------------------------------------------------------------

    def _photos_of(self, parsed):
        seen = set()
        for photo in [parsed.lead_photo] + [block.photo for block in parsed.body if isinstance(block, PhotoBlock)]:
            if photo is not None and photo.key not in seen:
                seen.add(photo.key)
                yield photo

    def _photo(self, parsed, photo, piece, todos):
        """The library's image for ``photo``: the one an earlier run made, the same
        file already in the library, or a new one; None when there is no file (a
        slot: its to-do keeps the caption and credit)."""
        source_id = self._qualified(parsed, photo.key, "photo")
        if parsed.source != "wordpress" and photo.path is not None:
            # A file beside an article file is known by its bytes, as the piece by its text.
            with suppress(OSError):  # unreadable: said below, where it is opened
                source_id = "text:sha256:" + hashlib.sha256(photo.path.read_bytes()).hexdigest()
        record = ImportedRecord.objects.filter(kind=ImportedRecord.Kind.PHOTO, source_id=source_id).first()
        if record is not None:
            image = Image.objects.filter(pk=record.object_id).first()
            if image is not None:
                return image
        if photo.path is None:
            if not any(todo["kind"] == TODO_PHOTO and todo["data"].get("caption") == photo.caption for todo in todos):
                todos.append(
                    _todo_dict(
                        Todo(
                            TODO_PHOTO,
                            _say(
                                parsed,
                                f"사진 파일이 없습니다: “{_short(photo.caption)}” ({photo.credit or '출처 없음'})"
                                + (f", 원래 주소 {photo.original_url}" if photo.original_url else "")
                                + " — 사진을 올려 이 크레디트로 넣으세요.",
                                f"The photo file is missing: “{_short(photo.caption)}” ({photo.credit or 'no credit'})"
                                + (f", formerly at {photo.original_url}" if photo.original_url else "")
                                + " — upload it with this credit and place it.",
                            ),
                            blocking=True,
                            data={"caption": photo.caption, "credit": photo.credit, "url": photo.original_url},
                        )
                    )
                )
            return None
        if not photo.credit.strip():
            # The library takes no photo without a credit: the file waits for a person who knows it.
            about = f" (“{_short(photo.caption)}”)" if photo.caption.strip() else ""
            todos.append(
                _todo_dict(
                    Todo(
                        TODO_PHOTO,
                        _say(
                            parsed,
                            f"사진 {photo.path.name}{about}에 크레디트가 없습니다: "
                            "크레디트를 확인해 사진을 올리고 넣어 주세요.",
                            f"The photo {photo.path.name}{about} has no credit in the source: "
                            "find out whose it is, then upload it with its credit and place it.",
                        ),
                        blocking=True,
                        data={"caption": photo.caption, "file": photo.path.name, "url": photo.original_url},
                    )
                )
            )
            return None
        try:
            with open(photo.path, "rb") as handle:
                upload = File(handle, name=photo.path.name)
                info = inspect_upload(upload)
                existing = Image.objects.filter(sha256=info.sha256).first()
                if existing is not None:
                    image = existing
                else:
                    piece.creates.append(f"new photo “{_short(photo.caption or photo.path.name)}” ({photo.credit})")
                    if source_id not in self._planned:
                        self._planned.add(source_id)
                        self.report.created["photos"] += 1
                    if not self.commit:
                        return None
                    image = Image(
                        alt_text=(photo.alt_text or photo.caption or photo.title)[:250],
                        credit=photo.credit[:200],
                        caption=photo.caption,
                        creator=photo.creator[:200],
                        copyright_holder=photo.copyright_holder[:200],
                        source_url=photo.source_url if photo.source_url.startswith(("http://", "https://")) else "",
                    )
                    try:
                        image = image_save(
                            image=image, user=self.user, upload=upload, upload_info=info, renditions_later=True
                        )
                    except DuplicateImage as duplicate:
                        image = duplicate.existing
        except (OSError, ValidationError) as error:
            todos.append(
                _todo_dict(
                    Todo(
                        TODO_PHOTO,
                        f"The photo {photo.path.name} was refused: {_message(error)} "
                        f"(caption “{_short(photo.caption)}”, credit {photo.credit or '—'}).",
                        blocking=True,
                        data={"caption": photo.caption, "credit": photo.credit, "file": photo.path.name},
                    )
                )
            )
            return None
        if self.commit:
            ImportedRecord.objects.update_or_create(
                kind=ImportedRecord.Kind.PHOTO, source_id=source_id, defaults={"object_id": image.pk, "run": self.run}
            )
        return image

    # -- the body --------------------------------------------------------------

    def _related(self, parsed, todos):
        found = []
        for headline in parsed.related_headlines:
            matches = list(Article.objects.filter(headline=headline.strip()).values_list("pk", flat=True)[:2])
            if len(matches) != 1:
                matches = list(
                    Article.objects.filter(headline__iexact=headline.strip()).values_list("pk", flat=True)[:2]
                )
            if len(matches) == 1:
                found.append(matches[0])
            else:
                todos.append(
                    _todo_dict(
                        Todo(
                            TODO_RELATED,
                            _say(
                                parsed,
                                f"관련 기사 “{headline}”을(를) 찾지 못했습니다: 관련 기사에서 골라 주세요.",
                                f"The related article “{headline}” was not found: pick it under related articles.",
                            )
                            if not matches
                            else _say(
                                parsed,
                                f"관련 기사 “{headline}”과(와) 같은 제목이 여러 개입니다: 관련 기사에서 골라 주세요.",
                                f"Several articles are headlined “{headline}”: pick the right one under related "
                                "articles.",
                            ),
                            data={"headline": headline},
                        )
                    )
                )
        return found or None

    def _body(self, parsed, images, quotes):
        """The stored body, the lead image and its caption."""
        lead, lead_caption = None, ""
        if parsed.lead_photo is not None:
            lead = images.get(parsed.lead_photo.key)
            lead_caption = parsed.lead_photo.caption if lead and parsed.lead_photo.caption != lead.caption else ""
        blocks = list(parsed.body)
        # Article files name no lead photo: their first photo is it (a page here
        # prints the lead above the text). WordPress names its featured image; a
        # photo opening a post's text is the lead only when it named none.
        first = next(
            (
                index
                for index, block in enumerate(blocks)
                if isinstance(block, PhotoBlock) and block.photo.key in images
                and (parsed.source == "text" or index == 0)
            ),
            None,
        )  # fmt: skip
        if lead is None and first is not None:
            photo = blocks.pop(first).photo
            lead = images[photo.key]
            lead_caption = photo.caption if photo.caption != lead.caption else ""
        parts = []
        for block in blocks:
            if isinstance(block, MarkdownBlock):
                if block.text.strip():
                    parts.append(block.text.strip())
            elif isinstance(block, PhotoBlock):
                image = images.get(block.photo.key)
                if image is not None and image != lead:
                    parts.append(f"[[image:{image.pk}]]")
            elif isinstance(block, QuoteBlock):
                quote = quotes.get(block.quote.key)
                if quote is not None:
                    parts.append(f"[[quote:{quote.pk}]]")
        return "\n\n".join(parts) + "\n", lead, lead_caption

    def _old_addresses(self, article, parsed, piece):
        for address in parsed.old_urls:
            try:
                services.old_address_add(article=article, address=address)
            except ValidationError as error:
                piece.notes.append(_message(error))


def _quotes(parsed):
    return [block for block in parsed.body if isinstance(block, QuoteBlock)]


def _todo_dict(todo):
    return {"kind": todo.kind, "message": todo.message, "blocking": todo.blocking, "data": dict(todo.data)}


def _say(parsed, korean, english):
    return english if parsed.language == "en" else korean


def _short(text, length=60):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _message(error):
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error) or error.__class__.__name__
