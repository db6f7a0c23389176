"""Rights of what the paper prints: the copyright notice every article carries
(licenses are the photo library's, shared with it)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from photos.licenses import LICENSE_URLS, License

from ..editions import ENGLISH, edition_for, in_language


class CopyrightNoticeQuerySet(models.QuerySet):
    def default(self):
        """The site's default notice, or ``None`` when none is marked."""
        return self.filter(is_default=True).first()


class CopyrightNotice(models.Model):
    """The footer every article prints: "저작권자 © … 무단전재 및 재배포 금지"."""

    #: Plain-text fields saved without invisible formatting characters (``photos.text``).
    PLAIN_TEXT_FIELDS = ("holder", "holder_en")

    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("For the desk, e.g. “Staff copyright”.")
    )
    holder = models.CharField(
        _("copyright holder"), max_length=200, help_text=_("Who owns the rights, e.g. the paper.")
    )
    holder_en = models.CharField(
        _("copyright holder (English)"),
        max_length=200,
        blank=True,
        help_text=_("The holder's name in English notices; leave blank to use the name above."),
    )
    text_ko = models.TextField(
        _("notice (Korean)"),
        help_text=_(
            "Printed under Korean articles. {year} and {holder} are filled in, e.g. "
            "“저작권자 © {holder} 무단전재 및 재배포 금지”."
        ),
    )
    text_en = models.TextField(
        _("notice (English)"),
        help_text=_("Printed under English articles, e.g. “© {year} {holder}. All rights reserved.”"),
    )
    license_name = models.CharField(_("license"), max_length=100, blank=True)
    license_url = models.URLField(_("license URL"), blank=True)
    is_default = models.BooleanField(
        _("site default"),
        default=False,
        help_text=_("Used by every article that names no notice. Only one can be the default."),
    )

    objects = CopyrightNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("copyright notice")
        verbose_name_plural = _("copyright notices")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_copyright_notice",
                violation_error_message=_("Another copyright notice is already the site default."),
            )
        ]

    def __str__(self):
        return self.name

    def text_for(self, language, year=None):
        """The notice in ``language`` (Korean unless English), year and holder filled in."""
        template = self.text_en if edition_for(language) is ENGLISH else self.text_ko
        year = year or timezone.localdate().year
        return template.replace("{year}", str(year)).replace("{holder}", self.holder_for(language))

    def holder_for(self, language):
        return in_language(language, self.holder, self.holder_en)


__all__ = ["LICENSE_URLS", "CopyrightNotice", "License"]
