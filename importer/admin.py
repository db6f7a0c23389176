"""Imports in the admin, for editors: upload an export (or a zip of article
files and photos), read the dry run's report, confirm. The check and the run
happen in the task queue; the page follows them."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Section
from articles.services import can_publish

from .models import ImportRun
from .tasks import check_import, commit_import

#: The report's words for what happened to a piece, and what it is now.
ACTIONS = {
    "create": _("new"),
    "update": _("updated"),
    "unchanged": _("unchanged"),
    "kept": _("left as edited here"),
    "error": _("could not be read"),
}
STATES = {"draft": _("draft"), "published": _("published"), "kept as a draft": _("kept as a draft")}

ACCEPTED = (".xml", ".zip", ".txt", ".text", ".html", ".htm")


class ImportUploadForm(forms.ModelForm):
    file = forms.FileField(
        label=_("file"),
        help_text=_(
            "A WordPress export (Tools → Export, an .xml file), an article file (.txt or .html), or a zip of "
            "them with their photos (WordPress's uploads folder, or image files named like their article)."
        ),
    )
    section = forms.ModelChoiceField(
        label=_("section for pieces without one"),
        queryset=Section.objects.all(),
        required=False,
        help_text=_("Article files seldom say their section; WordPress categories become sections."),
    )

    class Meta:
        model = ImportRun
        fields = ["file", "publish", "section"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.NEWSROOM_IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s; the largest accepted here is %(limit)s. "
                    "Import larger archives with “manage.py import_articles”."
                )
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        if Path(upload.name).suffix.lower() not in ACCEPTED:
            raise forms.ValidationError(_("Give an .xml export, a .txt or .html article file, or a .zip of them."))
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["label", "format_display", "state", "created_by", "created_at", "summary"]
    list_filter = ["state"]
    add_form_template = "admin/importer/importrun/add_form.html"
    change_form_template = "admin/importer/importrun/report.html"
    form = ImportUploadForm

    # Editors import; everything else reads the report.
    def has_module_permission(self, request):
        return can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_add_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Not while it runs; a run that stopped moving (its worker was stopped) may go.
        return can_publish(request.user) and (obj is None or obj.state != ImportRun.State.RUNNING or obj.is_stalled())

    @admin.display(description=_("result"))
    def summary(self, run):
        counts = (run.report or {}).get("counts")
        if not counts:
            return "—"
        return gettext("%(new)d new, %(updated)d updated, %(failed)d failed, %(todo)d to finish") % {
            "new": counts["create"],
            "updated": counts["update"],
            "failed": counts["error"],
            "todo": counts["need_a_person"],
        }

    def get_fields(self, request, obj=None):
        return ["file", "publish", "section"] if obj is None else []

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data["file"]
        obj.label = Path(upload.name).name[:255]
        obj.created_by = request.user
        obj.state = ImportRun.State.CHECKING
        obj.upload.save(obj.label, upload, save=False)
        obj.save()
        transaction.on_commit(lambda: check_import.enqueue(obj.pk))

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(reverse("admin:importer_importrun_change", args=[obj.pk]))

    def delete_model(self, request, obj):
        if obj.upload:
            obj.upload.delete(save=False)
        super().delete_model(request, obj)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/confirm/",
                self.admin_site.admin_view(self.confirm_view),
                name="importer_importrun_confirm",
            ),
            *super().get_urls(),
        ]

    def confirm_view(self, request, object_id):
        """The editor read the dry run's report: run the import."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not can_publish(request.user):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=object_id)
        with transaction.atomic():
            confirmed = ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.CHECKED).update(
                state=ImportRun.State.QUEUED, confirmed_by=request.user, confirmed_at=timezone.now()
            )
            if confirmed:
                transaction.on_commit(lambda: commit_import.enqueue(run.pk))
        if confirmed:
            self.message_user(request, gettext("The import has started. This page follows it."), messages.SUCCESS)
        else:
            self.message_user(request, gettext("This import was already started."), messages.WARNING)
        return HttpResponseRedirect(reverse("admin:importer_importrun_change", args=[run.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = get_object_or_404(ImportRun, pk=object_id)
        report = run.report or {}
        pieces = report.get("pieces", [])
        for piece in pieces:
            piece["action_label"] = ACTIONS.get(piece["action"], piece["action"])
            piece["state_label"] = STATES.get(piece["state"], piece["state"])
        needing = [piece for piece in pieces if piece["error"] or piece["todos"] or piece["notes"]]
        others = [piece for piece in pieces if not (piece["error"] or piece["todos"] or piece["notes"])]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "has_view_permission": self.has_view_permission(request, run),
            "has_delete_permission": self.has_delete_permission(request, run),
            "run": run,
            "counts": report.get("counts"),
            "needing": needing,
            "others": others[:500],
            "others_left_out": max(0, len(others) - 500),
            "in_progress": run.state in (ImportRun.State.CHECKING, ImportRun.State.QUEUED, ImportRun.State.RUNNING),
            "can_confirm": run.state == ImportRun.State.CHECKED and can_publish(request.user),
            "confirm_url": reverse("admin:importer_importrun_confirm", args=[run.pk]),
            "title": run.label,
        }
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        return TemplateResponse(request, self.change_form_template, context)
