"""Partner keys: who may read the API beyond what is public, and how much."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PartnerKey(models.Model):
    """A key an admin issues to a partner (a wire, a portal, the paper's app).

    Only a hash of the secret is kept: the key is shown once, when it is made.
    A key is looked up by its public ``prefix`` (which also names it in logs)
    and checked against the hash. Revoking is for good; rotating issues a new
    key and revokes this one after a grace period."""

    name = models.CharField(_("partner"), max_length=200, help_text=_("Who holds the key, e.g. “Northwind Wire”."))
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, editable=False)
    reads_embargoed = models.BooleanField(
        _("reads embargoed and scheduled pieces"),
        default=False,
        help_text=_("As wire partners do: pieces are marked with the minute they may be published."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(
        _("stops working at"), null=True, blank=True, help_text=_("Set when the key is rotated or revoked.")
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("partner key")
        verbose_name_plural = _("partner keys")
        ordering = ["name", "-created_at"]
        constraints = [models.CheckConstraint(condition=~Q(key_hash=""), name="partner_key_has_hash")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
