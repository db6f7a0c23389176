"""The newsroom's content model (DESIGN.md), one module per concept."""

from .article import (
    Article,
    ArticleEvent,
    Author,
    Authorship,
    EmbeddedArticle,
    EmbeddedImage,
    EmbeddedQuote,
    Section,
    TaggedArticle,
)
from .carryover import ArticleRedirect, ArticleTodo
from .drafts import Autosave
from .live import LiveCoverage, LiveEntry, LiveEntryImage, LiveEntryQuote, LiveEntryRevision
from .notifications import Notification
from .rendering import ArticleRendering
from .rights import LICENSE_URLS, CopyrightNotice, License
from .source import Citation, Quote, Source
from .status import PUBLIC_STATUSES, Origin, Status
from .workflow import EDIT_LOCK_TTL, Correction, EditLock, PreviewLink, Revision

__all__ = [
    "EDIT_LOCK_TTL",
    "LICENSE_URLS",
    "PUBLIC_STATUSES",
    "Article",
    "ArticleEvent",
    "ArticleRedirect",
    "ArticleRendering",
    "ArticleTodo",
    "Author",
    "Authorship",
    "Autosave",
    "Citation",
    "CopyrightNotice",
    "Correction",
    "EditLock",
    "EmbeddedArticle",
    "EmbeddedImage",
    "EmbeddedQuote",
    "License",
    "LiveCoverage",
    "LiveEntry",
    "LiveEntryImage",
    "LiveEntryQuote",
    "LiveEntryRevision",
    "Notification",
    "Origin",
    "PreviewLink",
    "Quote",
    "Revision",
    "Section",
    "Source",
    "Status",
    "TaggedArticle",
]
