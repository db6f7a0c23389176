"""The page cache for anonymous readers.

Whole responses of public pages are kept in the shared cache (``CACHES``: the
database by default, a file cache or Redis where configured; never one process's
memory, so every app server sees one cache), under the content generation they
were rendered in (``delivery.state``). It is never stale:

* a change forgets the pages that show it: each stored page carries the
  versions of what it shows (its address's, and whatever its view declared it
  depends on, read before the view reads the content), and a change gives
  those pages new versions (``delivery.receivers``); a change no page can be
  found for starts a new site generation, and every page stored before it is
  ignored from then on;
* no page is kept past the next moment the site changes by itself (a scheduled
  piece going live, a piece expiring, a photo's rights running out), so a
  scheduled article appears at its minute with no worker and no purge.

A page a process served lately is replayed from its own memory for
``NEWSROOM_PAGE_CACHE_LOCAL_SECONDS`` (1 s) without any read: a change made by
the process empties that memory, one made elsewhere is seen within the second.

This module only stores and replays; the state it keys on is read by
``ContentStateMiddleware`` in the same cache read as the stored page (with the
versions this process last saw the address depend on: a hit needs one read).

Only anonymous GET/HEAD requests without a session are served from it; the
admin, previews and anything private or setting a cookie never are.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, get_max_age, patch_cache_control
from django.utils.http import http_date

#: Paths that are never cached, whoever asks.
PRIVATE_PREFIXES = ("/admin/", "/preview/", "/healthz", "/readyz", "/static/", "/media/", "/i18n/")
#: Headers a stored page does not carry (they belong to one response only).
DROPPED_HEADERS = {"set-cookie", "date", "age", "vary"}


#: How long a page's version is kept unchanged: a stored page lives minutes, and
#: a version that is gone makes the pages stored under it miss (never match).
VERSION_SECONDS = 24 * 3600


def path_version_key(path):
    """The version key of the pages at ``path`` (any host, any query string);
    ``path`` as the request has it or as ``reverse`` gives it (quoted)."""
    return "pagecache:path:" + hashlib.sha256(unquote(path).encode()).hexdigest()


def pool_version_key(kind, pk):
    """The version key of what a page shows of a group's newest pieces (an
    article's related box reads its section's and its tags')."""
    return f"pagecache:pool:{kind}:{pk}"


def related_pools_of(section_id, tag_ids):
    """The pools an article's related box reads (``reader.pages.related_articles``)."""
    return [
        *([pool_version_key("section", section_id)] if section_id else []),
        *(pool_version_key("tag", pk) for pk in tag_ids),
    ]


def new_versions(keys):
    """The pages depending on ``keys`` are stored again at their next request."""
    keys = sorted(set(keys))
    forget_local()
    if keys:
        page_cache().set_many({key: uuid.uuid4().hex for key in keys}, VERSION_SECONDS)


#: For each path, the version keys its pages depended on when this process last
#: stored or replayed one: read with the page, so a hit needs no second read.
_known = OrderedDict()
_known_lock = threading.Lock()
KNOWN_PATHS = 20000


def known_dependencies(path):
    with _known_lock:
        return _known.get(path, ())


def learn_dependencies(path, keys):
    keys = tuple(sorted(keys))
    with _known_lock:
        if _known.get(path) != keys:
            _known[path] = keys
            _known.move_to_end(path)
            while len(_known) > KNOWN_PATHS:
                _known.popitem(last=False)


#: The pages this process served or stored lately, by key: (entry, when its
#: versions were last read from the shared cache). For that long
#: (``NEWSROOM_PAGE_CACHE_LOCAL_SECONDS``) a hit reads nothing at all; a change
#: made by this process empties it at once, one made by another process is seen
#: within that time (the app's purge time, as the edge has its own).
_local = OrderedDict()
_local_lock = threading.Lock()
LOCAL_PAGES = 256


def replay_local(request, key):
    """The stored page for ``key`` if this process read its versions within the
    local time and it has not expired; else ``None``."""
    seconds = settings.NEWSROOM_PAGE_CACHE_LOCAL_SECONDS
    if seconds <= 0:
        return None
    with _local_lock:
        found = _local.get(key)
    if found is None:
        return None
    entry, validated_at = found
    now = time.time()
    if not (0 <= now - validated_at < seconds and entry["expires"] > now):
        return None
    return PageCacheMiddleware._replay(request, entry, now)


def keep_local(key, entry, now):
    if settings.NEWSROOM_PAGE_CACHE_LOCAL_SECONDS <= 0:
        return
    with _local_lock:
        _local[key] = (entry, now)
        _local.move_to_end(key)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)


def forget_local():
    with _local_lock:
        _local.clear()


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


PAGE_KEY_PREFIX = "pagecache:page:"


def page_key(request):
    return PAGE_KEY_PREFIX + hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()


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
        if entry and self._is_current(state, entry, now):
            keep_local(state.page_key, entry, now)
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
            versions = self._versions_to_store(state)
            if versions is None:
                return response
            entry = {
                "site": state.site_generation,
                "versions": versions,
                "expires": now + lifetime,
                "status": response.status_code,
                "headers": [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS],
                "content": response.content,
            }
            page_cache().set(state.page_key, entry, int(lifetime) + 1)
            keep_local(state.page_key, entry, now)
        return response

    @staticmethod
    def _is_current(state, entry, now):
        """Stored in this site generation, not expired, and nothing it shows has
        a new version since (a version that is gone never matches)."""
        if entry.get("site") != state.site_generation or entry["expires"] <= now:
            return False
        stored = entry["versions"]
        current = state.read_versions(list(stored))
        learn_dependencies(state.path, stored)
        return all(current[key] is not None and current[key] == version for key, version in stored.items())

    @staticmethod
    def _versions_to_store(state):
        """The versions this page was rendered under ({key: version}); a key
        with none yet gets one (unless a change just gave it one: the page is
        then not stored, it may predate that change)."""
        if not state.storable:
            return None
        versions = state.read_versions(sorted(state.dependencies))
        cache = page_cache()
        for key, version in versions.items():
            if version is None:
                version = uuid.uuid4().hex
                if not cache.add(key, version, VERSION_SECONDS):
                    return None
                versions[key] = state.versions[key] = version
        learn_dependencies(state.path, versions)
        return versions

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
