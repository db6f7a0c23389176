"""The reader's site. Every view starts from ``Article.objects.published()``."""

import datetime

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db import IntegrityError
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import uri_to_iri
from django.utils.translation import get_language
from django.views.generic import ListView, TemplateView, View

from . import jsonld
from .models import Article, Author, CopyrightNotice, Correction, PreviewLink, Section
from .querysets import published_q
from .rendering import embed_ids, render_body
from .templatetags.newsroom import rendition_url

LIST_PAGE_SIZE = 20
RELATED_LIMIT = 5


def edition_language():
    """The edition a request reads: Korean at the root, English under /en/."""
    return "en" if (get_language() or "").startswith("en") else "ko"


class PublishedArticlesMixin:
    """Lists of what readers may see, in the current edition, newest first."""

    paginate_by = LIST_PAGE_SIZE

    def published_articles(self):
        return Article.objects.published().filter(language=edition_language()).for_listing().latest()

    def paginate_queryset(self, queryset, page_size):
        # A page number past the end, zero, negative or not a number is a clean 404.
        paginator = Paginator(queryset, page_size, allow_empty_first_page=True)
        page_number = self.request.GET.get("page") or 1
        try:
            page = paginator.page(int(page_number))
        except (ValueError, TypeError, EmptyPage) as error:
            raise Http404("No such page") from error
        return paginator, page, page.object_list, page.has_other_pages()


class HomeView(PublishedArticlesMixin, ListView):
    """The front page: the editors' top story, the latest news, and the latest
    of each section. Later pages continue the latest news."""

    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 9
    per_section = 4

    def get_queryset(self):
        self.top_story = self.published_articles().filter(featured_at__isnull=False).order_by("-featured_at").first()
        latest = self.published_articles()
        return latest.exclude(pk=self.top_story.pk) if self.top_story else latest

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["top_story"] = self.top_story
        if context["page_obj"].number == 1:
            if self.top_story is None and context["articles"]:
                context["top_story"], context["articles"] = context["articles"][0], context["articles"][1:]
            top = context["top_story"]
            context["sections"] = self.latest_by_section(exclude={top.pk} if top else set())
        return context

    def latest_by_section(self, exclude):
        """Each section with its few latest articles, in one query (a window)."""
        ranked = (
            Article.objects.published()
            .filter(language=edition_language(), section__isnull=False)
            .exclude(pk__in=exclude)
            .annotate(
                rank=Window(
                    RowNumber(), partition_by=[F("section_id")], order_by=[F("publish_at").desc(), F("pk").desc()]
                )
            )
            .filter(rank__lte=self.per_section)
            .select_related("section", "lead_image")
            .order_by("section__position", "section__name", "-publish_at")
        )
        sections = {}
        for article in ranked:
            sections.setdefault(article.section, []).append(article)
        return list(sections.items())


class SectionView(PublishedArticlesMixin, ListView):
    template_name = "articles/section.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["section"])
        return self.published_articles().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag.html"
    context_object_name = "articles"

    def get_queryset(self):
        from taggit.models import Tag

        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.published_articles().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(PublishedArticlesMixin, ListView):
    template_name = "articles/author.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.author = get_object_or_404(Author.objects.select_related("photo"), slug=self.kwargs["slug"])
        return self.published_articles().filter(authorships__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArchiveView(PublishedArticlesMixin, ListView):
    """What was published in a year, a month or a day (in the newsroom's time
    zone). A date that does not exist (2026-02-30) is a 404."""

    template_name = "articles/archive.html"
    context_object_name = "articles"

    def get_queryset(self):
        year, month, day = self.kwargs.get("year"), self.kwargs.get("month"), self.kwargs.get("day")
        try:
            first = datetime.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError as error:
            raise Http404("No such date") from error
        if day:
            last = first + datetime.timedelta(days=1)
        elif month:
            last = (first + datetime.timedelta(days=32)).replace(day=1)
        else:
            last = first.replace(year=year + 1) if year < 9999 else datetime.date.max
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(last, datetime.time.min, tzinfo=zone)
        self.period = {"first": first, "level": "day" if day else "month" if month else "year"}
        return self.published_articles().filter(publish_at__gte=start, publish_at__lt=end)

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, **kwargs)


def related_articles(article, limit=RELATED_LIMIT):
    """The editor's picks first, then the most recent articles sharing a tag
    (compact cards: headline and date, so no bylines are loaded)."""
    picks = list(article.related_articles.published().select_related("section").latest()[:limit])
    if len(picks) < limit:
        tag_ids = [tag.pk for tag in article.tags.all()]
        if tag_ids:
            seen = {article.pk, *(pick.pk for pick in picks)}
            sharing = (
                Article.objects.published()
                .filter(language=article.language, tagged_items__tag_id__in=tag_ids)
                .exclude(pk__in=seen)
                .distinct()
                .select_related("section")
                .order_by("-publish_at", "-pk")[: limit - len(picks)]
            )
            picks += list(sharing)
    return picks


def sources_box(article):
    """The quoted sources a reader may check, each once; an anonymous one by its
    public description only. Cited reports are listed beside them (citations)."""
    sources = {}
    for quote in article.embedded_quotes.all():
        sources.setdefault(quote.source_id, quote.source)
    return list(sources.values())


