"""The read API (``/api/v1/``): published content, as the reader's site shows it.

Every article starts from ``Article.objects.published()`` — or, for a partner
key that may, also from the scheduled pieces not yet at their minute, marked
with it (``embargoed_until``). An article a reader may not see is a 404 exactly
like an unknown id. Tags, bylines, photos, quotes and corrections are those the
published articles print, so nothing reveals what only a draft holds.

Lists are cursor-paginated in a stable order (``{"results": […], "next": url}``
and a ``Link: <…>; rel="next"`` header), filtered by named parameters only: an
unknown one is a 400 naming it, never a wider answer. Answers carry ``ETag`` and
``Last-Modified`` (a repeat with ``If-None-Match`` is a 304) and the cache
headers the page cache and the edge honour; a keyed answer is private and never
stored anywhere.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from taggit.models import Tag

from articles.models import (
    Article,
    Author,
    Authorship,
    CopyrightNotice,
    Correction,
    EmbeddedImage,
    Quote,
    Section,
    Status,
    TaggedArticle,
)
from articles.querysets import authors_in_print, published_q, tags_in_print
from delivery.memo import remember_many
from photos.models import Image

from . import serializers

MAX_PAGE_SIZE = 100


def visible_articles(request, now=None):
    """What the asker may read: published pieces; for a partner key allowed to,
    also scheduled ones before their minute (not expired)."""
    partner = getattr(request, "auth", None)
    now = now or timezone.now()
    if partner is not None and partner.reads_embargoed:
        ahead = Q(status=Status.SCHEDULED) & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        return Article.objects.filter(published_q(now) | ahead)
    return Article.objects.published(now)


def visible_images(request):
    """Photos a visible article prints: as lead, in its body, or as a quote's evidence."""
    articles = visible_articles(request).values("pk")
    return Image.objects.filter(
        Q(Exists(Article.objects.filter(pk__in=articles, lead_image=OuterRef("pk"))))
        | Q(Exists(EmbeddedImage.objects.filter(article__in=articles, image=OuterRef("pk"))))
        | Q(Exists(Quote.objects.filter(evidence_image=OuterRef("pk"), embedded_in_articles__in=articles)))
    )


class Pagination(CursorPagination):
    """A stable order, a cursor to the next page, at most ``MAX_PAGE_SIZE`` a page."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = ("-publish_at", "-id")

    def get_ordering(self, request, queryset, view):
        return getattr(view, "ordering_for", lambda request: self.ordering)(request)

    def get_page_size(self, request):
        if self.page_size_query_param in request.query_params:
            try:
                size = int(request.query_params[self.page_size_query_param])
            except ValueError:
                raise exceptions.ValidationError({"page_size": "A whole number from 1 to 100."}) from None
            if not 1 <= size <= self.max_page_size:
                raise exceptions.ValidationError({"page_size": "A whole number from 1 to 100."})
            return size
        return self.page_size

    def get_paginated_response(self, data):
        next_link = self.get_next_link()
        headers = {"Link": f'<{next_link}>; rel="next"'} if next_link else {}
        return Response({"results": data, "next": next_link}, headers=headers)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "results": schema,
                "next": {"type": ["string", "null"], "format": "uri"},
            },
        }

    def encode_cursor(self, cursor):
        # On SITE_URL, never on the request's host.
        link = super().encode_cursor(cursor)
        return settings.SITE_URL + link[link.index("/api/") :] if "/api/" in link else link


def fields_parameter(serializer_class):
    """``fields=``: a comma-separated list of the serializer's own field names (no other value is accepted)."""
    names = "|".join(sorted(serializer_class().fields))
    return OpenApiParameter(
        "fields",
        {"type": "string", "pattern": f"^({names})(,({names}))*$"},
        description="Comma-separated names of the fields to return (the others are left out).",
    )


