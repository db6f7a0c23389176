"""The photo library: each image with the credit and rights that travel with it."""

import datetime
import os
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .licenses import LICENSE_URLS, License
from .text import public_url


def originals_storage():
    """The private storage of uploaded originals (never served to the public)."""
    return storages["originals"]


def original_upload_to(instance, filename):
    # The reporter's file name is kept for display only; on disk the original
    # gets a random name, so "../../etc/passwd.jpg" or a Korean name is harmless,
    # and the extension of the format recognised (``image_save`` passes it).
    extension = os.path.splitext(filename)[1].lower()[:10]
    if not extension.isascii() or not extension[1:].isalnum():
        extension = ""
    today = timezone.now()
    return f"originals/{today:%Y/%m}/{uuid.uuid4().hex}{extension}"


def rights_end(day):
    """The moment rights that expire on ``day`` run out: the local midnight after
    it (``rights_expired()`` is true from that day on)."""
    zone = timezone.get_current_timezone()
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)


class ImageQuerySet(models.QuerySet):
    def next_rights_end(self, now=None):
        """When the first of these photos whose rights still run loses them
        (``rights_end`` of the earliest expiry from today on), or ``None``."""
        day = self.filter(rights_expire_at__gte=timezone.localdate(now)).aggregate(day=Min("rights_expire_at"))["day"]
        return rights_end(day) if day else None

    def rights_expired(self, on=None):
        return self.filter(rights_expire_at__lt=on or timezone.localdate())

    def rights_expiring(self, within_days=30, on=None):
        today = on or timezone.localdate()
        return self.filter(
            rights_expire_at__gte=today,
            rights_expire_at__lte=today + datetime.timedelta(days=within_days),
        )


class Image(models.Model):
    """A photo in the library, with the credit and rights that travel with it."""

    #: Plain-text fields saved without invisible formatting characters (``photos.text``).
    PLAIN_TEXT_FIELDS = ("alt_text", "credit", "caption", "creator", "copyright_holder")

    file = models.FileField(
        _("file"),
        storage=originals_storage,
        upload_to=original_upload_to,
        max_length=255,
        help_text=_(
            "JPEG, PNG, WebP or GIF. The original is kept privately; readers get resized copies without location data."
        ),
    )
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    format = models.CharField(_("format"), max_length=10, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)

    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the picture shows, for readers who cannot see it. Required."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        help_text=_("What prints beside the photo: “our archive”, “Reuters”, “Courtesy of the ministry”. Required."),
    )
    caption = models.TextField(_("default caption"), blank=True)
    creator = models.CharField(_("creator"), max_length=200, blank=True, help_text=_("The photographer or maker."))
    copyright_holder = models.CharField(_("copyright holder"), max_length=200, blank=True)
    license = models.CharField(
        _("license"), max_length=30, choices=License.choices, default=License.ALL_RIGHTS_RESERVED
    )
    license_url = models.URLField(
        _("license URL"), blank=True, help_text=_("Leave blank for the standard deed of a Creative Commons license.")
    )
    source_url = models.URLField(_("source URL"), blank=True, help_text=_("Where the photo came from."))
    usage_terms = models.TextField(
        _("usage terms"), blank=True, help_text=_("Conditions of use agreed with the rights holder.")
    )
    rights_expire_at = models.DateField(
        _("rights expire on"),
        null=True,
        blank=True,
        help_text=_(
            "After this day the photo cannot be used in a newly published article and is replaced on published ones."
        ),
    )
    focal_x = models.FloatField(_("focal point (x)"), default=0.5, help_text=_("0 = left edge, 1 = right edge."))
    focal_y = models.FloatField(_("focal point (y)"), default=0.5, help_text=_("0 = top, 1 = bottom."))
    embedded_metadata = models.JSONField(_("metadata read from the file"), default=dict, blank=True, editable=False)
    renditions = models.JSONField(_("renditions"), default=dict, blank=True, editable=False)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        # The table the image library had before it was an app of its own.
        db_table = "articles_image"
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"],
                name="image_sha256_unique",
                violation_error_message=_("This file is already in the library."),
            ),
            models.CheckConstraint(condition=~Q(alt_text=""), name="image_has_alt_text"),
            models.CheckConstraint(condition=~Q(credit=""), name="image_has_credit"),
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
            ),
        ]
        indexes = [models.Index(fields=["rights_expire_at"], name="image_rights_expire_idx")]

    def __str__(self):
        return f"{self.alt_text} — {self.credit} (#{self.pk})" if self.pk else self.alt_text

    @property
    def embed_code(self):
        return f"[[image:{self.pk}]]"

    @property
    def license_deed_url(self):
        return public_url(self.license_url) or LICENSE_URLS.get(self.license, "")

    def credit_line(self, language="ko"):
        """The credit as the paper prints it: "(사진: 본지DB)" or "Photo: Reuters"."""
        # The library knows no editions: English for English, the paper's own language otherwise.
        with override("en" if (language or "").lower().startswith("en") else settings.LANGUAGE_CODE):
            return str(_("Photo: %(credit)s") % {"credit": self.credit})

    def rights_expired(self, on=None):
        return bool(self.rights_expire_at and self.rights_expire_at < (on or timezone.localdate()))

    def rendition_set(self, family="w"):
        """``[(width, height, webp_url, jpeg_url), …]`` of one family (``renditions.FAMILIES``),
        smallest first; nothing once the rights have expired."""
        from .renditions import rendition_set

        return [] if self.rights_expired() else rendition_set(self, family)

    def rendition_url(self, name=None, image_format="jpeg"):
        """The URL of one rendition (``w1600``, ``thumb160``…), the largest of its
        family when that one is absent; '' once the rights have expired."""
        from .renditions import LARGEST, rendition_url

        return "" if self.rights_expired() else rendition_url(self, name or LARGEST, image_format)
