"""No response depends on a request header the caches' keys ignore: a hostile
``Host`` or ``X-Forwarded-*`` cannot put its words into a page kept for everyone."""

from urllib.parse import urlsplit

import pytest

from articles import services
from tests import factories
from tests.edge import fetch, nginx_in_front_of

HOSTILE = {"HTTP_X_FORWARDED_HOST": "localhost", "HTTP_X_FORWARDED_PROTO": "http"}


@pytest.fixture
def behind_proxy(settings):
    """The production settings with BEHIND_PROXY=1."""
    settings.USE_X_FORWARDED_HOST = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.fixture
def live_piece(db):
    desk = factories.editor(username="poison-editor")
    article = factories.make_publishable(desk, headline="오염되지 않는 기사", tags=["독자"])
    services.article_publish(article=article, user=desk)
    return article


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/", "/tag/독자/feed/"])
def test_feed_links_are_on_the_site_url_whatever_host_the_request_names(client, behind_proxy, live_piece, path):
    response = client.get(path, HTTP_HOST="localhost", **HOSTILE)
    body = response.content.decode()
    assert response.status_code == 200
    assert "localhost" not in body and "testserver" not in body
    assert f"https://news.example.org{live_piece.get_absolute_url()}" in body


@pytest.mark.django_db
def test_forwarded_headers_from_anyone_but_the_proxy_are_dropped(rf, behind_proxy, settings):
    from newsroom.middleware import TrustedProxyMiddleware

    seen = {}

    def view(request):
        seen["host"], seen["secure"] = request.get_host(), request.is_secure()
        seen["for"] = request.META.get("HTTP_X_FORWARDED_FOR")
        return None

    middleware = TrustedProxyMiddleware(view)
    middleware(rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.9.9", **HOSTILE))
    assert seen == {"host": "testserver", "secure": False, "for": None}

    forwarded = {"HTTP_X_FORWARDED_HOST": "news.example.org", "HTTP_X_FORWARDED_PROTO": "https"}
    middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7", **forwarded))
    assert seen == {"host": "news.example.org", "secure": True, "for": "203.0.113.7"}


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/feed/", "/", "/tag/독자/"])
def test_hostile_headers_through_nginx_leave_the_next_reader_a_clean_page(live_server, tmp_path, settings, path):
    settings.USE_X_FORWARDED_HOST = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    desk = factories.editor(username="poison-editor")
    article = factories.make_publishable(desk, headline="오염되지 않는 기사", tags=["독자"])
    services.article_publish(article=article, user=desk)
    upstream = urlsplit(live_server.url).netloc
    with nginx_in_front_of(
        upstream, tmp_path, static_root=settings.STATIC_ROOT, media_root=settings.MEDIA_ROOT
    ) as edge:
        import urllib.parse
        import urllib.request

        request = urllib.request.Request(
            edge + urllib.parse.quote(path),
            headers={"Host": "news.example.org", "X-Forwarded-Host": "localhost", "X-Forwarded-Proto": "http"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
            assert "nginx/" not in response.headers.get("Server", "")  # server_tokens off

        status, headers, body = fetch(edge + path)  # the next, ordinary reader
        assert status == 200 and headers["X-Edge-Cache"] == "HIT"
        assert "localhost" not in body
        assert "오염되지 않는 기사" in body
