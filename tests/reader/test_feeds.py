"""Feeds and sitemaps: what aggregators and search engines read."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Status
from tests import factories
from tests.reader.test_views import live

pytestmark = pytest.mark.django_db

MEDIA = "{http://search.yahoo.com/mrss/}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def newsroom(notice):
    author = factories.AuthorFactory(name="김하늘", slug="kim-haneul")
    section = factories.SectionFactory(name="기술", name_en="Technology", slug="tech")
    published = live(headline="공개된 기사", authors=[author], section=section, tags=["인공지능"])
    hidden = [
        factories.make_publishable(headline="초안 기사", section=section, authors=[author], tags=["인공지능"]),
        factories.make_publishable(
            headline="검토 중 기사", status=Status.REVIEW, section=section, authors=[author], tags=["인공지능"]
        ),
        factories.make_publishable(
            headline="미래 예약 기사",
            status=Status.SCHEDULED,
            publish_at=timezone.now() + datetime.timedelta(days=1),
            section=section,
            authors=[author],
            tags=["인공지능"],
        ),
        factories.make_publishable(
            headline="내린 기사",
            status=Status.UNPUBLISHED,
            publish_at=timezone.now() - datetime.timedelta(days=1),
            section=section,
            authors=[author],
            tags=["인공지능"],
        ),
    ]
    return {"published": published, "hidden": hidden, "author": author, "section": section}


FEEDS = ["/feed/", "/feed/atom/", "/tech/feed/", "/tech/feed/atom/", "/tag/인공지능/feed/", "/author/kim-haneul/feed/"]


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_list_published_articles_only(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "공개된 기사" in text
    for article in newsroom["hidden"]:
        assert article.headline not in text
        # Its permalink and its guid, not any "/<pk>/": random rendition
        # names ("renditions/28/28…") may contain the same digits.
        assert article.get_absolute_url() not in text
        assert f"/a/{article.pk}/" not in text


def test_rss_item_carries_byline_categories_credited_photo_and_rights(client, newsroom):
    root = ET.fromstring(client.get("/feed/").content)
    channel = root.find("channel")
    assert "무단전재" in channel.findtext("copyright")
    item = channel.find("item")
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "김하늘"
    assert [c.text for c in item.findall("category")] == ["인공지능"]
    media = item.find(f"{MEDIA}content")
    assert media.get("url").startswith("https://") or media.get("url").startswith("http://")
    assert media.findtext(f"{MEDIA}credit") == "본지DB"


def test_atom_feed_has_rights_authors_and_media(client, newsroom):
    root = ET.fromstring(client.get("/feed/atom/").content)
    assert "무단전재" in root.findtext(f"{ATOM}rights")
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "김하늘"
    assert entry.find(f"{MEDIA}content").findtext(f"{MEDIA}credit") == "본지DB"


def test_feeds_of_unknown_section_tag_or_author_are_404(client, db):
    for url in ["/nowhere/feed/", "/tag/nowhere/feed/", "/author/nobody/feed/"]:
        assert client.get(url).status_code == 404


def test_sitemap_index_covers_articles_sections_tags_and_authors(client, newsroom):
    index = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", index)
    assert {loc.rsplit("-", 1)[-1] for loc in locations} >= {"articles.xml", "sections.xml", "tags.xml", "authors.xml"}
    pages = {
        loc.rsplit("-", 1)[-1]: client.get(loc.replace("http://testserver", "")).content.decode() for loc in locations
    }
    assert newsroom["published"].get_absolute_url() in pages["articles.xml"]
    assert "https://news.example.org/" in pages["articles.xml"]
    assert "/tech/" in pages["sections.xml"]
    assert "/tag/" in pages["tags.xml"]
    assert "/author/kim-haneul/" in pages["authors.xml"]
    for article in newsroom["hidden"]:
        assert article.get_absolute_url() not in pages["articles.xml"]


def test_news_sitemap_lists_the_last_two_days_with_titles(client, newsroom, notice):
    old = live(headline="사흘 전 기사", publish_at=timezone.now() - datetime.timedelta(days=3))
    text = client.get("/news-sitemap.xml").content.decode()
    assert "<news:title>공개된 기사</news:title>" in text
    assert "<news:name>뉴스룸 데일리</news:name>" in text
    assert old.headline not in text
    for article in newsroom["hidden"]:
        assert article.headline not in text


def test_robots_names_both_sitemaps(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://news.example.org/sitemap.xml" in text
    assert "Sitemap: https://news.example.org/news-sitemap.xml" in text


def test_english_edition_feed_lists_english_articles(client, notice):
    live(headline="English story", language="en")
    live(headline="한국어 기사")
    text = client.get("/en/feed/").content.decode()
    assert "English story" in text and "한국어 기사" not in text


def test_a_warm_feed_reads_only_which_pieces_it_lists_and_an_edit_shows_at_once(
    client, settings, notice, django_capture_on_commit_callbacks
):
    """Each item is remembered per content generation (like the lists' cards): a
    feed asked again reads the ids of its pieces and nothing of the pieces; a
    change starts a new generation, and the next reader gets the new words."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import services

    settings.NEWSROOM_PAGE_CACHE = False
    pieces = [live(headline=f"피드 기사 {n}") for n in range(5)]
    client.get("/feed/")
    with CaptureQueriesContext(connection) as warm:
        assert "피드 기사 4" in client.get("/feed/").content.decode()
    assert not any("articles_authorship" in query["sql"] for query in warm.captured_queries)
    assert not any("taggit_tag" in query["sql"] for query in warm.captured_queries)

    editor = pieces[0].created_by
    pieces[0].headline = "피드에서 고친 제목"
    with django_capture_on_commit_callbacks(execute=True):  # "content changed", as on commit
        services.article_save(article=pieces[0], user=editor)
    assert "피드에서 고친 제목" in client.get("/feed/").content.decode()
