"""Sitemaps for search engines. Articles come from ``published()`` only."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from .models import Article, Section


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
        return Article.objects.published().select_related("section").order_by("-publish_at", "-pk")

    def lastmod(self, article):
        return max(article.updated_at, article.publish_at)


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.order_by("position", "pk")


sitemaps = {"articles": ArticleSitemap, "sections": SectionSitemap}
