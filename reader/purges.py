"""Which of the reader's pages show an article: its URL families, declared to
the edge purge (``delivery.purge.register``) beside the URL conf that defines
them. ``tests/delivery/test_purge.py`` walks every public URL pattern and fails
for a page that shows an article and is not purged when the article changes.

Paths are reversed in the current language (the purge runs each edition in
turn), so the English edition's come with their ``/en/`` prefix.
"""

from django.utils import timezone

from delivery.purge import path_of, register

#: Public URL names that never list an article (or are never edge-cached: a
#: search has a query string, a preview link is private).
#: A live page's older entries are only ever asked for with a query string (``?before=``).
SHOWS_NO_ARTICLE = (
    "articles:search",
    "articles:live_older",
    "articles:read_beacon",
    "robots",
    "healthz",
    "readyz",
    "preview_link",
    "set_language",
    "favicon",
)

# The most-read box lists headlines: a changed or withdrawn one leaves it with the home page.
SITE_WIDE = ("articles:home", "articles:feed", "articles:feed_atom", "articles:corrections", "articles:most_read")
SITEMAPS = ("articles", "sections", "tags", "authors")


def _site_wide(edition):
    return [path_of(name) for name in SITE_WIDE]


register(*SITE_WIDE, for_article=lambda article: _site_wide(None), for_site=_site_wide)

register(
    "articles:detail",
    "articles:short",
    for_article=lambda article: [
        article.get_absolute_url(),
        path_of("articles:short", pk=article.pk),
        # Pages that print its headline: the articles that embed it, its translations.
        *(other.get_absolute_url() for other in article.shown_on_articles()),
    ],
)

# A live page's fragment, polled by its readers (reader/live.py): purged with the
# article's own page, so a new entry reaches the edge at once. Every article
# has the address (a page that is not live redirects to the article), so no
# query is needed to know whether it is live.
register("articles:live_entries", for_article=lambda article: [path_of("articles:live_entries", pk=article.pk)])

SECTION_PAGES = ("articles:section", "articles:section_feed", "articles:section_feed_atom")


def _section_pages(section):
    return [path_of(name, section=section.slug) for name in SECTION_PAGES]


def _all_sections(edition):
    from articles.models import Section

    return [path for section in Section.objects.all() for path in _section_pages(section)]


register(
    *SECTION_PAGES,
    for_article=lambda article: _section_pages(article.section) if article.section_id else [],
    for_site=_all_sections,
)

TAG_PAGES = ("articles:tag", "articles:tag_feed", "articles:tag_feed_atom")
register(
    *TAG_PAGES,
    for_article=lambda article: [path_of(name, slug=tag.slug) for tag in article.tags.all() for name in TAG_PAGES],
)

AUTHOR_PAGES = ("articles:author", "articles:author_feed", "articles:author_feed_atom")
register(
    *AUTHOR_PAGES,
    for_article=lambda article: [
        path_of(name, slug=author.slug) for author in article.authors.all() for name in AUTHOR_PAGES
    ],
)


def _archive_pages(article):
    if not article.publish_at:
        return []
    day = timezone.localtime(article.publish_at)
    return [
        path_of("articles:archive_year", year=day.year),
        path_of("articles:archive_month", year=day.year, month=day.month),
        path_of("articles:archive_day", year=day.year, month=day.month, day=day.day),
    ]


register("articles:archive_year", "articles:archive_month", "articles:archive_day", for_article=_archive_pages)


def _sitemaps(edition=None):
    return [
        path_of("sitemap"),
        path_of("news_sitemap"),
        *(path_of("django.contrib.sitemaps.views.sitemap", section=name) for name in SITEMAPS),
    ]


register(
    "sitemap",
    "news_sitemap",
    "django.contrib.sitemaps.views.sitemap",
    for_article=lambda article: _sitemaps(),
    for_site=_sitemaps,
)
