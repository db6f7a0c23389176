"""The desk: the admin where reporters write and editors publish."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Desk")
    default_auto_field = "django.db.models.BigAutoField"
