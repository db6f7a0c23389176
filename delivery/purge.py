"""The edge purge: nginx in front of the app forgets the pages a change shows.

nginx keeps anonymous pages (``deploy/nginx/newsroom.conf``) for as long as the
app says in ``X-Accel-Expires`` — never past the next scheduled publication or
expiry, so a scheduled piece appears at its minute with no purge. When content
changes, the pages that show it are purged on every nginx of
``NEWSROOM_EDGE_PURGE_URLS``:

* **Which pages**: each public URL family declares which of its pages show a
  given article (``register``, as Wagtail pages declare ``get_cached_paths``),
  where the family is defined (the reader's are in ``reader/purges.py``; a
  content API registers its own). ``paths_for_articles`` asks every family.
  Query strings (later pages, searches) are never cached at the edge, so they
  need no purge.
* **Never lost**: the paths are written to an outbox table (``PendingPurge``) in
  the same transaction as the change (the ``content_changing`` signal), before
  anything can fail after commit.
* **Off the request path**: after commit, a thread of this process (started
  lazily, and again after a fork) drains the outbox within one time budget
  (``DRAIN_BUDGET_SECONDS``); ``publish_scheduled`` drains it too, as a
  backstop for a process that died. An unreachable edge costs the editor
  nothing: it is logged and retried with a growing delay. No transaction is
  open while an edge is asked, so on SQLite the drain never holds the write lock.
"""

import datetime
import logging
import os
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import F, Min, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import override

from articles.editions import EDITIONS
from articles.models import Article

from .models import PendingPurge

logger = logging.getLogger("newsroom.edgecache")

#: The longest one edge request may take, and all of one drain together.
PURGE_TIMEOUT_SECONDS = 2
DRAIN_BUDGET_SECONDS = 4
#: Rows one drain takes; a drain that claimed rows keeps them this long.
DRAIN_BATCH = 200
CLAIM_SECONDS = 30
#: Retry delays after failures: 1 s, 2 s, 4 s … at most a minute.
RETRY_CAP_SECONDS = 60


# -- Which pages show an article -----------------------------------------------------


@dataclass(frozen=True)
class URLFamily:
    """Pages of some URL names, and which of them show an article.

    ``for_article(article)`` gives the paths, in the article's edition, of the
    pages of this family that show it (the article comes with its section,
    tags and authors); ``for_site(edition)`` those to purge when something every
    page may print changed and no article is named (a section renamed).
    """

    url_names: tuple
    for_article: object
    for_site: object = None


_families = []


def register(*url_names, for_article, for_site=None):
    """Declare the pages of ``url_names`` that show an article (see ``URLFamily``)."""
    family = URLFamily(tuple(url_names), for_article, for_site)
    _families.append(family)
    return family


def families():
    return list(_families)


def path_of(name, **kwargs):
    """``reverse`` in the current language, or ``None`` when the pattern does not take these."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def paths_for_articles(article_ids):
    """Every edge-cached page the given articles appear on; with no article
    named, every edition's site-wide pages."""
    paths = set()
    articles = list(
        Article.objects.filter(pk__in=article_ids).select_related("section").prefetch_related("tags", "authors")
    )
    for edition in EDITIONS.values():
        with override(edition.code):
            for family in _families:
                if not article_ids and family.for_site:
                    paths.update(family.for_site(edition) or ())
                for article in articles:
                    if article.language == edition.code:
                        paths.update(family.for_article(article) or ())
    return sorted(path for path in paths if path)


# -- The outbox ------------------------------------------------------------------------


def enqueue(paths, now=None):
    """Ask for ``paths`` to be purged (in the caller's transaction)."""
    paths = sorted(set(paths))
    if not paths:
        return
    now = now or timezone.now()
    PendingPurge.objects.filter(path__in=paths).update(requested_at=now, next_attempt_at=now, attempts=0)
    PendingPurge.objects.bulk_create(
        [PendingPurge(path=path, requested_at=now, next_attempt_at=now) for path in paths], ignore_conflicts=True
    )


