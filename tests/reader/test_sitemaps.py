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
