"""What a reader of a source format hands the writer: plain data, no database.

The WordPress reader (``importer.wxr``) and the Korean press-layout reader
(``importer.presstext``) both turn what they read into these records; the
writer (``importer.writer``) turns the records into sections, authors, photos,
quotes, notices and articles through the services. Keeping the two sides apart
lets the readers be tested without a database and the writer be tested without
files.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

#: Kinds of what a person must finish (``Todo.kind``).
TODO_HEADLINE = "headline"  # no headline was found (a caption line is never taken for one)
TODO_PHOTO = "photo"  # a caption (and credit) with no photo file: a slot to fill
TODO_RELATED = "related"  # a related-article pointer whose headline matched no article
TODO_QUOTE_SPEAKER = "quote_speaker"  # who said it is not stated
TODO_QUOTE_DATE = "quote_date"  # when it was said is not stated
TODO_AUTHOR = "author"  # no byline could be read
TODO_SECTION = "section"  # no section could be read
TODO_CREDIT = "credit"  # a photo without a credit
TODO_OTHER = "other"
TODO_KINDS = (
    TODO_HEADLINE,
    TODO_PHOTO,
    TODO_RELATED,
    TODO_QUOTE_SPEAKER,
    TODO_QUOTE_DATE,
    TODO_AUTHOR,
    TODO_SECTION,
    TODO_CREDIT,
    TODO_OTHER,
)


@dataclass
class Todo:
    """Something a person must finish before the piece is right."""

    kind: str  # one of TODO_KINDS
    message: str  # for the editor, in the article's language or English: says what and where
    #: A blocking to-do keeps the piece from being published until it is done
    #: (a photo slot with no photo, a quote with no speaker).
    blocking: bool = False
    data: dict = field(default_factory=dict)  # e.g. {"caption": ..., "credit": ..., "after_paragraph": 3}


@dataclass
class ParsedPhoto:
    """A photo as the source carries it. ``key`` is stable across re-imports:
    ``"wp:<attachment id>"`` for WordPress, the file's relative path (or, without
    a file, ``"slot:<sha256 of caption+credit>"``) for text imports."""

    key: str
    path: Path | None = None  # the local file, when there is one
    caption: str = ""
    alt_text: str = ""
    credit: str = ""  # as printed: "연합뉴스", "AP", "본지DB", "Jane Doe/Reuters"
    creator: str = ""  # the photographer, when the source names one apart from the credit
    copyright_holder: str = ""
    source_url: str = ""  # the credit's URL (Newspack's _media_credit_url)
    title: str = ""
    original_url: str = ""  # where the source served it (WordPress's attachment URL)


@dataclass
class ParsedQuote:
    """A quotation in the body: the text as printed, with its original wording."""

    key: str  # stable: sha256 of text + original
    text: str
    language: str  # "ko" or "en"
    original_text: str = ""
    original_language: str = ""
    speaker: str = ""  # "" when not stated (then a blocking to-do)
    said_on: date | None = None


@dataclass
class ParsedAuthor:
    name: str  # display name, as printed on the byline
    login: str = ""  # the source system's login (WordPress's author_login)
    email: str = ""


# The body: a list of blocks, in order. The writer joins them with blank lines,
# turning photo and quote blocks into embed lines ``[[image:N]]`` / ``[[quote:N]]``.
@dataclass
class MarkdownBlock:
    text: str  # Markdown in the stored body format (no embed lines; text escaped)


@dataclass
class PhotoBlock:
    photo: ParsedPhoto


@dataclass
class QuoteBlock:
    quote: ParsedQuote


@dataclass
class ParsedArticle:
    source: str  # "wordpress" or "text"
    #: Stable across re-imports of the same source: WordPress "<site url>#<post id>",
    #: a text file's relative path (or, when read from an upload, its content hash).
    source_id: str
    file: str  # the file it came from, for the report
    position: str  # where in the file: "item 12 (line 340)", or "" for a whole file
    headline: str = ""
    dek: str = ""
    language: str = "ko"
    slug: str = ""  # as the source had it (WordPress post_name, URL-decoded)
    status: str = "draft"  # "draft" or "published" (the source's state)
    published_at: datetime | None = None  # aware
    modified_at: datetime | None = None  # aware
    authors: list[ParsedAuthor] = field(default_factory=list)
    section: tuple[str, str] | None = None  # (slug, name)
    tags: list[str] = field(default_factory=list)
    lead_photo: ParsedPhoto | None = None
    body: list = field(default_factory=list)  # MarkdownBlock | PhotoBlock | QuoteBlock
    related_headlines: list[str] = field(default_factory=list)  # resolved by the writer
    copyright_holder: str = ""  # from the footer ("저작권자 © 한빛일보 무단전재 및 재배포 금지")
    copyright_text: str = ""  # the footer line as printed
    old_urls: list[str] = field(default_factory=list)  # paths or URLs to redirect to the new page
    todos: list[Todo] = field(default_factory=list)
    #: What was recognised, one short line each, for the report:
    #: "photo caption, credit “연합뉴스” (사진=연합뉴스)", "copyright footer: 한빛일보", ...
    recognised: list[str] = field(default_factory=list)
    content_hash: str = ""  # sha256 of the source text, to tell whether a re-import changed anything


@dataclass
class ParseProblem:
    """One piece that could not be read: reported with its file and position;
    the rest of the import goes on."""

    file: str
    position: str
    message: str
    source_id: str = ""
