"""What delivery keeps in the database: the edge purge's outbox."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingPurge(models.Model):
    """A public address the edge must forget, written in the same transaction
    as the change that made it stale, so a purge is never lost: drained after
    commit (``delivery.purge``), and by ``publish_scheduled`` as a backstop."""

    path = models.CharField(_("path"), max_length=1000, unique=True)
    #: Moved on by every change that asks for the path again: a drain that
    #: started before it does not delete the row, so the later change is purged too.
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    #: A drain has taken the row until then (so two processes do not purge it at once).
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)

    class Meta:
        verbose_name = _("pending edge purge")
        verbose_name_plural = _("pending edge purges")
        indexes = [models.Index(fields=["next_attempt_at"], name="pending_purge_due_idx")]

    def __str__(self):
        return self.path