class ApiView(generics.GenericAPIView):
    """What every endpoint shares: the parameters it knows, sparse fields, cache headers."""

    #: Query parameters this endpoint understands (besides ``fields``).
    parameters = ()
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        known = {"fields", *self.parameters}
        if self.pagination_class is not None:
            known |= {"cursor", "page_size"}
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise exceptions.ValidationError(
                {"detail": f"Unknown parameter: {', '.join(unknown)}. This endpoint knows: {', '.join(sorted(known))}."}
            )
        if request.auth is not None:
            request._request.api_key_prefix = request.auth.prefix

    def get_serializer_context(self):
        context = super().get_serializer_context()
        fields = self.request.query_params.get("fields")
        if fields:
            names = {name.strip() for name in fields.split(",") if name.strip()}
            allowed = set(self.get_serializer_class()().fields)
            unknown = sorted(names - allowed)
            if unknown:
                raise exceptions.ValidationError({"fields": f"Unknown field: {', '.join(unknown)}."})
            context["fields"] = names
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code != 200:
            return response
        if getattr(request, "auth", None) is not None:
            response["Cache-Control"] = "private, no-store"
        else:
            response["Cache-Control"] = "public, max-age=60"
        modified = getattr(self, "last_modified", None)
        if modified:
            response["Last-Modified"] = http_date(modified.timestamp())
        response["Vary"] = "Authorization"
        return response


def not_found(request, *args, **kwargs):
    """An address the API does not have: its JSON 404."""
    response = JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)
    response["Cache-Control"] = "no-cache"
    return response


def sparse(data, fields):
    """``data`` with only ``fields`` (all of it when none were asked for)."""
    return {name: value for name, value in data.items() if name in fields} if fields else data


def remembered_articles(request, ids, compute, *, detail):
    """``{pk: serialized article}``: remembered per content generation for
    anonymous readers (``delivery.memo``: what every reader gets is computed
    once per process until the next change), always afresh for a partner key
    (it may see what readers may not)."""
    if request.auth is not None:
        return compute(ids)
    kind = "api-article" if detail else "api-card"
    found = remember_many(
        request._request,
        [(kind, pk) for pk in ids],
        lambda keys: {(kind, pk): value for pk, value in compute([pk for _kind, pk in keys]).items()},
    )
    return {pk: found[(kind, pk)] for pk in ids}


def _filter_param(value, name):
    if not value or len(value) > 200:
        raise exceptions.ValidationError({name: "A non-empty value is needed."})
    return value


# -- Articles ------------------------------------------------------------------------------


ARTICLE_PARAMETERS = [
    OpenApiParameter("section", OpenApiTypes.STR, description="A section's slug."),
    OpenApiParameter("tag", OpenApiTypes.STR, description="A tag's slug."),
    OpenApiParameter("author", OpenApiTypes.STR, description="An author's slug."),
    OpenApiParameter("language", OpenApiTypes.STR, enum=["ko", "en"], description="The edition."),
    OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        description="Only what changed at or after this moment (ISO 8601), oldest change first: for syncing.",
    ),
    fields_parameter(serializers.ArticleSerializer),
]


def with_card_relations(queryset):
    return queryset.select_related("section", "lead_image").prefetch_related(
        Prefetch("authorships", queryset=Authorship.objects.select_related("author").order_by("position")),
        "tags",
    )


