"""The edge forgets every page that shows an article when the article changes.

Walks every public URL pattern of the site: a pattern either belongs to a URL
family that says which of its pages show an article (``reader/purges.py``) or
is declared as never listing one. Then an article with a section, tags, an
author, a date and a correction is published and every page is fetched: each
page that shows it must be in the outbox after it is published, edited,
unpublished and deleted.
"""

import datetime
import http.server
import socket
import threading
import time
import urllib.parse

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import override

from api.purges import SHOWS_NO_ARTICLE as API_SHOWS_NO_ARTICLE
from articles import services
from delivery import purge
from delivery.models import PendingPurge
from reader.purges import SHOWS_NO_ARTICLE as READER_SHOWS_NO_ARTICLE
from tests import factories
from tests.urlconf import public_url_names

pytestmark = pytest.mark.django_db

SHOWS_NO_ARTICLE = READER_SHOWS_NO_ARTICLE + API_SHOWS_NO_ARTICLE

#: How each public page that can show the article is addressed (by URL name).
ADDRESSES = {
    "articles:home": lambda a: {},
    "articles:feed": lambda a: {},
    "articles:feed_atom": lambda a: {},
    "articles:corrections": lambda a: {},
    "articles:most_read": lambda a: {},
    "articles:detail": lambda a: {"section": a.section.slug, "pk": a.pk, "slug": a.slug},
    "articles:short": lambda a: {"pk": a.pk},
    "articles:live_entries": lambda a: {"pk": a.pk},
    "articles:section": lambda a: {"section": a.section.slug},
    "articles:section_feed": lambda a: {"section": a.section.slug},
    "articles:section_feed_atom": lambda a: {"section": a.section.slug},
    "articles:tag": lambda a: {"slug": a.tags.get(name="반도체").slug},
    "articles:tag_feed": lambda a: {"slug": a.tags.get(name="반도체").slug},
    "articles:tag_feed_atom": lambda a: {"slug": a.tags.get(name="반도체").slug},
    "articles:author": lambda a: {"slug": a.authors.get().slug},
    "articles:author_feed": lambda a: {"slug": a.authors.get().slug},
    "articles:author_feed_atom": lambda a: {"slug": a.authors.get().slug},
    "articles:archive_year": lambda a: {"year": day_of(a).year},
    "articles:archive_month": lambda a: {"year": day_of(a).year, "month": day_of(a).month},
    "articles:archive_day": lambda a: {"year": day_of(a).year, "month": day_of(a).month, "day": day_of(a).day},
    "sitemap": lambda a: {},
    "news_sitemap": lambda a: {},
    "django.contrib.sitemaps.views.sitemap": lambda a: {"section": "articles"},
    "api:article-list": lambda a: {},
    "api:article-detail": lambda a: {"pk": a.pk},
    "api:article-ninjs": lambda a: {"pk": a.pk},
    "api:correction-list": lambda a: {},
    "api:section-list": lambda a: {},
    "api:section-detail": lambda a: {"slug": a.section.slug},
    "api:tag-list": lambda a: {},
    "api:tag-detail": lambda a: {"slug": a.tags.get(name="반도체").slug},
    "api:author-list": lambda a: {},
    "api:author-detail": lambda a: {"slug": a.authors.get().slug},
    "api:photo-list": lambda a: {},
    "api:photo-detail": lambda a: {"pk": a.lead_image_id},
    "api:quote-list": lambda a: {},
    "api:quote-detail": lambda a: {"pk": a.embedded_quotes.get().pk},
}
#: Pages of the table that list sitemaps, sections, tags, authors, photos or
#: quotes, not articles (they print what the article carries).
LISTS_NO_ARTICLE_ITSELF = {
    "sitemap",
    "articles:most_read",  # only once readers have read it
    "api:section-list",
    "api:section-detail",
    "api:tag-list",
    "api:tag-detail",
    "api:author-list",
    "api:author-detail",
    "api:photo-list",
    "api:photo-detail",
    "api:quote-list",
    "api:quote-detail",
}


def day_of(article):
    return timezone.localtime(article.publish_at)


def test_the_walk_finds_the_reader_s_pages_and_not_the_desk():
    names = set(public_url_names())
    assert {"articles:home", "articles:detail", "articles:tag_feed_atom", "news_sitemap"} <= names
    assert not any(name.startswith("admin:") for name in names)
    assert "staff_preview" not in names


def test_every_public_url_pattern_is_purged_or_shows_no_article():
    registered = {name for family in purge.families() for name in family.url_names}
    for name in public_url_names():
        assert name in registered or name in SHOWS_NO_ARTICLE, (
            f"{name} is public: register which of its pages show an article (reader/purges.py) "
            "or add it to SHOWS_NO_ARTICLE"
        )
        if name in registered:
            assert name in ADDRESSES, f"add {name} to this test's ADDRESSES"


