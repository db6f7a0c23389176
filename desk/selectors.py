"""Reads for My desk: what each person has to act on now, in a fixed number of queries.

Each list shows at most ``DESK_LIST_LIMIT`` lines (and says when there are
more), so the page costs the same for a newsroom of ten articles or of ten
thousand. Times are compared in the site's zone (``TIME_ZONE``): "today" and
"this week" are the newsroom's, not the server's.
"""

import dataclasses
import datetime

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, LiveEntryImage, LiveEntryQuote, Notification, Quote, Status
from photos.models import Image

from .admin.calendar import articles_by_day

#: The most lines one list on My desk shows.
DESK_LIST_LIMIT = 20
#: Photos whose rights run out within this many days are on the editors' desk.
RIGHTS_WARNING_DAYS = 30
#: Corrections this recent are on the editors' desk.
RECENT_CORRECTION_DAYS = 14
#: A piece waiting longer than this in the review queue is marked.
LONG_WAIT = datetime.timedelta(hours=24)


@dataclasses.dataclass
class DeskList:
    """Lines of one list, whether more were left out, and where to find them all."""

    items: list
    more: bool = False
    all_url: str = ""

    def __bool__(self):
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def _take(queryset, all_url="", limit=DESK_LIST_LIMIT):
    rows = list(queryset[: limit + 1])
    return DeskList(items=rows[:limit], more=len(rows) > limit, all_url=all_url)


def _changelist(**filters):
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return reverse("admin:articles_article_changelist") + (f"?{query}" if query else "")


def week_start(now):
    """Monday 00:00 of ``now``'s week in the site's zone."""
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    return datetime.datetime.combine(monday, datetime.time.min, tzinfo=timezone.get_current_timezone())


def reporter_desk(user, *, now=None):
    """A reporter's own pieces (started by them or bylined to them; never a
    colleague's draft) by where they stand: drafts, returned to them (with the
    editor's last note), in review, scheduled, published this week."""
    now = now or timezone.now()
    mine = Article.objects.owned_by(user).for_desk_list()
    return {
        "returned": _take(
            mine.returned().with_returns().order_by("-updated_at", "-pk"), _changelist(status__exact=Status.DRAFT)
        ),
        "drafts": _take(
            mine.drafts().exclude(pk__in=Article.objects.returned().values("pk")).order_by("-updated_at", "-pk"),
            _changelist(status__exact=Status.DRAFT),
        ),
        "in_review": _take(
            mine.in_review().with_submitted_at().order_by(F("submitted_at").asc(nulls_first=True), "pk"),
            _changelist(status__exact=Status.REVIEW),
        ),
        "scheduled": _take(
            mine.scheduled().filter(publish_at__gt=now).order_by("publish_at", "pk"),
            _changelist(status__exact=Status.SCHEDULED),
        ),
        "published": _take(
            mine.published(now).filter(publish_at__gte=week_start(now)).order_by("-publish_at", "-pk"),
            _changelist(status__exact=Status.PUBLISHED),
        ),
    }


def review_queue(*, now=None):
    """Every piece in review, the one waiting longest first, each with
    ``submitted_at`` and ``waited_long`` (more than ``LONG_WAIT``)."""
    now = now or timezone.now()
    queue = _take(
        Article.objects.in_review()
        .with_submitted_at()
        .for_desk_list()
        .order_by(F("submitted_at").asc(nulls_first=True), "pk"),
        _changelist(status__exact=Status.REVIEW),
    )
    for article in queue:
        article.waited_long = article.submitted_at is not None and now - article.submitted_at > LONG_WAIT
    return queue


def schedule(*, now=None):
    """``[(day, [article, …]), …]`` for today and tomorrow in the site's zone:
    what is going out (and what went out today), as on the editorial calendar."""
    today = timezone.localdate(now or timezone.now())
    return list(articles_by_day(today, today + datetime.timedelta(days=1)).items())


def rights_expiring(*, now=None, within_days=RIGHTS_WARNING_DAYS):
    """Photos whose rights run out within ``within_days`` (soonest first), each
    with the published articles that print it (``Article.showing_image``'s
    rule), in three queries however many there are."""
    now = now or timezone.now()
    images = _take(
        Image.objects.rights_expiring(within_days, on=timezone.localdate(now)).order_by("rights_expire_at", "pk")
    )
    ids = {image.pk for image in images}
    printing = {pk: [] for pk in ids}
    if ids:
        articles = (
            Article.objects.published(now)
            .showing_images(ids)
            .select_related("live_coverage")
            .only("pk", "headline", "status", "embargoed", "lead_image", "publish_at", "live_coverage__id")
            .prefetch_related(
                Prefetch("embedded_images", queryset=Image.objects.filter(pk__in=ids).only("pk")),
                Prefetch(
                    "embedded_quotes",
                    queryset=Quote.objects.filter(evidence_image__in=ids).only("pk", "evidence_image"),
                ),
            )
            .order_by("-publish_at", "-pk")
        )
        articles = list(articles)
        in_entries = {}  # a live page's entries print photos too (asked only when one is listed)
        live_ids = [article.pk for article in articles if getattr(article, "live_coverage", None)]
        if live_ids:
            entry_images = LiveEntryImage.objects.filter(entry__article__in=live_ids, image_id__in=ids).values_list(
                "entry__article_id", "image_id"
            )
            screenshots = LiveEntryQuote.objects.filter(
                entry__article__in=live_ids, quote__evidence_image__in=ids
            ).values_list("entry__article_id", "quote__evidence_image_id")
            for article_id, image_id in entry_images.union(screenshots):
                in_entries.setdefault(article_id, set()).add(image_id)
        for article in articles:
            shown = {article.lead_image_id, *in_entries.get(article.pk, ())}
            shown.update(image.pk for image in article.embedded_images.all())
            shown.update(quote.evidence_image_id for quote in article.embedded_quotes.all())
            for pk in shown & ids:
                printing[pk].append(article)
    for image in images:
        image.printed_by = printing[image.pk]
    images.all_url = reverse("admin:photos_image_rights")
    return images


def recent_corrections(*, now=None):
    """The corrections of the last ``RECENT_CORRECTION_DAYS``, newest first."""
    since = (now or timezone.now()) - datetime.timedelta(days=RECENT_CORRECTION_DAYS)
    return _take(
        Correction.objects.filter(created_at__gte=since)
        .select_related("article", "created_by__author")
        .defer("article__body", "article__body_html")
        .order_by("-created_at", "-pk")
    )


def editor_desk(*, now=None):
    """What the editors act on: the review queue, today's and tomorrow's
    schedule, photo rights running out, recent corrections."""
    now = now or timezone.now()
    return {
        "review_queue": review_queue(now=now),
        "schedule": schedule(now=now),
        "rights": rights_expiring(now=now),
        "corrections": recent_corrections(now=now),
    }


def unread_notifications(user):
    """``user``'s unread notifications about pieces on their desk, newest first."""
    return _take(Notification.objects.for_desk_of(user).unread().for_listing())


def unread_notification_count(user):
    """How many of ``user``'s notifications are unread: one query, for the header."""
    return Notification.objects.for_desk_of(user).unread().count()
