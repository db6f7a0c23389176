"""Content in: a newspaper's archive brought over from WordPress or from article files."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    name = "importer"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"
