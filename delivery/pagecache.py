"""The page cache for anonymous readers.

Whole responses of public pages are kept in the shared cache (``CACHES``: the
database by default, a file cache or Redis where configured; never one process's
memory, so every app server sees one cache), under the content generation they
were rendered in (``delivery.state``). It is never stale:

* any change a reader could see starts a new generation: every page stored
  before it is ignored from then on;
* no page is kept past the next moment the site changes by itself (a scheduled
  piece going live, a piece expiring, a photo's rights running out), so a
  scheduled article appears at its minute with no worker and no purge.

This module only stores and replays; the state it keys on is read by
``ContentStateMiddleware`` in the same cache read as the stored page.

Only anonymous GET/HEAD requests without a session are served from it; the
admin, previews and anything private or setting a cookie never are.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, get_max_age, patch_cache_control
from django.utils.http import http_date

#: Paths that are never cached, whoever asks.
PRIVATE_PREFIXES = ("/admin/", "/preview/", "/healthz", "/readyz", "/static/", "/media/", "/i18n/")
#: Headers a stored page does not carry (they belong to one response only).
DROPPED_HEADERS = {"set-cookie", "date", "age", "vary"}


def page_cache():
    return caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(PRIVATE_PREFIXES):
        return False
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META)


def is_stored_path(request):
    """Search pages are not stored (every query would be a page of its own,
    crowding out the articles); the search view remembers results itself."""
    return not request.path_info.endswith("/search/")


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def page_key(request):
    digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"pagecache:page:{digest}"


def stored_page_key(request):
    """The key this request's page would be stored under, or ``None`` when the
    page cache is off or never stores this address (read with the content state)."""
    if settings.NEWSROOM_PAGE_CACHE and is_stored_path(request):
        return page_key(request)
    return None


class PageCacheMiddleware:
    """Replay and store whole pages for anonymous readers (placed right after
    ``ContentStateMiddleware``, before the session middleware, so a hit touches
    nothing but the one cache read the state made)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = getattr(request, "content_state", None)
        if state is None:  # nothing a cache may serve
            return self.get_response(request)
        now = time.time()
        entry = state.page_entry
        if entry and entry["generation"] == state.generation and entry["expires"] > now:
            return self._replay(request, entry, now)
        response = self.get_response(request)
        if not (is_stored_path(request) and is_cacheable_response(response)):
            return response
        # A page may ask for a shorter life than the site's (a live page's
        # fragment, polled by its readers: a few seconds).
        own = get_max_age(response)
        lifetime = min(settings.NEWSROOM_PAGE_CACHE_SECONDS, state.valid_until - now, *([own] if own else []))
        self._mark_public(response, lifetime, now)
        if state.page_key and lifetime >= 1:
            entry = {
                "generation": state.generation,
                "expires": now + lifetime,
                "status": response.status_code,
                "headers": [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS],
                "content": response.content,
            }
            page_cache().set(state.page_key, entry, int(lifetime) + 1)
        return response

    @staticmethod
    def _mark_public(response, lifetime, now):
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        response["Last-Modified"] = response.get("Last-Modified") or http_date(now)
        # nginx keeps it this long at most (and hides the header from clients).
        response["X-Accel-Expires"] = str(max(0, int(lifetime)))
        patch_cache_control(
            response, public=True, max_age=max(0, min(int(lifetime), settings.NEWSROOM_BROWSER_CACHE_SECONDS))
        )

    @staticmethod
    def _replay(request, entry, now):
        headers = dict(entry["headers"])
        # The browser's copy must not outlive the page's own expiry either.
        remaining = max(0, int(entry["expires"] - now))
        headers["Cache-Control"] = f"public, max-age={min(remaining, settings.NEWSROOM_BROWSER_CACHE_SECONDS)}"
        headers["X-Accel-Expires"] = str(remaining)
        not_modified = get_conditional_response(request, etag=headers.get("ETag"), last_modified=None, response=None)
        if not_modified is not None:
            for name in ("ETag", "Cache-Control", "Last-Modified"):
                if name in headers:
                    not_modified[name] = headers[name]
            return not_modified
        response = HttpResponse(
            b"" if request.method == "HEAD" else entry["content"], status=entry["status"], headers=headers
        )
        response["X-Page-Cache"] = "hit"
        return response
