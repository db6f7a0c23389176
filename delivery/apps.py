"""Serving fast and never stale: its app connects the receivers of "content changed"."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
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

        post_migrate.connect(forget_renderings_after_deploy, sender=self, dispatch_uid="delivery.deploy.renderings")


def forget_renderings_after_deploy(using="default", **kwargs):
    """Every deploy runs ``migrate`` (deploy/README.md), and a deploy may bring new
    templates, translations or JSON-LD: the stored article parts were rendered
    by the old ones and would be served until each article changed again. They
    are dropped here and rendered anew on each article's next view (pages in the
    page cache and at the edge end within ``NEWSROOM_PAGE_CACHE_SECONDS``)."""
    from articles.models import ArticleRendering

    ArticleRendering.objects.using(using).all().delete()