@pytest.fixture
def outbox(settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = ["http://127.0.0.1:9"]  # the drain never runs in these tests

    def paths():
        return set(PendingPurge.objects.values_list("path", flat=True))

    return paths


@pytest.fixture
def desk(db):
    return factories.editor(username="purge-editor")


def live_article(desk, language="ko"):
    """Published now, with a section, two tags, an author, a quote and a correction."""
    author = factories.AuthorFactory(name="박기자", slug="park")
    quote = factories.QuoteFactory()
    article = factories.make_publishable(
        desk,
        headline="반도체 수출 늘어",
        language=language,
        tags=["반도체", "수출"],
        authors=[author],
        body=f"첫 문단입니다.\n\n[[quote:{quote.pk}]]\n",
    )
    services.article_publish(article=article, user=desk)
    services.correction_add(article=article, user=desk, text="수출액을 바로잡았습니다.")
    article.refresh_from_db()
    return article


def pages_showing(client, article):
    """The paths of every public page that shows ``article`` now (fetched)."""
    with override(article.language):
        url = article.get_absolute_url()
        paths = {}
        for name, kwargs in ADDRESSES.items():
            paths[name] = purge.path_of(name, **kwargs(article))
    showing = set()
    for name, path in paths.items():
        assert path, f"{name} does not reverse with {ADDRESSES[name](article)}"
        response = client.get(path)
        if response.status_code in (301, 302):
            shows = response["Location"].endswith(url)
        else:
            assert response.status_code == 200, f"{path}: {response.status_code}"
            content = b"".join(response.streaming_content) if response.streaming else response.content
            shows = url.encode() in content
        if shows:
            showing.add(path)
        else:
            assert name in LISTS_NO_ARTICLE_ITSELF, f"{path} ({name}) does not show the article"
    return showing


@pytest.mark.parametrize("language", ["ko", "en"])
def test_publishing_purges_every_page_the_article_appears_on(client, desk, outbox, language):
    article = live_article(desk, language)
    showing = pages_showing(client, article)
    assert len(showing) == len(ADDRESSES) - len(LISTS_NO_ARTICLE_ITSELF)
    if language == "en":
        with override("en"):
            assert {"/en/", purge.path_of("articles:tag", slug="반도체")} <= showing
    assert showing <= outbox()


def test_an_edit_purges_the_pages_it_was_on_and_those_it_moves_to(client, desk, outbox):
    article = live_article(desk)
    before = pages_showing(client, article)
    old_section = article.section
    PendingPurge.objects.all().delete()

    article.headline = "반도체 수출 크게 늘어"
    article.section = factories.SectionFactory(slug="industry")
    services.article_save(article=article, user=desk, tags=["수출"])

    paths = outbox()
    assert before <= paths  # the old section's pages and the removed tag's too
    with override("ko"):  # (the API's pages fetched above answer in English)
        old_tag = purge.path_of("articles:tag", slug="반도체")
    assert {f"/{old_section.slug}/", old_tag} <= paths
    assert {"/industry/", "/industry/feed/", article.get_absolute_url()} <= paths


def test_unpublishing_purges_every_page_it_was_on(client, desk, outbox):
    article = live_article(desk)
    showing = pages_showing(client, article)
    PendingPurge.objects.all().delete()

    services.article_unpublish(article=article, user=desk, reason="법적 검토")

    assert showing <= outbox()


def test_deleting_purges_every_page_it_was_on(client, desk, outbox):
    article = live_article(desk)
    showing = pages_showing(client, article)
    PendingPurge.objects.all().delete()

    services.articles_delete(articles=[article], user=desk)

    assert showing <= outbox()


def test_a_purge_asked_for_in_a_change_that_rolls_back_is_not_kept(desk, outbox):
    article = live_article(desk)
    PendingPurge.objects.all().delete()

    with pytest.raises(RuntimeError), transaction.atomic():
        article.headline = "없던 일"
        services.article_save(article=article, user=desk)
        assert article.get_absolute_url() in outbox()
        raise RuntimeError("the request failed after the save")

    assert outbox() == set()


# -- The outbox's drain, against an edge of our own ------------------------------------


class Edge(http.server.ThreadingHTTPServer):
    """A stand-in nginx: answers ``/_purge/<path>`` with 200 (or ``status``) and notes what it was asked."""

    def __init__(self):
        self.asked = []
        self.status = 200
        edge = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                edge.asked.append((self.headers["Host"], urllib.parse.unquote(self.path)))
                self.send_response(edge.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def edge():
    server = Edge()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def unreachable_url():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{free.getsockname()[1]}"  # closed again: nothing listens there


def test_the_drain_asks_every_edge_and_empties_the_outbox(db, edge, settings):
    other = Edge()
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        settings.NEWSROOM_EDGE_PURGE_URLS = [edge.url, other.url]
        settings.SITE_URL = "https://news.example.org"
        purge.enqueue(["/", "/tag/반도체/"])

        assert purge.drain() == (2, 0)
    finally:
        other.shutdown()
        other.server_close()

    for server in (edge, other):
        assert sorted(server.asked) == [("news.example.org", "/_purge/"), ("news.example.org", "/_purge/tag/반도체/")]
    assert not PendingPurge.objects.exists()


def test_a_page_the_edge_did_not_keep_counts_as_forgotten(db, edge, settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = [edge.url]
    edge.status = 404
    purge.enqueue(["/economy/"])

    assert purge.drain() == (1, 0)
    assert not PendingPurge.objects.exists()


def test_an_unreachable_edge_is_logged_and_tried_again_later(db, edge, settings, caplog):
    settings.NEWSROOM_EDGE_PURGE_URLS = [unreachable_url()]
    purge.enqueue(["/", "/economy/"])

    with caplog.at_level("WARNING", logger="newsroom.edgecache"):
        assert purge.drain() == (0, 2)
    assert "2 of 2 paths left for a later try" in caplog.text
    row = PendingPurge.objects.get(path="/")
    assert row.attempts == 1 and row.claimed_until is None and row.next_attempt_at > timezone.now()
    assert purge.drain() == (0, 0)  # not due yet: no second try at once
    assert 0 < purge.seconds_to_next_attempt() <= 2

    later = timezone.now() + datetime.timedelta(seconds=5)
    assert purge.drain(now=later) == (0, 2)  # still down: it waits longer each time
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at > timezone.now() + datetime.timedelta(seconds=1.5)

    settings.NEWSROOM_EDGE_PURGE_URLS = [edge.url]  # the edge is back
    later = timezone.now() + datetime.timedelta(seconds=5)
    assert purge.drain(now=later) == (2, 0)
    assert not PendingPurge.objects.exists()


def test_a_page_asked_for_again_during_a_drain_is_purged_again(db, edge, settings, monkeypatch):
    settings.NEWSROOM_EDGE_PURGE_URLS = [edge.url]
    purge.enqueue(["/"])
    purge_one = purge._purge_one

    def meanwhile_another_change(*args):
        purge.enqueue(["/"], now=timezone.now() + datetime.timedelta(seconds=1))
        return purge_one(*args)

    monkeypatch.setattr(purge, "_purge_one", meanwhile_another_change)
    assert purge.drain() == (1, 0)

    assert PendingPurge.objects.filter(path="/").exists()  # the later change's purge is not lost


@pytest.mark.django_db(transaction=True)
def test_no_transaction_is_open_while_an_edge_is_asked(edge, settings, monkeypatch):
    settings.NEWSROOM_EDGE_PURGE_URLS = [edge.url]
    purge.enqueue(["/", "/economy/"])
    purge_one = purge._purge_one
    in_transaction = []

    def noting(*args):
        in_transaction.append(connection.in_atomic_block)
        return purge_one(*args)

    monkeypatch.setattr(purge, "_purge_one", noting)
    assert purge.drain() == (2, 0)
    assert in_transaction == [False, False]


@pytest.mark.django_db(transaction=True)
def test_a_committed_edit_reaches_the_edge_without_the_editor_waiting(edge, settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = [edge.url]
    settings.SITE_URL = "https://news.example.org"
    desk = factories.editor(username="drain-editor")
    article = live_article(desk)
    PendingPurge.objects.all().delete()
    edge.asked.clear()

    article.headline = "반도체 수출 크게 늘어"
    services.article_save(article=article, user=desk)  # commits: the drain thread is woken

    deadline = time.monotonic() + 5
    while PendingPurge.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not PendingPurge.objects.exists()
    assert ("news.example.org", "/_purge" + urllib.parse.unquote(article.get_absolute_url())) in edge.asked


def test_an_edge_that_is_not_http_is_never_opened(db, settings, caplog, monkeypatch):
    settings.NEWSROOM_EDGE_PURGE_URLS = ["file:///etc/passwd"]
    purge.enqueue(["/"])
    monkeypatch.setattr(purge, "_purge_one", lambda *args: pytest.fail("a file: URL was opened"))
    with caplog.at_level("ERROR", logger="newsroom.edgecache"):
        assert purge.drain() == (0, 0)
    assert "only http:// and https:// edges" in caplog.text
