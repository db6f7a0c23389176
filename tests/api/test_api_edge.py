"""The content API behind the shipped nginx: public answers are kept and purged
like pages; a keyed answer is never kept, so an embargoed piece read with a key
is a 404 for the next reader without one."""

import datetime
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from api import keys
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
        settings.NEWSROOM_EDGE_PURGE_URLS = [base]
        yield base


def fetch_with_key(url, key):
    request = urllib.request.Request(url, headers={"Host": "news.example.org", "Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_an_embargoed_piece_read_with_a_key_through_nginx_is_a_404_without_one(edge, superuser):
    editor = factories.editor(username="edge-api-editor")
    factories.CopyrightNoticeFactory()
    ahead = factories.make_publishable(editor, headline="엠바고 기사")
    services.article_schedule(
        article=ahead, user=editor, publish_at=timezone.now() + datetime.timedelta(hours=2), embargoed=True
    )
    _, key = keys.partner_key_issue(name="Wire", user=superuser, reads_embargoed=True)
    url = f"{edge}/api/v1/articles/{ahead.pk}/"
    for _ in range(2):
        status, headers, body = fetch_with_key(url, key)
        assert status == 200 and "엠바고 기사" in body
        assert headers["Cache-Control"] == "private, no-store"
        assert headers.get("X-Edge-Cache") in ("BYPASS", None)
    status, _, body = fetch(url)
    assert status == 404 and "엠바고 기사" not in body


def test_an_api_page_kept_by_nginx_is_purged_when_the_article_changes(edge):
    editor = factories.editor(username="edge-api-editor2")
    factories.CopyrightNoticeFactory()
    article = factories.make_publishable(editor, headline="처음 제목")
    services.article_publish(article=article, user=editor)
    assert eventually(lambda: not PendingPurge.objects.exists())
    url = f"{edge}/api/v1/articles/{article.pk}/"
    fetch(url)
    status, headers, body = fetch(url)
    assert status == 200 and headers["X-Edge-Cache"] == "HIT" and "처음 제목" in body
    article.headline = "고친 제목"
    services.article_save(article=article, user=editor)
    assert eventually(lambda: "고친 제목" in fetch(url)[2])


def test_nginx_limits_an_address_that_floods_the_api_and_nothing_else(edge):
    statuses = [fetch(f"{edge}/api/v1/sections/")[0] for _ in range(160)]
    assert statuses[:100] == [200] * 100
    assert 429 in statuses
    assert fetch(f"{edge}/")[0] == 200  # the reader's site is not limited by it
