"""Partner keys in the admin: issued, rotated and revoked by admins; a key is shown once."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import keys
from .models import PartnerKey


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "reads_embargoed", "state", "created_at", "last_used_at", "expires_at"]
    list_filter = ["reads_embargoed"]
    search_fields = ["name", "prefix"]
    fields = ["name", "reads_embargoed"]
    readonly_fields = []
    actions = ["rotate_selected", "revoke_selected"]

    # Admins only: a key reads what the public may not.
    def has_module_permission(self, request):
        return request.user.is_superuser

    has_view_permission = has_add_permission = has_change_permission = lambda self, request, obj=None: (
        request.user.is_superuser
    )

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the log keeps naming the key

    def get_readonly_fields(self, request, obj=None):
        return ["prefix", "created_at", "last_used_at", "expires_at"] if obj else []

    def get_fields(self, request, obj=None):
        return ["name", "reads_embargoed", *self.get_readonly_fields(request, obj)]

    @admin.display(description=_("state"))
    def state(self, record):
        if record.expires_at is None:
            return gettext("active")
        return (
            gettext("revoked")
            if record.expires_at <= timezone.now()
            else gettext("ends %(when)s") % {"when": timezone.localtime(record.expires_at).strftime("%Y-%m-%d %H:%M")}
        )

    def save_model(self, request, obj, form, change):
        if change:
            PartnerKey.objects.filter(pk=obj.pk).update(name=obj.name, reads_embargoed=obj.reads_embargoed)
            return
        record, key = keys.partner_key_issue(name=obj.name, user=request.user, reads_embargoed=obj.reads_embargoed)
        obj.pk, obj.prefix = record.pk, record.prefix
        request.issued_key = (record, key)

    def response_add(self, request, obj, post_url_continue=None):
        # The key is shown here, once, and never stored in a message or a cookie.
        return self._show_key(request, *request.issued_key)

    def _show_key(self, request, record, key):
        context = {**self.admin_site.each_context(request), "opts": self.opts, "record": record, "key": key}
        response = TemplateResponse(request, "admin/api/partnerkey/issued.html", context)
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=_("Rotate: a new key now, the old one stops in 7 days"))
    def rotate_selected(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Rotate one key at a time."), messages.ERROR)
            return None
        new, key = keys.partner_key_rotate(record=queryset.get(), user=request.user)
        return self._show_key(request, new, key)

    @admin.action(description=_("Revoke now"))
    def revoke_selected(self, request, queryset):
        for record in queryset:
            keys.partner_key_revoke(record=record, user=request.user)
        self.message_user(request, gettext("Revoked: they stop working at once."), messages.SUCCESS)
