"""What every reader's page repeats, remembered by each app process for one
content generation.

The navigation's sections, an article's related list and the front page's
section boxes are the same for every reader until something changes. The page
cache middleware reads the content generation and the next moment the site
changes by itself (one cache read a request, which it needs anyway) and hands
them to the request; ``remember()`` keeps a computed value in this process's
memory under that generation and that moment, and never past the moment:

* any change a reader could see starts a new generation (the "content changed"
  hook, see ``pagecache.py``): every process drops what it remembered at its
  next request;
* a scheduled piece going live, one expiring or a photo's rights running out
  end the generation's validity without a hook: nothing remembered is used
  past that moment, and once the next moment is worked out again, what was
  remembered before is dropped.

Requests the page cache does not consider (staff with a session, previews, the
admin) carry no generation, so they always compute afresh. This is not a page
cache: the page is rendered on every request, from remembered parts.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

#: Entries one process keeps for one generation (related lists of the most read
#: articles, a navigation per language); the least recently used go first.
MAX_ENTRIES = 4096

_lock = threading.Lock()
_entries = OrderedDict()
_generation = None


@dataclass(frozen=True)
class ContentState:
    """What the page cache middleware learned of the site for this request."""

    generation: str
    #: Epoch seconds when the site next changes by itself.
    valid_until: float


def remember(request, key, compute):
    """``compute()``'s value for this request's content generation, computed
    once per process and generation."""
    global _generation
    state = getattr(request, "content_state", None)
    if state is None or time.time() >= state.valid_until:
        return compute()
    # What was remembered before the last "next change" was worked out again
    # may predate a scheduled piece going live: a new moment, a new memory.
    epoch = (state.generation, state.valid_until)
    with _lock:
        if _generation != epoch:
            _entries.clear()
            _generation = epoch
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]
    value = compute()
    with _lock:
        if _generation == epoch:
            _entries[key] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return value


def forget():
    """Drop everything this process remembers (tests; a new generation does it anyway)."""
    global _generation
    with _lock:
        _entries.clear()
        _generation = None
