"""Telling people what happened to their piece: returned, scheduled, published, corrected.

The workflow's services call ``notify_workflow`` inside the transaction of the
step, so a step that is rolled back tells nobody. The people concerned are the
piece's owner (``created_by``) and its bylined authors who have an account —
never the person who took the step. Submitting for review tells nobody: the
editors' review queue on My desk shows it, with how long it has waited.

Each notification is a row (read on My desk) and, for people with an address,
a plain-text email queued when the step commits and sent by the task queue's
worker (``accounts.tasks``), so it never slows the editor's click. The email
names the piece, carries the note and links to its page on the desk at
``SITE_URL``, never at whatever host the request came in on.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.tasks import mail_after_commit

from ..models import Notification


def people_concerned(article, *, actor=None):
    """The active staff accounts whose piece ``article`` is (its owner and its
    bylined authors with an account), less ``actor``."""
    people = get_user_model().objects.filter(
        Q(pk=article.created_by_id) | Q(author__authorships__article=article), is_active=True, is_staff=True
    )
    if actor is not None and actor.pk is not None:
        people = people.exclude(pk=actor.pk)
    return list(people.select_related("author").distinct().order_by("pk"))


def desk_url(article):
    """The piece's page on the desk, at the public address (``SITE_URL``)."""
    return settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def _one_line(text):
    # A mail header cannot hold a line break; a headline never should.
    return " ".join(str(text).split())


def notification_email(notification):
    """``(subject, body)`` of the mail for ``notification``, in plain text: a
    headline with markup in it arrives as the characters it is, never as HTML."""
    article = notification.article
    with translation.override(settings.LANGUAGE_CODE):
        headline = _one_line(article)
        subject = _("[%(site)s] %(what)s: %(headline)s") % {
            "site": settings.SITE_NAME,
            "what": notification.summary,
            "headline": headline,
        }
        lines = [f"{notification.summary}:", headline, ""]
        if notification.kind == Notification.Kind.SCHEDULED and article.publish_at:
            lines += [
                _("It goes live %(time)s (%(zone)s).")
                % {
                    "time": timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M"),
                    "zone": settings.TIME_ZONE,
                },
                "",
            ]
        if notification.note:
            heading = (
                _("The correction:") if notification.kind == Notification.Kind.CORRECTED else _("The editor's note:")
            )
            lines += [heading, notification.note, ""]
        lines += [_("Open it on the desk:"), desk_url(article)]
    return _one_line(subject), "\n".join(lines) + "\n"


def notify_workflow(*, article, kind, actor, note="", now=None):
    """Notify the people concerned by a step of ``article``'s workflow (a
    ``Notification.Kind``) taken by ``actor`` (``None``: the scheduler), with
    the editor's note or the correction's text. The rows are written now, in the
    caller's transaction; the emails go after it commits. Returns the rows."""
    actor = actor if actor is not None and actor.is_authenticated else None
    now = now or timezone.now()
    notifications = Notification.objects.bulk_create(
        Notification(recipient=person, article=article, kind=kind, note=note, actor=actor, created_at=now)
        for person in people_concerned(article, actor=actor)
    )
    mail_after_commit(
        (*notification_email(notification), None, [notification.recipient.email])
        for notification in notifications
        if notification.recipient.email
    )
    return notifications


def notifications_mark_read(*, user, notification_ids=None, now=None):
    """Mark ``user``'s unread notifications read: those named, or all of them.
    Anyone else's are never touched. Returns how many were marked."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=now or timezone.now())
