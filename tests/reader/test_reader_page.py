"""The reader's page, finished (issue 14): reading time, the updated line, share
links, the byline's email, related articles that fill themselves, each edition's
own name, every quote declared as a Quotation, and the feeds' rights and
descriptions. The browser's side (buttons, text size) is in test_reader_page_browser.py."""

import datetime
import json
import re
from urllib.parse import quote as urlquote
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleRendering
from newsroom.devserver import runserver_url
from tests import factories
from tests.reader.schemaorg import vocabulary
from tests.reader.test_views import json_ld, live

pytestmark = pytest.mark.django_db


def page(client, article, prefix=""):
    response = client.get(prefix + article.get_absolute_url() if prefix else article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def all_json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


# -- Reading time ---------------------------------------------------------------------


def test_reading_time_in_korean_counts_characters_and_in_english_words(client, notice):
    korean = live(body="가나다라마바사아자차 " * 150)  # 1 500 characters: three minutes at 500 a minute
    english = live(language="en", body="word " * 690)  # 690 words: three minutes at 230 a minute
    assert "3분 읽기" in page(client, korean)
    assert "3 min read" in page(client, english)
    assert json_ld(client.get(korean.get_absolute_url()))["timeRequired"] == "PT3M"
    assert json_ld(client.get(english.get_absolute_url()))["timeRequired"] == "PT3M"


def test_a_short_piece_still_reads_in_a_minute(client, notice):
    article = live(body="짧은 속보.")
    assert "1분 읽기" in page(client, article)


# -- The updated line -----------------------------------------------------------------


def updated_line(html):
    match = re.search(r'<span>수정 <time datetime="([^"]+)">', html)
    return match and match.group(1)


def test_a_fresh_piece_has_no_updated_line_and_its_date_modified_is_its_publication(client, notice):
    article = live()
    html = page(client, article)
    assert updated_line(html) is None
    assert json_ld(client.get(article.get_absolute_url()))["dateModified"] == article.publish_at.isoformat()


def test_an_edit_readers_see_adds_the_updated_line_at_the_moment_of_date_modified(client, notice):
    editor = factories.editor(username="desk-editor")
    article = live(user=editor)
    article.body = "첫 문단을 고쳤습니다.\n\n두 번째 문단입니다."
    services.article_save(article=article, user=editor, expected_version=article.version)
    article.refresh_from_db()
    html = page(client, article)
    data = json_ld(client.get(article.get_absolute_url()))
    assert updated_line(html) == timezone.localtime(article.modified_at).isoformat()
    assert datetime.datetime.fromisoformat(data["dateModified"]) == article.modified_at
    assert article.modified_at > article.publish_at


def test_a_save_that_changes_nothing_a_reader_sees_adds_no_updated_line(client, notice):
    editor = factories.editor(username="desk-editor")
    article = live(user=editor)
    services.article_save(article=article, user=editor, expected_version=article.version)
    article.refresh_from_db()
    assert article.version == 2  # it was saved,
    assert updated_line(page(client, article)) is None  # but readers see nothing new
    assert article.modified_at is None


def test_editing_a_draft_before_publication_is_not_an_update(client, notice):
    editor = factories.editor(username="desk-editor")
    article = factories.make_publishable(editor)
    article.body = "고친 초안."
    services.article_save(article=article, user=editor, expected_version=article.version)
    Article.objects.filter(pk=article.pk).update(
        status="published", publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    article.refresh_from_db()
    assert article.modified_at is None
    assert updated_line(page(client, article)) is None


def test_a_correction_adds_the_updated_line(client, notice):
    editor = factories.editor(username="desk-editor")
    article = live(user=editor)
    services.correction_add(article=article, user=editor, text="이름 표기를 바로잡았습니다.")
    article.refresh_from_db()
    assert updated_line(page(client, article)) == timezone.localtime(article.modified_at).isoformat()


# -- Share links, the byline's email ----------------------------------------------------------


def test_share_links_carry_the_canonical_address_and_no_third_party_script(client, notice):
    article = live(headline="공유할 기사 & 제목")
    html = page(client, article)
    canonical = settings.SITE_URL + article.get_absolute_url()
    encoded = urlquote(canonical, safe="")
    assert f'href="https://x.com/intent/post?url={encoded}&amp;text=' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'data-copy-link="{canonical}"' in html
    assert "utm_" not in html
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources)
    csp = client.get(article.get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_the_reporters_name_links_to_their_page_and_their_email_is_printed(client, notice):
    reporter = factories.AuthorFactory(name="박정우", email="park@paper.example")
    quiet = factories.AuthorFactory(name="이서연", email="")
    article = live(authors=[reporter, quiet])
    html = page(client, article)
    assert f'<a href="{reporter.get_absolute_url()}" rel="author">박정우</a>' in html
    assert '<a class="byline-email" href="mailto:park@paper.example">park@paper.example</a>' in html
    assert html.count('class="byline-email"') == 1


# -- Related articles fill themselves ---------------------------------------------------------


def test_related_box_fills_with_shared_tags_then_the_section(client, notice, section):
    other = factories.SectionFactory(name="사회", slug="society")
    hour = datetime.timedelta(hours=1)
    now = timezone.now()
    article = live(section=section, tags=["반도체"], publish_at=now - hour)
    tagged = live(section=other, tags=["반도체"], headline="태그가 같은 기사", publish_at=now - 5 * hour)
    same_section = [
        live(section=section, headline=f"같은 섹션 기사 {n}", publish_at=now - (2 + n) * hour) for n in range(5)
    ]
    unrelated = live(section=other, headline="관계없는 기사", publish_at=now - 2 * hour)
    html = page(client, article)
    box = html[html.index('class="related"') :]
    headlines = re.findall(r'class="card-headline[^"]*"><a [^>]*>([^<]+)</a>', box)
    # The tag first, then the section's latest, up to the box's five.
    assert headlines == [tagged.headline] + [a.headline for a in same_section[:4]]
    assert unrelated.headline not in box


# -- Each edition speaks its language --------------------------------------------------------------


@override_settings(SITE_NAME="뉴스룸 데일리", SITE_NAME_EN="Newsroom Daily")
def test_the_english_edition_uses_the_papers_english_name(client, notice):
    article = live(language="en", headline="An English piece")
    html = page(client, article)
    assert "<title>An English piece | Newsroom Daily</title>" in html
    assert '<meta property="og:site_name" content="Newsroom Daily">' in html
    assert '<a class="logo" href="/en/">Newsroom Daily</a>' in html
    assert "뉴스룸 데일리" not in html.split('<footer class="site-footer"')[1]
    data = json_ld(client.get(article.get_absolute_url()))
    assert data["publisher"]["name"] == "Newsroom Daily"
    feed = client.get("/en/feed/").content.decode()
    assert "<title>Newsroom Daily</title>" in feed
    korean = client.get("/feed/").content.decode()
    assert "<title>뉴스룸 데일리</title>" in korean
    home = client.get("/en/").content.decode()
    assert "<title>Newsroom Daily</title>" in home
    news = client.get("/news-sitemap.xml").content.decode()
    assert "<news:name>Newsroom Daily</news:name>" in news


def test_the_development_server_names_its_own_address():
    assert runserver_url(["manage.py", "runserver"]) == "http://localhost:8000"
    assert runserver_url(["manage.py", "runserver", "8123"]) == "http://localhost:8123"
    assert runserver_url(["manage.py", "runserver", "0.0.0.0:8123"]) == "http://localhost:8123"
    assert runserver_url(["manage.py", "runserver", "--noreload", "127.0.0.1:9000"]) == "http://localhost:9000"
    assert runserver_url(["manage.py", "runserver", "news.test:8001"]) == "http://news.test:8001"
    # Any other command (the test runner, gunicorn, migrate) gets SITE_URL's default.
    assert runserver_url(["manage.py", "migrate"]) is None
    assert runserver_url(["gunicorn", "newsroom.wsgi"]) is None


def test_absolute_urls_never_come_from_the_request_host(client, notice):
    article = live()
    html = client.get(article.get_absolute_url(), HTTP_HOST="localhost", HTTP_X_FORWARDED_HOST="evil.example").content
    assert b"evil.example" not in html


# -- Every attribution declared to machines ---------------------------------------------------------------


def test_each_quote_of_the_body_is_a_quotation_with_its_original_speaker_and_date(client, notice):
    source = factories.SourceFactory(name="Dana Whitfield", role="CEO", url="https://northwind.example/dana")
    said = factories.QuoteFactory(source=source)
    anonymous = factories.SourceFactory(
        name="홍길동 (실명)", is_anonymous=True, public_description="정부 고위 관계자", url="https://x.example/hong"
    )
    secret = factories.QuoteFactory(
        source=anonymous, text="발표는 다음 주다.", original_text="", evidence_url="https://x.example/hong/1"
    )
    article = live(body=f"첫 문단.\n\n[[quote:{said.pk}]]\n\n둘째 문단.\n\n[[quote:{secret.pk}]]")
    data = json_ld(client.get(article.get_absolute_url()))
    first, second = data["hasPart"]
    assert first == {
        "@type": "Quotation",
        "text": said.text,
        "inLanguage": "ko",
        "creator": {
            "@type": "Person",
            "name": "Dana Whitfield",
            "jobTitle": "CEO",
            "url": "https://northwind.example/dana",
        },
        "translationOfWork": {"@type": "Quotation", "text": said.original_text, "inLanguage": "en"},
        "dateCreated": "2020-09-24",
        "isBasedOn": "https://social.example.com/post/1",
    }
    assert second["creator"] == {"@type": "Person", "description": "정부 고위 관계자"}
    assert "translationOfWork" not in second
    flat = str(data)
    assert "홍길동" not in flat and "x.example/hong" not in flat


def test_the_article_json_ld_uses_only_what_schema_org_defines(client, notice):
    editor = factories.editor(username="desk-editor")
    image = factories.make_image(editor, creator="김사진", caption="행사 모습")
    said = factories.QuoteFactory(source=factories.SourceFactory(kind="organisation", name="Northwind AI"))
    anonymous = factories.QuoteFactory(
        source=factories.SourceFactory(is_anonymous=True, public_description="업계 관계자")
    )
    article = live(
        user=editor,
        body=f"첫 문단.\n\n[[quote:{said.pk}]]\n\n[[image:{image.pk}]]\n\n[[quote:{anonymous.pk}]]",
        tags=["AI"],
        authors=[factories.AuthorFactory(name="김민지")],
    )
    factories.make_citation(article, url="https://ledger.example/16", published_on=datetime.date(2026, 11, 16))
    services.correction_add(article=article, user=editor, text="바로잡습니다.")
    blocks = all_json_ld(page(client, article))
    assert {block["@type"] for block in blocks} == {"NewsArticle", "BreadcrumbList"}
    assert [vocabulary().problems(block) for block in blocks] == [[], []]


def test_the_checker_finds_what_schema_org_does_not_define():
    problems = vocabulary().problems(
        {
            "@type": "NewsArticle",
            "headline": "x",
            "speaker": "y",
            "hasPart": [{"@type": "Quotation", "creator": {"@type": "Place", "name": "Seoul"}}],
            "image": {"@type": "Photograph"},
        }
    )
    assert problems == [
        "$: NewsArticle has no property speaker",
        "$.hasPart[0].creator: creator takes ['IdReference', 'Organization', 'Person'], not Place",
        "$.image: image takes ['IdReference', 'ImageObject', 'URL'], not Photograph",
    ]


# -- Feeds: each item's rights and a description ----------------------------------------------------------


def feed_items(client, path):
    root = ElementTree.fromstring(client.get(path).content)
    return root


def test_each_feed_item_carries_its_own_copyright_and_a_description(client, notice):
    own = factories.CopyrightNoticeFactory(
        name="Wire", is_default=False, holder="연합뉴스", text_ko="ⓒ {holder} {year} 무단 전재 금지"
    )
    with_dek = live(dek="요약이 있는 기사", body="본문 첫 문단.")
    quote = factories.QuoteFactory()
    without_dek = live(
        dek="",
        body=f"## 소제목\n\n[[quote:{quote.pk}]]\n\n**굵은** 첫 문단에 [링크](https://x.example)가 있다.\n\n둘째 문단.",
        copyright_notice=own,
    )
    rss = feed_items(client, "/feed/")
    dc = "{http://purl.org/dc/elements/1.1/}"
    items = {item.findtext("guid"): item for item in rss.iter("item")}
    first = items[f"{settings.SITE_URL}/a/{with_dek.pk}/"]
    second = items[f"{settings.SITE_URL}/a/{without_dek.pk}/"]
    year = timezone.localtime(without_dek.publish_at).year
    assert first.findtext("description") == "요약이 있는 기사"
    assert first.findtext(f"{dc}rights") == notice.text_for("ko", year)
    assert second.findtext(f"{dc}rights") == f"ⓒ 연합뉴스 {year} 무단 전재 금지"
    assert second.findtext("description") == "굵은 첫 문단에 링크가 있다."  # the first paragraph, as text
    atom = feed_items(client, "/feed/atom/")
    ns = "{http://www.w3.org/2005/Atom}"
    rights = {entry.findtext(f"{ns}id"): entry.findall(f"{ns}rights") for entry in atom.iter(f"{ns}entry")}
    assert [element.text for element in rights[f"{settings.SITE_URL}/a/{without_dek.pk}/"]] == [
        f"ⓒ 연합뉴스 {year} 무단 전재 금지"
    ]  # one, as RFC 4287 allows
    assert all(len(found) == 1 for found in rights.values())
    assert all(len(item.findall(f"{dc}rights")) == 1 for item in rss.iter("item"))


# -- A deploy's new templates reach the stored pages ------------------------------------------------------


def test_a_page_stored_by_other_code_is_rendered_anew(client, notice, settings):
    """After a deploy (new templates, translations, JSON-LD), and while old
    workers still run beside new ones, a stored page counts only for the code
    that rendered it."""
    from delivery.renderings import code_build

    settings.NEWSROOM_PAGE_CACHE = False  # the stored part, not the whole page
    article = live()
    page(client, article)
    stored = ArticleRendering.objects.get(article=article)
    assert stored.build == code_build()
    old = "<p>rendered by last week's templates</p>"
    ArticleRendering.objects.filter(article=article).update(main=old, build="old")
    html = page(client, article)
    assert "last week's templates" not in html and "분 읽기" in html
    assert ArticleRendering.objects.get(article=article).build == code_build()


def test_a_live_pages_json_ld_is_a_live_blog_posting_schema_org_defines(
    client, notice, django_capture_on_commit_callbacks
):
    from articles.services.live import live_coverage_end, live_coverage_start, live_entry_add, live_entry_edit

    editor = factories.editor(username="live-editor")
    article = live(user=editor, headline="개표 실황")
    photo = factories.make_image(editor, credit="공동취재단")
    said = factories.QuoteFactory(source=factories.SourceFactory(name="선관위원장"))
    live_coverage_start(article=article, user=editor)
    first = live_entry_add(article=article, user=editor, body=f"개표가 시작됐습니다.\n\n[[image:{photo.pk}]]")
    live_entry_add(article=article, user=editor, body=f"위원장 발언.\n\n[[quote:{said.pk}]]")
    live_entry_edit(entry=first, user=editor, body="개표가 6시에 시작됐습니다.", correction="시각을 더했습니다.")
    data = json_ld(client.get(article.get_absolute_url()))
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] and "coverageEndTime" not in data
    assert len(data["liveBlogUpdate"]) == 2
    assert vocabulary().problems(data) == []
    with django_capture_on_commit_callbacks(execute=True):  # the stored page is forgotten on commit
        live_coverage_end(article=article, user=editor)
    ended = json_ld(client.get(article.get_absolute_url()))
    assert ended["coverageEndTime"]
    assert vocabulary().problems(ended) == []
