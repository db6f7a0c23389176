"""The desk's admin site (kept outside the ``admin`` package: importing the site
class must not import the ModelAdmins that register on it)."""

import functools

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.urls import path
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


#: app label → (its name, {model class name: its plural}) for apps that name them in code only.
THIRD_PARTY_NAMES = {
    "otp_totp": (_("Authenticator apps"), {"TOTPDevice": _("authenticator apps")}),
    "otp_static": (_("Recovery codes"), {"StaticDevice": _("recovery code sets")}),
    "axes": (_("Login throttling"), {}),
    "django_tasks_db": (_("Background tasks"), {"DBTaskResult": _("task results")}),
}


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

    def get_app_list(self, request, app_label=None):
        """Django's list of apps, with names in the desk's language for the
        third-party apps that have no translatable ones (django-otp's plugins
        name their apps and models in code: "Otp_Totp", "TOTP devices")."""
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            names = THIRD_PARTY_NAMES.get(app["app_label"])
            if not names:
                continue
            app["name"] = names[0]
            for model in app["models"]:
                model["name"] = names[1].get(model["object_name"], model["name"])
        return app_list

    def logout(self, request, extra_context=None):
        """Logging out also clears what this browser kept of the desk: the
        drafts' copies (newsroom computers are shared; drafts may be under
        embargo). The page's script clears them too, for browsers without the header."""
        response = super().logout(request, extra_context)
        response["Clear-Site-Data"] = '"storage"'
        return response

    # My desk: the home page is each person's desk, not the list of models
    # (which stays at its foot). The desk's views and selectors are imported
    # when called: they use this very site (its ModelAdmins register on it),
    # which is being built while this module is imported.

    def index(self, request, extra_context=None):
        from . import views

        return views.my_desk(request, site=self, extra_context=extra_context)

    def get_urls(self):
        from . import views

        return [
            path(
                "desk/notifications/<int:notification_id>/",
                self.admin_view(views.notification_open),
                name="desk_notification_open",
            ),
            path("desk/notifications/read/", self.admin_view(views.notifications_read), name="desk_notifications_read"),
            *super().get_urls(),
        ]

    def each_context(self, request):
        """The admin's context, with the header's count of unread notifications:
        counted (one query) only on a page that prints it."""
        context = super().each_context(request)
        user = request.user
        if user.is_authenticated:
            from .selectors import unread_notification_count

            context["unread_notification_count"] = functools.cache(lambda: unread_notification_count(user))
        return context
