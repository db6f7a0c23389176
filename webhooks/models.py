"""Endpoints an admin registers, and each delivery made to them."""

import secrets
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The URL schemes an endpoint may have: the request is an HTTP POST, nothing else.
SCHEMES = ("http", "https")


class Event(models.TextChoices):
    """What an endpoint may be told of (``articles.signals.ARTICLE_EVENTS``)."""

    PUBLISHED = "published", _("Published")
    UPDATED = "updated", _("Updated while live")
    CORRECTED = "corrected", _("Corrected")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")


def new_secret():
    """A signing secret: 32 random bytes, URL-safe."""
    return "whsec_" + secrets.token_urlsafe(32)


class EndpointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Endpoint(models.Model):
    """A receiver of webhooks: where to post, which events, the secret to sign with."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("Who receives it, e.g. “Partner portal” or “Newsletter”.")
    )
    url = models.URLField(
        _("URL"),
        max_length=500,
        help_text=_("Where deliveries are posted: an http:// or https:// address. Redirects are not followed."),
    )
    events = models.JSONField(
        _("events"), default=list, blank=True, help_text=_("What this endpoint is sent; at least one.")
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        editable=False,
        help_text=_("The receiver checks each delivery's signature with it. Rotating it replaces it at once."),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("An inactive endpoint is sent nothing; its waiting deliveries end in the dead letters."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    secret_rotated_at = models.DateTimeField(_("secret rotated at"), null=True, blank=True, editable=False)

    objects = EndpointQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name", "pk"]
        constraints = [
            # The last guard: urllib would open file:// or ftp:// just as readily.
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="webhook_endpoint_url_is_http",
                violation_error_message=_("The address must start with http:// or https://."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.url:
            # The scheme in lower case, as the database's guard reads it ("HTTPS://" is https).
            scheme, separator, rest = self.url.strip().partition("://")
            self.url = scheme.lower() + separator + rest
        if self.url and urlsplit(self.url).scheme not in SCHEMES:
            errors["url"] = ValidationError(_("The address must start with http:// or https://."), code="url_scheme")
        unknown = [event for event in self.events or [] if event not in Event.values]
        if not self.events or unknown:
            errors["events"] = ValidationError(_("Choose at least one of the events."), code="events")
        if errors:
            raise ValidationError(errors)

    def wants(self, event):
        return event in (self.events or [])


class DeliveryQuerySet(models.QuerySet):
    def dead(self):
        """The dead letters: deliveries given up on, waiting for an admin's replay."""
        return self.filter(status=Delivery.Status.DEAD)

    def sendable(self):
        """Deliveries a worker may still attempt (not yet delivered, not given up on)."""
        return self.filter(status__in=(Delivery.Status.PENDING, Delivery.Status.FAILED))


class Delivery(models.Model):
    """One event for one endpoint: the body as it was when the event happened,
    sent (and retried) with the same idempotency key until delivered or dead."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, will retry")
        DEAD = "dead", _("Dead (given up)")

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    article_id = models.BigIntegerField(
        _("article"), help_text=_("The article's number (kept when the article is deleted).")
    )
    payload = models.JSONField(_("payload"), help_text=_("The body sent, as it was when the event happened."))
    idempotency_key = models.UUIDField(
        _("idempotency key"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Sent as X-Newsroom-Delivery, the same on every attempt: the receiver ignores a repeat."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The backstop's "due and not sent" (``deliveries_retry_due``).
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx"),
            models.Index(fields=["article_id"], name="webhook_delivery_article_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="delivered") & Q(delivered_at__isnull=False))
                | (~Q(status="delivered") & Q(delivered_at__isnull=True)),
                name="webhook_delivered_has_delivered_at",
            ),
        ]

    def __str__(self):
        return _("“%(event)s” of article #%(article)s") % {
            "event": self.get_event_display(),
            "article": self.article_id,
        }


class DeadDelivery(Delivery):
    """The dead letters, as their own list in the admin (with "Replay")."""

    class Meta:
        proxy = True
        verbose_name = _("dead letter")
        verbose_name_plural = _("dead letters")
