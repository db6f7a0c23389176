"""The "most read" box, fed by the paper's own counter.

A page view is counted by a beacon the page sends once it is shown (the page
itself comes from the cache, which never reaches the app): ``count_read``
adds one to a counter in the shared cache, for the current five-minute bucket.
Nothing is written to the database per read. ``flush_reads`` moves the closed
buckets' counts into ``ReadCount`` rows in one batch; the box's own view does
it when it is rendered, which the page cache and the edge let happen at most
every few minutes. Counting never announces "content changed": it is not
content, and no page's cache is emptied by it.

The counters are only read for the articles that can be in the box (published
in the last ``CANDIDATE_DAYS``), and once a flush has listed them a beacon for
another id is not counted at all (ids just above the highest are pieces created
since, and count). Only the site's own pages count (``is_own_page``).
"""

import datetime
import functools
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from articles.editions import edition_for
from articles.models import Article
from newsroom.routers import reads_from_replica

from .models import ReadCount

logger = logging.getLogger(__name__)

BUCKET_SECONDS = 300
#: Counters are kept this long; a flush reads at most the last MAX_BUCKETS
#: closed buckets (the box is asked for every few minutes while anyone reads).
BUCKET_TTL = 3600
MAX_BUCKETS = 12
#: The box lists the most read of what readers read in this window...
WINDOW = datetime.timedelta(hours=24)
#: ...among the articles published in these last days.
CANDIDATE_DAYS = 3
MAX_CANDIDATES = 1000
#: Counters read from the cache per call (a database cache reads them with one IN).
READ_BATCH = 1000
BOX_LENGTH = 5
FLUSHED_KEY = "reads:flushed-through"
#: The ids a beacon may count (the box's candidates, kept at each flush), and
#: room above the highest for pieces created since: a beacon for any other id
#: costs one cache read and adds no key.
CANDIDATES_KEY = "reads:candidates"
NEW_ID_ROOM = 1000
LOCK_KEY = "reads:flush-lock"


def bucket_of(moment):
    return int(moment // BUCKET_SECONDS)


def counter_key(bucket, article_id):
    return f"reads:{bucket}:{article_id}"


def count_read(article_id, now=None):
    """One read of an article, in the cache (an atomic increment where the cache
    has one); ``False`` when it is not an article the box could list."""
    article_id = int(article_id)
    candidates = cache.get(CANDIDATES_KEY)
    if candidates is not None:
        known, top = candidates
        if article_id not in known and not top < article_id <= top + NEW_ID_ROOM:
            return False
    key = counter_key(bucket_of(now if now is not None else time.time()), article_id)
    try:
        cache.incr(key)
    except ValueError:  # the bucket's first read of it
        if not cache.add(key, 1, BUCKET_TTL):
            cache.incr(key)  # another process added it meanwhile
    return True


def candidate_ids(now):
    since = now - datetime.timedelta(days=CANDIDATE_DAYS)
    return list(
        Article.objects.published(now)
        .filter(publish_at__gte=since)
        .order_by("-publish_at")
        .values_list("pk", flat=True)[:MAX_CANDIDATES]
    )


def flush_reads(now=None):
    """Write the closed buckets' counts to ``ReadCount`` (one process at a time);
    returns the number of reads written."""
    now_seconds = now.timestamp() if now is not None else time.time()
    moment = timezone.now() if now is None else now
    current = bucket_of(now_seconds)
    if not cache.add(LOCK_KEY, 1, 60):
        return 0  # another process is flushing
    # What is already written is read where it is written: a lagging replica
    # would make an hour's row look new and its insert fail.
    with reads_from_replica(False):
        return _flush(current, moment)


def _flush(current, moment):
    try:
        first = cache.get(FLUSHED_KEY)
        first = current - MAX_BUCKETS if first is None else max(first + 1, current - MAX_BUCKETS)
        buckets = range(first, current)  # the current bucket is still counting
        if not buckets:
            return 0
        ids = candidate_ids(moment)
        cache.set(CANDIDATES_KEY, (frozenset(ids), max(ids, default=0)), BUCKET_TTL)
        keys = {counter_key(bucket, pk): (bucket, pk) for bucket in buckets for pk in ids}
        names = list(keys)
        found = {}
        for start in range(0, len(names), READ_BATCH):
            found.update(cache.get_many(names[start : start + READ_BATCH]))
        by_hour = {}  # the reads of each hour, per article
        for key, value in found.items():
            if value:
                bucket, pk = keys[key]
                hour = datetime.datetime.fromtimestamp(bucket * BUCKET_SECONDS, tz=datetime.UTC)
                counts = by_hour.setdefault(hour.replace(minute=0, second=0, microsecond=0), {})
                counts[pk] = counts.get(pk, 0) + int(value)
        written = 0
        for hour, counts in by_hour.items():
            try:
                _add_counts(counts, hour)
            except IntegrityError:  # an article deleted since the ids were read
                logger.warning("Read counts of %s were dropped: an article is gone", hour)
            else:
                written += sum(counts.values())
        cache.delete_many(list(found))
        cache.set(FLUSHED_KEY, buckets[-1], None)
        return written
    finally:
        cache.delete(LOCK_KEY)


def _add_counts(counts, hour):
    with transaction.atomic():
        existing = set(
            ReadCount.objects.filter(hour=hour, article_id__in=list(counts)).values_list("article_id", flat=True)
        )
        for article_id in existing:
            ReadCount.objects.filter(hour=hour, article_id=article_id).update(reads=F("reads") + counts[article_id])
        ReadCount.objects.bulk_create(
            [ReadCount(article_id=pk, hour=hour, reads=n) for pk, n in counts.items() if pk not in existing]
        )


def most_read(language, now=None, limit=BOX_LENGTH):
    """The edition's most read published articles of the last ``WINDOW``."""
    now = now or timezone.now()
    edition = edition_for(language)
    totals = (
        ReadCount.objects.filter(hour__gte=now - WINDOW, article__in=Article.objects.published(now).in_edition(edition))
        .values("article_id")
        .annotate(total=Sum("reads"))
        .order_by("-total", "-article_id")[:limit]
    )
    ranking = [row["article_id"] for row in totals]
    found = Article.objects.select_related("section").in_bulk(ranking)
    return [found[pk] for pk in ranking if pk in found]


def is_own_page(request):
    """Whether the beacon comes from one of the site's own pages. Another site's
    page could send beacons for its visitors (from as many addresses as it has
    readers) to push a piece into the box; browsers say where a request comes
    from (``Sec-Fetch-Site``; ``Origin`` in older ones)."""
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        return fetched_from == "same-origin"
    origin = request.headers.get("Origin")
    return origin is None or origin == site_origin()


@functools.cache
def site_origin():
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


@method_decorator(csrf_exempt, name="dispatch")
class ReadBeaconView(View):
    """``POST /a/<id>/read/``: the page was read (``navigator.sendBeacon``).
    It carries no cookie and sets none; the answer is empty and never cached."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if is_own_page(request):
            count_read(pk)
        response = HttpResponse(status=204)
        response["Cache-Control"] = "no-store"
        return response


class MostReadView(View):
    """The box, as a fragment the page's script puts in place. Cached by the
    page cache and the edge for a few minutes (NEWSROOM_PAGE_CACHE_SECONDS):
    so it is recounted, and the counts flushed, at most that often."""

    template_name = "reader/includes/_most_read.html"

    def get(self, request):
        flush_reads()
        response = TemplateResponse(request, self.template_name, {"most_read": most_read(get_language())})
        response["X-Robots-Tag"] = "noindex"
        return response
