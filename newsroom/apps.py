"""The project's own app config and the admin site's."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The project's plumbing as an app (its commands: backup, restore)."""

    default = True
    name = "newsroom"
    verbose_name = _("Newsroom")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the newsroom's own site (its header, autocomplete thumbnails)."""

    default = False
    default_site = "desk.site.NewsroomAdminSite"
