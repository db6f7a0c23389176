"""What the API says of each thing: the same facts the reader's page prints.

A photo carries its credit and rights, and no file once its rights have
expired; a quote its speaker by public name (an anonymous source's identity is
never serialised), date, medium and original wording; an article its bylines,
section, tags, language and translation, the body as sanitised HTML and as
blocks, its citations, copyright notice and corrections. Absolute URLs are built
on ``SITE_URL``, never on the request's host (a hostile Host would otherwise
end up in a cached answer). ``fields=`` keeps only the fields named.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.body import body_blocks
from photos.renditions import FAMILIES, THUMBNAIL
from photos.text import public_url


def absolute(path):
    return f"{settings.SITE_URL}{path}" if path else None


def api_url(name, **kwargs):
    return absolute(reverse(f"api:{name}", kwargs=kwargs))


class SparseFieldsMixin:
    """``context["fields"]`` (a set of names) keeps only those fields of the top level."""

    def get_fields(self):
        fields = super().get_fields()
        wanted = self.context.get("fields") if not getattr(self, "nested", False) else None
        if wanted:
            fields = {name: field for name, field in fields.items() if name in wanted}
        return fields


class RenditionSerializer(serializers.Serializer):
    name = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.ChoiceField(choices=["webp", "jpeg"])
    url = serializers.URLField()


#: The renditions the API lists: the whole picture at every width, and the small
#: square. (The page's 16:9 crops and the desk's larger square are the site's own.)
API_RENDITIONS = (*FAMILIES["w"].names("w"), THUMBNAIL)


def renditions_of(image):
    """The photo's files (``API_RENDITIONS``, WebP and JPEG), or none once its rights have expired."""
    if image.rights_expired():
        return []
    found = []
    for name in API_RENDITIONS:
        record = (image.renditions or {}).get(name)
        if not record:
            continue
        for image_format in ("webp", "jpeg"):
            found.append(
                {
                    "name": name,
                    "width": record["width"],
                    "height": record["height"],
                    "format": image_format,
                    "url": absolute(default_storage.url(record[image_format])),
                }
            )
    return found


class PhotoSerializer(SparseFieldsMixin, serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    alt = serializers.CharField(source="alt_text")
    caption = serializers.CharField()
    credit = serializers.CharField()
    credit_line = serializers.SerializerMethodField()
    creator = serializers.CharField()
    copyright_holder = serializers.CharField()
    license = serializers.CharField()
    license_url = serializers.SerializerMethodField()
    source_url = serializers.SerializerMethodField()
    usage_terms = serializers.CharField()
    rights_expire_at = serializers.DateField(allow_null=True)
    rights_expired = serializers.SerializerMethodField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = serializers.SerializerMethodField()

    def get_url(self, image) -> str:
        return api_url("photo-detail", pk=image.pk)

    def get_credit_line(self, image) -> str:
        return image.credit_line(self.context.get("language", settings.LANGUAGE_CODE))

    def get_license_url(self, image) -> str:
        return image.license_deed_url

    def get_source_url(self, image) -> str:
        return public_url(image.source_url)

    def get_rights_expired(self, image) -> bool:
        return image.rights_expired()

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, image):
        return renditions_of(image)


class SourceSerializer(serializers.Serializer):
    """A source as readers see it: an anonymous one by its public description only."""

    name = serializers.CharField(source="public_name")
    kind = serializers.CharField()
    anonymous = serializers.BooleanField(source="is_anonymous")
    role = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_role(self, source) -> str:
        return "" if source.is_anonymous else source.role

    def get_url(self, source) -> str:
        return "" if source.is_anonymous else public_url(source.url)


