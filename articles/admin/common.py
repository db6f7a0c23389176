"""Helpers shared by the desk's admin pages."""

from django.utils.html import format_html

from ..signals import notify_content_changed
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


class ReadersSeeThisMixin:
    """For records a public page prints (bylines, sections, copyright notices,
    tags): any save or delete tells the caches, so no reader sees the old one."""

    reader_change_reason = "catalogue changed"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        notify_content_changed(reason=self.reader_change_reason)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        notify_content_changed(reason=self.reader_change_reason)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        notify_content_changed(reason=self.reader_change_reason)
