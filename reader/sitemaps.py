"""Sitemaps for search engines, and the Google News sitemap. Articles come from
``published()`` only; URLs are absolute on ``SITE_URL``."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, Origin, Section
from articles.querysets import authors_in_print, tags_in_print

#: What the Google News sitemap lists (Google reads two days).
NEWS_WINDOW = datetime.timedelta(hours=48)


class SiteSitemap(Sitemap):
    """Absolute URLs on ``SITE_URL`` whatever host the request came in on."""

    limit = 5000

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
