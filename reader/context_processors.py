"""What every public page's template gets: the paper's name and address, the sections of the navigation."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from articles.editions import site_name
from delivery.memo import remember


def _sections():
    from articles.models import Section

    language = get_language() or settings.LANGUAGE_CODE
    return [
        {"url": section.get_absolute_url(), "name": section.name_for(language), "slug": section.slug}
        for section in Section.objects.order_by("position", "name")
    ]


def _nav_sections(request):
    language = get_language() or settings.LANGUAGE_CODE
    return remember(request, ("nav", language), _sections)


def site(request):
    """The paper's name in the request's edition and its address, and the sections for the navigation."""
    return {
        "SITE_NAME": site_name(),
        "SITE_URL": settings.SITE_URL,
        "nav_sections": SimpleLazyObject(lambda: _nav_sections(request)),
    }
