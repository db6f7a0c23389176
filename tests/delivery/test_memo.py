"""What each app process remembers per content generation (the navigation, an
article's related list): never older than what a reader could notice, also with
the page cache off."""

import datetime
import time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Section
from delivery import memo
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Whole pages are not stored: every request renders, from remembered parts."""
    settings.NEWSROOM_PAGE_CACHE = False
    memo.forget()
    yield
    memo.forget()


@pytest.fixture
def story(editor, notice):
    article = factories.make_publishable(editor, headline="반도체 수출 회복", tags=["반도체"])
    services.article_publish(article=article, user=editor)
    return article


def publish_sharing_a_tag(editor, headline, capture):
    """A second piece on the story's tag, published through the service (hooks run)."""
    article = factories.make_publishable(editor, headline=headline, tags=["반도체"])
    with capture(execute=True):
        services.article_publish(article=article, user=editor)
    return article


def related_box(response):
    html = response.content.decode()
    start = html.find('<aside class="related"')
    return html[start : html.index("</aside>", start)] if start >= 0 else ""


def test_a_warm_article_page_reads_the_cache_once_and_the_article_once(client, story):
    client.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # rendered, not replayed
    assert len(queries.captured_queries) == 2, [query["sql"] for query in queries.captured_queries]


def test_a_new_article_sharing_a_tag_shows_in_the_related_list_on_the_next_request(
    client, story, editor, django_capture_on_commit_callbacks
):
    assert related_box(client.get(story.get_absolute_url())) == ""
    publish_sharing_a_tag(editor, "반도체 장비 투자 확대", django_capture_on_commit_callbacks)
    assert "반도체 장비 투자 확대" in related_box(client.get(story.get_absolute_url()))


def test_an_unpublished_related_article_leaves_the_list_on_the_next_request(
    client, story, editor, django_capture_on_commit_callbacks
):
    newer = publish_sharing_a_tag(editor, "반도체 장비 투자 확대", django_capture_on_commit_callbacks)
    assert "반도체 장비 투자 확대" in related_box(client.get(story.get_absolute_url()))
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=newer, user=editor, reason="오보")
    assert "반도체 장비 투자 확대" not in related_box(client.get(story.get_absolute_url()))