def _claim(now):
    """Take the due rows no other drain holds: ``[(pk, path, requested_at, attempts)]``."""
    due = Q(next_attempt_at__lte=now) & (Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
    candidates = list(
        PendingPurge.objects.filter(due).order_by("next_attempt_at", "pk")[:DRAIN_BATCH].values_list("pk", flat=True)
    )
    if not candidates:
        return []
    until = now + datetime.timedelta(seconds=CLAIM_SECONDS)
    with transaction.atomic():
        PendingPurge.objects.filter(due, pk__in=candidates).update(claimed_until=until)
        return list(
            PendingPurge.objects.filter(pk__in=candidates, claimed_until=until).values_list(
                "pk", "path", "requested_at", "attempts"
            )
        )


def _purge_one(edge, host, path, deadline):
    """True when the edge forgot ``path`` (or never had it)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return False
    request = urllib.request.Request(  # noqa: S310 - drain() passes http(s) edges only
        edge.rstrip("/") + "/_purge" + quote(path, safe="/%"), method="GET", headers={"Host": host}
    )
    try:
        with urllib.request.urlopen(request, timeout=min(PURGE_TIMEOUT_SECONDS, remaining)):  # noqa: S310 - http(s) only
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:  # it was not cached: nothing to forget
            return True
        logger.warning("edge purge of %s on %s failed: %s", path, edge, error)
    except (urllib.error.URLError, OSError) as error:
        logger.warning("edge purge of %s on %s failed: %s", path, edge, error)
    return False


def drain(*, budget=DRAIN_BUDGET_SECONDS, now=None):
    """Purge what the outbox holds, within ``budget`` seconds; ``(purged, left)``."""
    edges = [edge for edge in settings.NEWSROOM_EDGE_PURGE_URLS if urlsplit(edge).scheme in ("http", "https")]
    if len(edges) != len(settings.NEWSROOM_EDGE_PURGE_URLS):
        logger.error("NEWSROOM_EDGE_PURGE_URLS: only http:// and https:// edges are purged")
    if not edges:
        return 0, 0
    now = now or timezone.now()
    claimed = _claim(now)
    if not claimed:
        return 0, 0
    host = urlsplit(settings.SITE_URL).netloc
    deadline = time.monotonic() + budget
    unreachable = set()
    done, failed = [], {}  # failed: attempts so far -> row ids
    for pk, path, requested_at, attempts in claimed:
        ok = True
        for edge in edges:
            if edge in unreachable or not _purge_one(edge, host, path, deadline):
                unreachable.add(edge)  # one failure is enough: try that edge again later
                ok = False
        if ok:
            done.append((pk, requested_at))
        else:
            failed.setdefault(attempts, []).append(pk)
    for pk, requested_at in done:
        # Only if no change asked for the path again meanwhile.
        PendingPurge.objects.filter(pk=pk, requested_at=requested_at).delete()
    later = timezone.now()
    for attempts, pks in failed.items():  # one update per retry delay
        PendingPurge.objects.filter(pk__in=pks).update(
            attempts=F("attempts") + 1,
            claimed_until=None,
            next_attempt_at=later + datetime.timedelta(seconds=min(RETRY_CAP_SECONDS, 2**attempts)),
        )
    left = sum(len(pks) for pks in failed.values())
    if left:
        logger.warning("edge purge: %d of %d paths left for a later try", left, len(claimed))
    return len(done), left


def seconds_to_next_attempt(now=None):
    """How long until a row left in the outbox is due again (at most a minute)."""
    upcoming = PendingPurge.objects.aggregate(at=Min("next_attempt_at"))["at"]
    if upcoming is None:
        return RETRY_CAP_SECONDS
    return max(0.2, min(RETRY_CAP_SECONDS, (upcoming - (now or timezone.now())).total_seconds()))


# -- The drain thread ------------------------------------------------------------------


class Drainer:
    """One background thread per process that drains the outbox when poked
    (after each committed change) and every ``RETRY_CAP_SECONDS`` while rows
    are left. Started lazily, so a gunicorn worker forked from a master that
    imported this starts its own."""

    def __init__(self):
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread = None
        self._pid = None

    def poke(self):
        if not settings.NEWSROOM_EDGE_PURGE_URLS:
            return
        with self._lock:
            if self._pid != os.getpid() or self._thread is None or not self._thread.is_alive():
                self._pid = os.getpid()
                self._wake = threading.Event()
                self._thread = threading.Thread(target=self._run, name="edge-purge", daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self):
        wake = self._wake
        timeout = RETRY_CAP_SECONDS
        while True:
            wake.wait(timeout=timeout)
            wake.clear()
            timeout = RETRY_CAP_SECONDS
            try:
                drain()
                timeout = seconds_to_next_attempt()
            except Exception:  # never let the thread die: the next poke or minute tries again
                logger.exception("edge purge drain failed")
            finally:
                close_old_connections()


drainer = Drainer()
