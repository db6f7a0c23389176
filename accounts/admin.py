"""The audit log in the admin: read-only for everyone, the superuser included,
filtered and searched like any list, and exported as CSV with the same filters."""

import csv

from django.contrib import admin
from django.http import StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import AuditEntry

#: A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "actor_name", "target", "detail", "ip_address")
    list_filter = ("action", ("created_at", admin.DateFieldListFilter))
    search_fields = ("actor_name", "target", "detail", "ip_address")
    date_hierarchy = "created_at"
    list_select_related = ()
    show_full_result_count = False
    change_list_template = "admin/accounts/auditentry/change_list.html"
    fields = ("created_at", "action", "actor", "actor_name", "target", "detail", "ip_address")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        urls = [
            path("export/", self.admin_site.admin_view(self.export_view), name="accounts_auditentry_export"),
        ]
        return urls + super().get_urls()

    def export_view(self, request):
        """The entries the list shows (same filters and search), as CSV."""
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        entries = changelist.get_queryset(request).order_by("created_at", "pk")
        audit.record(AuditEntry.Action.AUDIT_EXPORTED, detail=request.GET.urlencode())
        writer = csv.writer(_Echo())
        header = [str(_("when")), str(_("what")), str(_("username")), str(_("on")), str(_("detail")), str(_("address"))]

        def rows():
            yield "\ufeff" + writer.writerow(header)  # the BOM: spreadsheets then read Hangul as UTF-8
            for entry in entries.iterator(chunk_size=2000):
                yield writer.writerow(
                    [
                        timezone.localtime(entry.created_at).isoformat(timespec="seconds"),
                        entry.get_action_display(),
                        *(spreadsheet_safe(v) for v in (entry.actor_name, entry.target, entry.detail)),
                        entry.ip_address or "",
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        return response
