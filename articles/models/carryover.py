"""What an article carries over from where it was before Newsroom: the to-dos a
person must finish (an import could not tell who said a quote, a caption came
without its photo) and the addresses it was known by (old permalinks, redirected
to the article's page)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TodoQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def blocking(self):
        return self.open().filter(blocking=True)


class ArticleTodo(models.Model):
    """Something a person must finish: shown on the article's change form; an open
    blocking one keeps the piece from being scheduled or published."""

    class Kind(models.TextChoices):
        HEADLINE = "headline", _("headline")
        PHOTO = "photo", _("photo")
        RELATED = "related", _("related article")
        QUOTE_SPEAKER = "quote_speaker", _("quote's speaker")
        QUOTE_DATE = "quote_date", _("quote's date")
        AUTHOR = "author", _("byline")
        SECTION = "section", _("section")
        CREDIT = "credit", _("credit")
        OTHER = "other", _("other")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="todos"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    message = models.TextField(_("what to do"))
    blocking = models.BooleanField(
        _("blocks publication"), default=False, help_text=_("The piece cannot be published until this is done.")
    )
    data = models.JSONField(_("details"), default=dict, blank=True)
    #: Which import (or other process) left it: re-running that import replaces its open to-dos.
    origin = models.CharField(_("left by"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    objects = TodoQuerySet.as_manager()

    class Meta:
        verbose_name = _("to-do")
        verbose_name_plural = _("to-dos")
        ordering = ["article", "done_at", "pk"]
        indexes = [models.Index(fields=["article", "done_at"], name="todo_article_open_idx")]

    def __str__(self):
        return self.message[:80]

    @property
    def after_paragraph(self):
        """Where in the text it belongs (0: before the first paragraph), or None."""
        value = (self.data or {}).get("after_paragraph")
        return value if isinstance(value, int) else None


class ArticleRedirect(models.Model):
    """An address the article had before (a WordPress permalink, ``/?p=123``):
    a reader following it is sent to the article's page with a 301. Consulted
    before the article route's own redirect, so ``/2024/05/a-post/`` (which has
    the shape of ``/<section>/<id>/<slug>/``) reaches the right piece and not
    article 5."""

    #: The path as a browser asks for it, percent-decoded, with its query string
    #: when the old address had one (``/?p=123``).
    old_path = models.CharField(_("old address"), max_length=500, unique=True)
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="old_addresses"
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.old_path
