"""Autosaved drafts: what a reporter typed and has not saved yet, kept per user."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Autosave(models.Model):
    """The form as one user left it, a few seconds after they stopped typing.

    Not the article: saving one makes no version, no revision and tells no
    cache; only its owner ever sees it, and it goes when they save the article
    or discard it. A piece never saved yet is found by the ``key`` its add form
    was given."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="autosaves")
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves"
    )
    key = models.CharField(_("draft key"), max_length=40, blank=True)
    #: The form's fields as posted (name → list of values), the workflow's inputs left out.
    data = models.JSONField(_("form data"), default=dict)
    base_version = models.PositiveIntegerField(_("opened at version"), null=True, blank=True)
    updated_at = models.DateTimeField(_("autosaved at"), default=timezone.now)

    class Meta:
        verbose_name = _("autosaved draft")
        verbose_name_plural = _("autosaved drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], condition=Q(article__isnull=False), name="one_autosave_per_user_article"
            ),
            models.UniqueConstraint(
                fields=["user", "key"], condition=Q(article__isnull=True), name="one_autosave_per_user_new_piece"
            ),
            models.CheckConstraint(
                condition=Q(article__isnull=False) | ~Q(key=""), name="autosave_of_new_piece_has_key"
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: #{self.article_id or self.key}"

    def value(self, name):
        values = self.data.get(name) or [""]
        return values[-1] if isinstance(values, list) else str(values)
