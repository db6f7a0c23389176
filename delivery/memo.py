"""What every reader's page repeats, remembered by each app process for one
content generation.

The navigation's sections, an article's related list, the front page's
top-story block and section boxes, and each article's card in the lists are the
same for every reader until something changes (which articles a list shows is
still read on every request). The content
state middleware (``delivery.state``) reads the content generation and the next
moment the site changes by itself, capped at a page's normal lifetime (one cache
read a request; a few small queries when that moment is worked out again) and
hands them to the request; ``remember()`` keeps a computed value in this process's
memory under that generation and that moment, and never past the moment:

* any change a reader could see starts a new generation (the "content changed"
  hook, see ``delivery.receivers``): every process drops what it remembered at its
  next request;
* a scheduled piece going live, one expiring or a photo's rights running out
  end the generation's validity without a hook: nothing remembered is used
  past that moment, and once the next moment is worked out again, what was
  remembered before is dropped;
* the moment is never more than ``NEWSROOM_PAGE_CACHE_SECONDS`` (5 minutes)
  away, so even a change written behind the services' back (a shell, a data
  migration) shows within that time, as with the page cache.

Requests the page cache does not consider (staff with a session, previews, the
admin) carry no generation, so they always compute afresh. This is not a page
cache: the page is rendered on every request, from remembered parts.
"""

import threading
import time
from collections import OrderedDict

#: Entries one process keeps for one generation, by kind: page parts (related
#: lists of the most read articles, a navigation per language, the front page's
#: boxes, cards) and search results (bigger, and a reader can ask for any number of
#: them); the least recently used go first.
SPACES = {"parts": 4096, "search": 200}

_lock = threading.Lock()
_entries = {space: OrderedDict() for space in SPACES}
_generation = None


def _epoch(request):
    """This request's (generation, moment), or ``None`` when nothing may be
    remembered for it (no generation, or its moment has passed)."""
    state = getattr(request, "content_state", None)
    if state is None or time.time() >= state.valid_until:
        return None
    # What was remembered before the last "next change" was worked out again
    # may predate a scheduled piece going live: a new moment, a new memory.
    return (state.generation, state.valid_until)


def _recall(epoch, entries, keys):
    """The remembered values of ``keys`` (under the lock), after dropping
    everything when the epoch moved on."""
    global _generation
    if _generation != epoch:
        for kept in _entries.values():
            kept.clear()
        _generation = epoch
    found = {}
    for key in keys:
        if key in entries:
            entries.move_to_end(key)
            found[key] = entries[key]
    return found


def _keep(epoch, entries, values, limit):
    """Remember ``values`` (under the lock) unless the epoch moved on meanwhile."""
    if _generation == epoch:
        entries.update(values)
        while len(entries) > limit:
            entries.popitem(last=False)


def remember(request, key, compute, *, space="parts"):
    """``compute()``'s value for this request's content generation, computed
    once per process and generation."""
    return remember_many(request, [key], lambda keys: {key: compute()}, space=space)[key]


def remember_many(request, keys, compute_missing, *, space="parts"):
    """``{key: value}`` for every key, computing only those not remembered, all
    at once (``compute_missing(keys) -> {key: value}``): a list of cards reads
    the articles it has not shown since the last change in one query."""
    epoch = _epoch(request)
    if epoch is None:
        return compute_missing(list(keys))
    entries = _entries[space]
    with _lock:
        found = _recall(epoch, entries, keys)
    missing = [key for key in keys if key not in found]
    if missing:
        computed = compute_missing(missing)  # outside the lock: it may take a while
        found.update(computed)
        with _lock:
            _keep(epoch, entries, computed, SPACES[space])
    return found


def forget():
    """Drop everything this process remembers (tests; a new generation does it anyway)."""
    global _generation
    with _lock:
        for kept in _entries.values():
            kept.clear()
        _generation = None
