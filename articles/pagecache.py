"""The page cache for anonymous readers.

Whole responses of public pages are kept in the shared cache (``CACHES``: the
database by default, a file cache or Redis where configured; never one process's
memory, so every app server sees one cache). It is never stale:

* any change a reader could see sends the "content changed" hook, which starts a
  new cache generation: every page stored before it is ignored from then on;
* no page is kept past the next moment the site changes by itself (a scheduled
  piece going live, a piece expiring, a photo's rights running out), so a
  scheduled article appears at its minute with no worker and no purge.

Only anonymous GET/HEAD requests without a session are served from it; the
admin, previews and anything private or setting a cookie never are.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from newsroom.routers import reads_from_replica

from .memo import ContentState
from .signals import content_changed

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next-change"
#: Paths that are never cached, whoever asks.
PRIVATE_PREFIXES = ("/admin/", "/preview/", "/healthz", "/readyz", "/static/", "/media/", "/i18n/")
#: Headers a stored page does not carry (they belong to one response only).
DROPPED_HEADERS = {"set-cookie", "date", "age", "vary"}


def page_cache():
    return caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]


def new_generation():
    """Forget every stored page at once (they are keyed by generation). The
    generation says when it began, so reads right after a change avoid replicas."""
    generation = f"{uuid.uuid4().hex}:{time.time():.3f}"
    cache = page_cache()
    cache.set(GENERATION_KEY, generation, None)
    cache.delete(NEXT_CHANGE_KEY)
    return generation


@receiver(content_changed, dispatch_uid="articles.pagecache.purge")
def purge_on_content_change(sender, **kwargs):
    new_generation()


def next_change_at(now=None):
    """When the site next changes by itself: the earliest future publication or
    expiry, or the day a photo's rights run out (at local midnight)."""
    from .models import PUBLIC_STATUSES, Article, Image, Status

    now = now or timezone.now()
    moments = [
        Article.objects.filter(status=Status.SCHEDULED, publish_at__gt=now).aggregate(m=Min("publish_at"))["m"],
        Article.objects.filter(status__in=PUBLIC_STATUSES, expire_at__gt=now).aggregate(m=Min("expire_at"))["m"],
    ]
    moments.append(Image.objects.next_rights_end(now))
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def store_next_change(cache, now_epoch, generation):
    """The epoch second until which what is worked out now stays right: the
    next moment the site changes by itself, at most a page's normal lifetime
    away (so anything written behind the hook's back heals within it). Kept in
    the cache until then, with the generation it was worked out in: a value
    that comes back after a newer change started a new generation is ignored."""
    upcoming = next_change_at()
    moment = now_epoch + settings.NEWSROOM_PAGE_CACHE_SECONDS
    if upcoming is not None:
        moment = min(moment, upcoming.timestamp())
    cache.set(NEXT_CHANGE_KEY, (generation, moment), max(1, int(moment - now_epoch)))
    return moment


def next_change_of(found, generation):
    """The stored next change if it was worked out in this generation."""
    value = found.get(NEXT_CHANGE_KEY)
    if isinstance(value, tuple) and len(value) == 2 and value[0] == generation:
        return value[1]
    return None


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


def generation_age(generation, now):
    try:
        return now - float(generation.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 0.0


def page_key(request):
    digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"pagecache:page:{digest}"


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous readers (placed before the
    session middleware, so a hit touches nothing but the cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        stored_path = is_stored_path(request)
        enabled = settings.NEWSROOM_PAGE_CACHE and stored_path
        cache = page_cache()
        key = page_key(request) if enabled else None
        now = time.time()
        # One read: the generation and the next change serve the remembered
        # parts of pages (memo.py) even with the page cache off.
        found = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY, *([key] if enabled else [])])
        generation = found.get(GENERATION_KEY) or new_generation()
        next_change = next_change_of(found, generation)
        if enabled:
            entry = found.get(key)
            if entry and entry["generation"] == generation and entry["expires"] > now:
                return self._replay(request, entry, now)
        # A page rendered soon after a change reads the primary: a lagging
        # replica could put the old page back for minutes.
        replica_is_fresh = generation_age(generation, now) > settings.NEWSROOM_REPLICA_LAG_SECONDS
        if next_change is None:  # shared by every process: worked out on the primary
            next_change = store_next_change(cache, now, generation)
        request.content_state = ContentState(generation, next_change)
        with reads_from_replica(replica_is_fresh):
            response = self.get_response(request)
        if not (stored_path and is_cacheable_response(response)):
            return response
        lifetime = min(settings.NEWSROOM_PAGE_CACHE_SECONDS, next_change - now)
        self._mark_public(response, lifetime, now)
        if enabled and lifetime >= 1:
            entry = {
                "generation": generation,
                "expires": now + lifetime,
                "status": response.status_code,
                "headers": [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS],
                "content": response.content,
            }
            cache.set(key, entry, int(lifetime) + 1)
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
