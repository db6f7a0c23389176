"""The editorial workflow's records: revisions, corrections, preview links, edit locks."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How long "being edited by …" holds without the editor's page checking in.
EDIT_LOCK_TTL = datetime.timedelta(minutes=2)


class Revision(models.Model):
    """A full snapshot of an article at one save: who, when, every field, the
    body and the relations. Restoring one makes a new revision."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    data = models.JSONField(_("snapshot"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-version", "-pk"]
        constraints = [models.UniqueConstraint(fields=["article", "version"], name="revision_version_unique")]

    def __str__(self):
        return f"#{self.article_id} v{self.version}"


class Correction(models.Model):
    """A public correction, printed under the article and on the corrections page."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField(
        _("correction"), help_text=_("Public: printed under the article, e.g. what was wrong and what is right.")
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-created_at"], name="correction_latest_idx")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_has_text")]

    def __str__(self):
        return self.text[:80]


def new_preview_key():
    return secrets.token_urlsafe(24)


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        return self.filter(revoked=False, expires_at__gt=now or timezone.now())


class PreviewLink(models.Model):
    """A signed link that shows an article not yet public to someone without an
    account (a partner under embargo, a source checking a quote)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=64, unique=True, default=new_preview_key, editable=False)
    label = models.CharField(_("for whom"), max_length=200, blank=True, help_text=_("e.g. “Wire partner desk”."))
    expires_at = models.DateTimeField(_("expires at"))
    revoked = models.BooleanField(_("revoked"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at"]

    def __str__(self):
        return self.label or self.key[:8]

    def is_usable(self, now=None):
        return not self.revoked and self.expires_at > (now or timezone.now())


class EditLock(models.Model):
    """A soft lock: "being edited by … since …". It never blocks a save (the
    version check does that); it warns, and expires when the page stops checking in."""

    article = models.OneToOneField("articles.Article", on_delete=models.CASCADE, related_name="edit_lock")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("edit lock")
        verbose_name_plural = _("edit locks")

    def __str__(self):
        return f"{self.article_id} by {self.user_id}"

    def is_active(self, now=None):
        return self.seen_at + EDIT_LOCK_TTL > (now or timezone.now())