class QuoteSerializer(SparseFieldsMixin, serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    text = serializers.CharField()
    language = serializers.CharField()
    original_text = serializers.CharField()
    original_language = serializers.CharField()
    said_on = serializers.DateField(allow_null=True)
    medium = serializers.CharField()
    evidence_url = serializers.SerializerMethodField()
    evidence_photo = serializers.SerializerMethodField()
    source = SourceSerializer()

    def get_url(self, quote) -> str:
        return api_url("quote-detail", pk=quote.pk)

    def get_evidence_url(self, quote) -> str:
        return public_url(quote.evidence_url)

    @extend_schema_field(PhotoSerializer(allow_null=True))
    def get_evidence_photo(self, quote):
        if not quote.evidence_image_id:
            return None
        serializer = PhotoSerializer(quote.evidence_image, context=self.context)
        serializer.nested = True
        return serializer.data


class SectionSerializer(SparseFieldsMixin, serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    url = serializers.SerializerMethodField()
    site_url = serializers.SerializerMethodField()

    def get_url(self, section) -> str:
        return api_url("section-detail", slug=section.slug)

    def get_site_url(self, section) -> str:
        return absolute(section.get_absolute_url())


class TagSerializer(SparseFieldsMixin, serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, tag) -> str:
        return api_url("tag-detail", slug=tag.slug)


class AuthorSerializer(SparseFieldsMixin, serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    site_url = serializers.SerializerMethodField()

    def get_url(self, author) -> str:
        return api_url("author-detail", slug=author.slug)

    def get_site_url(self, author) -> str:
        return absolute(author.get_absolute_url())


class ArticleLinkSerializer(serializers.Serializer):
    """An article named by another: its id, headline and addresses."""

    id = serializers.IntegerField(source="pk")
    headline = serializers.CharField()
    language = serializers.CharField()
    url = serializers.SerializerMethodField()
    canonical_url = serializers.SerializerMethodField()

    def get_url(self, article) -> str:
        return api_url("article-detail", pk=article.pk)

    def get_canonical_url(self, article) -> str:
        return absolute(article.get_absolute_url())


class BylineSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, author) -> str:
        return api_url("author-detail", slug=author.slug)


class ArticleSerializer(SparseFieldsMixin, serializers.Serializer):
    """An article in a list: what a card or a sync client needs."""

    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    canonical_url = serializers.SerializerMethodField()
    headline = serializers.CharField()
    dek = serializers.CharField()
    language = serializers.CharField()
    section = serializers.SerializerMethodField()
    byline = serializers.CharField()
    bylines = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    lead_photo = serializers.SerializerMethodField()
    lead_caption = serializers.CharField()
    published_at = serializers.DateTimeField(source="publish_at")
    first_published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    embargoed_until = serializers.SerializerMethodField()

    def get_url(self, article) -> str:
        return api_url("article-detail", pk=article.pk)

    def get_canonical_url(self, article) -> str:
        return absolute(article.get_absolute_url())

    @extend_schema_field(SectionSerializer(allow_null=True))
    def get_section(self, article):
        if not article.section_id:
            return None
        section = article.section
        return {
            "slug": section.slug,
            "name": section.name,
            "name_en": section.name_en,
            "url": api_url("section-detail", slug=section.slug),
            "site_url": absolute(section.get_absolute_url()),
        }

    @extend_schema_field(BylineSerializer(many=True))
    def get_bylines(self, article):
        return [
            {"name": author.name, "slug": author.slug, "url": api_url("author-detail", slug=author.slug)}
            for author in article.byline_authors
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tags(self, article):
        return [tag.name for tag in article.tags.all()]

    @extend_schema_field(PhotoSerializer(allow_null=True))
    def get_lead_photo(self, article):
        if not article.lead_image_id:
            return None
        serializer = PhotoSerializer(article.lead_image, context={**self.context, "language": article.language})
        serializer.nested = True
        return serializer.data

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_embargoed_until(self, article):
        """For partner keys only: the minute a piece not yet public may be published."""
        if article.is_published():
            return None
        return article.publish_at.isoformat() if article.publish_at else None


class CitationSerializer(serializers.Serializer):
    outlet = serializers.CharField(source="source.public_name")
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    published_on = serializers.DateField(allow_null=True)

    def get_url(self, citation) -> str:
        return public_url(citation.url)


class CopyrightSerializer(serializers.Serializer):
    holder = serializers.CharField()
    notice = serializers.CharField()
    license = serializers.CharField()
    license_url = serializers.CharField()


class CorrectionSerializer(serializers.Serializer):
    """A correction under its article."""

    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    published_at = serializers.DateTimeField(source="created_at")


class CorrectionListSerializer(SparseFieldsMixin, CorrectionSerializer):
    """A correction on the site's corrections list, with the article it corrects."""

    article = ArticleLinkSerializer()


class BlockSerializer(serializers.Serializer):
    """One block of the body: ``html`` (a paragraph, subhead, list… with its
    ``tag`` and sanitised ``html``), ``photo``, ``quote`` or ``article``."""

    type = serializers.ChoiceField(choices=["html", "photo", "quote", "article"])
    tag = serializers.CharField(required=False)
    html = serializers.CharField(required=False)
    photo = PhotoSerializer(required=False)
    quote = QuoteSerializer(required=False)
    article = ArticleLinkSerializer(required=False)


class ArticleDetailSerializer(ArticleSerializer):
    """An article as its page prints it: the body as sanitised HTML and as blocks
    (the stored Markdown is the desk's and importers' format, not a reader's)."""

    body_html = serializers.SerializerMethodField()
    blocks = serializers.SerializerMethodField()
    citations = CitationSerializer(many=True)
    copyright = serializers.SerializerMethodField()
    corrections = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()
    ninjs_url = serializers.SerializerMethodField()

    def _blocks(self, article):
        key = ("blocks", article.pk)
        memo = self.context.setdefault("_memo", {})
        if key not in memo:
            memo[key] = body_blocks(article, visible_articles=self.context.get("visible_embedded", {}))
        return memo[key]

    def get_body_html(self, article) -> str:
        """The body as one piece of HTML: its blocks, embeds as the same figure and quote markup the page uses."""
        return self.context["rendered_bodies"].get(article.pk, "")

    @extend_schema_field(BlockSerializer(many=True))
    def get_blocks(self, article):
        context = {**self.context, "language": article.language}
        out = []
        for block in self._blocks(article):
            if block.kind == "html":
                out.append({"type": "html", "tag": block.tag, "html": block.html})
            elif block.kind == "image":
                serializer = PhotoSerializer(block.record, context=context)
                serializer.nested = True
                out.append({"type": "photo", "photo": serializer.data})
            elif block.kind == "quote":
                serializer = QuoteSerializer(block.record, context=context)
                serializer.nested = True
                out.append({"type": "quote", "quote": serializer.data})
            else:
                out.append({"type": "article", "article": ArticleLinkSerializer(block.record).data})
        return out

    @extend_schema_field(CopyrightSerializer(allow_null=True))
    def get_copyright(self, article):
        notice = self.context["notices"].get(article.pk)
        if notice is None:
            return None
        moment = article.publish_at or article.created_at
        return {
            "holder": notice.holder_for(article.language),
            "notice": notice.text_for(article.language, moment.year if moment else None),
            "license": notice.license_name,
            "license_url": public_url(notice.license_url),
        }

    @extend_schema_field(CorrectionSerializer(many=True))
    def get_corrections(self, article):
        return CorrectionSerializer(article.corrections.all(), many=True).data

    @extend_schema_field(ArticleLinkSerializer(many=True))
    def get_translations(self, article):
        return ArticleLinkSerializer(self.context["translations"].get(article.pk, []), many=True).data

    def get_ninjs_url(self, article) -> str:
        return api_url("article-ninjs", pk=article.pk)
