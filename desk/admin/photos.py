"""The photo library as the desk sees it: where each photo is printed, which
photos nothing uses, the photos whose rights run out with the published
articles that show them, and several photos uploaded at once, each credited.

The library's own admin (``photos.admin``) knows nothing of articles; this
extends it and takes its place on the desk's admin site. The addresses the
library had before it was an app of its own (``/admin/articles/image/…``)
redirect to its new ones, so bookmarks and links in old messages still work.
"""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, EmbeddedImage, Quote
from photos import services
from photos.admin import RIGHTS_WARNING_DAYS, CreditFilter, ImageAdmin, ImageUsageFilter, thumbnail
from photos.metadata import suggested_fields
from photos.models import Image
from photos.uploads import inspect_upload, request_slot

from ..cards import image_card
from ..strings import editor_strings
from .common import WhereUsedMixin


def in_use():
    """A photo is in use while something of the paper holds it: an article (as
    its lead image or embedded in its body, whatever the article's status), a
    quote (as its evidence, embedded in an article or not yet: the quote keeps
    it, and it cannot be deleted under the quote) or an author (as the byline
    photo: the author's page prints it, and deleting it would leave the page
    without one). As a condition on ``Image`` rows, one subquery each."""
    photo = OuterRef("pk")
    return (
        Exists(Article.objects.filter(lead_image=photo))
        | Exists(EmbeddedImage.objects.filter(image=photo))
        | Exists(Quote.objects.filter(evidence_image=photo))
        | Exists(Author.objects.filter(photo=photo))
    )


class UsageFilter(admin.SimpleListFilter):
    """Photos in use (``in_use``) or not: the unused ones are the library's to tidy."""

    title = _("use")
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("unused", _("not used")), ("used", _("used"))]

    def queryset(self, request, queryset):
        if self.value() == "unused":
            return queryset.exclude(in_use())
        if self.value() == "used":
            return queryset.filter(in_use())
        return queryset


class DeskImageAdmin(WhereUsedMixin, ImageAdmin):
    change_form_template = "admin/photos/image/change_form.html"
    list_filter = [ImageUsageFilter, CreditFilter, UsageFilter, "license", "uploaded_at"]

    class Media:
        # Added to the library's own: the grid's layout, and the desk's script
        # with the credit dialog for "Upload photos".
        css = {"all": ["desk/desk.css", "desk/library.css"]}
        js = ["desk/desk.js"]

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
        extra_context = {
            **(extra_context or {}),
            "rights_url": reverse("admin:photos_image_rights"),
            "desk_photos_config": self.photos_upload_config(request),
        }
        return super().changelist_view(request, extra_context)

    def photos_upload_config(self, request):
        """What the desk's script needs to mount "Upload photos" on the library
        page (several photos, each through the credit dialog), or ``None`` for
        a user who may not add photos: they get no button."""
        if not self.has_add_permission(request):
            return None
        return {
            "strings": editor_strings(),
            "urls": {
                "photoInspect": reverse("admin:photos_image_desk_inspect"),
                "photoUpload": reverse("admin:photos_image_desk_upload"),
            },
        }

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
