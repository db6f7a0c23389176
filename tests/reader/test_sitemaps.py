"""The news sitemap lists the newsroom's own news: a piece whose publication
was an import's stays out of it (and stays in the plain sitemap, like any page)."""

import pytest

from articles import services
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_news_sitemap_leaves_out_a_piece_an_import_published_and_the_sitemap_keeps_it(client, editor):
    own = factories.make_publishable(editor, headline="편집국이 낸 기사")
    services.article_publish(article=own, user=editor)
    imported = factories.make_publishable(editor, headline="가져온 지난 기사")
    with services.on_behalf_of_import():
        services.article_publish(article=imported, user=editor)

    news = client.get("/news-sitemap.xml").content.decode()
    assert "<news:title>편집국이 낸 기사</news:title>" in news
    assert "가져온 지난 기사" not in news and imported.get_absolute_url() not in news
    assert imported.get_absolute_url() in client.get("/sitemap-articles.xml").content.decode()


def test_a_piece_an_import_published_is_news_once_the_newsroom_publishes_it_again(client, editor):
    article = factories.make_publishable(editor, headline="다시 낸 기사")
    with services.on_behalf_of_import():
        services.article_publish(article=article, user=editor)
    services.article_unpublish(article=article, user=editor, reason="검토")
    services.article_publish(article=article, user=editor)
    assert "<news:title>다시 낸 기사</news:title>" in client.get("/news-sitemap.xml").content.decode()


def test_an_import_s_edit_of_the_newsroom_s_piece_leaves_it_in_the_news_sitemap(client, editor):
    article = factories.make_publishable(editor, headline="편집국 기사")
    services.article_publish(article=article, user=editor)
    with services.on_behalf_of_import():
        article.headline = "가져오기가 고친 편집국 기사"
        services.article_save(article=article, user=editor)
    assert "<news:title>가져오기가 고친 편집국 기사</news:title>" in client.get("/news-sitemap.xml").content.decode()


def test_the_article_sitemap_is_written_as_djangos_view_prints_it_in_one_query(client, editor, notice):
    """reader.sitemaps.article_urlset writes the 5 000 addresses itself (values,
    no template); what it writes must be what Django's sitemap view prints."""
    from django.contrib.sitemaps import views as sitemap_views
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from reader import sitemaps as reader_sitemaps

    section = factories.SectionFactory(name="경제", slug="economy")
    for number, language in enumerate(["ko", "en", "ko"]):
        article = factories.make_publishable(
            editor, headline=f"기사 & 제목 {number}", language=language, section=section
        )
        services.article_publish(article=article, user=editor)
    services.correction_add(article=article, user=editor, text="바로잡습니다.")
    for query in ("", "?p=1", "?p=2", "?p=x", "?p=0"):
        request = RequestFactory().get("/sitemap-articles.xml" + query)
        try:
            expected = sitemap_views.sitemap(request, sitemaps=reader_sitemaps.sitemaps, section="articles")
            expected.render()
        except Exception as error:
            with pytest.raises(type(error)):
                reader_sitemaps.sitemap(request, section="articles")
            continue
        with CaptureQueriesContext(connection) as queries:
            written = reader_sitemaps.sitemap(request, section="articles")
        assert written.content == expected.content
        assert written["Last-Modified"] == expected["Last-Modified"]
        assert written["X-Robots-Tag"] == expected["X-Robots-Tag"]
        assert len(queries.captured_queries) == 1
    assert client.get("/sitemap-articles.xml").status_code == 200
    assert client.get("/sitemap-sections.xml").status_code == 200
