"""Writes: endpoints (admins only) and the life of each delivery.

A delivery is written in the transaction of the step it tells of (so a step
rolled back sends nothing, and a committed one is never lost), with the body as
the piece was then; it is queued when that transaction commits and sent by a
worker (``tasks.deliver``), never inside the editor's request.

Each attempt is a compare-and-set: a worker claims attempt *n* by moving
``attempts`` from *n* to *n + 1*, and only the one that moved it sends, so two
workers (or a retry and the backstop) never send the same attempt twice. A
failure (no answer, a timeout, an answer that is not 2xx) is tried again after
``NEWSROOM_WEBHOOK_RETRY_SECONDS`` (30), doubling each time, up to
``NEWSROOM_WEBHOOK_MAX_ATTEMPTS`` (8) attempts; then the delivery is dead, in
the dead letters, until an admin replays it. A retry is a task queued to run at
its time; ``deliveries_retry_due`` (run after each scheduler run) is the
backstop that queues again what a crashed process left, and the whole retry
path with a queue that cannot defer (the tests' immediate backend).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Origin

from . import sending, tasks
from .models import Delivery, Endpoint, new_secret

#: A queued delivery not sent this long after its time was lost (its process
#: died before queueing it, or the queue lost it): the backstop queues it again.
STALE_AFTER = datetime.timedelta(minutes=5)


def retry_seconds():
    return float(getattr(settings, "NEWSROOM_WEBHOOK_RETRY_SECONDS", 30))


def max_attempts():
    return int(getattr(settings, "NEWSROOM_WEBHOOK_MAX_ATTEMPTS", 8))


def timeout_seconds():
    return float(getattr(settings, "NEWSROOM_WEBHOOK_TIMEOUT_SECONDS", 10))


def backoff(attempts):
    """How long to wait after the ``attempts``-th failed attempt: the base delay, doubling."""
    return datetime.timedelta(seconds=retry_seconds() * 2 ** (attempts - 1))


# -- endpoints ----------------------------------------------------------------


def _require_admin(user):
    if not (user is not None and user.is_active and user.is_superuser):
        raise PermissionDenied(_("Only an admin may manage webhooks."))


def endpoint_save(*, endpoint, user):
    """Register or change an endpoint (admins only): an http(s) address and at
    least one known event. A new one gets its signing secret now."""
    _require_admin(user)
    if endpoint.pk is None:
        endpoint.created_by = user
    endpoint.full_clean()
    endpoint.save()
    return endpoint


def endpoint_deactivate(*, endpoint, user):
    """Send ``endpoint`` nothing more; what waits for it ends in the dead letters."""
    _require_admin(user)
    Endpoint.objects.filter(pk=endpoint.pk).update(active=False, updated_at=timezone.now())
    endpoint.refresh_from_db()
    return endpoint


def endpoint_rotate_secret(*, endpoint, user, now=None):
    """A new signing secret for ``endpoint``, used from the next attempt on (the
    old one stops at once: give the receiver the new one)."""
    _require_admin(user)
    now = now or timezone.now()
    Endpoint.objects.filter(pk=endpoint.pk).update(secret=new_secret(), secret_rotated_at=now, updated_at=now)
    endpoint.refresh_from_db()
    return endpoint


# -- deliveries ---------------------------------------------------------------


def article_payload(article, *, event, occurred_at):
    """What an endpoint is told: the event and the piece as it is now (compact:
    the receiver fetches the rest from the content API or the page)."""
    section = article.section if article.section_id else None
    return {
        "event": event,
        "occurred_at": occurred_at.isoformat(),
        "article": {
            "id": article.pk,
            "headline": article.headline,
            "url": settings.SITE_URL + article.get_absolute_url(),
            "language": article.language,
            "section": {"slug": section.slug, "name": section.name_for(article.language)} if section else None,
            "published_at": article.publish_at.isoformat() if article.publish_at else None,
        },
    }


def deliveries_for_event(*, article, event, origin, occurred_at):
    """One delivery of ``event`` for each active endpoint that wants it, and
    none for an import's change. Written in the caller's transaction, queued
    after it commits. Returns the deliveries."""
    if origin == Origin.IMPORT:
        return []
    endpoints = [endpoint for endpoint in Endpoint.objects.active() if endpoint.wants(event)]
    if not endpoints:
        return []
    payload = article_payload(article, event=event, occurred_at=occurred_at)
    now = timezone.now()
    deliveries = Delivery.objects.bulk_create(
        Delivery(endpoint=endpoint, event=event, article_id=article.pk, payload=payload, next_attempt_at=now)
        for endpoint in endpoints
    )
    _queue_after_commit([(delivery.pk, 0) for delivery in deliveries])
    return deliveries


def _queue_after_commit(attempts, run_after=None):
    """Queue ``(delivery id, attempts made)`` pairs once the transaction commits.
    Robust: a queue that refuses leaves them to the backstop, never undoes the step."""

    def queue():
        task = tasks.deliver if run_after is None else tasks.deliver.using(run_after=run_after)
        for delivery_id, attempt in attempts:
            task.enqueue(delivery_id=delivery_id, attempt=attempt)

    if attempts:
        transaction.on_commit(queue, robust=True)


def queue_defers():
    """Whether the task queue can hold a task until a given time (the database
    backend can; the immediate one cannot, so retries wait for the backstop)."""
    return tasks.deliver.get_backend().supports_defer


def delivery_attempt(*, delivery_id, attempt):
    """Make attempt ``attempt + 1`` of a delivery, if nobody made it already;
    returns the delivery's status after it, or ``None`` when this call had
    nothing to do (delivered, dead, or the attempt taken by another worker)."""
    # The claim's lease: past it without a result, the backstop may try again.
    lease = timezone.now() + datetime.timedelta(seconds=2 * timeout_seconds() + 60)
    claimed = (
        Delivery.objects.sendable()
        .filter(pk=delivery_id, attempts=attempt)
        .update(attempts=F("attempts") + 1, next_attempt_at=lease)
    )
    if not claimed:
        return None
    made = attempt + 1
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if endpoint.active:
        body = sending.body_of(delivery.payload)
        headers = sending.headers_for(
            event=delivery.event,
            key=delivery.idempotency_key,
            secret=endpoint.secret,
            body=body,
            timestamp=int(timezone.now().timestamp()),
        )
        outcome = sending.post(endpoint.url, body=body, headers=headers, timeout=timeout_seconds())
    else:
        outcome = sending.Outcome(False, None, "the endpoint is not active", 0)
    now = timezone.now()
    fields = {"last_status_code": outcome.status_code, "last_error": outcome.error, "latency_ms": outcome.latency_ms}
    retry_at = None
    if outcome.ok:
        fields.update(status=Delivery.Status.DELIVERED, delivered_at=now, next_attempt_at=None)
    elif made >= max_attempts() or not endpoint.active:
        fields.update(status=Delivery.Status.DEAD, next_attempt_at=None)
    else:
        retry_at = now + backoff(made)
        fields.update(status=Delivery.Status.FAILED, next_attempt_at=retry_at)
    # Only while this attempt is still the last one (a lease that ran out may
    # have let the backstop start the next).
    if not Delivery.objects.filter(pk=delivery_id, attempts=made).update(**fields):
        return None
    if retry_at is not None and queue_defers():
        _queue_after_commit([(delivery_id, made)], run_after=retry_at)
    return fields["status"]


def deliveries_retry_due(*, now=None):
    """The backstop: queue again the deliveries whose time has come and that
    nobody is sending (with a queue that defers, only those ``STALE_AFTER``
    overdue: the others have their task waiting). Each is queued at most once
    per ``STALE_AFTER``. Returns how many were queued."""
    now = now or timezone.now()
    cutoff = now - STALE_AFTER if queue_defers() else now
    queued = []
    with transaction.atomic():
        due = (
            Delivery.objects.sendable()
            .filter(next_attempt_at__lte=cutoff)
            .order_by("next_attempt_at")
            .values_list("pk", "attempts", "next_attempt_at")[:1000]
        )
        for pk, attempts, next_attempt_at in due:
            if Delivery.objects.filter(pk=pk, attempts=attempts, next_attempt_at=next_attempt_at).update(
                next_attempt_at=now
            ):
                queued.append((pk, attempts))
        _queue_after_commit(queued)
    return len(queued)


def delivery_replay(*, delivery, user, now=None):
    """Send a dead delivery again (admins only): the same body and idempotency
    key, its attempts counted afresh. Refused while its endpoint is inactive."""
    _require_admin(user)
    if not delivery.endpoint.active:
        raise ValidationError(
            _("“%(endpoint)s” is not active: activate it before replaying its deliveries.")
            % {"endpoint": delivery.endpoint},
            code="endpoint_inactive",
        )
    with transaction.atomic():
        replayed = (
            Delivery.objects.dead()
            .filter(pk=delivery.pk)
            .update(status=Delivery.Status.PENDING, attempts=0, next_attempt_at=now or timezone.now())
        )
        if not replayed:
            raise ValidationError(_("Only a dead delivery can be replayed."), code="not_dead")
        _queue_after_commit([(delivery.pk, 0)])
    delivery.refresh_from_db()
    return delivery
