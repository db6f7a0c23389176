"""The demo newsroom's content, read from the data files in ``demo/content/``.

Everything there is fiction written for this project: the people, companies,
outlets, posts and stories are invented, and no text is taken from a real paper.

* ``people.toml``: the logins, the bylines, the sections, the copyright notice
  and the archive's photo credit in each language;
* ``images.toml``: the photo library (``drawing`` says what ``demo/pictures.py``
  draws);
* ``sources.toml`` and ``quotes.toml``: who is quoted, saying what;
* ``articles/NN-<key>.md``: one article a file, as a reporter writes it: TOML
  front matter between ``+++`` lines, then the body in Markdown, one paragraph
  a line. A paragraph may be an embed line: ``[[image:<file>]]``,
  ``[[quote:<key>]]`` or ``[[article:<key>]]`` (an article whose file comes
  earlier); ``{cited}`` becomes the day of the cited report ("16일",
  "on March 16"). Files load in name order.

``load()`` reads them into the records below; a field that is not known, one
that is missing, or a file that does not parse is a ``DemoError`` naming the
file, so a typo in the prose stops the seed before anything is saved.
"""

import dataclasses
import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from articles.models import License, Quote, Source, Status

FOLDER = Path(__file__).resolve().parent / "content"

#: When the scheduled article goes live: this many days after the seed, at this local time.
SCHEDULED_DAYS_AHEAD, SCHEDULED_TIME = 2, "09:00"


class DemoError(Exception):
    """The demo content is inconsistent (an embed pointing nowhere, an article
    that cannot be published, a data file that does not read); the seed stops
    and nothing is saved."""


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    group: str = ""
    superuser: bool = False
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class DemoAuthor:
    slug: str
    name: str
    title: str = ""
    bio: str = ""
    username: str = ""


@dataclass(frozen=True)
class DemoSection:
    slug: str
    name: str
    name_en: str
    position: int


@dataclass(frozen=True)
class DemoNotice:
    name: str
    text_ko: str
    text_en: str


@dataclass(frozen=True)
class DemoImage:
    """A picture of the library. ``file`` is its stable key."""

    file: str
    alt_text: str
    caption: str
    drawing: dict
    credit: str = ""
    language: str = "ko"
    copyright_holder: str = ""
    license: str = License.ALL_RIGHTS_RESERVED
    focal: tuple = (0.5, 0.5)


@dataclass(frozen=True)
class DemoSource:
    key: str
    name: str
    kind: str = Source.Kind.PERSON
    role: str = ""
    url: str = ""
    public_description: str = ""

    @property
    def is_anonymous(self):
        return bool(self.public_description)


@dataclass(frozen=True)
class DemoQuote:
    """A quote; ``text`` with its source is the stable key. ``said_days_ago``
    dates an interview relative to the first seed; posts carry ``said_on``."""

    key: str
    source: str
    text: str
    language: str = "ko"
    original_text: str = ""
    original_language: str = ""
    medium: str = Quote.Medium.INTERVIEW
    said_on: datetime.date | None = None
    said_days_ago: int | None = None
    evidence_url: str = ""
    evidence_image: str = ""


@dataclass(frozen=True)
class DemoCitation:
    """Another outlet's report an article attributes to; the body's ``{cited}``
    becomes its date."""

    outlet: str
    title: str
    url: str
    days_ago: int


@dataclass(frozen=True)
class DemoArticle:
    """An article; ``headline`` with ``language`` is its stable key, ``key``
    (its file's name without the number) what other articles embed it by.

    ``state`` is published (at ``published``: days ago and a local "HH:MM"),
    scheduled (``SCHEDULED_DAYS_AHEAD`` days ahead), in review or a draft (both
    written by the reporter).
    """

    key: str
    language: str
    section: str
    headline: str
    dek: str
    lead: str
    authors: tuple
    tags: tuple
    citation: DemoCitation
    body: tuple
    state: str = Status.PUBLISHED
    published: tuple = ()
    byline_override: str = ""
    translation_of: str = ""


@dataclass(frozen=True)
class Content:
    users: tuple
    authors: tuple
    sections: tuple
    notice: DemoNotice
    credits: dict
    images: tuple
    sources: tuple
    quotes: tuple
    articles: tuple

    def image(self, file):
        return next(image for image in self.images if image.file == file)

    def quote(self, key):
        return next(quote for quote in self.quotes if quote.key == key)


def _record(cls, data, where):
    """``cls(**data)``, or a ``DemoError`` that names the file and the field."""
    known = {field.name for field in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DemoError(f"{where}: unknown field {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    try:
        return cls(**{name: tuple(value) if isinstance(value, list) else value for name, value in data.items()})
    except TypeError as error:  # a required field is missing
        raise DemoError(f"{where}: {error}") from error


def _read_toml(path):
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DemoError(f"{path.name}: {error}") from error


def _records(cls, path, name):
    items = _read_toml(path).get(name, [])
    return tuple(_record(cls, item, f"{path.name}, {name} #{n}") for n, item in enumerate(items, 1))


def read_article(path):
    """One ``NN-<key>.md`` file: front matter and paragraphs."""
    parts = path.read_text(encoding="utf-8").split("+++\n", 2)
    if len(parts) != 3 or parts[0]:
        raise DemoError(f"{path.name}: an article file starts with front matter between two “+++” lines")
    _, front, rest = parts
    try:
        data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        raise DemoError(f"{path.name}: {error}") from error
    citation = data.pop("citation", None)
    if citation is None:
        raise DemoError(f"{path.name}: an article attributes another outlet: add a [citation]")
    data["citation"] = _record(DemoCitation, citation, f"{path.name}, [citation]")
    data["key"] = path.stem.split("-", 1)[1] if path.stem[:2].isdigit() else path.stem
    data["body"] = [paragraph.strip() for paragraph in rest.split("\n\n") if paragraph.strip()]
    if "state" in data:
        data["state"] = Status(data["state"])
    return _record(DemoArticle, data, path.name)


def load(folder=FOLDER):
    """All the demo content, checked for shape (what it points at is checked by the seed)."""
    people = _read_toml(folder / "people.toml")

    def listed(cls, name):
        return tuple(_record(cls, item, f"people.toml, {name} #{n}") for n, item in enumerate(people[name], 1))

    credits = people["credits"]
    images = tuple(
        # The archive's credit in the photo's language unless the file gives one.
        dataclasses.replace(image, credit=image.credit or credits[image.language])
        for image in _records(DemoImage, folder / "images.toml", "images")
    )
    return Content(
        users=listed(DemoUser, "users"),
        authors=listed(DemoAuthor, "authors"),
        sections=listed(DemoSection, "sections"),
        notice=_record(DemoNotice, people["notice"], "people.toml, [notice]"),
        credits=credits,
        images=images,
        sources=_records(DemoSource, folder / "sources.toml", "sources"),
        quotes=_records(DemoQuote, folder / "quotes.toml", "quotes"),
        articles=tuple(read_article(path) for path in sorted((folder / "articles").glob("*.md"))),
    )
