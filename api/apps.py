"""The content API: published content as JSON and IPTC NINJS, for apps, partners and wires."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Content API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The API's pages join the edge purge's URL families.
        from . import purges, schema  # noqa: F401 - the purge families and the schema's extensions