class ArticleList(ApiView, generics.ListAPIView):
    """Published articles, newest first (or, with ``updated_since``, oldest change first)."""

    serializer_class = serializers.ArticleSerializer
    pagination_class = Pagination
    parameters = ("section", "tag", "author", "language", "updated_since")

    def ordering_for(self, request):
        return ("updated_at", "id") if "updated_since" in request.query_params else ("-publish_at", "-id")

    def get_queryset(self):
        params = self.request.query_params
        articles = visible_articles(self.request).defer("body", "body_html")
        if "section" in params:
            articles = articles.filter(section__slug=_filter_param(params["section"], "section"))
        if "tag" in params:
            tagged = TaggedArticle.objects.filter(tag__slug=_filter_param(params["tag"], "tag"))
            tagged = tagged.values("content_object_id")
            articles = articles.filter(pk__in=tagged)
        if "author" in params:
            bylined = Authorship.objects.filter(author__slug=_filter_param(params["author"], "author"))
            articles = articles.filter(pk__in=bylined.values("article_id"))
        if "language" in params:
            if params["language"] not in ("ko", "en"):
                raise exceptions.ValidationError({"language": "ko or en."})
            articles = articles.filter(language=params["language"])
        if "updated_since" in params:
            moment = parse_datetime(params["updated_since"])
            if moment is None:
                raise exceptions.ValidationError(
                    {"updated_since": "An ISO 8601 date and time, e.g. 2026-12-06T09:00:00+09:00."}
                )
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            articles = articles.filter(updated_at__gte=moment)
        # The page is worked out on the keys alone; each article's card is a remembered part.
        return articles.only("pk", "publish_at", "updated_at")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        if page:
            self.last_modified = max(article.updated_at for article in page)
        cards = remembered_articles(request, [article.pk for article in page], self._cards, detail=False)
        fields = self.get_serializer_context().get("fields")
        return self.get_paginated_response([sparse(cards[article.pk], fields) for article in page])

    def _cards(self, ids):
        articles = with_card_relations(Article.objects.filter(pk__in=ids))
        context = {**self.get_serializer_context(), "fields": None}
        return {article.pk: serializers.ArticleSerializer(article, context=context).data for article in articles}

    @extend_schema(parameters=ARTICLE_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def article_detail_context(request, articles):
    """What the detail serializer needs beside each article, in a fixed number of queries."""
    from articles.body import embed_ids, render_body

    default_notice = CopyrightNotice.objects.default()
    embedded_ids = {pk for article in articles for pk in embed_ids(article.body, "article")}
    visible = visible_articles(request)
    embedded = {a.pk: a for a in visible.filter(pk__in=embedded_ids).select_related("section")} if embedded_ids else {}
    originals = [article.translation_of_id for article in articles if article.translation_of_id]
    ids = [article.pk for article in articles]
    translations = {}
    for other in visible.filter(Q(translation_of__in=ids) | Q(pk__in=originals)).select_related("section"):
        for article in articles:
            if other.pk != article.pk and (
                other.translation_of_id == article.pk or other.pk == article.translation_of_id
            ):
                translations.setdefault(article.pk, []).append(other)
    return {
        "notices": {a.pk: (a.copyright_notice if a.copyright_notice_id else default_notice) for a in articles},
        "translations": translations,
        "visible_embedded": embedded,
        "rendered_bodies": {a.pk: str(render_body(a, visible_articles=embedded)) for a in articles},
    }


class ArticleDetail(ApiView, generics.RetrieveAPIView):
    """One published article, as its page prints it."""

    serializer_class = serializers.ArticleDetailSerializer

    def retrieve(self, request, *args, **kwargs):
        try:
            pk = int(self.kwargs["pk"])
            self.last_modified = visible_articles(request).values_list("updated_at", flat=True).get(pk=pk)
        except (Article.DoesNotExist, ValueError, OverflowError):
            raise Http404 from None
        fields = self.get_serializer_context().get("fields")
        return Response(sparse(remembered_articles(request, [pk], self._documents, detail=True)[pk], fields))

    def _documents(self, ids):
        articles = list(visible_articles(self.request).for_detail().filter(pk__in=ids))
        context = {**self.get_serializer_context(), "fields": None, **article_detail_context(self.request, articles)}
        return {article.pk: serializers.ArticleDetailSerializer(article, context=context).data for article in articles}

    @extend_schema(parameters=[fields_parameter(serializer_class)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# -- Sections, tags, authors ----------------------------------------------------------------


class PositionPagination(Pagination):
    ordering = ("position", "id")


class SectionList(ApiView, generics.ListAPIView):
    """The sections, in the site's order (every one is in the site's navigation)."""

    serializer_class = serializers.SectionSerializer
    pagination_class = PositionPagination
    queryset = Section.objects.all()

    @extend_schema(parameters=[fields_parameter(serializer_class)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class SectionDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = serializers.SectionSerializer
    queryset = Section.objects.all()
    lookup_field = "slug"
    pagination_class = None

    @extend_schema(parameters=[fields_parameter(serializer_class)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class SlugPagination(Pagination):
    ordering = ("slug",)


class TagMixin:
    """The tags visible articles carry (a tag only a draft carries does not exist here)."""

    serializer_class = serializers.TagSerializer

    def get_queryset(self):
        if self.request.auth is None:
            return tags_in_print()
        tagged = TaggedArticle.objects.filter(content_object__in=visible_articles(self.request))
        return Tag.objects.filter(pk__in=tagged.values("tag_id"))


class TagList(TagMixin, ApiView, generics.ListAPIView):
    """The tags published articles carry."""

    pagination_class = SlugPagination

    @extend_schema(parameters=[fields_parameter(serializers.TagSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TagDetail(TagMixin, ApiView, generics.RetrieveAPIView):
    """One tag published articles carry."""

    lookup_field = "slug"

    @extend_schema(parameters=[fields_parameter(serializers.TagSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AuthorMixin:
    """The bylines of visible articles."""

    serializer_class = serializers.AuthorSerializer

    def get_queryset(self):
        if self.request.auth is None:
            return authors_in_print()
        bylined = Authorship.objects.filter(article__in=visible_articles(self.request))
        return Author.objects.filter(pk__in=bylined.values("author_id"))


class AuthorList(AuthorMixin, ApiView, generics.ListAPIView):
    """The bylines of published articles."""

    pagination_class = SlugPagination

    @extend_schema(parameters=[fields_parameter(serializers.AuthorSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AuthorDetail(AuthorMixin, ApiView, generics.RetrieveAPIView):
    """One byline of published articles."""

    lookup_field = "slug"

    @extend_schema(parameters=[fields_parameter(serializers.AuthorSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# -- Photos, quotes, corrections ------------------------------------------------------------


class IdPagination(Pagination):
    ordering = ("-id",)


class PhotoMixin:
    """Photos visible articles print, with their credit and rights (no files once expired)."""

    serializer_class = serializers.PhotoSerializer

    def get_queryset(self):
        return visible_images(self.request)


class PhotoList(PhotoMixin, ApiView, generics.ListAPIView):
    """Photos printed by published articles, newest first."""

    pagination_class = IdPagination

    @extend_schema(parameters=[fields_parameter(serializers.PhotoSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PhotoDetail(PhotoMixin, ApiView, generics.RetrieveAPIView):
    """One photo printed by a published article."""

    @extend_schema(parameters=[fields_parameter(serializers.PhotoSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class QuoteMixin:
    """Quotes visible articles print, with their source (by public name) and original wording."""

    serializer_class = serializers.QuoteSerializer

    def get_queryset(self):
        shown = Article.embedded_quotes.through.objects.filter(article__in=visible_articles(self.request))
        return Quote.objects.filter(pk__in=shown.values("quote_id")).select_related("source", "evidence_image")


class QuoteList(QuoteMixin, ApiView, generics.ListAPIView):
    """Quotes published articles print, newest first."""

    pagination_class = IdPagination

    @extend_schema(parameters=[fields_parameter(serializers.QuoteSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class QuoteDetail(QuoteMixin, ApiView, generics.RetrieveAPIView):
    """One quote a published article prints."""

    @extend_schema(parameters=[fields_parameter(serializers.QuoteSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CorrectionPagination(Pagination):
    ordering = ("-created_at", "-id")


class CorrectionList(ApiView, generics.ListAPIView):
    """Corrections printed under published articles, newest first."""

    serializer_class = serializers.CorrectionListSerializer
    pagination_class = CorrectionPagination

    def get_queryset(self):
        return Correction.objects.filter(article__in=visible_articles(self.request)).select_related("article")

    @extend_schema(parameters=[fields_parameter(serializers.CorrectionListSerializer)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
