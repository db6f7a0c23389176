"""What an import remembers: each run with its report, and what each source id became."""

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STALLED_AFTER = datetime.timedelta(minutes=15)


def uploads_storage():
    """Uploaded exports are kept privately, beside the photo originals."""
    return storages["originals"]


class ImportRun(models.Model):
    """One import: what was given, the report of its dry run, and (once an editor
    confirmed it) of its run."""

    class State(models.TextChoices):
        CHECKING = "checking", _("being checked")
        CHECKED = "checked", _("checked (dry run)")
        QUEUED = "queued", _("waiting to run")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    label = models.CharField(_("file"), max_length=255)
    upload = models.FileField(_("uploaded file"), storage=uploads_storage, upload_to="imports/", blank=True)
    #: What the check found in it: "wordpress", "text" or both ("wordpress text").
    format = models.CharField(_("format"), max_length=40, blank=True)
    section = models.ForeignKey(
        "articles.Section",
        verbose_name=_("section for pieces without one"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publish = models.BooleanField(
        _("publish as archive"),
        default=False,
        help_text=_("Pieces published at the source are published here with their original dates."),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.CHECKING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    #: Moved as the check or the run goes on: a run that stopped moving was
    #: interrupted (a deploy, a killed worker) and may be deleted.
    updated_at = models.DateTimeField(_("last progress"), default=timezone.now)
    total = models.PositiveIntegerField(_("pieces"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    #: The dry run's report, then the run's: ``importer.report.Report.as_json()``.
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.label

    def is_stalled(self, now=None):
        """Running, but no progress for a quarter of an hour: the worker was stopped under it."""
        now = now or timezone.now()
        return self.state == self.State.RUNNING and now - self.updated_at > STALLED_AFTER

    def format_display(self):
        names = {"wordpress": _("WordPress export"), "text": _("article files")}
        return ", ".join(str(names.get(name, name)) for name in self.format.split())

    format_display.short_description = _("format")


class ImportedRecord(models.Model):
    """What a source id became here: re-running an import updates it instead of
    making a second one."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        PHOTO = "photo", _("photo")
        QUOTE = "quote", _("quote")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    #: The source system's id, qualified by the system: "https://old.example#123",
    #: "https://old.example#wp:45" for a WordPress attachment, "text:<path>".
    source_id = models.CharField(_("source id"), max_length=500)
    object_id = models.BigIntegerField(_("id here"))
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, db_index=True)
    #: The article's version right after the import wrote it: a later version
    #: means a person edited it since, and a re-import leaves it alone.
    version = models.PositiveIntegerField(_("version"), default=0)
    #: The article's status as the import left it: another one means an editor
    #: took it down, scheduled or published it, and a re-import leaves it alone.
    status = models.CharField(_("status"), max_length=20, blank=True)
    #: Where it came from, for people and for telling a new version of a file: the file under what was given.
    origin = models.CharField(_("origin"), max_length=500, blank=True, db_index=True)
    run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [models.UniqueConstraint(fields=["kind", "source_id"], name="imported_record_unique")]

    def __str__(self):
        return f"{self.kind} {self.source_id} → #{self.object_id}"
