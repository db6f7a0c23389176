"""A live page as readers get it: entries newest first with the pinned one on
top, corrections shown, the polled fragment cached for a few seconds at the
edge, a bounded page whatever the number of entries, LiveBlogPosting JSON-LD,
and the feed and news sitemap moving with each entry."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.services.live import (
    live_coverage_end,
    live_coverage_start,
    live_entry_add,
    live_entry_edit,
    live_entry_pin,
)
from delivery.models import PendingPurge
from reader.live import FRAGMENT_SECONDS, LIVE_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_page(editor, notice):
    article = factories.make_publishable(editor, headline="대통령 선거 개표 실황", body="개표 상황을 전합니다.")
    services.article_publish(article=article, user=editor, now=timezone.now() - datetime.timedelta(hours=1))
    article.refresh_from_db()
    live_coverage_start(article=article, user=editor)
    return article


def add(article, user, text, minutes_ago=0, **kwargs):
    return live_entry_add(
        article=article,
        user=user,
        body=text,
        now=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **kwargs,
    )


def entry_ids(html):
    return [int(pk) for pk in re.findall(r'<article class="live-entry[^"]*" id="entry-(\d+)"', html)]


def page_html(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") in ("LiveBlogPosting", "NewsArticle"):
            return data
    raise AssertionError("no article JSON-LD on the page")


def test_entries_are_newest_first_with_the_pinned_one_on_top_each_with_its_link(client, editor, live_page):
    first = add(live_page, editor, "투표가 마감됐습니다.", minutes_ago=30)
    second = add(live_page, editor, "출구조사 결과가 나왔습니다.", minutes_ago=20)
    third = add(live_page, editor, "개표율 10%.", minutes_ago=10)
    live_entry_pin(entry=first, user=editor)

    html = page_html(client, live_page)

    assert entry_ids(html) == [first.pk, third.pk, second.pk]
    assert f'href="#entry-{third.pk}"' in html
    assert "live-entry-pinned" in html.split(f'id="entry-{first.pk}"')[0].rsplit("<article", 1)[1]
    assert f'data-live-url="/live/{live_page.pk}/"' in html
    assert "js/live.js" in html


def test_a_corrected_entry_shows_its_new_text_and_that_and_when_it_was_corrected(client, editor, live_page):
    entry = add(live_page, editor, "개표율 15%.")
    live_entry_edit(entry=entry, user=editor, body="개표율 13%.", correction="개표율을 바로잡았습니다.")

    html = page_html(client, live_page)

    assert "개표율 13%." in html and "개표율 15%." not in html
    correction = html.split('class="live-entry-correction"')[1].split("</p>")[0]
    assert "개표율을 바로잡았습니다." in correction
    assert "<time datetime=" in correction


def test_a_second_correction_keeps_the_first_printed_and_needs_words_of_its_own(client, editor, live_page):
    entry = add(live_page, editor, "개표율 15%.")
    entry = live_entry_edit(entry=entry, user=editor, body="개표율 13%.", correction="개표율을 바로잡았습니다.")
    with pytest.raises(services.WorkflowError):  # the first correction's words again: that is no correction
        live_entry_edit(entry=entry, user=editor, body="개표율 12%.", correction="개표율을 바로잡았습니다.")
    live_entry_edit(entry=entry, user=editor, body="개표율 12%.", correction="다시 바로잡았습니다.")
    correction = page_html(client, live_page).split('class="live-entry-correction"')[1].split("</p>")[0]
    assert "개표율을 바로잡았습니다.<br>다시 바로잡았습니다." in correction


def test_an_entry_cannot_be_added_once_the_coverage_has_ended(editor, live_page):
    stale = Article.objects.get(pk=live_page.pk)
    stale.live_coverage  # noqa: B018 - the desk's copy, read while the coverage ran
    live_coverage_end(article=live_page, user=editor)
    with pytest.raises(services.WorkflowError):
        live_entry_add(article=stale, user=editor, body="늦은 소식.")


def test_a_published_entry_cannot_be_changed_silently(editor, live_page):
    entry = add(live_page, editor, "개표율 15%.")
    with pytest.raises(services.WorkflowError):
        live_entry_edit(entry=entry, user=editor, body="개표율 13%.")


def test_the_fragment_is_public_for_a_few_seconds_and_holds_the_latest_entries(client, editor, live_page):
    entry = add(live_page, editor, "개표율 20%.")

    response = client.get(f"/live/{live_page.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert f"max-age={FRAGMENT_SECONDS}" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert response["X-Accel-Expires"] == str(FRAGMENT_SECONDS)
    assert entry_ids(response.content.decode()) == [entry.pk]
    assert 'data-live-state="ongoing"' in response.content.decode()


def test_a_new_entry_purges_the_page_and_its_fragment_at_the_edge(
    settings, editor, live_page, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_EDGE_PURGE_URLS = ["http://127.0.0.1:9"]
    PendingPurge.objects.all().delete()

    add(live_page, editor, "개표율 30%.")

    paths = set(PendingPurge.objects.values_list("path", flat=True))
    assert {live_page.get_absolute_url(), f"/live/{live_page.pk}/"} <= paths


def test_a_new_entry_shows_on_the_stored_page_at_once(client, editor, live_page, django_capture_on_commit_callbacks):
    page_html(client, live_page)  # stored
    with django_capture_on_commit_callbacks(execute=True):
        entry = add(live_page, editor, "새 소식입니다.")
    assert entry.pk in entry_ids(page_html(client, live_page))


def test_an_article_that_is_not_live_sends_the_fragment_s_reader_to_its_page(client, editor, notice):
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    response = client.get(f"/live/{article.pk}/")
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


def test_an_unpublished_live_page_has_no_fragment(client, editor, notice):
    article = factories.make_publishable(editor)
    live_coverage_start(article=article, user=editor)
    assert client.get(f"/live/{article.pk}/").status_code == 404


def test_ending_the_coverage_freezes_the_page_as_an_ordinary_article(client, editor, live_page):
    entry = add(live_page, editor, "당선이 확정됐습니다.")
    live_coverage_end(article=live_page, user=editor)

    html = page_html(client, live_page)

    assert entry.pk in entry_ids(html)  # the entries stay
    assert "js/live.js" not in html  # nothing polls any more
    assert 'data-live-state="ended"' in html
    data = json_ld(html)
    assert data["coverageEndTime"]
    with pytest.raises(services.WorkflowError):
        add(live_page, editor, "늦은 소식")


def test_the_json_ld_is_a_live_blog_posting_with_its_updates(client, editor, live_page):
    author = factories.AuthorFactory(name="김기자")
    entry = add(live_page, editor, "출구조사 결과\n\n여당이 앞섰습니다.", author=author)

    data = json_ld(page_html(client, live_page))

    assert data["@type"] == "LiveBlogPosting"
    assert datetime.datetime.fromisoformat(data["coverageStartTime"]) == live_page.live_coverage.started_at
    assert "coverageEndTime" not in data
    update = data["liveBlogUpdate"][0]
    assert update["@type"] == "BlogPosting"
    assert update["headline"] == "출구조사 결과"
    assert "여당이 앞섰습니다." in update["articleBody"]
    assert update["url"].endswith(f"{live_page.get_absolute_url()}#entry-{entry.pk}")
    assert update["url"].startswith("http")
    assert datetime.datetime.fromisoformat(update["datePublished"]) == entry.created_at
    assert update["author"] == {"@type": "Person", "name": "김기자"}


def test_an_ordinary_article_stays_a_news_article(client, editor, notice):
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    data = json_ld(page_html(client, article))
    assert data["@type"] == "NewsArticle"
    assert "liveBlogUpdate" not in data


def test_an_entry_s_photo_prints_its_credit_and_an_expired_one_is_not_shown(client, editor, live_page):
    photo = factories.make_image(editor, credit="본지DB", alt_text="개표소 풍경")
    add(live_page, editor, f"개표소 모습입니다.\n\n[[image:{photo.pk}]]")
    html = page_html(client, live_page)
    assert "본지DB" in html.split('class="live"')[1]

    file_name = photo.rendition_url().rsplit("/", 1)[1]
    assert file_name in html
    type(photo).objects.filter(pk=photo.pk).update(rights_expire_at=timezone.localdate() - datetime.timedelta(days=1))
    fragment = client.get(f"/live/{live_page.pk}/").content.decode()
    assert file_name not in fragment


def test_an_entry_s_anonymous_quote_shows_only_the_public_name(client, editor, live_page):
    source = factories.SourceFactory(
        name="홍길동", is_anonymous=True, public_description="선거관리위원회 관계자", role="사무국장"
    )
    quote = factories.QuoteFactory(source=source, text="개표는 순조롭다.")
    add(live_page, editor, f"[[quote:{quote.pk}]]")
    html = page_html(client, live_page)
    assert "선거관리위원회 관계자" in html and "홍길동" not in html


def test_an_entry_with_an_embed_of_nothing_or_an_article_is_refused(editor, live_page):
    with pytest.raises(services.WorkflowError):
        add(live_page, editor, "[[image:999999]]")
    with pytest.raises(services.WorkflowError):
        add(live_page, editor, f"[[article:{live_page.pk}]]")


def test_a_photo_in_an_entry_cannot_be_deleted_under_the_page(editor, live_page):
    from django.db.models import ProtectedError

    photo = factories.make_image(editor)
    add(live_page, editor, f"[[image:{photo.pk}]]")
    with pytest.raises(ProtectedError):
        photo.delete()


@pytest.fixture
def no_page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def count_queries(client, url):
    client.get(url)  # warm: the page is rendered and stored
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), len(response.content)


def render_count(client, article):
    """Queries and size of the page rendered afresh (nothing stored)."""
    from articles.models import ArticleRendering

    for _ in range(2):  # the first may load what any first request loads
        ArticleRendering.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.get_absolute_url())
    return len(queries.captured_queries), len(response.content)


def test_the_page_stays_bounded_whatever_the_number_of_entries(client, editor, notice, no_page_cache):
    pages = []
    for count in (3, 60):
        article = factories.make_publishable(editor, headline=f"실황 {count}")
        services.article_publish(article=article, user=editor)
        live_coverage_start(article=article, user=editor)
        photo = factories.make_image(editor)
        quote = factories.QuoteFactory()
        for number in range(count):
            body = f"소식 {number}번입니다. " * 20
            if number % 3 == 0:
                body += f"\n\n[[image:{photo.pk}]]\n\n[[quote:{quote.pk}]]"
            add(article, editor, body, minutes_ago=count - number)
        pages.append(article)
    small, big = pages

    assert render_count(client, big)[0] == render_count(client, small)[0]
    assert count_queries(client, big.get_absolute_url())[0] == count_queries(client, small.get_absolute_url())[0]
    html = page_html(client, big)
    assert len(entry_ids(html)) == LIVE_PAGE_SIZE
    assert len(json_ld(html)["liveBlogUpdate"]) == LIVE_PAGE_SIZE
    assert f"/live/{big.pk}/older/?before=" in html
    # Forty more entries: the page weighs what it weighed (the same 20 latest shown).
    big_size = count_queries(client, big.get_absolute_url())[1]
    photo, quote = factories.make_image(editor), factories.QuoteFactory()
    for number in range(60, 100):
        add(big, editor, f"소식 {number}번입니다. " * 20 + f"\n\n[[image:{photo.pk}]]\n\n[[quote:{quote.pk}]]")
    assert abs(count_queries(client, big.get_absolute_url())[1] - big_size) < big_size * 0.05


def test_older_entries_are_a_page_away_and_their_pages_end(client, editor, live_page, no_page_cache):
    entries = [add(live_page, editor, f"소식 {n}", minutes_ago=100 - n) for n in range(LIVE_PAGE_SIZE + 5)]
    html = page_html(client, live_page)
    older = re.search(r'href="(/live/\d+/older/\?before=\d+)"', html).group(1)

    response = client.get(older)

    assert response.status_code == 200
    shown = entry_ids(response.content.decode())
    assert shown == [entry.pk for entry in reversed(entries[:5])]
    assert "/older/?before=" not in response.content.decode().split('class="live"')[1]
    assert client.get(f"/live/{live_page.pk}/older/?before=abc").status_code == 404


def test_an_edited_older_entry_shows_on_its_page_of_older_entries_at_once(
    client, editor, live_page, django_capture_on_commit_callbacks
):
    """A page of older entries is only asked for with a query string: the edge
    never keeps it, the page cache does, and forgets it with the live page."""
    with django_capture_on_commit_callbacks(execute=True):
        entries = [add(live_page, editor, f"소식 {n}", minutes_ago=100 - n) for n in range(LIVE_PAGE_SIZE + 5)]
    older = re.search(r'href="(/live/\d+/older/\?before=\d+)"', page_html(client, live_page)).group(1)
    client.get(older)
    assert client.get(older)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        live_entry_edit(entry=entries[0], user=editor, body="고쳐 쓴 첫 소식", correction="숫자를 바로잡았습니다.")
    assert "고쳐 쓴 첫 소식" in client.get(older).content.decode()


def test_a_new_entry_moves_the_feed_item_and_keeps_an_ongoing_page_in_the_news_sitemap(
    client, editor, notice, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - datetime.timedelta(days=3)
    article = factories.make_publishable(editor, headline="사흘째 이어지는 산불 실황")
    services.article_publish(article=article, user=editor, now=long_ago)
    Article.objects.filter(pk=article.pk).update(publish_at=long_ago)
    article.refresh_from_db()
    live_coverage_start(article=article, user=editor, now=long_ago)
    Article.objects.filter(pk=article.pk).update(modified_at=long_ago, updated_at=long_ago)
    assert "사흘째 이어지는 산불 실황" not in client.get("/news-sitemap.xml").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        entry = add(article, editor, "불길이 잡혔습니다.")

    assert "사흘째 이어지는 산불 실황" in client.get("/news-sitemap.xml").content.decode()
    feed = client.get("/feed/atom/").content.decode()
    item = feed.split("사흘째 이어지는 산불 실황")[1].split("</entry>")[0]
    updated = re.search(r"<updated>(.*?)</updated>", item).group(1)
    assert datetime.datetime.fromisoformat(updated) >= entry.created_at.replace(microsecond=0)


def test_the_demo_has_an_ongoing_live_page_with_a_pinned_and_a_corrected_entry(client):
    import io

    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    article = Article.objects.get(live_coverage__ended_at__isnull=True, live_coverage__isnull=False)
    assert article.language == "ko" and article.is_published()
    entries = list(article.live_entries.all())
    assert len(entries) >= 3
    assert [entry.pinned for entry in entries].count(True) == 1
    assert any(entry.correction for entry in entries)
    html = page_html(client, article)
    assert "live-entry-correction" in html and "live-entry-pinned" in html and "js/live.js" in html
