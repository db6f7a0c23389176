"""The scheduler's work (``manage.py publish_scheduled``): the side effects of due
publications and expiries, exactly once, through the same steps as the button."""

import datetime
import logging

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Article,
    Status,
)
from ..signals import UNPUBLISHED, announce_article_event, notify_content_changed
from .workflow import _compare_and_set, _publish, _record

logger = logging.getLogger("newsroom.scheduler")

#: The scheduler runs every minute; a due piece left this long means it is not.
LATE_AFTER = datetime.timedelta(minutes=3)


def scheduler_lateness(now=None):
    """``(count, oldest)`` of the scheduled pieces whose minute passed more than
    ``LATE_AFTER`` ago and that no scheduler has handled: readers see them (the
    publication rule needs no scheduler) but their side effects have not run."""
    now = now or timezone.now()
    late = Article.objects.due_for_publication(now - LATE_AFTER).aggregate(count=Count("pk"), oldest=Min("publish_at"))
    return late["count"], late["oldest"]


def publish_due_articles(*, now=None, dry_run=False):
    """The scheduler's work: for every scheduled article whose minute has come,
    the side effects of its publication, exactly once even when several
    schedulers run at the same moment; and expired pieces taken down.
    Returns ``(published, expired)`` lists of articles this call handled."""
    now = now or timezone.now()
    published, expired = [], []
    for article in Article.objects.due_for_publication(now).order_by("publish_at", "pk"):
        if dry_run:
            published.append(article)
            continue
        # Readers saw it from its minute on: that is when it was first published.
        if _publish(
            article,
            user=None,
            now=now,
            from_status=Status.SCHEDULED,
            publish_at=article.publish_at,
            note="scheduled",
            seen_at=article.publish_at,
        ):
            published.append(article)
            if now - article.publish_at > LATE_AFTER:
                logger.warning(
                    "article %s published by the scheduler %d minutes after its time: is publish_scheduled running?",
                    article.pk,
                    (now - article.publish_at).total_seconds() // 60,
                )
    for article in Article.objects.filter(status=Status.PUBLISHED, expire_at__lte=now).order_by("expire_at", "pk"):
        if dry_run:
            expired.append(article)
            continue
        with transaction.atomic():
            if _compare_and_set(article, from_status=Status.PUBLISHED, status=Status.UNPUBLISHED):
                _record(
                    article,
                    user=None,
                    from_status=Status.PUBLISHED,
                    to_status=Status.UNPUBLISHED,
                    note=_("expired"),
                    now=now,
                )
                # Readers saw it until now: partners and their webhooks learn it came down.
                announce_article_event(article=article, event=UNPUBLISHED, now=now)
                notify_content_changed(articles=[article], reason="expired")
                expired.append(article)
    return published, expired
