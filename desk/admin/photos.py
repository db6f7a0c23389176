"""The photo library as the desk sees it: where each photo is printed, and the
photos whose rights run out with the published articles that show them.

The library's own admin (``photos.admin``) knows nothing of articles; this
extends it and takes its place on the desk's admin site. The addresses the
library had before it was an app of its own (``/admin/articles/image/…``)
redirect to its new ones, so bookmarks and links in old messages still work.
"""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

from articles.models import Article
from photos import services
from photos.admin import ImageAdmin, thumbnail
from photos.metadata import suggested_fields
from photos.models import Image
from photos.uploads import inspect_upload, request_slot

from ..cards import image_card
from .common import WhereUsedMixin

RIGHTS_WARNING_DAYS = 30


class DeskImageAdmin(WhereUsedMixin, ImageAdmin):
    change_form_template = "admin/photos/image/change_form.html"

    def articles_using(self, image):
        return Article.objects.showing_image(image)

    def get_urls(self):
        return [
            path("rights/", self.admin_site.admin_view(self.rights_view), name="photos_image_rights"),
            path("desk/inspect/", self.admin_site.admin_view(self.desk_inspect_view), name="photos_image_desk_inspect"),
            path("desk/upload/", self.admin_site.admin_view(self.desk_upload_view), name="photos_image_desk_upload"),
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

    # -- Photos dropped or pasted into the body, or chosen on the library page -----------

    def desk_inspect_view(self, request):
        """POST ``file``: what the photo carries (credit, creator, copyright,
        caption) to prefill the credit dialog, or why it cannot be used.
        Nothing is stored."""
        if request.method != "POST":
            return HttpResponse(status=405)
        if not self.has_add_permission(request):
            raise PermissionDenied
        upload = request.FILES.get("file")
        if upload is None:
            return _json({"error": gettext("No file was received.")}, status=400)
        try:
            info = inspect_upload(upload)
        except ValidationError as error:
            return _json({"error": " ".join(error.messages)}, status=400)
        existing = Image.objects.filter(sha256=info.sha256).first()
        return _json(
            {
                "fields": suggested_fields(info.metadata),
                "width": info.width,
                "height": info.height,
                "duplicate": image_card(existing) if existing else None,
            }
        )

    def desk_upload_view(self, request):
        """POST ``file`` with its alt text, credit and the rest: the photo in the
        library (checked, credited, its renditions made), as a card for the
        editor; or the form's errors, with nothing stored."""
        if request.method != "POST":
            return HttpResponse(status=405)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form_class = self.get_form(request, None, change=False, fields=DESK_UPLOAD_FIELDS)
        with request_slot():
            form = form_class(request.POST, request.FILES, instance=Image())
            if not form.is_valid():
                return _form_errors(form)
            try:
                image = services.image_save(
                    image=form.instance,
                    user=request.user,
                    upload=form.cleaned_data["file"],
                    upload_info=form.upload_info,
                )
            except services.DuplicateImage as duplicate:
                message = gettext("This photo is already in the library (#%s).") % duplicate.existing.pk
                return _json({"errors": {"file": [message]}, "duplicate": image_card(duplicate.existing)}, status=400)
        return _json({"card": image_card(image)}, status=201)


def _form_errors(form):
    """The form's errors as text (a duplicate's message links to it: the card says the same)."""
    errors = {
        name: [strip_tags(error["message"]) for error in field_errors]
        for name, field_errors in form.errors.get_json_data().items()
    }
    duplicate = None
    if form.upload_info is not None:
        existing = Image.objects.filter(sha256=form.upload_info.sha256).first()
        duplicate = image_card(existing) if existing else None
    return _json({"errors": errors, "duplicate": duplicate}, status=400)


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


#: What the desk's credit dialog sends with each photo.
DESK_UPLOAD_FIELDS = ["file", "alt_text", "credit", "caption", "creator", "copyright_holder"]


admin.site.unregister(Image)
admin.site.register(Image, DeskImageAdmin)


def old_photo_address(request, rest):
    """``/admin/articles/image/<rest>`` → ``/admin/photos/image/<rest>`` (query kept)."""
    target = reverse("admin:photos_image_changelist") + rest
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


#: Included by the project's URLs before the admin's own.
old_photo_urls = [re_path(r"^articles/image/(?P<rest>.*)$", old_photo_address)]
