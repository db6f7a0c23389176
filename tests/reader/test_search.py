"""Search: only what readers may see, in the edition's language, headline hits
first; Korean found inside longer words; bad input answered, never a 500.

Runs on SQLite and on PostgreSQL (DATABASE_URL); the PostgreSQL-only tests check
the extension, the indexes and that the planner uses them.
"""

import datetime
import re
import unicodedata

import pytest
from django.db import connection
from django.utils import timezone, translation

from articles.models import Article, Status
from reader.search import (
    MAX_QUERY_LENGTH,
    SearchView,
    highlight,
    lexemes,
    normalize_query,
    search_articles,
    search_results,
    search_terms,
)
from tests import factories

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"
postgresql_only = pytest.mark.skipif(not POSTGRESQL, reason="PostgreSQL only")

HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # These tests are about the search page itself, not about replaying it.
    settings.NEWSROOM_PAGE_CACHE = False


def live(**fields):
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - HOUR)
    fields.setdefault("dek", "")
    fields.setdefault("body", "평범한 문단입니다.")
    return factories.make_article(**fields)


def found(query, language="ko"):
    return [article.headline for article in search_articles(query, language)]


def search(client, query=None, *, edition="", **params):
    if query is not None:
        params["q"] = query
    return client.get(f"{edition}/search/", params)


