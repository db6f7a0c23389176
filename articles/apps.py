"""The editorial domain's app."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import setup_roles_after_migrate

        # Permissions exist only after every migration ran (post_migrate), so the
        # roles are (re)made here rather than in a data migration.
        post_migrate.connect(setup_roles_after_migrate, sender=self)
