"""Every public page runs a bounded number of SQL queries, whatever the article holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from reader.views import HomeView
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def heavy_article(editor, images=10, quotes=5, tags=10, authors=3, citations=3, **fields):
    image_list = [factories.make_image(editor) for _ in range(images)]
    quote_list = [factories.QuoteFactory(evidence_image=image_list[0]) for _ in range(quotes)]
    fields.setdefault("section", factories.SectionFactory())
    earlier = factories.make_publishable(editor, headline="앞선 기사", section=fields["section"])
    services.article_publish(article=earlier, user=editor)
    body = "\n\n".join(
        ["첫 문단."]
        + [f"[[image:{image.pk}]]" for image in image_list]
        + [f"[[quote:{quote.pk}]]" for quote in quote_list]
        + [f"[[article:{earlier.pk}]]", "끝."]
    )
    article = factories.make_publishable(
        editor,
        body=body,
        tags=[f"태그{n}" for n in range(tags)],
        authors=[factories.AuthorFactory() for _ in range(authors)],
        **fields,
    )
    for _ in range(citations):
        factories.make_citation(article)
    article.related_articles.add(earlier)
    services.article_publish(article=article, user=editor)
    return article


def count(client, url):
    client.get(url)  # warm: the first request may load the content types, etc.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def test_article_page_queries_do_not_grow_with_images_quotes_tags_and_authors(client, editor, notice):
    small = heavy_article(editor, images=1, quotes=1, tags=1, authors=1, citations=1, headline="작은 기사")
    big = heavy_article(editor, headline="큰 기사")
    assert count(client, big.get_absolute_url()) == count(client, small.get_absolute_url())
    assert count(client, big.get_absolute_url()) <= 14


@pytest.mark.parametrize("url", ["/", "/feed/", "/sitemap.xml", "/sitemap-articles.xml", "/corrections/"])
def test_list_pages_run_a_bounded_number_of_queries(client, editor, notice, url):
    section = factories.SectionFactory()
    for n in range(3):
        heavy_article(editor, images=2, quotes=1, tags=3, headline=f"기사 {n}", section=section)
    few = count(client, url)
    for n in range(3):
        heavy_article(editor, images=2, quotes=1, tags=3, headline=f"더 많은 기사 {n}", section=section)
    assert count(client, url) == few
    # The front page asks each section (at most HomeView.max_sections) for its latest.
    assert few <= (6 + HomeView.max_sections if url == "/" else 10)


def test_section_tag_and_author_pages_run_a_bounded_number_of_queries(client, editor, notice):
    article = heavy_article(editor)
    author = article.authorships.first().author
    for url in [article.section.get_absolute_url(), "/tag/태그1/", author.get_absolute_url()]:
        assert count(client, url) <= 10, url


def test_a_warm_list_page_reads_which_articles_it_shows_and_counts_nothing(client, editor, notice):
    """Issue 15: no count over the whole archive per request. The count behind
    "page 2 of 40", the cards and whether a tag or author is in print are
    remembered per content generation; the ids of the page are read each time."""
    article = heavy_article(editor)
    author = article.authorships.first().author
    day = timezone.localtime(article.publish_at)
    urls = [
        article.section.get_absolute_url(),
        "/tag/태그1/",
        author.get_absolute_url(),
        reverse("articles:archive_month", kwargs={"year": day.year, "month": day.month}),
        "/sitemap.xml",
    ]
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        read = [query["sql"] for query in queries.captured_queries if "newsroom_cache" not in query["sql"]]
        assert len(read) <= 2 and not any("COUNT(" in sql for sql in read), (url, read)