def test_a_scheduled_related_article_appears_at_its_minute_with_no_hook(client, story, editor):
    minute = (timezone.now() + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    later = factories.make_publishable(editor, headline="예약된 반도체 기사", tags=["반도체"])
    services.article_schedule(article=later, user=editor, publish_at=minute)
    assert "예약된 반도체 기사" not in related_box(client.get(story.get_absolute_url()))
    assert "예약된 반도체 기사" not in related_box(client.get(story.get_absolute_url()))
    with time_machine.travel(minute + datetime.timedelta(seconds=1), tick=False):
        assert "예약된 반도체 기사" in related_box(client.get(story.get_absolute_url()))


def test_a_renamed_section_shows_in_the_navigation_on_the_next_request(
    client, story, superuser, django_capture_on_commit_callbacks
):
    section = Section.objects.get(pk=story.section_id)
    assert section.name in client.get("/").content.decode()
    sign_in(client, superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/articles/section/{section.pk}/change/",
            {"name": "새 섹션 이름", "name_en": section.name_en, "slug": section.slug, "position": section.position},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    for url in ("/", story.get_absolute_url()):
        assert "새 섹션 이름</a></li>" in client.get(url).content.decode()  # the navigation's entry


def test_staff_always_get_fresh_parts(client, story, editor):
    client.get(story.get_absolute_url())  # remembered for readers
    # Written behind the services' back (no hook): readers keep the remembered
    # list until the next change, but a signed-in editor sees the records.
    factories.make_publishable(
        editor,
        headline="훅 없이 쓴 기사",
        tags=["반도체"],
        status="published",
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    sign_in(client, editor)
    assert "훅 없이 쓴 기사" in related_box(client.get(story.get_absolute_url()))


def search_page(client, query):
    return client.get("/search/", {"q": query}).content.decode()


def test_search_results_show_a_new_article_on_the_next_request(
    client, story, editor, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True  # search pages are never stored, even with it on
    assert "장비 투자 확대" not in search_page(client, "반도체")
    response = client.get("/search/", {"q": "반도체"})
    assert "X-Page-Cache" not in response and "public" not in response.get("Cache-Control", "")
    publish_sharing_a_tag(editor, "반도체 장비 투자 확대", django_capture_on_commit_callbacks)
    assert "장비 투자 확대" in search_page(client, "반도체")  # after <mark>반도체</mark>


def test_a_repeated_search_is_answered_from_memory_and_random_ones_stay_bounded(client, story, monkeypatch):
    search_page(client, "반도체")
    with CaptureQueriesContext(connection) as queries:
        assert "수출 회복" in search_page(client, "반도체")
    assert len(queries.captured_queries) == 1  # the cache's generation only
    monkeypatch.setitem(memo.SPACES, "search", 5)
    for number in range(12):
        search_page(client, f"없는 단어 {number}")
    assert len(memo._entries["search"]) == 5


def test_a_change_written_behind_the_hook_shows_within_a_page_lifetime(client, story, editor, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    # Something due in a day: the moment worked out is still at most 5 minutes away.
    later = factories.make_publishable(editor, headline="내일 기사")
    services.article_schedule(article=later, user=editor, publish_at=timezone.now() + datetime.timedelta(days=1))
    assert related_box(client.get(story.get_absolute_url())) == ""
    factories.make_publishable(  # a shell or a data migration: no hook
        editor,
        headline="훅 없이 쓴 기사",
        tags=["반도체"],
        status="published",
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert related_box(client.get(story.get_absolute_url())) == ""  # remembered
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=301), tick=False):
        assert "훅 없이 쓴 기사" in related_box(client.get(story.get_absolute_url()))


def test_a_next_change_worked_out_before_a_newer_change_is_not_trusted(client, story, editor):
    from django.core.cache import cache

    from delivery.state import GENERATION_KEY, NEXT_CHANGE_KEY

    client.get(story.get_absolute_url())
    # A slow request of an older generation writes its (far) moment back after
    # an editor's change started a new generation:
    cache.set(NEXT_CHANGE_KEY, ("an-older-generation", time.time() + 86400), 86400)
    minute = (timezone.now() + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    later = factories.make_publishable(editor, headline="예약된 반도체 기사", tags=["반도체"])
    services.article_schedule(article=later, user=editor, publish_at=minute)
    client.get(story.get_absolute_url())
    generation, moment = cache.get(NEXT_CHANGE_KEY)
    assert generation == cache.get(GENERATION_KEY)
    assert moment <= minute.timestamp()
    with time_machine.travel(minute + datetime.timedelta(seconds=1), tick=False):
        assert "예약된 반도체 기사" in related_box(client.get(story.get_absolute_url()))


def test_deleting_a_published_article_in_the_admin_takes_it_off_every_page(
    client, story, editor, django_capture_on_commit_callbacks
):
    newer = publish_sharing_a_tag(editor, "지울 반도체 기사", django_capture_on_commit_callbacks)
    assert "지울 반도체 기사" in related_box(client.get(story.get_absolute_url()))
    assert "지울 반도체 기사" in client.get("/").content.decode()
    sign_in(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/articles/article/{newer.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    client.logout()
    assert "지울 반도체 기사" not in related_box(client.get(story.get_absolute_url()))
    assert "지울 반도체 기사" not in client.get("/").content.decode()
    assert "지울" not in search_page(client, "반도체")


def test_deleting_articles_with_the_bulk_action_takes_them_off_every_page(
    client, story, editor, django_capture_on_commit_callbacks
):
    newer = publish_sharing_a_tag(editor, "지울 반도체 기사", django_capture_on_commit_callbacks)
    assert "지울 반도체 기사" in related_box(client.get(story.get_absolute_url()))
    sign_in(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/articles/article/",
            {"action": "delete_selected", "_selected_action": [newer.pk], "post": "yes"},
        )
    assert response.status_code == 302
    client.logout()
    assert "지울 반도체 기사" not in related_box(client.get(story.get_absolute_url()))


def test_an_edited_headline_shows_in_every_list_on_the_next_request(
    client, story, editor, django_capture_on_commit_callbacks
):
    lists = ["/", f"/{story.section.slug}/", "/tag/반도체/"]
    for url in lists:
        assert "반도체 수출 회복" in client.get(url).content.decode()  # its card is remembered now
    story.headline = "반도체 수출 급반등"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=story, user=editor)
    for url in lists:
        html = client.get(url).content.decode()
        assert "반도체 수출 급반등" in html and "반도체 수출 회복" not in html, url


def test_a_warm_front_page_reads_only_which_articles_it_shows(client, story, editor):
    for number in range(12):
        later = factories.make_publishable(editor, headline=f"기사 {number}", tags=["반도체"])
        services.article_publish(article=later, user=editor)
    memo.forget()
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert "기사 11" in html and "기사 3" in html
    # The cache's generation, the top story's id, the latest ids: cards and boxes are remembered.
    assert len(queries.captured_queries) == 3, [query["sql"] for query in queries.captured_queries]


def test_a_newly_featured_top_story_leads_the_front_page_on_the_next_request(
    client, story, editor, django_capture_on_commit_callbacks
):
    newer = factories.make_publishable(editor, headline="새 머리기사")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=newer, user=editor)
    html = client.get("/").content.decode()
    assert html.index("새 머리기사") < html.index("반도체 수출 회복")  # the newest leads
    with django_capture_on_commit_callbacks(execute=True):
        services.article_feature(article=story, user=editor)
    html = client.get("/").content.decode()
    top = html[html.index('class="top-story"') : html.index("</section>", html.index('class="top-story"'))]
    assert "반도체 수출 회복" in top and "새 머리기사" not in top
    assert "새 머리기사" in html  # now among the latest
