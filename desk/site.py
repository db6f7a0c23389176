"""The desk's admin site (kept outside the ``admin`` package: importing the site
class must not import the ModelAdmins that register on it)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.utils.translation import gettext_lazy as _

from accounts import twofactor
from photos.renditions import THUMBNAIL


class ThumbnailAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete results that carry a thumbnail, so a reporter picks a photo by sight."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if hasattr(obj, "renditions"):
            result["thumb"] = obj.rendition_url(THUMBNAIL, "webp")
        if hasattr(obj, "embed_code") and obj.pk:
            result["embed"] = obj.embed_code
        return result


class NewsroomAdminSite(admin.AdminSite):
    site_title = _("Newsroom")
    index_title = _("Newsroom desk")

    @property
    def site_header(self):
        return _("%(site)s newsroom") % {"site": settings.SITE_NAME}

    def has_permission(self, request):
        """Staff, and past the second factor where the account has or needs one."""
        return super().has_permission(request) and twofactor.passes(request)

    def autocomplete_view(self, request):
        return ThumbnailAutocompleteJsonView.as_view(admin_site=self)(request)
