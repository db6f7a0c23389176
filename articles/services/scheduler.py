"""The scheduler's work (``manage.py publish_scheduled``): the side effects of due
publications and expiries, exactly once, through the same steps as the button."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Article,
    Status,
)
from ..signals import notify_content_changed
from .workflow import _compare_and_set, _publish, _record


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
        if _publish(
            article, user=None, now=now, from_status=Status.SCHEDULED, publish_at=article.publish_at, note="scheduled"
        ):
            published.append(article)
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
                notify_content_changed(articles=[article], reason="expired")
                expired.append(article)
    return published, expired
