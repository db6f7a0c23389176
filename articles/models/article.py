"""The article, its bylines, tags and the records its body embeds: the editorial domain's core."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from photos.models import Image

from ..editions import in_language
from ..querysets import ArticleQuerySet
from .rights import CopyrightNotice
from .source import Quote
from .status import PUBLIC_STATUSES, Origin, Status

_SECTION_MARK, _PK_MARK, _SLUG_MARK = "section-mark", "918273645", "slug-mark"


@functools.lru_cache(maxsize=4)
def detail_url_pattern(language):
    """The article address of an edition with markers in place of its parts."""
    with override(language):
        return reverse("articles:detail", kwargs={"section": _SECTION_MARK, "pk": _PK_MARK, "slug": _SLUG_MARK})


def detail_path(language, section_slug, pk, slug):
    """An article's address from its parts. Lists print dozens of these and the
    sitemap thousands: the reversed pattern is filled instead of reversing (and
    switching language) for each one. Slugs are URL-safe words."""
    return iri_to_uri(
        detail_url_pattern(language)
        .replace(_SECTION_MARK, section_slug)
        .replace(_PK_MARK, str(pk))
        .replace(_SLUG_MARK, slug)
    )


def changed_after_publication(publish_at, modified_at):
    """Whether readers saw a change after publication (``Article.was_updated``,
    for code that reads values rather than instances)."""
    return bool(publish_at and modified_at and modified_at > publish_at)


def last_change_seen(publish_at, modified_at):
    """The last change readers saw: the publication until they see one
    (``Article.date_modified``)."""
    return modified_at if changed_after_publication(publish_at, modified_at) else publish_at


#: First path segments a section slug may not take: they belong to other pages.
RESERVED_SLUGS = frozenset(
    {"a", "admin", "api", "archive", "author", "corrections", "en", "feed", "healthz", "i18n", "ko", "live", "media",
     "most-read", "preview", "readyz", "robots.txt", "search", "sitemap.xml", "static", "tag"}
)  # fmt: skip


class Section(models.Model):
    #: Plain-text fields saved without invisible formatting characters (``photos.text``).
    PLAIN_TEXT_FIELDS = ("name", "name_en")

    name = models.CharField(_("name"), max_length=100, help_text=_("As printed on the Korean site, e.g. “경제”."))
    name_en = models.CharField(_("English name"), max_length=100, blank=True, help_text=_("e.g. “Economy”."))
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, allow_unicode=True, help_text=_("The section's address: /<slug>/.")
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower comes first in menus."))

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"section": self.slug})

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is taken by another page of the site; choose another slug.")
                    % {"slug": self.slug}
                },
                code="reserved_slug",
            )

    def name_for(self, language):
        return in_language(language, self.name, self.name_en)


class Author(models.Model):
    """A byline. Freelancers and wire services have no user account."""

    #: Plain-text fields saved without invisible formatting characters (``photos.text``).
    PLAIN_TEXT_FIELDS = ("name", "title")

    name = models.CharField(_("display name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    title = models.CharField(_("title"), max_length=100, blank=True, help_text=_("e.g. “Staff reporter”, “기자”."))
    email = models.EmailField(_("email"), blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        Image, verbose_name=_("photo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text=_("The account that writes under this byline, if any."),
    )

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class TaggedArticle(TaggedItemBase):
    """A concrete tag through-table, so tag lists join on an indexed foreign key."""

    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="article_tag_unique")]


class Article(models.Model):
    #: Plain-text fields saved without invisible formatting characters (``photos.text``).
    PLAIN_TEXT_FIELDS = ("headline", "dek", "lead_image_caption", "byline_override")

    headline = models.CharField(_("headline"), max_length=300, blank=True)
    dek = models.TextField(_("dek"), blank=True, help_text=_("The sub-headline under the headline."))
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_("The readable end of the address (Korean is fine). Made from the headline when left blank."),
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="ko")
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown: paragraphs, ## subheads, lists, links. Put an image, quote or earlier "
            "article on a line of its own: [[image:42]], [[quote:7]], [[article:123]]."
        ),
    )
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    lead_image = models.ForeignKey(
        Image,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of_articles",
    )
    lead_image_caption = models.TextField(
        _("lead image caption"), blank=True, help_text=_("Leave blank to print the image's own caption.")
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), through="Authorship", related_name="articles", blank=True
    )
    byline_override = models.CharField(
        _("byline override"),
        max_length=200,
        blank=True,
        help_text=_("Printed instead of the authors' names, e.g. “Staff and wire reports”."),
    )
    tags = TaggableManager(verbose_name=_("tags"), through=TaggedArticle, blank=True)
    related_articles = models.ManyToManyField(
        "self",
        verbose_name=_("related articles"),
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text=_("The editor's picks, shown first under the article."),
    )
    copyright_notice = models.ForeignKey(
        CopyrightNotice,
        verbose_name=_("copyright notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Leave blank for the site's default notice."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("The same story in the other language, if any."),
    )

    embedded_images = models.ManyToManyField(
        Image, through="EmbeddedImage", related_name="embedded_in_articles", blank=True, editable=False
    )
    embedded_quotes = models.ManyToManyField(
        Quote, through="EmbeddedQuote", related_name="embedded_in_articles", blank=True, editable=False
    )
    embedded_articles = models.ManyToManyField(
        "self",
        through="EmbeddedArticle",
        through_fields=("article", "target"),
        symmetrical=False,
        related_name="embedded_in_articles",
        blank=True,
        editable=False,
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="articles_created",
        editable=False,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    publish_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Scheduled articles go live at this time."),
    )
    expire_at = models.DateTimeField(
        _("expiry time"), null=True, blank=True, editable=False, help_text=_("Taken down at this time, if set.")
    )
    embargoed = models.BooleanField(_("embargoed"), default=False, editable=False)
    featured_at = models.DateTimeField(
        _("made top story at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The edition's top story is the live article an editor featured last."),
    )
    first_published_at = models.DateTimeField(_("first published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    modified_at = models.DateTimeField(
        _("changed for readers at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When readers last saw a change after publication: an edit of what they read, or a correction."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    publication_count = models.PositiveIntegerField(
        _("times published"), default=0, editable=False, help_text=_("Each publication is recorded once.")
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        permissions = [
            ("publish_article", _("Can schedule, publish and unpublish articles")),
            ("edit_any_article", _("Can edit every article in any state")),
            ("view_desk_drafts", _("Can see the whole desk's drafts")),
        ]
        indexes = [
            # "Latest published" (home, feeds, sitemap) and section lists: index
            # scans over the public rows only.
            models.Index(
                F("publish_at").desc(),
                name="article_public_latest_idx",
                condition=Q(status__in=PUBLIC_STATUSES),
            ),
            models.Index(
                F("section"),
                F("publish_at").desc(),
                name="article_section_latest_idx",
                condition=Q(status__in=PUBLIC_STATUSES),
            ),
            # The front page's top story: the latest an editor featured.
            models.Index(F("featured_at").desc(), name="article_featured_idx", condition=Q(featured_at__isnull=False)),
            # The scheduler's "due for publication" and the admin's status filter.
            models.Index(fields=["status", "publish_at"], name="article_status_publish_at_idx"),
            # The desk's list: most recently saved first, a page at a time.
            models.Index(F("updated_at").desc(), name="article_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES) | Q(publish_at__isnull=False),
                name="public_article_has_publish_at",
                violation_error_message=_("A scheduled or published article needs a publication time."),
            ),
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True) | Q(publish_at__isnull=True) | Q(expire_at__gt=F("publish_at")),
                name="article_expires_after_publication",
                violation_error_message=_("The expiry time must come after the publication time."),
            ),
        ]

    def __str__(self):
        return self.headline or _("(untitled draft #%(pk)s)") % {"pk": self.pk}

    def get_absolute_url(self):
        """The address in the article's own edition: Korean at the root, English under /en/."""
        if self.section_id is None or not self.slug:
            with override(self.language):
                return reverse("articles:short", kwargs={"pk": self.pk})
        return detail_path(self.language, self.section.slug, self.pk, self.slug)

    def clean(self):
        from ..body import validate_embeds

        errors = validate_embeds(self.body, article=self)
        if errors:
            raise ValidationError({"body": errors})

    def shown_on_articles(self):
        """The published articles whose pages print this one's headline: those
        that embed it, those whose editor picked it as related, its original and
        its translations."""
        picked_by = type(self).related_articles.through.objects.filter(to_article=self.pk).values("from_article")
        shown = Q(embedded_articles=self.pk) | Q(translations=self.pk) | Q(pk__in=picked_by)
        if self.translation_of_id:
            shown |= Q(pk=self.translation_of_id)
        return type(self).objects.published().filter(shown).exclude(pk=self.pk).select_related("section").distinct()

    def is_published(self, now=None):
        """This row's view of ``Article.objects.published()``."""
        now = now or timezone.now()
        return (
            self.status in PUBLIC_STATUSES
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    is_published.boolean = True
    is_published.short_description = _("live")

    @property
    def was_updated(self):
        """Whether readers see an "updated" line: something they read changed, or
        a correction was added, after it went live (``modified_at``)."""
        return changed_after_publication(self.publish_at, self.modified_at)

    @property
    def date_modified(self):
        """What readers and machines are told of the last change (the "updated"
        line, ``dateModified``, the feeds' updated date, the sitemap's lastmod)."""
        return last_change_seen(self.publish_at, self.modified_at)

    @property
    def byline_authors(self):
        """Authors in byline order (uses the prefetched authorships)."""
        return [authorship.author for authorship in self.authorships.all()]

    @property
    def byline(self):
        if self.byline_override:
            return self.byline_override
        return ", ".join(author.name for author in self.byline_authors)

    def section_name(self):
        return self.section.name_for(self.language) if self.section_id else ""

    @property
    def lead_caption(self):
        if self.lead_image_caption:
            return self.lead_image_caption
        return self.lead_image.caption if self.lead_image_id else ""


class Authorship(models.Model):
    """An ordered byline: who wrote an article, in the order the paper prints them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="authorships")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="authorship_unique")]

    def __str__(self):
        return str(self.author)


class Embed(models.Model):
    """What an article's body embeds, kept as a relation (PROTECT on the embedded
    side) so nothing a page shows can be deleted under it; its text is what the
    admin's "cannot delete" page lists."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    def __str__(self):
        return _("used in “%(article)s” (#%(pk)s)") % {"article": self.article, "pk": self.article_id}


