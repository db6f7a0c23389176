"""The API's pages that show an article, declared to the edge purge beside its URL conf.

The first page of each list and each article's own documents are purged when
the article changes, and so are the pages of what it carries (its section, tags,
bylines, photos and quotes: a credit corrected on a photo reaches its page). A
page with a query string (a cursor, a filter) is never kept by the edge
(deploy/nginx skips the cache for any query string); the page cache keeps it,
under the version of its path, which a change of an article it may show moves
(``delivery.receivers``). The API has no language prefix:
both editions give the same paths.
"""

from delivery.purge import path_of, register

#: The API's addresses that never show an article (the docs, the schema, its 404).
SHOWS_NO_ARTICLE = ("api:docs", "api:schema", "api:not-found")

LISTS = (
    "api:article-list",
    "api:section-list",
    "api:tag-list",
    "api:author-list",
    "api:correction-list",
    "api:photo-list",
    "api:quote-list",
)


def _lists(*args):
    return [path_of(name) for name in LISTS]


def _documents(article):
    return [
        path_of("api:article-detail", pk=article.pk),
        path_of("api:article-ninjs", pk=article.pk),
        # Articles that print its headline (they embed it, or translate it).
        *(path_of("api:article-detail", pk=other.pk) for other in article.shown_on_articles()),
    ]


def _section(article):
    return [path_of("api:section-detail", slug=article.section.slug)] if article.section_id else []


def _tags(article):
    return [path_of("api:tag-detail", slug=tag.slug) for tag in article.tags.all()]


def _authors(article):
    return [path_of("api:author-detail", slug=author.slug) for author in article.authors.all()]


def _photos(article):
    ids = {article.lead_image_id, *(image.pk for image in article.embedded_images.all())} - {None}
    return [path_of("api:photo-detail", pk=pk) for pk in sorted(ids)]


def _quotes(article):
    return [path_of("api:quote-detail", pk=quote.pk) for quote in article.embedded_quotes.all()]


register(*LISTS, for_article=_lists, for_site=_lists)
register("api:article-detail", "api:article-ninjs", for_article=_documents)
register("api:section-detail", for_article=_section)
register("api:tag-detail", for_article=_tags)
register("api:author-detail", for_article=_authors)
register("api:photo-detail", for_article=_photos)
register("api:quote-detail", for_article=_quotes)
