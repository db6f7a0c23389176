"""Webhooks in the admin, for admins only: endpoints (register, edit, deactivate,
rotate the secret), the delivery log, and the dead letters with "Replay".
Every change goes through ``webhooks.services``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import DeadDelivery, Delivery, Endpoint, Event


class AdminsOnly:
    """Webhooks are the admin role's (the superuser's), whatever permissions a group holds."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What this endpoint is sent; at least one."),
    )

    class Meta:
        model = Endpoint
        fields = ["name", "url", "events", "active"]


@admin.register(Endpoint)
class EndpointAdmin(AdminsOnly, admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "events_list", "active", "created_at", "secret_rotated_at"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    readonly_fields = ["secret", "created_by", "created_at", "updated_at", "secret_rotated_at"]
    fieldsets = [
        (None, {"fields": ["name", "url", "events", "active"]}),
        (
            _("Signing"),
            {
                "fields": ["secret", "secret_rotated_at"],
                "description": _(
                    "Give the receiver this secret: it checks each delivery's X-Newsroom-Signature with it. "
                    "“Rotate the signing secret” in the list makes a new one."
                ),
            },
        ),
        (_("Advanced"), {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at"]}),
    ]
    actions = ["deactivate", "rotate_secret"]

    @admin.display(description=_("events"))
    def events_list(self, endpoint):
        labels = dict(Event.choices)
        return ", ".join(str(labels.get(event, event)) for event in endpoint.events)

    def save_model(self, request, obj, form, change):
        services.endpoint_save(endpoint=obj, user=request.user)

    @admin.action(description=_("Deactivate the selected endpoints"))
    def deactivate(self, request, queryset):
        for endpoint in queryset:
            services.endpoint_deactivate(endpoint=endpoint, user=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%(count)d endpoint deactivated.", "%(count)d endpoints deactivated.", count) % {"count": count},
        )

    @admin.action(description=_("Rotate the signing secret"))
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            services.endpoint_rotate_secret(endpoint=endpoint, user=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "A new secret for %(count)d endpoint: give it to its receiver (it is on the endpoint's page).",
                "New secrets for %(count)d endpoints: give them to their receivers (each is on its endpoint's page).",
                count,
            )
            % {"count": count},
            messages.WARNING,
        )


@admin.register(Delivery)
class DeliveryAdmin(AdminsOnly, admin.ModelAdmin):
    """The delivery log: read-only; replay what died."""

    list_display = [
        "created_at",
        "endpoint",
        "event",
        "article_id",
        "status",
        "last_status_code",
        "latency_ms",
        "attempts",
        "short_error",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    search_fields = ["=article_id"]
    date_hierarchy = "created_at"
    list_select_related = ["endpoint"]
    show_full_result_count = False
    fields = [
        "endpoint",
        "event",
        "article_id",
        "status",
        "attempts",
        "last_status_code",
        "latency_ms",
        "last_error",
        "next_attempt_at",
        "created_at",
        "delivered_at",
        "idempotency_key",
        "payload",
    ]
    readonly_fields = fields
    actions = ["replay"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_replay_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.display(description=_("last error"))
    def short_error(self, delivery):
        return Truncator(delivery.last_error).chars(80)

    @admin.action(description=_("Replay the selected dead deliveries"), permissions=["replay"])
    def replay(self, request, queryset):
        replayed, refused = 0, []
        for delivery in queryset.select_related("endpoint"):
            try:
                services.delivery_replay(delivery=delivery, user=request.user)
                replayed += 1
            except ValidationError as error:
                refused.extend(error.messages)
        if replayed:
            self.message_user(
                request,
                ngettext("%(count)d delivery sent again.", "%(count)d deliveries sent again.", replayed)
                % {"count": replayed},
            )
        for message in dict.fromkeys(refused):
            self.message_user(request, message, messages.ERROR)


@admin.register(DeadDelivery)
class DeadDeliveryAdmin(DeliveryAdmin):
    """The dead letters: deliveries given up on, to replay once the receiver is back."""

    list_filter = ["event", "endpoint"]

    def get_queryset(self, request):
        return super().get_queryset(request).dead()
