"""Helpers shared by the desk's admin pages."""

from django.utils.html import format_html

from ..templatetags.newsroom import rendition_url


def thumbnail(image, size=80):
    url = rendition_url(image, "thumb160", "webp") if image else ""
    if not url:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="nr-thumb" loading="lazy">',
        url,
        size,
        size,
        image.alt_text,
    )
