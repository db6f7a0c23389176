"""The paper's editions: Korean at the root, English under ``/en/``.

The one place that says which editions exist and how a language maps to one.
Everything that picks a value per edition — the article list of an edition, a
section's name, a notice's text, a photo's credit line, the purge of an
edition's pages — asks here (``edition_for``, ``in_language``,
``ArticleQuerySet.in_edition``; templates use the ``in_edition`` filter of
``reader``'s tags).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Edition:
    code: str  # the language code of its articles
    name: str  # what a reader calls it
    url_prefix: str  # "" for the root, "/en" …
    native_name: str  # the language switch's label, in its own language

    @property
    def site_name(self):
        """The paper's name on this edition's pages and feeds (``SITE_NAME``,
        ``SITE_NAME_EN``: the English edition speaks English)."""
        if self.code == "en":
            return settings.SITE_NAME_EN or settings.SITE_NAME
        return settings.SITE_NAME


KOREAN = Edition(code="ko", name=_("Korean"), url_prefix="", native_name="한국어")
ENGLISH = Edition(code="en", name=_("English"), url_prefix="/en", native_name="English")
#: Every edition, the default (``LANGUAGE_CODE``) first.
EDITIONS = {edition.code: edition for edition in (KOREAN, ENGLISH)}
DEFAULT = KOREAN


def edition_for(language):
    """The edition of a language code ("en", "en-us" → English; anything else → Korean)."""
    return ENGLISH if (language or "").lower().startswith("en") else DEFAULT


def site_name(language=None):
    """The paper's name in a language's edition (the current one by default)."""
    return edition_for(language or get_language()).site_name


def current_edition():
    """The edition the current request reads (its language comes from the URL)."""
    return edition_for(get_language())


def in_language(language, korean, english):
    """Pick the English value for the English edition, the Korean one otherwise
    (falling back to the Korean when no English is given)."""
    if edition_for(language) is ENGLISH and english:
        return english
    return korean
