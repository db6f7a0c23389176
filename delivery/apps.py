"""Serving fast and never stale: its app connects the receivers of "content changed"."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """Serving fast and never stale: content state, page cache, stored
    renderings, remembered parts, the edge purge (see ``delivery/README.md``)."""

    name = "delivery"
    verbose_name = _("Delivery")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The caches listen to the "content changed" hook in every process —
        # web workers, the scheduler, management commands.
        from . import receivers  # noqa: F401
