"""Webhooks: signed deliveries of what happens to published content, from the task queue."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every process that changes articles (web workers, the scheduler,
        # commands, importers) makes the deliveries of its steps.
        from . import receivers  # noqa: F401
