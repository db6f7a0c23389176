"""Live coverage: an article that is a live page, and its timestamped entries.

An article becomes a live page when coverage starts (``LiveCoverage``); while it
is ongoing, editors and reporters add entries (``LiveEntry``), each a small body
in the article's own stored format, rendered by the same renderer, its embeds
kept as PROTECT relations like an article's. Ending the coverage freezes the page
as an ordinary article: the entries stay, nothing new is added.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from photos.models import Image

from .source import Quote


class LiveCoverage(models.Model):
    """That (and since when, until when) an article is a live page."""

    article = models.OneToOneField(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="live_coverage"
    )
    started_at = models.DateTimeField(_("coverage started at"), default=timezone.now)
    ended_at = models.DateTimeField(
        _("coverage ended at"), null=True, blank=True, help_text=_("Once ended, the page is an ordinary article.")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="live_coverage_ends_after_start",
                violation_error_message=_("Coverage cannot end before it started."),
            )
        ]

    def __str__(self):
        return str(self.article)

    @property
    def is_ongoing(self):
        return self.ended_at is None


class LiveEntryQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def for_page(self):
        """What a reader's page prints of each entry, in a bounded number of queries."""
        return self.select_related("author").prefetch_related(
            "embedded_images",
            models.Prefetch("embedded_quotes", queryset=Quote.objects.select_related("source", "evidence_image")),
        )

    def older_than(self, entry):
        """The entries before ``entry`` in the page's order (newest first)."""
        return self.filter(
            Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk)
        ).newest_first()


class LiveEntry(models.Model):
    """One timestamped update of a live page: text, a photo with its credit, a
    quote with its source — a body in the stored format (``articles.body``)."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="live_entries"
    )
    body = models.TextField(
        _("entry"),
        help_text=_(
            "Markdown, as in an article body. Put a photo or quote on a line of its own: [[image:42]], [[quote:7]]."
        ),
    )
    body_html = models.TextField(_("rendered entry"), blank=True, editable=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now, help_text=_("Shown to readers."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    author = models.ForeignKey(
        "articles.Author",
        verbose_name=_("byline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
        help_text=_("Printed with the entry; blank for none."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    pinned = models.BooleanField(_("pinned"), default=False, editable=False)
    correction = models.TextField(
        _("correction"), blank=True, help_text=_("Public: printed on the entry, what was wrong and what is right.")
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    embedded_images = models.ManyToManyField(
        Image, through="LiveEntryImage", related_name="embedded_in_live_entries", blank=True, editable=False
    )
    embedded_quotes = models.ManyToManyField(
        Quote, through="LiveEntryQuote", related_name="embedded_in_live_entries", blank=True, editable=False
    )

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(F("article"), F("created_at").desc(), name="live_entry_latest_idx")]
        constraints = [
            # The last guard of "at most one pinned entry per page".
            models.UniqueConstraint(fields=["article"], condition=Q(pinned=True), name="one_pinned_live_entry"),
            models.CheckConstraint(condition=~Q(body=""), name="live_entry_has_text"),
            models.CheckConstraint(
                condition=Q(correction="") | Q(corrected_at__isnull=False), name="corrected_live_entry_has_time"
            ),
        ]

    def __str__(self):
        return _("entry #%(pk)s") % {"pk": self.pk}

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"entry-{self.pk}"

    @property
    def language(self):
        """The entry speaks its article's language (the body renderer asks)."""
        return self.article.language


class LiveEntryEmbed(models.Model):
    """What an entry embeds, kept as a relation (PROTECT on the embedded side),
    as an article's body is: nothing a live page shows can be deleted under it."""

    entry = models.ForeignKey(LiveEntry, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    def __str__(self):
        return _("used in a live entry of “%(article)s” (#%(pk)s)") % {
            "article": self.entry.article,
            "pk": self.entry.article_id,
        }


class LiveEntryImage(LiveEntryEmbed):
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("image embedded in a live entry")
        verbose_name_plural = _("images embedded in live entries")
        constraints = [models.UniqueConstraint(fields=["entry", "image"], name="live_entry_image_unique")]


class LiveEntryQuote(LiveEntryEmbed):
    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("quote embedded in a live entry")
        verbose_name_plural = _("quotes embedded in live entries")
        constraints = [models.UniqueConstraint(fields=["entry", "quote"], name="live_entry_quote_unique")]


class LiveEntryRevision(models.Model):
    """An entry as it was at each change (added, edited, corrected): who, when, what."""

    entry = models.ForeignKey(LiveEntry, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("entry"))
    correction = models.TextField(_("correction"), blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("live entry revision")
        verbose_name_plural = _("live entry revisions")
        ordering = ["-version", "-pk"]
        constraints = [models.UniqueConstraint(fields=["entry", "version"], name="live_entry_revision_unique")]

    def __str__(self):
        return f"#{self.entry_id} v{self.version}"