def text(response):
    """What a reader reads: the page without its tags (a hit is in <mark>)."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


# What is found


@pytest.mark.parametrize("field", ["headline", "dek", "body"])
def test_a_word_is_found_in_the_headline_the_dek_or_the_body(field):
    fields = {"headline": "오늘의 소식", field: "반도체 수출이 크게 늘었다"}
    live(**fields)
    live(headline="다른 소식", body="날씨가 맑았다.")
    assert len(found("반도체")) == 1


def test_headline_hit_ranks_above_dek_hit_above_body_hit_whatever_the_date():
    now = timezone.now()
    live(headline="본문에만", body="반도체 이야기", publish_at=now - HOUR)
    live(headline="요약에만", dek="반도체 이야기", publish_at=now - 2 * HOUR)
    live(headline="반도체 제목", publish_at=now - 3 * HOUR)
    assert found("반도체") == ["반도체 제목", "요약에만", "본문에만"]


def test_equal_hits_come_newest_first():
    now = timezone.now()
    live(headline="older", body="semiconductor news", language="en", publish_at=now - 2 * HOUR)
    live(headline="newer", body="semiconductor news", language="en", publish_at=now - HOUR)
    assert found("semiconductor", "en") == ["newer", "older"]


def test_every_word_of_the_query_must_be_found():
    live(headline="반도체 수출 증가", body="무역수지 개선")
    live(headline="반도체 공장", body="날씨")
    assert found("반도체 무역수지") == ["반도체 수출 증가"]
    assert found("반도체 xylophone") == []


def test_korean_word_inside_a_longer_korean_word_is_found():
    live(headline="산업 소식", body="삼성전자는 평택에 차세대반도체공장을 짓는다고 밝혔다.")
    live(headline="반도체라는 말이 없는 기사", body="날씨가 맑았다.")
    assert found("반도체") == ["반도체라는 말이 없는 기사", "산업 소식"]
    live(headline="차세대반도체공장 착공")
    assert "차세대반도체공장 착공" in found("반도체")


def test_two_syllable_korean_word_is_found_inside_a_compound_and_before_a_particle():
    live(headline="세계경제 전망", body="내용")
    live(headline="다른 기사", body="한국 경제가 회복세를 보였다.")
    assert sorted(found("경제")) == ["다른 기사", "세계경제 전망"]


def test_long_korean_word_is_found_inside_a_longer_one():
    live(headline="무역 소식", body="대중무역수지가 개선됐다.")
    live(headline="무역 다른 소식", body="무역과 수지는 따로 쓰였다.")
    assert found("무역수지") == ["무역 소식"]


def test_english_partial_word_finds_the_start_of_a_word_in_any_case():
    live(headline="Chip makers", body="Demand for Semiconductors rose sharply.", language="en")
    assert found("semicond", "en") == ["Chip makers"]
    assert found("SEMICONDUCTORS", "en") == ["Chip makers"]


@pytest.mark.parametrize("query", ["3.5%", "COVID-19", "U.S."])
def test_numbers_and_abbreviations_are_found_as_written(query):
    live(headline="Rates", body="The U.S. central bank kept rates at 3.5% as COVID-19 cases fell.", language="en")
    live(headline="Other", body="Rates rose to 3 or 5 percent; covid fell in the US.", language="en")
    assert found(query, "en") == ["Rates"]


def test_search_shows_only_the_editions_language(client):
    live(headline="반도체 기사", language="ko")
    live(headline="Semiconductor story 반도체", language="en")
    korean = text(search(client, "반도체"))
    english = text(search(client, "반도체", edition="/en"))
    assert "반도체 기사" in korean and "Semiconductor story" not in korean
    assert "Semiconductor story" in english and "반도체 기사" not in english


def test_embed_codes_are_not_searched_as_text():
    image = factories.make_image()
    live(headline="사진 기사", body=f"첫 문단입니다.\n\n[[image:{image.pk}]]\n")
    assert found("image") == []
    assert found("[[image") == []


@postgresql_only
def test_embed_ids_are_not_searched_as_numbers():
    image = factories.make_image()
    live(headline="사진 기사", body=f"첫 문단입니다.\n\n[[image:{image.pk}]]\n")
    assert found(str(image.pk)) == []


def test_a_decomposed_hangul_query_finds_the_article():
    live(headline="반도체 기사")
    assert found(unicodedata.normalize("NFD", "반도체")) == ["반도체 기사"]


# Only what readers may see


def _hidden(state):
    now = timezone.now()
    headline = f"반도체 {state}"
    if state == "draft":
        return factories.make_article(headline=headline)
    if state == "review":
        return factories.make_article(headline=headline, status=Status.REVIEW)
    if state == "scheduled in the future":
        return factories.make_article(headline=headline, status=Status.SCHEDULED, publish_at=now + HOUR)
    if state == "published in the future":
        return factories.make_article(headline=headline, status=Status.PUBLISHED, publish_at=now + HOUR)
    if state == "unpublished":
        return factories.make_article(headline=headline, status=Status.UNPUBLISHED, publish_at=now - HOUR)
    if state == "embargoed":
        article = factories.make_article(headline=headline, status=Status.SCHEDULED, publish_at=now + HOUR)
        Article.objects.filter(pk=article.pk).update(embargoed=True)
        return article
    if state == "expired":
        article = factories.make_article(headline=headline, status=Status.PUBLISHED, publish_at=now - 2 * HOUR)
        Article.objects.filter(pk=article.pk).update(expire_at=now - HOUR)
        return article
    raise AssertionError(state)


@pytest.mark.parametrize(
    "state",
    [
        "draft",
        "review",
        "scheduled in the future",
        "published in the future",
        "unpublished",
        "embargoed",
        "expired",
    ],
)
def test_only_articles_readers_may_see_are_found(client, state):
    hidden = _hidden(state)
    live(headline="반도체 공개 기사")
    assert found("반도체") == ["반도체 공개 기사"]
    page = text(search(client, "반도체"))
    assert "반도체 공개 기사" in page
    assert hidden.headline not in page


def test_a_scheduled_article_is_found_from_its_minute():
    article = factories.make_article(
        headline="반도체 예약 기사", status=Status.SCHEDULED, publish_at=timezone.now() + HOUR
    )
    assert found("반도체") == []
    assert [a.pk for a in search_articles("반도체", "ko", now=article.publish_at)] == [article.pk]


# The page


def test_results_mark_the_words_in_the_headline_and_the_snippet(client):
    live(headline="반도체 수출 호조", body="올해 반도체 수출은 전년보다 크게 늘었다.")
    html = search(client, "반도체").content.decode()
    assert '<a href="' in html and "<mark>반도체</mark> 수출 호조" in html
    assert "올해 <mark>반도체</mark> 수출은" in html
    assert "“반도체” 검색 결과: 기사 1건" in html


def test_highlighting_escapes_the_text_before_marking_it(client):
    live(headline='<b onmouseover="x()">반도체</b> & 칩', dek="A&amp;B 반도체")
    html = search(client, "반도체").content.decode()
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;<mark>반도체</mark>&lt;/b&gt; &amp; 칩" in html
    assert "A&amp;amp;B <mark>반도체</mark>" in html
    assert "<b onmouseover" not in html


def test_marks_follow_what_was_searched():
    live(headline="AI said to aid chips", dek="Semiconductors and semiconductor-grade AI", language="en")
    (result,) = search_results(search_articles("ai semicond", "en"), "ai semicond")
    assert result.headline == "<mark>AI</mark> said to aid chips"
    assert result.snippet == "<mark>Semicond</mark>uctors and <mark>semicond</mark>uctor-grade <mark>AI</mark>"


def test_a_word_never_marks_inside_an_escaped_entity():
    pattern = re.compile("amp", re.IGNORECASE)
    assert highlight("A & B amp", pattern) == "A &amp; B <mark>amp</mark>"


def test_a_query_with_markup_is_shown_as_text(client):
    live(headline="script 기사")
    response = search(client, '<script>alert("x")</script>')
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_empty_query_shows_the_form_and_no_results(client):
    live(headline="반도체 기사")
    for response in (search(client), search(client, "   ")):
        html = response.content.decode()
        assert response.status_code == 200
        assert 'type="search"' in html and 'name="q"' in html and '<label for="search-q">' in html
        assert "search-results" not in html and "반도체 기사" not in html
        assert "search-hint" in html


def test_no_results_says_so(client):
    live(headline="반도체 기사")
    html = search(client, "xylophone").content.decode()
    assert "search-empty" in html and "xylophone" in html
    assert "search-results" not in html


def test_search_pages_are_not_indexed_by_search_engines(client):
    live(headline="반도체 기사")
    for query in (None, "반도체", "xylophone"):
        assert '<meta name="robots" content="noindex">' in search(client, query).content.decode()


def test_the_form_keeps_the_query(client):
    html = search(client, "반도체   공장").content.decode()
    assert 'value="반도체 공장"' in html


def test_page_links_keep_the_query(client):
    for number in range(21):
        live(headline=f"반도체 기사 {number}")
    first = search(client, "반도체").content.decode()
    assert "기사 21건" in first
    assert 'href="?q=%EB%B0%98%EB%8F%84%EC%B2%B4&amp;page=2"' in first
    second = search(client, "반도체", page=2).content.decode()
    assert second.count('class="search-result"') == 1
    assert 'href="?q=%EB%B0%98%EB%8F%84%EC%B2%B4&amp;page=1"' in second


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999999", "2"])
def test_bad_page_numbers_are_a_clean_404(client, page):
    live(headline="반도체 기사")
    assert search(client, "반도체", page=page).status_code == 404


def test_search_page_runs_the_same_few_queries_for_few_and_many_results(rf, django_assert_max_num_queries):
    def render():
        # The view alone (no page cache or session in front of it).
        with translation.override("ko"):
            response = SearchView.as_view()(rf.get("/search/", {"q": "반도체"}))
            response.render()
        return response

    for number in range(3):
        live(headline=f"반도체 기사 {number}", authors=[factories.AuthorFactory()])
    with django_assert_max_num_queries(5) as few:
        assert render().content.decode().count('class="search-result"') == 3
    for number in range(12):
        live(headline=f"반도체 추가 {number}", authors=[factories.AuthorFactory(), factories.AuthorFactory()])
    with django_assert_max_num_queries(5) as many:
        assert render().content.decode().count('class="search-result"') == 15
    assert len(many.captured_queries) == len(few.captured_queries)


# Bad input

BAD_QUERIES = [
    "'; DROP TABLE articles_article; --",
    "%",
    "_",
    "%%%___",
    "x" * 10_000,
    "반도체 " * 3_000,
    "",
    "반도체",
    "😀",
    "반도체😀",
    "\x00",
    "a:* & b | !c",
    "' OR 1=1 --",
    "\\",
    "²",
    "\u200b",
    "(((",
    "-",
]


@pytest.mark.parametrize("query", BAD_QUERIES, ids=lambda query: repr(query[:20]))
def test_bad_queries_are_answered_never_a_500(client, query):
    live(headline="반도체 기사", body="100% 완료_보고")
    response = search(client, query)
    assert response.status_code == 200
    assert Article.objects.count() == 1


@pytest.mark.parametrize("query", ["%", "_", "a_c", "%%"])
def test_percent_and_underscore_are_not_wildcards(query):
    live(headline="abc 기사", body="아무 내용")
    assert found(query) == []


def test_a_long_query_is_cut_not_refused():
    live(headline="반도체 기사")
    query = "반도체 " + "가" * 10_000
    assert len(normalize_query(query)) <= MAX_QUERY_LENGTH
    assert found(query) == []  # every word must be found, and the cut one is not


def test_query_normalisation():
    assert normalize_query("  반도체 \t\n 공장\x00 ") == "반도체 공장"
    assert normalize_query(None) == ""
    assert normalize_query("a\u200bb") == "a b"
    assert search_terms('"반도체" (공장), 반도체 %  --') == ["반도체", "공장"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("AI", ["AI"]),
        ("semicond", ["semicond:*"]),
        ("반", ["반:*"]),
        ("경제", ["경제"]),
        ("반도체", ["반도체"]),
        ("무역수지", ["무역수", "역수지"]),
        ("노스윈드AI", ["노스윈", "스윈드"]),
        ("'; DROP", ["DROP:*"]),
    ],
)
def test_lexemes_are_letters_and_digits_only(term, expected):
    assert lexemes(term) == expected


# PostgreSQL: the extension, the indexes and the plan


@postgresql_only
def test_server_encoding_is_utf8():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"


@postgresql_only
def test_pg_trgm_and_the_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'")
        indexes = dict(cursor.fetchall())
    assert "gin (articles_search_document" in indexes["article_search_document_idx"]
    assert "gin (headline gin_trgm_ops)" in indexes["article_headline_trgm_idx"]


@postgresql_only
@pytest.mark.parametrize("query", ["반도체", "경제", "semicond", "AI", "반도체 무역수지"])
def test_search_is_an_index_lookup_even_for_a_word_in_every_article(query):
    for number in range(30):
        live(headline=f"기사 {number}", body="반도체 무역수지 semiconductors AI 한국경제 " * 20)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    plan = search_articles(query, "ko").explain()
    assert "article_search_document_idx" in plan
    assert "Seq Scan on articles_article" not in plan


@postgresql_only
def test_a_misspelt_headline_word_still_finds_the_story():
    live(headline="Northwind AI opens a lab in Seoul", language="en")
    assert found("Northwnd", "en") == ["Northwind AI opens a lab in Seoul"]
    assert found("Nortwind", "en") == []  # too far: word similarity below pg_trgm's 0.6
