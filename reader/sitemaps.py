"""Sitemaps for search engines, and the Google News sitemap. Articles come from
``published()`` only; URLs are absolute on ``SITE_URL``."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date

from articles.models import Article, ArticleEvent, Origin, Section
from articles.models.article import detail_path, last_change_seen
from articles.querysets import authors_in_print, tags_in_print
from delivery.memo import remember

from .pagination import KnownCountPaginator

#: What the Google News sitemap lists (Google reads two days).
NEWS_WINDOW = datetime.timedelta(hours=48)


class SiteSitemap(Sitemap):
    """Absolute URLs on ``SITE_URL`` whatever host the request came in on.

    The index (``index``) tells each sitemap how many addresses it has and when
    it last changed, remembered per content generation (``known``): then it
    counts and aggregates nothing."""

    limit = 5000
    known = None  # (count, latest lastmod), when the index remembered them

    @property
    def paginator(self):
        if self.known is None:
            return super().paginator
        return KnownCountPaginator(self._items(), self.limit, count=self.known[0])

    def facts(self):
        return (super().paginator.count, self.get_latest_lastmod())

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("pk", "slug", "language", "publish_at", "modified_at", "section__slug")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, article):
        # The moment readers last saw a change: the page's dateModified and "수정" line.
        return article.date_modified

    def get_latest_lastmod(self):
        # Django would call lastmod() on every article for the index; ask the database.
        if self.known is not None:
            return self.known[1]
        return Article.objects.published().aggregate(latest=Max(Coalesce("modified_at", "publish_at")))["latest"]


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.order_by("position", "pk")


class TagSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return tags_in_print().order_by("name")

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return authors_in_print().order_by("name")


class NewsSitemap(ArticleSitemap):
    """Google News: what the newsroom published in the last 48 hours, with its
    title. A piece whose publication in force was an import's (an archive
    brought in, a partner's wire copy) is not news of ours: it is left out."""

    limit = 1000

    def items(self):
        imported = ArticleEvent.objects.filter(
            article=OuterRef("pk"), publication=OuterRef("publication_count"), origin=Origin.IMPORT
        )
        return (
            super()
            .items()
            # A live page whose coverage runs is news for as long as it is updated.
            .filter(
                Q(publish_at__gte=timezone.now() - NEWS_WINDOW)
                | Q(
                    live_coverage__isnull=False,
                    live_coverage__ended_at__isnull=True,
                    modified_at__gte=timezone.now() - NEWS_WINDOW,
                )
            )
            .exclude(Exists(imported))
            .only("pk", "slug", "language", "publish_at", "modified_at", "headline", "section__slug")
        )


sitemaps = {"articles": ArticleSitemap, "sections": SectionSitemap, "tags": TagSitemap, "authors": AuthorSitemap}
news_sitemaps = {"news": NewsSitemap}


URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def article_urlset(request):
    """A page of the article sitemap (5 000 addresses), written from one query of
    values: what Django's view and template print for ``ArticleSitemap``, without
    5 000 model instances and a template loop (a tenth of the time)."""
    page = request.GET.get("p", "1")
    try:
        number = int(page)
    except ValueError as error:
        raise Http404(f"No page '{page}'") from error
    if number < 1:
        raise Http404(f"Page {page} empty")
    limit = ArticleSitemap.limit
    rows = list(
        Article.objects.published()
        .order_by("-publish_at", "-pk")
        .values_list("pk", "slug", "language", "section__slug", "publish_at", "modified_at")[
            (number - 1) * limit : number * limit
        ]
    )
    if not rows and number > 1:
        raise Http404(f"Page {page} empty")
    site = f"{SiteSitemap().protocol}://{urlsplit(settings.SITE_URL).netloc}"
    latest = None
    parts = [URLSET_OPEN]
    for pk, slug, language, section_slug, publish_at, modified_at in rows:
        if section_slug and slug:
            path = detail_path(language, section_slug, pk, slug)
        else:
            path = Article(pk=pk, slug=slug, language=language).get_absolute_url()
        changed = last_change_seen(publish_at, modified_at)
        latest = changed if latest is None or changed > latest else latest
        parts.append(
            f"<url><loc>{escape(site + path)}</loc><lastmod>{timezone.localtime(changed):%Y-%m-%d}</lastmod>"
            f"<changefreq>{ArticleSitemap.changefreq}</changefreq></url>"
        )
    parts.append("\n</urlset>\n")
    response = HttpResponse("".join(parts), content_type="application/xml")
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def index(request):
    """``/sitemap.xml``: Django's index, from each sitemap's count and latest
    change remembered per content generation (no count of the whole archive per
    request)."""

    def facts():
        return {name: cls().facts() for name, cls in sitemaps.items()}

    known = remember(request, ("sitemap-index",), facts)
    told = {}
    for name, cls in sitemaps.items():
        told[name] = cls()
        told[name].known = known[name]
    return sitemap_views.index(request, sitemaps=told)


def sitemap(request, section):
    """A section of the sitemap: the articles' written directly, the others by Django's view."""
    if section == "articles":
        return article_urlset(request)
    return sitemap_views.sitemap(request, sitemaps=sitemaps, section=section)
