"""The article page's stored rendering: rendered once, never stale."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import ArticleRendering
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = False  # these tests are about the stored article part


def publish(editor, **fields):
    article = factories.make_publishable(editor, **fields)
    services.article_publish(article=article, user=editor)
    return article


def test_the_article_part_is_rendered_once_then_read_from_storage(client, editor, notice):
    article = publish(editor, tags=["저장"])
    client.get(article.get_absolute_url())
    assert ArticleRendering.objects.filter(article=article, version=article.version).exists()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(queries.captured_queries) <= 5


def test_an_edit_is_shown_at_once(client, editor, notice, django_capture_on_commit_callbacks):
    article = publish(editor, headline="첫 제목")
    client.get(article.get_absolute_url())
    article.headline = "둘째 제목"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=article, user=editor)
    assert "둘째 제목" in client.get(article.get_absolute_url()).content.decode()


def test_an_edit_is_shown_even_if_the_hook_never_ran(client, editor, notice):
    article = publish(editor, headline="첫 제목")
    client.get(article.get_absolute_url())
    article.headline = "훅 없이 바뀐 제목"
    services.article_save(article=article, user=editor)  # on_commit callbacks do not run here
    assert "훅 없이 바뀐 제목" in client.get(article.get_absolute_url()).content.decode()


def test_an_embedded_article_appears_at_its_minute_with_no_hook(client, editor, notice):
    later = factories.make_publishable(editor, headline="나중에 나갈 기사")
    minute = (timezone.now() + datetime.timedelta(minutes=5)).replace(second=0, microsecond=0)
    services.article_schedule(article=later, user=editor, publish_at=minute)
    article = publish(editor, body=f"문단.\n\n[[article:{later.pk}]]")
    assert "나중에 나갈 기사" not in client.get(article.get_absolute_url()).content.decode()
    with time_machine.travel(minute + datetime.timedelta(seconds=1), tick=False):
        assert "나중에 나갈 기사" in client.get(article.get_absolute_url()).content.decode()


def test_a_photo_becomes_a_placeholder_the_day_after_its_rights_end(client, editor, notice):
    last_day = timezone.localdate() + datetime.timedelta(days=1)
    image = factories.make_image(editor, rights_expire_at=last_day)
    article = publish(editor, lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "image-placeholder" not in html
    zone = timezone.get_current_timezone()
    day_after = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(0, 0, 1), tzinfo=zone)
    with time_machine.travel(day_after, tick=False):
        assert "image-placeholder" in client.get(article.get_absolute_url()).content.decode()


def test_a_translation_taken_down_leaves_the_originals_page(client, editor, notice, django_capture_on_commit_callbacks):
    korean = publish(editor, headline="원문 기사")
    english = publish(editor, headline="Translated story", language="en", translation_of=korean)
    assert english.get_absolute_url() in client.get(korean.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=english, user=editor, reason="오역")
    assert english.get_absolute_url() not in client.get(korean.get_absolute_url()).content.decode()


def test_previews_are_never_stored(editor_client, editor, notice):
    article = factories.make_publishable(editor)
    editor_client.get(f"/admin/articles/article/{article.pk}/preview/")
    assert not ArticleRendering.objects.exists()


# The stored page's hand-written query is the publication rule written out: it
# gets the rule's whole matrix, so the two cannot drift apart.
from tests.articles.test_querysets import EXPIRY_MATRIX, MATRIX, NOW, PAST  # noqa: E402


@pytest.mark.parametrize(("status", "publish_at", "visible"), MATRIX)
def test_the_stored_page_query_keeps_the_publication_rule_over_every_status_and_time(status, publish_at, visible):
    from delivery.renderings import stored_page

    article = factories.make_article(status=status, publish_at=publish_at)
    assert (stored_page(article.pk, NOW) is not None) is visible
    assert (stored_page(article.pk, NOW) is not None) is article.is_published(NOW)


@pytest.mark.parametrize(("expire_at", "visible"), EXPIRY_MATRIX)
def test_the_stored_page_query_keeps_the_rule_s_expiry(expire_at, visible):
    from articles.models import Article, Status
    from delivery.renderings import stored_page

    article = factories.make_article(status=Status.PUBLISHED, publish_at=PAST)
    Article.objects.filter(pk=article.pk).update(expire_at=expire_at)
    assert (stored_page(article.pk, NOW) is not None) is visible
    assert Article.objects.published(NOW).filter(pk=article.pk).exists() is visible


def test_a_page_rendered_while_a_correction_commits_is_not_stored(client, editor, notice):
    """A worker renders the page; meanwhile a correction (which moves modified_at,
    not the version) commits and drops the stored pages. The old rendering must
    not be stored after that drop, or it would be served until the next change."""
    from delivery.renderings import article_page
    from reader.pages import render_article_page

    article = publish(editor)

    def render_while_corrected(full):
        page = render_article_page(full)
        services.correction_add(article=full, user=editor, text="이름을 바로잡았습니다.")
        return page

    found = article_page(article.pk, render=render_while_corrected)
    assert found is not None  # this reader still gets a page
    assert not ArticleRendering.objects.filter(article=article).exists()
    assert "이름을 바로잡았습니다." in client.get(article.get_absolute_url()).content.decode()
    assert ArticleRendering.objects.filter(article=article).exists()
