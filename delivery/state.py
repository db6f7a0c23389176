"""Content state: which generation of the site's content a request reads, and
until when what it computes stays right.

* The **generation** is a random token in the shared cache. Every change a
  reader could see starts a new one (the "content changed" hook, see
  ``delivery.receivers``): whatever was stored or remembered under an older
  generation is ignored from then on, by every process at its next request.
* The **next change** is the next moment the site changes by itself — a
  scheduled piece going live, one expiring, a photo's rights running out —
  capped at a page's normal lifetime, so anything written behind the services'
  back (a shell, a data migration) heals within it. It is worked out once per
  generation on the primary and shared through the cache; lazily, so a
  page-cache hit never pays for it.
* **Replica freshness**: a page rendered soon after a change reads the
  primary, since a lagging replica could put the old page back for minutes.
* **Versions of what a stored page shows**, for the page cache, so that a
  change forgets only the pages it touches: each page's address has a version
  (the pages the URL-family registry names for the changed articles get a new
  one, ``delivery.receivers``), and a page may depend on more (an article's
  related box on its section's and tags' newest pieces: ``depend_on``). A
  change no registry can place (a section renamed, a notice edited) starts a
  new **site generation**, which every stored page carries.

``ContentStateMiddleware`` reads all of it with one cache read per request —
together with the stored page the page cache may answer with, its address's
version and the versions this process has seen that address depend on — and
hands it to the request as ``request.content_state``. Requests that no cache may serve
(staff with a session, previews, the admin) get none, so they always compute
afresh.
"""

import time
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.functional import cached_property

from articles.models import Article
from newsroom.routers import reads_from_replica
from photos.models import Image

from .pagecache import (
    forget_local,
    is_cacheable_request,
    known_dependencies,
    page_cache,
    path_version_key,
    replay_local,
    stored_page_key,
)

GENERATION_KEY = "pagecache:generation"
SITE_GENERATION_KEY = "pagecache:site"
NEXT_CHANGE_KEY = "pagecache:next-change"


def _token():
    return uuid.uuid4().hex


def new_generation(*, site=False):
    """A change: forget every remembered part (they are keyed by generation),
    and with ``site`` every stored page too. The generation says when it began,
    so reads right after a change avoid replicas."""
    generation = f"{_token()}:{time.time():.3f}"
    forget_local()
    cache = page_cache()
    values = {GENERATION_KEY: generation}
    if site:
        values[SITE_GENERATION_KEY] = _token()
    cache.set_many(values, None)
    cache.delete(NEXT_CHANGE_KEY)
    return generation


def next_change_at(now=None):
    """When the site next changes by itself: the next publication or expiry of
    any article, or the day a photo's rights run out (at local midnight)."""
    now = now or timezone.now()
    moments = [Article.objects.next_visibility_change(now), Image.objects.next_rights_end(now)]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def store_next_change(cache, now_epoch, generation):
    """The epoch second until which what is worked out now stays right: the
    next moment the site changes by itself, at most a page's normal lifetime
    away. Kept in the cache until then, with the generation it was worked out
    in: a value that comes back after a newer change started a new generation
    is ignored."""
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


def generation_age(generation, now):
    try:
        return now - float(generation.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 0.0


class ContentState:
    """What this request knows of the site's content (see the module's doc)."""

    def __init__(
        self,
        generation,
        *,
        read_at,
        next_change=None,
        page_key=None,
        page_entry=None,
        site_generation=None,
        path=None,
        versions=None,
    ):
        self.generation = generation
        self.read_at = read_at
        #: The stored page for this address, as read with the state (or ``None``).
        self.page_key = page_key
        self.page_entry = page_entry
        self.site_generation = site_generation
        self.path = path
        #: Versions read so far ({key: version or None}), and those this
        #: response depends on (its address's, and what its view declared).
        self.versions = dict(versions or {})
        self.dependencies = {path_version_key(path)} if path is not None else set()
        #: False once a version was read after a newer change than the generation
        #: this request's remembered parts belong to: the page may mix the two.
        self.storable = True
        if next_change is not None:
            self.__dict__["valid_until"] = next_change

    def read_versions(self, keys, *, with_generation=False):
        """The current versions of ``keys``, read from the cache if not yet.
        ``with_generation`` reads the generation in the same read: one newer
        than this request's means the versions may be newer than the parts it
        remembers, and the page is not stored."""
        missing = [key for key in keys if key not in self.versions]
        if missing:
            found = page_cache().get_many([*([GENERATION_KEY] if with_generation else []), *missing])
            self.versions.update({key: found.get(key) for key in missing})
            if with_generation and found.get(GENERATION_KEY) != self.generation:
                self.storable = False
        return {key: self.versions[key] for key in keys}

    def depend_on(self, keys):
        """This response shows what these versions cover: read them now, before
        the view reads what they cover (a change after this read makes the page
        stored now miss; one before it is in what the view reads)."""
        if self.path is None:
            return
        self.read_versions(keys, with_generation=True)
        self.dependencies.update(keys)

    @cached_property
    def valid_until(self):
        """Epoch seconds when the site next changes by itself, at most a page's
        lifetime after it was worked out (worked out now if nobody has yet)."""
        return store_next_change(page_cache(), self.read_at, self.generation)

    @property
    def replica_is_fresh(self):
        return generation_age(self.generation, self.read_at) > settings.NEWSROOM_REPLICA_LAG_SECONDS


class ContentStateMiddleware:
    """Read the content state for every request a cache may serve (placed before
    the page cache and the session middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        page_key = stored_page_key(request)
        if page_key:
            # A page this process served or stored within the last second: no read at all.
            replayed = replay_local(request, page_key)
            if replayed is not None:
                return replayed
        cache = page_cache()
        keys = [GENERATION_KEY, SITE_GENERATION_KEY, NEXT_CHANGE_KEY]
        path = versions = None
        if page_key:
            path = request.path
            versions = [path_version_key(path), *known_dependencies(path)]
            keys += [page_key, *versions]
        found = cache.get_many(keys)
        generation = found.get(GENERATION_KEY)
        site_generation = found.get(SITE_GENERATION_KEY)
        if generation is None or site_generation is None:
            # The cache lost them (a restart, an eviction): nothing stored before counts.
            generation = new_generation(site=True)
            site_generation = cache.get(SITE_GENERATION_KEY)
        state = ContentState(
            generation,
            read_at=time.time(),
            next_change=next_change_of(found, generation),
            page_key=page_key,
            page_entry=found.get(page_key) if page_key else None,
            site_generation=site_generation,
            path=path,
            versions={key: found.get(key) for key in versions or ()},
        )
        request.content_state = state
        with reads_from_replica(state.replica_is_fresh):
            return self.get_response(request)
