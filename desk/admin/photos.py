"""The photo library as the desk sees it: where each photo is printed, and the
photos whose rights run out with the published articles that show them.

The library's own admin (``photos.admin``) knows nothing of articles; this
extends it and takes its place on the desk's admin site. The addresses the
library had before it was an app of its own (``/admin/articles/image/…``)
redirect to its new ones, so bookmarks and links in old messages still work.
"""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.translation import gettext

from articles.models import Article
from photos.admin import ImageAdmin, thumbnail
from photos.models import Image

from .common import WhereUsedMixin

RIGHTS_WARNING_DAYS = 30


class DeskImageAdmin(WhereUsedMixin, ImageAdmin):
    change_form_template = "admin/photos/image/change_form.html"

    def articles_using(self, image):
        return Article.objects.showing_image(image)

    def get_urls(self):
        return [
            path("rights/", self.admin_site.admin_view(self.rights_view), name="photos_image_rights"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "rights_url": reverse("admin:photos_image_rights")}
        return super().changelist_view(request, extra_context)

    def rights_view(self, request):
        """Photos whose rights run out within 30 days (or already have), with the
        published articles that print them: what the photo desk must act on."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        images = list(
            Image.objects.filter(rights_expire_at__lte=today + datetime.timedelta(days=RIGHTS_WARNING_DAYS)).order_by(
                "rights_expire_at", "pk"
            )
        )
        rows = [
            {
                "image": image,
                "thumb": thumbnail(image, 64),
                "expired": image.rights_expired(),
                "articles": Article.objects.showing_image(image).published().order_by("-publish_at"),
            }
            for image in images
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Photo rights expiring within %(days)s days") % {"days": RIGHTS_WARNING_DAYS},
            "opts": self.opts,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/photos/image/rights.html", context)


admin.site.unregister(Image)
admin.site.register(Image, DeskImageAdmin)


def old_photo_address(request, rest):
    """``/admin/articles/image/<rest>`` → ``/admin/photos/image/<rest>`` (query kept)."""
    target = reverse("admin:photos_image_changelist") + rest
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


#: Included by the project's URLs before the admin's own.
old_photo_urls = [re_path(r"^articles/image/(?P<rest>.*)$", old_photo_address)]
