"""Who is quoted and what they said: sources (anonymous ones included), quotes and citations of other outlets."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SourceQuerySet(models.QuerySet):
    def identity_visible_to(self, user):
        """Sources whose real identity ``user`` may see: every named one, and the
        anonymous ones the user added, or all of them for editors."""
        if user.has_perm("articles.view_source_identity"):
            return self
        return self.filter(Q(is_anonymous=False) | Q(created_by=user))


def identity_safe_search_q(user, search_term, *, text_fields, prefix=""):
    """The ``Q`` of a search that matches an anonymous source's real name or role
    only for those allowed to see its identity (the rule of
    ``identity_visible_to``), so a search cannot reveal who "a senior official"
    is. ``prefix`` reaches the source across a relation (``"source__"``)."""
    query = Q()
    for word in search_term.split():
        word_query = Q()
        for field in text_fields:
            word_query |= Q(**{f"{field}__icontains": word})
        name_match = Q(**{f"{prefix}name__icontains": word}) | Q(**{f"{prefix}role__icontains": word})
        if not user.has_perm("articles.view_source_identity"):
            name_match &= Q(**{f"{prefix}is_anonymous": False}) | Q(**{f"{prefix}created_by": user})
        query &= word_query | name_match
    return query


class Source(models.Model):
    """A person, organisation, publication or document that is quoted or cited.

    An anonymous source shows only its public description everywhere, except to
    editors and the reporter who added it.
    """

    #: Plain-text fields saved without invisible formatting characters (``photos.text``).
    PLAIN_TEXT_FIELDS = ("name", "role", "public_description")

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        PUBLICATION = "publication", _("Publication")
        DOCUMENT = "document", _("Document")

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The real name. For an anonymous source only editors and you will see it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(
        _("role or affiliation"), max_length=200, blank=True, help_text=_("e.g. “CEO of OpenAI”, “economics desk”.")
    )
    url = models.URLField(_("URL"), blank=True)
    is_anonymous = models.BooleanField(
        _("anonymous"), default=False, help_text=_("Readers and other reporters see only the public description.")
    )
    public_description = models.CharField(
        _("public description"),
        max_length=200,
        blank=True,
        help_text=_("What readers see for an anonymous source, e.g. “a senior government official”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]
        permissions = [("view_source_identity", _("Can see the identity of anonymous sources"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | ~Q(public_description=""),
                name="anonymous_source_has_public_description",
            )
        ]

    def __str__(self):
        """The public name: never an anonymous source's identity."""
        return self.public_name

    def clean(self):
        if self.is_anonymous and not self.public_description.strip():
            raise ValidationError(
                {"public_description": _("An anonymous source needs a public description readers will see.")},
                code="anonymous_without_description",
            )

    @property
    def public_name(self):
        return self.public_description if self.is_anonymous else self.name

    def identity_visible_to(self, user):
        if not self.is_anonymous:
            return True
        return bool(
            user
            and user.is_authenticated
            and (user.has_perm("articles.view_source_identity") or user.pk == self.created_by_id)
        )

    def name_for(self, user):
        """The name ``user`` may see: the identity with its description for those
        allowed, the public description for everyone else."""
        if self.is_anonymous and self.identity_visible_to(user):
            return f"{self.public_description} [{self.name}]"
        return self.public_name


class Quote(models.Model):
    """Words said by a source, as published, with the original wording beside them."""

    class Medium(models.TextChoices):
        POST = "post", _("Social media post")
        INTERVIEW = "interview", _("Interview")
        RELEASE = "release", _("Press release")
        REPORT = "report", _("Report")
        SPEECH = "speech", _("Speech")
        OTHER = "other", _("Other")

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="quotes")
    text = models.TextField(
        _("text as published"), help_text=_("The words as the article prints them (translated if needed).")
    )
    language = models.CharField(_("language of the text"), max_length=10, choices=settings.LANGUAGES, default="ko")
    original_text = models.TextField(
        _("original wording"), blank=True, help_text=_("The words as they were said, printed beside a translation.")
    )
    original_language = models.CharField(
        _("original language"), max_length=10, blank=True, help_text=_("e.g. en, ko, ja (a language code).")
    )
    said_on = models.DateField(_("date said"), null=True, blank=True)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices, default=Medium.INTERVIEW)
    evidence_url = models.URLField(
        _("evidence URL"), blank=True, help_text=_("Link to the post, recording or document.")
    )
    evidence_image = models.ForeignKey(
        "photos.Image",
        verbose_name=_("evidence image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_for_quotes",
        help_text=_("A screenshot that outlives the post."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="quote_has_text"),
            models.CheckConstraint(
                condition=Q(original_text="") | ~Q(original_language=""),
                name="quote_original_has_language",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"“{text}” — {self.source} (#{self.pk})" if self.pk else text

    def clean(self):
        if self.original_text.strip() and not self.original_language.strip():
            raise ValidationError(
                {"original_language": _("Say which language the original wording is in.")},
                code="original_without_language",
            )

    @property
    def embed_code(self):
        return f"[[quote:{self.pk}]]"

    @property
    def has_original(self):
        return bool(self.original_text.strip()) and self.original_text.strip() != self.text.strip()


class Citation(models.Model):
    """An article's attribution to another outlet's report ("according to the FT on the 16th")."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("outlet or source"), on_delete=models.PROTECT, related_name="citations"
    )
    title = models.CharField(_("title of the cited report"), max_length=300, blank=True)
    url = models.URLField(_("URL"), blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.source} — {self.title}" if self.title else str(self.source)
