"""Every field a reporter can type, put through every output a reader or a
machine gets, arrives as text: never as markup, wherever it lands (element,
attribute, <title>, Open Graph, JSON-LD, RSS and Atom as a feed reader parses
them, sitemaps, the search page, the admin's lists, forms and messages)."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest
from django.test import Client
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Citation, CopyrightNotice, Quote, Source, Status
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def hostile(field):
    """Text that breaks out of an element, an attribute, a <title>, a JSON
    string, a CDATA section or a comment if it is printed unescaped."""
    return f"{field}\"'></title></script><script>alert('{field}')</script><img src=x onerror=alert(1)>]]>--><b>"


FIELDS = (
    "headline",
    "dek",
    "caption",
    "credit",
    "alt",
    "author",
    "tag",
    "notice",
    "citation",
    "outlet",
    "quote",
    "original",
    "speaker",
)


DATA_BLOCKS = ("application/ld+json", "application/json")


class Markup(HTMLParser):
    """What a browser would make of a page: its elements, attributes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text = []
        self.attributes = []
        self.scripts = []
        self._in_script = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attributes.append(value or "")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
        if tag == "script":
            kind = dict(attrs).get("type", "")
            # Data blocks (JSON-LD, the desk's json_script configuration) are never run.
            if kind not in DATA_BLOCKS and not dict(attrs).get("src"):
                self.problems.append("an inline <script>")
            self._in_script = kind
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x>")
        if tag == "b":
            self.problems.append("<b> from a field")
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_script in DATA_BLOCKS:
            self.scripts.append(data)
        elif self._in_script is None:
            self.text.append(data)
        if self._in_title:
            self.title += data

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser


@pytest.fixture
def hostile_article(db):
    """A published article whose every typed field is hostile (written to the
    database as it is, whatever the forms would have said)."""
    editor = factories.editor(username="desk")
    factories.CopyrightNoticeFactory()
    CopyrightNotice.objects.update(holder=hostile("notice"))
    image = factories.make_image(editor)
    type(image).objects.filter(pk=image.pk).update(
        credit=hostile("credit"), caption=hostile("caption"), alt_text=hostile("alt")
    )
    speaker = Source.objects.create(name=hostile("speaker"), kind=Source.Kind.PERSON, role="CEO")
    quote = Quote.objects.create(
        source=speaker,
        text=hostile("quote"),
        language="ko",
        original_text=hostile("original"),
        original_language="en",
        evidence_url="https://social.example.com/post/1",
    )
    author = Author.objects.create(name=hostile("author"), slug="kim")
    tag = Tag.objects.create(name=hostile("tag"), slug="hostile")
    article = factories.make_article(
        editor,
        status=Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
        authors=[author],
        tags=[tag],
        headline="임시 제목",
        body=f"첫 문단.\n\n[[quote:{quote.pk}]]\n\n[[image:{image.pk}]]\n\n끝 문단.",
    )
    Article.objects.filter(pk=article.pk).update(
        headline=hostile("headline"), dek=hostile("dek"), lead_image=image, lead_image_caption=hostile("caption")
    )
    outlet = Source.objects.create(name=hostile("outlet"), kind=Source.Kind.PUBLICATION)
    Citation.objects.create(article=article, source=outlet, title=hostile("citation"), url="https://ft.example/x")
    article.refresh_from_db()
    return article


def assert_only_text(html, *, expect):
    page = Markup.of(html)
    assert page.problems == []
    text = "".join(page.text) + " ".join(page.attributes)
    missing = [field for field in expect if hostile(field) not in text]
    assert missing == [], f"these fields did not arrive as text: {missing}"
    return page


