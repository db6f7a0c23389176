"""The photo library's admin: safe uploads, credits and rights, the focal point,
and the list as a grid of cards found by search, rights and credit.

Generic: it knows nothing of articles. The desk (``desk.admin.photos``)
extends it with where each photo is used, the photos nothing uses, the
rights-expiring page, several uploads at once and the grid's stylesheet.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .metadata import suggested_fields
from .models import Image
from .renditions import THUMBNAIL
from .uploads import inspect_upload, request_slot

#: How far ahead the library warns of rights running out (filter, badges, the desk's page).
RIGHTS_WARNING_DAYS = 30
#: How many credits the credit filter offers: the most used ones (a search finds the rest).
CREDIT_FILTER_LIMIT = 30
#: The library grid's larger square, for screens with two pixels to the point.
THUMBNAIL_2X = "thumb320"

RIGHTS_FIELDSET = (
    _("Rights"),
    {
        "fields": [
            "creator",
            "copyright_holder",
            "license",
            "license_url",
            "source_url",
            "usage_terms",
            "rights_expire_at",
        ]
    },
)


def thumbnail(image, size=80):
    """The photo's small square for admin lists and pickers, or a dash."""
    url = image.rendition_url(THUMBNAIL, "webp") if image else ""
    if not url:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="nr-thumb" loading="lazy">',
        url,
        size,
        size,
        image.alt_text,
    )


