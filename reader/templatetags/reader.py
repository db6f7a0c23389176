"""Template tags of the reader's site: article cards and JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.editions import site_name
from delivery.memo import remember
from photos.text import public_url

register = template.Library()

#: Escapes that keep a JSON document inside <script> whatever its strings hold.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """``<script type="application/ld+json">`` with ``<``, ``>`` and ``&`` escaped,
    so a headline holding ``</script>`` cannot break out."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe('<script type="application/ld+json">' + text.translate(_SCRIPT_SAFE) + "</script>")  # noqa: S308 - <, > and & escaped above


@register.simple_tag(takes_context=True)
def card(context, article, compact=False):
    """An article's card in a list, rendered once per content generation in each
    process (``delivery/memo.py``): a list page then renders only the cards it
    has not shown since the last change."""

    def render():
        return render_card(article, compact)

    return remember(context.get("request"), card_key(article.pk, compact), render)


def card_key(article_id, compact=False):
    return ("card", article_id, bool(compact), get_language())


def render_card(article, compact=False):
    return render_to_string("reader/includes/_card.html", {"article": article, "compact": compact})


@register.filter
def name_in(record, language):
    """A record's name in one edition's language (``section|name_in:lang``):
    the English name for English where there is one, the Korean otherwise."""
    return record.name_for(language) if record else ""


@register.filter(name="public_url")
def public_url_filter(value):
    """A stored link, printed only when it is http(s) (``photos.text.public_url``)."""
    return public_url(value)


@register.filter(name="site_name")
def site_name_filter(language):
    """The paper's name in a language's edition (``article.language|site_name``)."""
    return site_name(language)
