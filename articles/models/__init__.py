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
from .image import Image
from .rights import LICENSE_URLS, CopyrightNotice, License
from .source import Citation, Quote, Source
from .status import PUBLIC_STATUSES, Status

__all__ = [
    "LICENSE_URLS",
    "PUBLIC_STATUSES",
    "Article",
    "ArticleEvent",
    "Author",
    "Authorship",
    "Citation",
    "CopyrightNotice",
    "EmbeddedArticle",
    "EmbeddedImage",
    "EmbeddedQuote",
    "Image",
    "License",
    "Quote",
    "Section",
    "Source",
    "Status",
    "TaggedArticle",
]
