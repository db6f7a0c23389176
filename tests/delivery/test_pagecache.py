"""The page cache: fast for anonymous readers, never stale, never private."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Status
from photos import services as photo_services
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(notice, editor):
    article = factories.make_publishable(editor, headline="캐시될 기사")
    services.article_publish(article=article, user=editor)
    return article


def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, live):
    first = client.get(live.get_absolute_url())
    assert "X-Page-Cache" not in first
    with CaptureQueriesContext(connection) as queries:
        second = client.get(live.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    # Only the cache's own lookup (the database cache) may touch the database.
    assert all("newsroom_cache" in query["sql"] for query in queries.captured_queries)


def test_an_edited_headline_shows_on_the_next_request(client, live, editor, django_capture_on_commit_callbacks):
    client.get(live.get_absolute_url())
    client.get("/")
    live.headline = "고친 제목"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=live, user=editor)
    assert "고친 제목" in client.get(live.get_absolute_url()).content.decode()
    assert "고친 제목" in client.get("/").content.decode()


def test_a_corrected_photo_credit_shows_on_the_next_request(client, live, editor, django_capture_on_commit_callbacks):
    assert "(사진: 본지DB)" in client.get(live.get_absolute_url()).content.decode()
    image = live.lead_image
    image.credit = "뉴스룸 사진부"
    with django_capture_on_commit_callbacks(execute=True):
        photo_services.image_save(image=image, user=editor)
    assert "(사진: 뉴스룸 사진부)" in client.get(live.get_absolute_url()).content.decode()


def test_an_edited_quote_shows_on_the_next_request(client, editor, notice, django_capture_on_commit_callbacks):
    quote = factories.QuoteFactory(text="처음 인용")
    article = factories.make_publishable(editor, body=f"[[quote:{quote.pk}]]")
    services.article_publish(article=article, user=editor)
    client.get(article.get_absolute_url())
    sign_in(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/articles/quote/{quote.pk}/change/",
            {
                "source": quote.source_id,
                "text": "고친 인용",
                "language": "ko",
                "medium": "post",
                "original_text": quote.original_text,
                "original_language": "en",
            },
        )
    client.logout()
    assert "고친 인용" in client.get(article.get_absolute_url()).content.decode()


def test_scheduled_article_appears_at_its_minute_with_no_purge(client, editor, notice):
    minute = (timezone.now() + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    article = factories.make_publishable(editor, headline="예약된 기사")
    services.article_schedule(article=article, user=editor, publish_at=minute)
    home = client.get("/")
    assert "예약된 기사" not in home.content.decode()
    max_age = int(home["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= (minute - timezone.now()).total_seconds() + 1
    assert "예약된 기사" not in client.get("/").content.decode()  # still cached
    with time_machine.travel(minute + datetime.timedelta(seconds=1), tick=False):
        assert "예약된 기사" in client.get("/").content.decode()
        assert client.get(article.get_absolute_url()).status_code == 200


def test_logged_in_staff_are_never_served_or_stored(client, live, editor):
    sign_in(client, editor)
    client.get(live.get_absolute_url())
    assert "X-Page-Cache" not in client.get(live.get_absolute_url())
    client.logout()
    assert "X-Page-Cache" not in client.get(live.get_absolute_url())  # nothing was stored for them


def test_previews_and_the_admin_are_never_cached(client, editor, notice):
    article = factories.make_publishable(editor)
    link = services.preview_link_create(
        article=article, user=editor, expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    for _ in range(2):
        response = client.get(f"/preview/{link.key}/")
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"]
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_etag_answers_304(client, live):
    first = client.get(live.get_absolute_url())
    etag = first["ETag"]
    assert client.get(live.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(live.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304  # from the cache too


def test_public_pages_say_how_long_a_cdn_may_keep_them(client, live):
    response = client.get("/")
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response["Last-Modified"]
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_cache_can_be_switched_off(client, live, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    client.get(live.get_absolute_url())
    assert "X-Page-Cache" not in client.get(live.get_absolute_url())


def test_a_404_is_not_cached_so_an_article_appears_when_published(
    client, editor, notice, django_capture_on_commit_callbacks
):
    article = factories.make_publishable(editor)
    assert client.get(f"/a/{article.pk}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, user=editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.status == Status.PUBLISHED