def test_the_article_page_prints_every_field_as_text(client, hostile_article):
    html = client.get(hostile_article.get_absolute_url()).content.decode()
    page = assert_only_text(
        html,
        expect=FIELDS,
    )
    assert hostile("headline") in page.title
    # Open Graph and Twitter cards carry it as an attribute's value, whole.
    og = re.search(r'<meta property="og:title" content="([^"]*)"', html).group(1)
    assert "<" not in og and "&lt;" in og
    # JSON-LD: a data block that cannot be closed from inside, and that parses back to the text.
    assert page.scripts
    for block in page.scripts:
        assert "</" not in block and "<!--" not in block and "]]>" not in block
    data = [json.loads(block) for block in page.scripts]
    headlines = [item.get("headline") for item in data if isinstance(item, dict)]
    assert hostile("headline") in headlines


@pytest.mark.parametrize("name", ["home", "section", "tag", "author", "archive", "search"])
def test_every_list_page_prints_the_fields_it_shows_as_text(client, hostile_article, name):
    article = hostile_article
    url = {
        "home": "/",
        "section": f"/{article.section.slug}/",
        "tag": "/tag/hostile/",
        "author": "/author/kim/",
        "archive": f"/archive/{article.publish_at:%Y}/",
        "search": "/search/?q=headline",
    }[name]
    response = client.get(url)
    assert response.status_code == 200
    assert_only_text(response.content.decode(), expect=("headline",))


def test_the_search_page_prints_the_query_as_text(client, hostile_article):
    response = client.get("/search/", {"q": hostile("query")})
    assert_only_text(response.content.decode(), expect=("query",))


@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/", "/tag/hostile/feed/", "/author/kim/feed/atom/"])
def test_feeds_parse_as_a_feed_reader_parses_them_with_no_markup_where_the_element_is_html(
    client, hostile_article, path
):
    body = client.get(path).content
    feed = feedparser.parse(body, sanitize_html=False)
    assert not feed.bozo, feed.get("bozo_exception")
    (entry,) = feed.entries
    details = [value for key, value in entry.items() if key.endswith("_detail") and "type" in value]
    details += list(entry.get("content", []))
    arrived = []
    for detail in details:
        if detail.type in ("text/html", "application/xhtml+xml"):
            found = Markup.of(detail.value)
            assert found.problems == [], (detail, found.problems)
            arrived.append("".join(found.text))
        else:
            arrived.append(detail.value)
    assert hostile("headline") in arrived and hostile("dek") in arrived
    assert [tag.term for tag in entry.tags] == [hostile("tag")]


def test_sitemaps_are_well_formed_and_carry_the_headline_as_text(client, hostile_article):
    news = client.get("/news-sitemap.xml").content
    root = ET.fromstring(news)
    titles = [element.text for element in root.iter() if element.tag.endswith("}title")]
    assert titles == [hostile("headline")]
    for path in ["/sitemap.xml", "/sitemap-articles.xml"]:
        response = client.get(path)
        if response.status_code == 200:
            ET.fromstring(response.content)


def test_the_desk_prints_them_as_text_in_lists_forms_and_messages(hostile_article):
    editor = factories.editor(username="night-editor")
    client = sign_in(Client(), editor)
    article = hostile_article
    pages = {
        "the article list": "/admin/articles/article/",
        "the article's form": f"/admin/articles/article/{article.pk}/change/",
        "the photo list": "/admin/photos/image/",
        "the photo's form": f"/admin/photos/image/{article.lead_image_id}/change/",
        "the source list": "/admin/articles/source/",
        "the quote list": "/admin/articles/quote/",
        "the tag list": "/admin/taggit/tag/",
        "the revisions": f"/admin/articles/article/{article.pk}/revisions/",
    }
    for label, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, label
        found = Markup.of(response.content.decode())
        assert found.problems == [], (label, found.problems)
    # A message naming the article: publishing one that is already out is refused by its headline.
    answer = client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [article.pk]},
        follow=True,
    )
    html = answer.content.decode()
    assert 'class="error"' in html
    found = Markup.of(html)
    assert found.problems == []
    assert any(hostile("headline") in text for text in found.text)
