"""A live page's fragment through the shipped nginx (deploy/nginx/newsroom.conf):
ten thousand readers polling it cost the app one request per few seconds, and a
new entry reaches them at once (purged) or, if no purge comes, within seconds."""

import time

import pytest

from articles import services
from articles.services.live import live_coverage_start, live_entry_add
from delivery.models import PendingPurge
from reader.live import FRAGMENT_SECONDS
from tests import factories
from tests.edge import eventually, fetch

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_page(db):
    factories.CopyrightNoticeFactory()
    editor = factories.editor(username="edge-live-editor")
    article = factories.make_publishable(editor, headline="엣지 실황")
    services.article_publish(article=article, user=editor)
    live_coverage_start(article=article, user=editor)
    live_entry_add(article=article, user=editor, body="첫 소식")
    return article, editor


def test_the_fragment_is_kept_by_the_edge_and_a_new_entry_purges_it(edge, live_page, settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = [edge]
    article, editor = live_page
    assert eventually(lambda: not PendingPurge.objects.exists())
    url = f"{edge}/live/{article.pk}/"
    fetch(url)
    status, headers, body = fetch(url)
    assert status == 200 and headers["X-Edge-Cache"] == "HIT" and "첫 소식" in body
    assert f"max-age={FRAGMENT_SECONDS}" in headers["Cache-Control"]

    live_entry_add(article=article, user=editor, body="둘째 소식")

    assert eventually(lambda: "둘째 소식" in fetch(url)[2])


def test_without_a_purge_a_new_entry_reaches_readers_within_seconds(edge, live_page, settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = []  # nothing tells nginx: the fragment's own short life must do it
    article, editor = live_page
    url = f"{edge}/live/{article.pk}/"
    fetch(url)
    assert fetch(url)[1]["X-Edge-Cache"] == "HIT"

    live_entry_add(article=article, user=editor, body="둘째 소식")
    started = time.monotonic()

    assert eventually(lambda: "둘째 소식" in fetch(url)[2], within=FRAGMENT_SECONDS + 3)
    assert time.monotonic() - started <= FRAGMENT_SECONDS + 3
