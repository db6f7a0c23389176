"""Display helpers for the reader's site: pictures, credits, JSON-LD."""

import json

from django import template
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

#: Escapes that keep a JSON document inside <script> whatever its strings hold.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

#: The rendition families a template can ask for: name prefix → widths.
FAMILIES = {"w": (480, 960, 1600), "card": (480, 960), "thumb": (160, 320)}


@register.filter
def jsonld(data):
    """``<script type="application/ld+json">`` with ``<``, ``>`` and ``&`` escaped,
    so a headline holding ``</script>`` cannot break out."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe('<script type="application/ld+json">' + text.translate(_SCRIPT_SAFE) + "</script>")


@register.simple_tag(takes_context=True)
def card(context, article, compact=False):
    """An article's card in a list, rendered once per content generation in each
    process (``articles/memo.py``): a list page then renders only the cards it
    has not shown since the last change."""
    from ..memo import remember

    def render():
        return render_card(article, compact)

    return remember(context.get("request"), card_key(article.pk, compact), render)


def card_key(article_id, compact=False):
    return ("card", article_id, bool(compact), get_language())


def render_card(article, compact=False):
    return render_to_string("articles/includes/_card.html", {"article": article, "compact": compact})


@register.simple_tag
def credit_line(image, language="ko"):
    return image.credit_line(language) if image else ""


def rendition_set(image, family="w"):
    """``[(width, height, webp_url, jpeg_url), …]`` for the family, smallest first."""
    renditions = image.renditions or {}
    found = []
    for width in FAMILIES[family]:
        record = renditions.get(f"{family}{width}")
        if record:
            found.append(
                (
                    record["width"],
                    record["height"],
                    default_storage.url(record["webp"]),
                    default_storage.url(record["jpeg"]),
                )
            )
    return found


def rendition_url(image, name="w1600", image_format="jpeg"):
    """The URL of one rendition (the largest of its family when absent), or ''."""
    if image is None or image.rights_expired():
        return ""
    record = (image.renditions or {}).get(name)
    if record is None:
        candidates = rendition_set(image, name.rstrip("0123456789") or "w")
        return candidates[-1][3 if image_format == "jpeg" else 2] if candidates else ""
    return default_storage.url(record[image_format])


@register.simple_tag
def picture(image, family="w", sizes="100vw", loading="lazy", css_class="", alt=None):
    """A responsive ``<picture>``: WebP with a JPEG fallback, width and height set
    (no layout shift). An image whose rights have expired becomes a neutral
    placeholder and none of its files are linked."""
    if image is None:
        return ""
    renditions = rendition_set(image, family)
    if image.rights_expired() or not renditions:
        return format_html(
            '<div class="image-placeholder {}" role="img" aria-label="{}"><span>{}</span></div>',
            css_class,
            _("Image not available"),
            _("Image not available"),
        )
    width, height = renditions[min(1, len(renditions) - 1)][:2]
    webp_srcset = format_html_join(", ", "{} {}w", ((webp, w) for w, _h, webp, _j in renditions))
    jpeg_srcset = format_html_join(", ", "{} {}w", ((jpeg, w) for w, _h, _wp, jpeg in renditions))
    fallback = renditions[min(1, len(renditions) - 1)][3]
    return format_html(
        '<picture class="{}"><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>'
        "</picture>",
        css_class,
        webp_srcset,
        sizes,
        fallback,
        jpeg_srcset,
        sizes,
        width,
        height,
        image.alt_text if alt is None else alt,
        loading,
        mark_safe(' fetchpriority="high"') if loading == "eager" else "",
    )
