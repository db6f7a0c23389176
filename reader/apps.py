"""The public site's app: registers its URL families with the edge purge."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    """The public site: views, previews, the article page, feeds, sitemaps, search."""

    name = "reader"
    verbose_name = _("Reader's site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Declared at start-up in every process (the scheduler purges too), not
        # when the URL conf is first loaded.
        from . import purges  # noqa: F401