def storage_problem():
    """Why the photo storages cannot take a file now, or ``None``: checked before
    anything is written, so a full disk or a read-only mount is a form error."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    for storage in (default_storage, Image._meta.get_field("file").storage):
        try:
            name = storage.save(".probe/write-check", ContentFile(b"ok"))
            storage.delete(name)
        except Exception as error:  # any failure means "cannot store"
            return type(error).__name__
    return None


def field_label(name):
    """The reporter's word for a metadata field ("credit", or "source" as read)."""
    try:
        return str(Image._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = "__all__"
        widgets = {
            # A plain file input: the original is private, so no "currently: <link>".
            "file": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif,image/avif"}),
            "caption": forms.Textarea(attrs={"rows": 2}),
            "usage_terms": forms.Textarea(attrs={"rows": 2}),
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_info = None
        if "credit" in self.fields:
            # The photo may carry its credit (IPTC/XMP): checked in clean().
            self.fields["credit"].required = False
        if "file" in self.fields and not self.instance.pk:
            self.fields["file"].required = True

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            self.upload_info = inspect_upload(upload)
            problem = storage_problem()
            if problem:
                raise ValidationError(
                    gettext("The photo cannot be stored right now (%(problem)s). Nothing was saved; try again shortly.")
                    % {"problem": problem},
                    code="storage_unavailable",
                )
            existing = Image.objects.filter(sha256=self.upload_info.sha256).exclude(pk=self.instance.pk).first()
            if existing:
                raise ValidationError(
                    format_html(
                        '{} <a href="{}">{}</a> — <code>{}</code>',
                        gettext("This photo is already in the library:"),
                        reverse("admin:photos_image_change", args=[existing.pk]),
                        str(existing),
                        existing.embed_code,
                    ),
                    code="duplicate",
                )
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.upload_info:
            for name, value in suggested_fields(self.upload_info.metadata).items():
                if name in self.fields and not cleaned.get(name):
                    cleaned[name] = value[: Image._meta.get_field(name).max_length or None]
        if "credit" in self.fields and not (cleaned.get("credit") or "").strip() and not self.errors.get("file"):
            self.add_error(
                "credit",
                ValidationError(
                    gettext("Every photo needs a credit (the file carries none): e.g. “our archive”, “Reuters”."),
                    code="required",
                ),
            )
        return cleaned


class ImageUsageFilter(admin.SimpleListFilter):
    """Photos by the state of their rights: running out within ``RIGHTS_WARNING_DAYS``, or already out."""

    title = _("rights")
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        # The label spells out the 30 (so do its translations): change it with RIGHTS_WARNING_DAYS.
        return [("expiring", _("expire within 30 days")), ("expired", _("expired"))]

    def queryset(self, request, queryset):
        if self.value() == "expiring":
            return queryset.rights_expiring(RIGHTS_WARNING_DAYS)
        if self.value() == "expired":
            return queryset.rights_expired()
        return queryset


class CreditFilter(admin.SimpleListFilter):
    """Photos by credit. Offers the ``CREDIT_FILTER_LIMIT`` credits on most
    photos (one grouped query, however big the library); any other credit
    still filters when it is in the address."""

    title = _("credit")
    parameter_name = "credit"

    def lookups(self, request, model_admin):
        credits = (
            model_admin.get_queryset(request)
            .order_by()
            .values("credit")
            .annotate(photos=Count("pk"))
            .order_by("-photos", "credit")[:CREDIT_FILTER_LIMIT]
        )
        return [(row["credit"], Truncator(row["credit"]).chars(40)) for row in credits]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(credit=self.value())
        return queryset


def rights_state(image, today=None):
    """``"expired"``, ``"expiring"`` (within ``RIGHTS_WARNING_DAYS``), ``"valid"``
    (an expiry further off) or ``""`` (no expiry): the badge on the photo's card."""
    if image.rights_expire_at is None:
        return ""
    today = today or timezone.localdate()
    if image.rights_expired(on=today):
        return "expired"
    if image.rights_expire_at <= today + datetime.timedelta(days=RIGHTS_WARNING_DAYS):
        return "expiring"
    return "valid"


def _day_html(day):
    # A <time> the badge keeps on one line: a date broken at its hyphen reads badly.
    return format_html('<time datetime="{0}">{0}</time>', day.isoformat()) if day else ""


class LibraryChangeList(ChangeList):
    """The library's changelist, whose page of results the template draws as
    cards (``cards``): made from the page's rows alone, so a page costs the
    same queries whatever it shows."""

    @cached_property
    def cards(self):
        today = timezone.localdate()
        language = get_language()
        cards = []
        for image in self.result_list:
            thumb = image.rendition_url(THUMBNAIL, "webp")  # '' once the rights have expired
            thumb_2x = image.rendition_url(THUMBNAIL_2X, "webp") if thumb else ""
            cards.append(
                {
                    "image": image,
                    "url": reverse(f"{self.model_admin.admin_site.name}:photos_image_change", args=[image.pk]),
                    "thumb": thumb,
                    "thumb_2x": thumb_2x if thumb_2x != thumb else "",
                    "credit_line": image.credit_line(language),
                    "rights": rights_state(image, today),
                    "rights_date": _day_html(image.rights_expire_at),
                    # Django's own words for its action checkbox, translated in its catalogue.
                    "select_label": gettext("Select this object for an action - {}").format(image),
                }
            )
        return cards


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ["thumb", "alt_text", "credit", "license", "rights_expire_at", "uploaded_at", "embed"]
    list_display_links = ["thumb", "alt_text"]
    list_filter = [ImageUsageFilter, CreditFilter, "license", "uploaded_at"]
    search_fields = ["alt_text", "credit", "caption", "creator", "copyright_holder", "original_filename", "=id"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    readonly_fields = ["preview", "embed", "file_facts", "metadata_read"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "embed", "alt_text", "credit", "caption"]}),
        RIGHTS_FIELDSET,
        (_("Crop"), {"fields": ["focal_x", "focal_y"]}),
        (_("About the file"), {"fields": ["file_facts", "metadata_read"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin.js"]

    def get_changelist(self, request, **kwargs):
        return LibraryChangeList

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": ["file", "alt_text", "credit", "caption"],
                        "description": gettext(
                            "Credit, creator, copyright and caption are read from the photo when it carries them; "
                            "you can correct them after saving."
                        ),
                    },
                ),
                RIGHTS_FIELDSET,
            ]
        return super().get_fieldsets(request, obj)

    @admin.display(description=_("photo"))
    def thumb(self, image):
        return thumbnail(image)

    @admin.display(description=_("embed code"))
    def embed(self, image):
        return format_html('<code class="nr-embed-code">{}</code>', image.embed_code) if image.pk else "—"

    @admin.display(description=_("preview"))
    def preview(self, image):
        url = image.rendition_url("w960", "webp")
        if not url:
            return "—"
        return format_html(
            '<div class="nr-focal" data-focal-x="{}" data-focal-y="{}"><img src="{}" alt="{}" class="nr-preview">'
            '<span class="nr-focal-dot" aria-hidden="true"></span></div>'
            '<p class="help">{}</p>',
            image.focal_x,
            image.focal_y,
            url,
            image.alt_text,
            gettext("Click the picture to set the focal point the crops keep in view, then save."),
        )

    @admin.display(description=_("file"))
    def file_facts(self, image):
        return format_html(
            "{} · {} × {} px · {} KB · SHA-256 <code>{}</code>",
            image.original_filename or "—",
            image.width,
            image.height,
            image.file_size // 1024,
            image.sha256[:16],
        )

    @admin.display(description=_("read from the photo"))
    def metadata_read(self, image):
        if not image.embedded_metadata:
            return gettext("The file carried no credit, creator, copyright or caption.")
        return format_html(
            '<dl class="nr-metadata">{}</dl>',
            format_html_join(
                "",
                "<dt>{} · {}</dt><dd>{}</dd>",
                (
                    (origin.upper(), field_label(name), value)
                    for origin, values in image.embedded_metadata.items()
                    for name, value in values.items()
                ),
            ),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and request.FILES:
            # One decoding slot for the whole upload, from the checks to the renditions.
            with request_slot():
                return super().changeform_view(request, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("file") if "file" in form.changed_data else None
        try:
            services.image_save(image=obj, user=request.user, upload=upload, upload_info=form.upload_info)
        except services.DuplicateImage as duplicate:  # a race with another upload of the same file
            raise ValidationError(
                gettext("This photo is already in the library (#%s).") % duplicate.existing.pk
            ) from duplicate
        if upload is not None and obj.embedded_metadata:
            read = suggested_fields(obj.embedded_metadata)
            if read:
                messages.info(
                    request,
                    gettext("Read from the photo: %s. Check them.")
                    % ", ".join(f"{field_label(name)} “{value}”" for name, value in read.items()),
                )

    def delete_model(self, request, obj):
        services.image_delete(image=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            services.image_delete(image=image, user=request.user)
