"""The public URL patterns of the site, walked from the URL conf (for tests that
must cover every page a reader or a crawler can reach, not a hand list)."""

from django.urls import URLPattern, URLResolver, get_resolver

#: Outside the reader's site: the desk, the language switch, media in DEBUG.
NOT_PUBLIC = ("admin/", "i18n/", "media/")


def public_patterns(patterns=None, prefix="", namespace=""):
    """``(URL name, parameter names)`` of every named public pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if any(route.lstrip("^").startswith(skip) for skip in NOT_PUBLIC):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from public_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, list(pattern.pattern.converters)


def public_url_names():
    return [name for name, _ in public_patterns()]
