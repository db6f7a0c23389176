"""The image library's app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    """The image library (as Wagtail's ``wagtail.images``): uploads, credits and
    rights, renditions. It imports no other app of the project."""

    name = "photos"
    verbose_name = _("Photo library")
    default_auto_field = "django.db.models.BigAutoField"
