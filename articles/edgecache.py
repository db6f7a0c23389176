"""The edge cache (nginx in front of the app) is purged where a change shows.

nginx keeps anonymous pages (``deploy/nginx/newsroom.conf``) for as long as the
app says in ``X-Accel-Expires`` — never past the next scheduled publication or
expiry, so a scheduled piece appears at its minute with no purge. When content
changes, the "content changed" hook purges the pages it appears on, on every
nginx of ``NEWSROOM_EDGE_PURGE_URLS``, before the request that made the change
returns: the article, its edition's front page, its section, tags and authors
(with their feeds), the site's feeds and sitemaps, the corrections page and its
day in the archive. Query strings (later pages, searches) are never cached at
the edge, so they need no purge.
"""

import logging
import urllib.error
import urllib.request
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import override

from .signals import content_changed

logger = logging.getLogger("newsroom.edgecache")
PURGE_TIMEOUT_SECONDS = 2

SITE_WIDE = ("articles:home", "articles:feed", "articles:feed_atom", "articles:corrections")
SITEMAPS = (
    "/sitemap.xml",
    "/news-sitemap.xml",
    *tuple(f"/sitemap-{name}.xml" for name in ("articles", "sections", "tags", "authors")),
)


def _reverse(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def paths_for_articles(article_ids):
    """Every cached page the given articles appear on (both editions' site-wide
    pages when no article is named: a section, author or notice changed)."""
    from .models import Article, Section

    paths = set(SITEMAPS)
    languages = {"ko", "en"}
    articles = list(
        Article.objects.filter(pk__in=article_ids).select_related("section").prefetch_related("tags", "authors")
    )
    if article_ids:
        languages = {article.language for article in articles} or languages
    sections = {article.section for article in articles if article.section_id}
    if not article_ids:
        sections = set(Section.objects.all())
    for language in languages:
        with override(language):
            paths.update(filter(None, (_reverse(name) for name in SITE_WIDE)))
            for section in sections:
                paths.update(
                    filter(
                        None,
                        (
                            _reverse(name, section=section.slug)
                            for name in ("articles:section", "articles:section_feed", "articles:section_feed_atom")
                        ),
                    )
                )
            for article in articles:
                if article.language != language:
                    continue
                paths.add(article.get_absolute_url())
                paths.add(_reverse("articles:short", pk=article.pk))
                for tag in article.tags.all():
                    paths.update(
                        filter(None, (_reverse(n, slug=tag.slug) for n in ("articles:tag", "articles:tag_feed")))
                    )
                for author in article.authors.all():
                    paths.update(
                        filter(
                            None, (_reverse(n, slug=author.slug) for n in ("articles:author", "articles:author_feed"))
                        )
                    )
                if article.publish_at:
                    day = timezone.localtime(article.publish_at)
                    paths.add(_reverse("articles:archive_day", year=day.year, month=day.month, day=day.day))
                    paths.add(_reverse("articles:archive_month", year=day.year, month=day.month))
    return sorted(path for path in paths if path)


def purge(paths):
    """Ask every edge to forget ``paths``; a failing edge is logged, never fatal."""
    host = urlsplit(settings.SITE_URL).netloc
    purged = 0
    for edge in settings.NEWSROOM_EDGE_PURGE_URLS:
        for path in paths:
            request = urllib.request.Request(
                edge.rstrip("/") + "/_purge" + quote(path, safe="/%"), method="GET", headers={"Host": host}
            )
            try:
                with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):
                    purged += 1
            except urllib.error.HTTPError as error:
                if error.code == 404:  # it was not cached: nothing to forget
                    continue
                logger.warning("edge purge of %s on %s failed: %s", path, edge, error)
            except (urllib.error.URLError, OSError) as error:
                logger.warning("edge purge of %s on %s failed: %s", path, edge, error)
    return purged


@receiver(content_changed, dispatch_uid="articles.edgecache.purge")
def purge_on_content_change(sender, articles=(), paths=(), **kwargs):
    if settings.NEWSROOM_EDGE_PURGE_URLS:
        purge(sorted(set(paths_for_articles(list(articles))) | set(paths)))
