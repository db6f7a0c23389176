"""The edge cache (nginx, deploy/nginx/newsroom.conf) is never stale."""

import datetime
import time
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles import services
from delivery.models import PendingPurge
from tests import factories
from tests.edge import eventually, fetch, nginx_in_front_of

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def edge(live_server, tmp_path, settings):
    upstream = urlsplit(live_server.url).netloc
    with nginx_in_front_of(
        upstream, tmp_path, static_root=settings.STATIC_ROOT, media_root=settings.MEDIA_ROOT
    ) as base:
        yield base


@pytest.fixture
def desk(db):
    factories.CopyrightNoticeFactory()
    return factories.editor(username="edge-editor")


def cached_at_the_edge(edge, desk, headline):
    """A piece tagged 엣지, published, its page already kept by nginx: ``(article, url)``."""
    article = factories.make_publishable(desk, headline=headline, tags=["엣지"])
    services.article_publish(article=article, user=desk)
    # The publish's own purge drains in the background: let it finish before
    # the page is kept, or it may forget the page between the two fetches.
    assert eventually(lambda: not PendingPurge.objects.exists())
    url = edge + article.get_absolute_url()
    fetch(url)
    status, headers, body = fetch(url)
    assert status == 200 and headers["X-Edge-Cache"] == "HIT" and headline in body
    return article, url


def test_an_edited_headline_shows_on_the_next_request_through_nginx(edge, desk, settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = [edge]
    article, url = cached_at_the_edge(edge, desk, "처음 제목")
    fetch(edge + "/")
    assert fetch(edge + "/")[1]["X-Edge-Cache"] == "HIT"

    article.headline = "고친 제목"
    started = time.monotonic()
    services.article_save(article=article, user=desk)  # commits; the purge is drained after
    assert time.monotonic() - started < 1.0  # the editor does not wait for the edge

    assert eventually(lambda: "고친 제목" in fetch(url)[2])
    assert "처음 제목" not in fetch(url)[2]
    assert eventually(lambda: "고친 제목" in fetch(edge + "/")[2])
    assert eventually(lambda: "고친 제목" in fetch(edge + "/tag/엣지/")[2])


def test_a_deleted_article_is_gone_through_nginx_at_once(edge, desk, settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = [edge]
    article, url = cached_at_the_edge(edge, desk, "지울 기사")
    fetch(edge + "/tag/엣지/")

    services.articles_delete(articles=[article], user=desk)  # its pages are worked out before the row goes

    assert eventually(lambda: fetch(url)[0] == 404)
    assert eventually(lambda: "지울 기사" not in fetch(edge + "/tag/엣지/")[2])


def test_a_scheduled_piece_appears_through_nginx_at_its_minute_with_no_purge(edge, desk, settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = []  # nothing may tell nginx: the expiry alone must do it
    live = factories.make_publishable(desk, headline="이미 나간 기사")
    services.article_publish(article=live, user=desk)
    go_live = timezone.now() + datetime.timedelta(seconds=4)
    scheduled = factories.make_publishable(desk, headline="예약된 엣지 기사")
    services.article_schedule(article=scheduled, user=desk, publish_at=go_live)
    fetch(edge + "/")
    _status, headers, body = fetch(edge + "/")
    assert headers["X-Edge-Cache"] == "HIT" and "예약된 엣지 기사" not in body
    time.sleep(max(0.0, (go_live - timezone.now()).total_seconds()) + 1.2)
    assert "예약된 엣지 기사" in fetch(edge + "/")[2]
    assert fetch(edge + scheduled.get_absolute_url())[0] == 200


def test_nginx_never_caches_staff_previews_or_the_admin(edge, desk, settings):
    article = factories.make_publishable(desk)
    link = services.preview_link_create(
        article=article, user=desk, expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    for path in (f"/preview/{link.key}/", "/admin/login/", "/?page=1"):
        fetch(edge + path)
        headers = fetch(edge + path)[1]
        assert headers.get("X-Edge-Cache") != "HIT", path


def test_originals_are_not_served_and_renditions_are(edge, desk, settings):
    image = factories.make_image(desk)
    original = image.file.name
    assert fetch(f"{edge}/media/{original}")[0] == 404
    rendition = image.renditions["w480"]["jpeg"]
    assert fetch(f"{edge}/media/{rendition}")[0] == 200


def test_an_upload_over_the_limit_gets_nginx_s_readable_413(edge):
    import urllib.request

    body = b"x" * (27 * 1024 * 1024)
    request = urllib.request.Request(
        edge + "/admin/photos/image/add/", data=body, method="POST", headers={"Host": "news.example.org"}
    )
    try:
        urllib.request.urlopen(request, timeout=30)
        status, text = 200, ""
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    assert status == 413
    assert "25MB" in text or "25 MB" in text