class EmbeddedImage(Embed):
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("image embedded in an article")
        verbose_name_plural = _("images embedded in articles")
        constraints = [models.UniqueConstraint(fields=["article", "image"], name="embedded_image_unique")]


class EmbeddedQuote(Embed):
    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("quote embedded in an article")
        verbose_name_plural = _("quotes embedded in articles")
        constraints = [models.UniqueConstraint(fields=["article", "quote"], name="embedded_quote_unique")]


class EmbeddedArticle(Embed):
    target = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("article embedded in an article")
        verbose_name_plural = _("articles embedded in articles")
        constraints = [models.UniqueConstraint(fields=["article", "target"], name="embedded_article_unique")]


class ArticleEvent(models.Model):
    """One step of an article's life, for the timeline on its admin page."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    note = models.TextField(blank=True, help_text=_("Internal: never shown to readers."))
    publication = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("For a publication: which one (1 = first).")
    )
    origin = models.CharField(
        _("origin"),
        max_length=20,
        choices=Origin.choices,
        default=Origin.NEWSROOM,
        help_text=_("An import's steps are not sent to webhooks, and its publications stay out of the news sitemap."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("article event")
        verbose_name_plural = _("article events")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The last guard of "published exactly once": two schedulers that both
            # thought they won cannot both record the same publication.
            models.UniqueConstraint(
                fields=["article", "publication"],
                condition=Q(publication__isnull=False),
                name="one_event_per_publication",
            )
        ]

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"
