"""Notifications: a step of the workflow told to the people whose piece it is."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.names import person_name

from ..querysets import on_desk_q


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_desk_of(self, user):
        """What ``user`` reads on their desk: their own notifications, about
        articles that are still on their desk (a piece that has since become
        another reporter's draft is not named to them, even here)."""
        return self.filter(on_desk_q(user, prefix="article__"), recipient=user)

    def for_listing(self):
        """What a line on the desk prints: the piece's headline and the actor's name."""
        return (
            self.select_related("article", "actor__author")
            .defer("article__body", "article__body_html")
            .order_by("-created_at", "-pk")
        )


class Notification(models.Model):
    """One person told of one step of a piece they own or are bylined on:
    returned, scheduled, published or corrected. Never sent to whoever took
    the step; read on My desk and, where the person has an address, by email."""

    class Kind(models.TextChoices):
        RETURNED = "returned", _("returned")
        SCHEDULED = "scheduled", _("scheduled")
        PUBLISHED = "published", _("published")
        CORRECTED = "corrected", _("corrected")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.TextField(
        _("note"), blank=True, help_text=_("The editor's note on a return, or the text of a correction.")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the scheduler published the piece at its minute."),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The header's count and My desk's list: one person's unread ones.
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_unread_idx",
                condition=Q(read_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: #{self.article_id} → {self.recipient_id}"

    @property
    def summary(self):
        """What happened, in a line: "Returned to you by 김편집", "Published at its
        scheduled time" (the scheduler acts for nobody)."""
        if self.actor_id is None:
            return {
                self.Kind.RETURNED: gettext("Returned to you"),
                self.Kind.SCHEDULED: gettext("Scheduled"),
                self.Kind.PUBLISHED: gettext("Published at its scheduled time"),
                self.Kind.CORRECTED: gettext("Correction added"),
            }[self.kind]
        name = {"name": person_name(self.actor)}
        return {
            self.Kind.RETURNED: gettext("Returned to you by %(name)s") % name,
            self.Kind.SCHEDULED: gettext("Scheduled by %(name)s") % name,
            self.Kind.PUBLISHED: gettext("Published by %(name)s") % name,
            self.Kind.CORRECTED: gettext("Correction added by %(name)s") % name,
        }[self.kind]
