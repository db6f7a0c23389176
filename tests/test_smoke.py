from articles.models import Status
from tests import factories


def test_published_article_page_renders(client, db, notice):
    editor = factories.editor(username="ed")
    article = factories.make_publishable(editor, headline="첫 기사", status=Status.PUBLISHED,
                                         publish_at=__import__("django.utils.timezone").utils.timezone.now())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "첫 기사" in response.content.decode()
