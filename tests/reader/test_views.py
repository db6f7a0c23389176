"""The reader's site: what a reader, a search engine and a feed reader get."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from articles.models import Article, Status
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = '</script><script>alert("x")</script><b onmouseover=alert(1)>'


def live(**fields):
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - datetime.timedelta(hours=1))
    return factories.make_publishable(**fields)


def json_ld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    assert match, "the page has no JSON-LD"
    return json.loads(match.group(1))


@pytest.fixture
def reference_article(notice):
    """DESIGN.md's reference piece: lead photo, a bilingual quote with its screenshot,
    a pointer to an earlier report, a citation and the copyright footer."""
    editor = factories.editor(username="desk")
    earlier = live(headline="앞선 보도: AI 칩 수요 급증", user=editor)
    screenshot = factories.make_image(editor, alt_text="게시물 화면", credit="본지DB")
    source = factories.SourceFactory(name="Dana Whitfield", role="Northwind AI 대표")
    quote = factories.QuoteFactory(source=source, evidence_image=screenshot)
    body = (
        "첫 문단입니다.\n\n"
        f"[[quote:{quote.pk}]]\n\n"
        f"[[image:{screenshot.pk}]]\n\n"
        "글로벌 레저가 16일 보도했다.\n\n"
        f"[[article:{earlier.pk}]]\n"
    )
    article = live(
        headline="노스윈드 AI, 새 모델 공개",
        dek="대표 “AI는 전기와 같다”",
        body=body,
        user=editor,
        authors=[factories.AuthorFactory(name="김민지")],
        tags=["인공지능", "AI"],
    )
    factories.make_citation(article, title="Northwind unveils model", url="https://ledger.example/16")
    return article


def test_article_page_prints_credit_quote_original_and_copyright(client, reference_article):
    response = client.get(reference_article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "노스윈드 AI, 새 모델 공개" in html
    assert "(사진: 본지DB)" in html
    assert "인공지능은 전기와 같은 기술이 될 것이다." in html
    assert '<blockquote class="quote-original" lang="en"' in html
    assert "AI will be a technology like electricity." in html
    assert "Dana Whitfield" in html and '<time datetime="2020-09-24">' in html
    assert "관련기사" in html and "앞선 보도: AI 칩 수요 급증" in html
    assert "저작권자 © 뉴스룸 데일리 무단전재 및 재배포 금지" in html
    assert "김민지" in html
    assert 'lang="ko"' in html


def test_article_json_ld_is_a_news_article_with_credited_images(client, reference_article):
    data = json_ld(client.get(reference_article.get_absolute_url()))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "노스윈드 AI, 새 모델 공개"
    assert data["publisher"]["name"] == "뉴스룸 데일리"
    assert data["publisher"]["url"].startswith("https://news.example.org")
    assert data["author"][0]["name"] == "김민지"
    assert all(image["creditText"] == "본지DB" for image in data["image"])
    assert data["copyrightHolder"]["name"] == "뉴스룸 데일리"
    assert data["copyrightYear"] == timezone.localtime(reference_article.publish_at).year
    assert "무단전재" in data["copyrightNotice"]
    assert data["citation"][0]["url"] == "https://ledger.example/16"
    assert data["datePublished"] and data["dateModified"]


def own_scripts(html):
    """The site's own script files in a page (one: static/js/reader.js); with the
    JSON-LD blocks, the only scripts a page may end."""
    found = html.count('<script src="/static/js/reader')
    assert found == 1
    return found


@pytest.mark.parametrize("field", ["headline", "dek"])
def test_script_in_headline_or_dek_stays_text_on_the_page_and_in_json_ld(client, notice, field):
    article = live(**{field: HOSTILE, "headline": HOSTILE if field == "headline" else "제목"})
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html
    assert "<b onmouseover" not in html
    assert html.count("</script>") == html.count('<script type="application/ld+json">') + own_scripts(html)
    key = {"headline": "headline", "dek": "description"}[field]
    assert json_ld(client.get(article.get_absolute_url()))[key] == HOSTILE


def test_script_in_caption_credit_quote_source_tag_and_notice_stays_text(client, notice):
    editor = factories.editor(username="d2")
    image = factories.make_image(editor, caption=HOSTILE, credit=HOSTILE, alt_text=HOSTILE)
    source = factories.SourceFactory(name=HOSTILE, role=HOSTILE)
    quote = factories.QuoteFactory(source=source, text=HOSTILE, original_text=HOSTILE)
    notice.text_ko = HOSTILE
    notice.save()
    article = live(
        body=f"[[image:{image.pk}]]\n\n[[quote:{quote.pk}]]", tags=[HOSTILE[:90]], lead_image=image, user=editor
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert '<script>alert("x")' not in html
    assert "<b onmouseover" not in html
    assert html.count("</script>") == html.count('<script type="application/ld+json">') + own_scripts(html)
    assert "&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("status", "offset"),
    [
        (Status.DRAFT, None),
        (Status.REVIEW, None),
        (Status.UNPUBLISHED, -1),
        (Status.SCHEDULED, 1),
        (Status.PUBLISHED, 1),
    ],
)
def test_articles_readers_may_not_see_are_404(client, notice, status, offset):
    publish_at = timezone.now() + datetime.timedelta(hours=offset) if offset else None
    article = factories.make_publishable(status=status, publish_at=publish_at)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/a/{article.pk}/").status_code == 404
    home = client.get("/").content.decode()
    assert article.headline not in home or article.get_absolute_url() not in home


def test_home_links_to_every_article_it_lists(client, notice):
    articles = [live(headline=f"기사 {n}") for n in range(3)]
    html = client.get("/").content.decode()
    for article in articles:
        assert article.get_absolute_url() in html


def test_korean_slug_is_kept_readable_in_the_url(client, notice):
    article = live(headline="한국어 제목의 기사 🚀")
    assert "/한국어-제목의-기사/" in article.get_absolute_url() or "%ED%95%9C" in article.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_old_slug_redirects_to_the_current_address(client, notice):
    article = live(headline="원래 제목")
    old_url = article.get_absolute_url()
    Article.objects.filter(pk=article.pk).update(slug="새-제목")
    article.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_two_articles_with_the_same_headline_both_have_working_pages(client, notice):
    first, second = live(headline="같은 제목"), live(headline="같은 제목")
    assert first.slug == second.slug and first.pk != second.pk
    assert client.get(first.get_absolute_url()).status_code == 200
    assert client.get(second.get_absolute_url()).status_code == 200


def test_very_long_headline_with_emoji_renders(client, notice):
    headline = ("아주 긴 제목 " * 30 + "🎉")[:300]
    article = live(headline=headline)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_english_article_lives_under_en_with_english_credit_and_notice(client, notice):
    image = factories.make_image(credit="Newsroom Daily archive")
    article = live(headline="Northwind unveils its model", language="en", lead_image=image)
    url = article.get_absolute_url()
    assert url.startswith("/en/")
    html = client.get(url).content.decode()
    assert "Photo: Newsroom Daily archive" in html
    assert f"© {timezone.localtime(article.publish_at).year} 뉴스룸 데일리. All rights reserved." in html
    assert '<html lang="en">' in html


def test_sitemap_lists_published_articles_and_no_others(client, notice):
    published = live(headline="발행된 기사")
    hidden = [
        factories.make_publishable(headline="초안"),
        factories.make_publishable(status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(days=1)),
        factories.make_publishable(status=Status.UNPUBLISHED, publish_at=timezone.now() - datetime.timedelta(days=1)),
    ]
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    locations = re.findall(r"<loc>(.*?)</loc>", index.content.decode())
    pages = "".join(client.get(loc.replace("http://testserver", "")).content.decode() for loc in locations)
    assert published.get_absolute_url() in pages
    for article in hidden:
        assert article.get_absolute_url() not in pages


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: https://news.example.org/sitemap.xml" in response.content.decode()


def test_rss_feed_is_announced_and_lists_only_published_articles(client, notice):
    published = live(headline="피드 기사")
    draft = factories.make_publishable(headline="초안 기사")
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    feed = client.get("/feed/").content.decode()
    assert "피드 기사" in feed and "초안 기사" not in feed
    assert published.get_absolute_url() in feed and draft.get_absolute_url() not in feed
    assert "media:credit" in feed


def test_every_response_carries_the_security_headers(client, notice):
    article = live()
    for url in ["/", article.get_absolute_url(), "/admin/login/"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"]


def test_public_pages_have_no_inline_scripts(client, reference_article):
    for url in ["/", reference_article.get_absolute_url()]:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all('type="application/ld+json"' in attrs or "src=" in attrs for attrs in scripts)
        assert not re.search(r"\son[a-z]+=", html)


def test_unknown_section_tag_and_author_are_404(client, db):
    assert client.get("/no-such-section/").status_code == 404
    assert client.get("/tag/no-such-tag/").status_code == 404
    assert client.get("/author/nobody/").status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999999"])
def test_bad_page_numbers_are_a_clean_404(client, notice, page):
    article = live()
    for url in (article.section.get_absolute_url(), "/corrections/", "/archive/2026/"):
        assert client.get(f"{url}?page={page}").status_code == 404, url


def test_anonymous_source_shows_only_its_public_description(client, notice):
    source = factories.SourceFactory(
        name="Kim Secret", is_anonymous=True, public_description="정부 고위 관계자", role="차관"
    )
    quote = factories.QuoteFactory(source=source)
    article = live(body=f"[[quote:{quote.pk}]]")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "정부 고위 관계자" in html
    assert "Kim Secret" not in html and "차관" not in html
    assert "Kim Secret" not in json.dumps(json_ld(client.get(article.get_absolute_url())), ensure_ascii=False)


def test_article_page_has_breadcrumbs_open_graph_and_twitter_cards(client, reference_article):
    html = client.get(reference_article.get_absolute_url()).content.decode()
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    crumbs = next(block for block in blocks if block["@type"] == "BreadcrumbList")
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][-1]["name"] == reference_article.headline
    assert '<meta property="og:image" content="https://news.example.org/media/renditions/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<link rel="canonical" href="https://news.example.org{reference_article.get_absolute_url()}">' in html


def test_a_story_in_both_languages_links_its_translation_with_hreflang(client, notice):
    korean = live(headline="노스윈드 새 모델")
    english = live(headline="Northwind's new model", language="en", translation_of=korean)
    for article, other in ((korean, english), (english, korean)):
        html = client.get(article.get_absolute_url()).content.decode()
        assert f'hreflang="{other.language}" href="https://news.example.org{other.get_absolute_url()}"' in html
        assert f'href="{other.get_absolute_url()}" lang="{other.language}"' in html  # the language switch


def test_dates_are_printed_per_language(client, notice):
    moment = timezone.make_aware(__import__("datetime").datetime(2026, 3, 5, 14, 7))
    korean = live(headline="한국어 기사", publish_at=moment)
    english = live(headline="English story", language="en", publish_at=moment)
    assert "2026.03.05 14:07" in client.get(korean.get_absolute_url()).content.decode()
    assert "March 5, 2026, 14:07" in client.get(english.get_absolute_url()).content.decode()


def test_404_page_is_in_the_sites_style(client, db):
    response = client.get("/no-such-section/42/nothing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="error-page"' in html and "site.css" in html
    assert '<meta name="robots" content="noindex">' in html


def test_500_page_is_plain_html_in_the_sites_style(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert 'class="error-page"' in response.content.decode()


def test_date_archives_list_what_was_published_that_day_month_and_year(client, notice):
    seoul_morning = timezone.make_aware(__import__("datetime").datetime(2026, 3, 5, 1, 30))  # 5 March in Seoul
    article = live(headline="3월 5일 새벽 기사", publish_at=seoul_morning)
    live(headline="다른 날 기사", publish_at=seoul_morning - __import__("datetime").timedelta(days=2))
    day = client.get("/archive/2026/3/5/").content.decode()
    assert article.headline in day and "다른 날 기사" not in day
    assert article.headline in client.get("/archive/2026/3/").content.decode()
    assert article.headline in client.get("/archive/2026/").content.decode()
    assert article.headline not in client.get("/archive/2026/3/4/").content.decode()


@pytest.mark.parametrize("url", ["/archive/2026/2/30/", "/archive/2026/13/", "/archive/0/", "/archive/2026/0/1/"])
def test_dates_that_do_not_exist_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_home_leads_with_the_editors_top_story_then_latest_and_each_section(client, notice):
    from articles import services

    editor = factories.editor(username="front-editor")
    economy = factories.SectionFactory(name="경제", name_en="Economy", slug="economy-front")
    tech = factories.SectionFactory(name="기술", name_en="Technology", slug="tech-front")
    older = live(
        headline="편집자가 고른 기사",
        section=economy,
        publish_at=timezone.now() - __import__("datetime").timedelta(days=2),
    )
    newer = live(headline="가장 최근 기사", section=tech)
    services.article_feature(article=older, user=editor)
    html = client.get("/").content.decode()
    top = html.split('class="top-story"')[1].split("</section>")[0]
    assert "편집자가 고른 기사" in top and "가장 최근 기사" not in top
    assert newer.headline in html
    assert 'class="home-section"' in html and "기술" in html


def test_only_editors_choose_the_top_story_and_only_a_live_one(reporter, editor, notice):
    from django.core.exceptions import PermissionDenied

    from articles import services

    draft = factories.make_publishable(editor)
    with pytest.raises(PermissionDenied):
        services.article_feature(article=live(), user=reporter)
    with pytest.raises(services.WorkflowError):
        services.article_feature(article=draft, user=editor)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_article_addresses_are_what_the_url_patterns_reverse_to(notice, language):
    from django.urls import reverse
    from django.utils.translation import override

    article = live(headline="한국어와 English 제목", language=language)
    with override(language):
        expected = reverse(
            "articles:detail", kwargs={"section": article.section.slug, "pk": article.pk, "slug": article.slug}
        )
    assert article.get_absolute_url() == expected
