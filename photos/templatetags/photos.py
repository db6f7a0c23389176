"""Template tags of the photo library: a responsive ``<picture>`` and the credit line."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def credit_line(image, language="ko"):
    return image.credit_line(language) if image else ""


@register.simple_tag
def picture(image, family="w", sizes="100vw", loading="lazy", css_class="", alt=None):
    """A responsive ``<picture>``: WebP with a JPEG fallback, width and height set
    (no layout shift). An image whose rights have expired becomes a neutral
    placeholder and none of its files are linked."""
    if image is None:
        return ""
    renditions = image.rendition_set(family)
    if not renditions:
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