def translations_of(article):
    """The published versions of this story in the other language (for hreflang
    and the language switch): its original, or the translations of it."""
    ids = [article.translation_of_id] if article.translation_of_id else []
    linked = Article.objects.published().select_related("section").exclude(pk=article.pk)
    query = Q(translation_of=article)
    if ids:
        query |= Q(pk__in=ids)
    return list(linked.filter(query).exclude(language=article.language)[:3])


def copyright_notice_for(article):
    return article.copyright_notice if article.copyright_notice_id else CopyrightNotice.objects.default()


def article_page_context(article, *, preview=False):
    """Everything the article template prints. Used by the public page and by the
    staff preview, so a preview is exactly what readers will get."""
    target_ids = embed_ids(article.body, "article")
    visible_targets = (
        {
            target.pk: target
            for target in Article.objects.published().filter(pk__in=target_ids).select_related("section")
        }
        if target_ids
        else {}
    )
    notice = copyright_notice_for(article)
    corrections = list(article.corrections.all())
    year = (article.publish_at or article.created_at).year if (article.publish_at or article.created_at) else None
    notice_text = notice.text_for(article.language, year) if notice else ""
    lead = article.lead_image if article.lead_image_id and not article.lead_image.rights_expired() else None
    return {
        "article": article,
        "body": render_body(article, visible_articles=visible_targets),
        "translations": translations_of(article),
        "og_image_url": jsonld.absolute(rendition_url(lead, "w1600")) if lead else "",
        "breadcrumbs": jsonld.breadcrumbs(article),
        "related": related_articles(article),
        "sources": sources_box(article),
        "copyright_notice": notice,
        "copyright_text": notice_text,
        "corrections": corrections,
        "json_ld": jsonld.news_article(article, notice=notice, notice_text=notice_text, corrections=corrections),
        "canonical_url": jsonld.absolute(article.get_absolute_url()),
        "preview": preview,
    }


class ArticleDetailView(View):
    template_name = "articles/article_detail.html"

    def get(self, request, section, pk, slug):
        article = get_object_or_404(Article.objects.published().for_detail(), pk=pk)
        canonical = article.get_absolute_url()
        if request.path != uri_to_iri(canonical):
            # An old slug, a moved section or the other edition's prefix.
            return HttpResponsePermanentRedirect(canonical)
        return TemplateResponse(request, self.template_name, article_page_context(article))


class ArticleShortLinkView(View):
    """``/a/<id>/``: a stable short link that redirects to the article's address."""

    def get(self, request, pk):
        article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
        return HttpResponsePermanentRedirect(article.get_absolute_url())


class PreviewLinkView(View):
    """A piece not yet public, for the holder of a preview link: the public
    template, never indexed, never cached; gone once it expires, is revoked or
    the article is published."""

    def get(self, request, key):
        link = PreviewLink.objects.filter(key=key).first()
        if link is None or not link.is_usable():
            raise Http404("No such preview")
        article = get_object_or_404(Article.objects.for_detail(), pk=link.article_id)
        if article.is_published():
            raise Http404("Published: read it at its address")
        with translation.override(article.language):
            response = TemplateResponse(
                request, "articles/article_detail.html", article_page_context(article, preview=True)
            )
            response.render()
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class CorrectionsView(ListView):
    """Every correction of the site, newest first: the transparency page."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        return (
            Correction.objects.filter(published_q(prefix="article__"))
            .select_related("article", "article__section")
            .order_by("-created_at", "-pk")
        )

    paginate_queryset = PublishedArticlesMixin.paginate_queryset


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return {
            "sitemap_url": settings.SITE_URL + reverse("sitemap"),
            "news_sitemap_url": settings.SITE_URL + reverse("news_sitemap"),
        }


def server_error(request):
    """The 500 page, showing the request id for support. When the database is
    out of reach it is a 503 "back in a moment" instead: readers never see a
    traceback, and the site recovers by itself when the database returns."""
    import sys

    from django.db import DatabaseError
    from django.template import loader

    error = sys.exc_info()[1]
    unavailable = isinstance(error, DatabaseError) and not isinstance(error, IntegrityError)
    template = loader.get_template("503.html" if unavailable else "500.html")
    body = template.render({"request_id": getattr(request, "id", "")})
    response = HttpResponse(body, status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = "10"
    response["Cache-Control"] = "no-store"
    return response


def readyz(request):
    """For load balancers: 200 only when the database answers, every migration
    is applied and the media storage takes a file; else 503 with what failed."""
    import json

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    checks = {}
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else f"{len(pending)} not applied"
    except Exception as error:
        checks["database"] = f"unreachable: {type(error).__name__}"
        checks.setdefault("migrations", "unknown")
    try:
        name = default_storage.save(".readyz/probe", ContentFile(b"ok"))
        default_storage.delete(name)
        checks["media"] = "ok"
    except Exception as error:
        checks["media"] = f"not writable: {type(error).__name__}"
    ready = all(value == "ok" for value in checks.values())
    response = HttpResponse(json.dumps(checks), status=200 if ready else 503, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def healthz(request):
    """The process is up (nothing else is checked: that is /readyz)."""
    response = HttpResponse("ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response
