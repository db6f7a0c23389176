"""The reader's page in a real Chromium, at a phone's 360 px and a desktop's
1280 px, in both editions: reading time, the updated line, share, copy link,
the phone's share sheet, the text size kept in the browser, and the most-read box."""

import datetime
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from articles import services
from reader import popular
from reader.models import ReadCount
from tests import factories
from tests.browser import DESKTOP, PHONE, screenshot
from tests.reader.test_accessibility import axe_problems

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITIONS = {
    "ko": {"read": "분 읽기", "updated": "수정", "copy": "링크 복사", "size": "글자 크기"},
    "en": {"read": "min read", "updated": "Updated", "copy": "Copy link", "size": "Text size"},
}


@pytest.fixture
def site(db):
    editor = factories.editor(username="page-editor")
    factories.CopyrightNoticeFactory()
    articles = {}
    for language, headline in (("ko", "노스윈드 AI, 새 언어 모델 공개"), ("en", "Northwind AI unveils a new model")):
        article = factories.make_publishable(
            editor,
            headline=headline,
            language=language,
            body="\n\n".join(["첫 문단입니다. " * 40 if language == "ko" else "A first paragraph. " * 60] * 4),
            authors=[factories.AuthorFactory(name=f"김하늘 {language}", email=f"sky.{language}@paper.example")],
            tags=["AI"],
        )
        services.article_publish(article=article, user=editor, now=timezone.now() - datetime.timedelta(hours=2))
        article.refresh_from_db()
        services.correction_add(article=article, user=editor, text="바로잡습니다.")
        article.refresh_from_db()
        articles[language] = article
    popular = factories.make_publishable(editor, headline="가장 많이 본 기사")
    services.article_publish(article=popular, user=editor)
    ReadCount.objects.create(article=popular, hour=timezone.now().replace(minute=0, second=0, microsecond=0), reads=9)
    return articles


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", bypass_csp=True)
    yield context
    context.close()


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_reading_time_updated_line_share_and_text_size_at_phone_and_desktop(
    context, live_server, site, language, viewport
):
    words = EDITIONS[language]
    article = site[language]
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator(".reading-time").inner_text().endswith(words["read"])
    updated = page.locator(".dates span", has_text=words["updated"])
    assert updated.is_visible()
    assert updated.locator("time").get_attribute("datetime") == timezone.localtime(article.modified_at).isoformat()
    for name in ("X", "Facebook", words["copy"]):
        assert page.locator(".share .tool", has_text=name).is_visible(), name
    assert page.get_by_role("group", name=words["size"]).is_visible()
    assert page.locator(".byline-email").inner_text() == f"sky.{language}@paper.example"
    # The box is fetched after the page has loaded: wait for it.
    expect(page.locator(".most-read li", has_text="가장 많이 본 기사")).to_have_count(1 if language == "ko" else 0)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "the page scrolls sideways"
    screenshot(page, f"reader-page-{language}-{viewport['width']}")
    assert axe_problems(page) == []


def test_the_text_size_is_kept_in_the_browser_and_applied_before_the_text_is_shown(context, live_server, site):
    url = live_server.url + site["ko"].get_absolute_url()
    page = context.new_page()
    page.goto(url)
    body = page.locator(".article-body")
    normal = float(body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)"))
    page.get_by_role("button", name="크게", exact=True).click()
    assert page.get_by_role("button", name="크게", exact=True).get_attribute("aria-pressed") == "true"
    large = float(body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)"))
    assert large > normal
    assert page.evaluate("localStorage.getItem('newsroom.textSize')") == "large"
    # On the next page, the size is set before the article's text is even parsed:
    # no flash of the default size.
    page.add_init_script(
        """new MutationObserver((records, observer) => {
             if (document.querySelector('.article-body')) {
               window.__sizeWhenTextArrived = document.documentElement.dataset.textSize;
               observer.disconnect();
             }
           }).observe(document, {childList: true, subtree: true});"""
    )
    page.goto(url)
    assert page.evaluate("window.__sizeWhenTextArrived") == "large"
    assert float(body.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")) == large
    assert not any(cookie["name"].lower().find("size") >= 0 for cookie in context.cookies())
    page.get_by_role("button", name="보통", exact=True).click()
    assert page.evaluate("localStorage.getItem('newsroom.textSize')") is None


def test_copy_link_puts_the_articles_address_on_the_clipboard(context, live_server, site):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(live_server.url + site["ko"].get_absolute_url())
    page.get_by_role("button", name="링크 복사").click()
    expect(page.get_by_role("status")).to_have_text("링크를 복사했습니다.")
    assert page.evaluate("navigator.clipboard.readText()") == settings.SITE_URL + site["ko"].get_absolute_url()


def test_the_phones_share_sheet_gets_the_headline_and_the_address(context, live_server, site):
    page = context.new_page()
    page.add_init_script("navigator.share = data => { window.__shared = data; return Promise.resolve(); };")
    page.goto(live_server.url + site["en"].get_absolute_url())
    page.get_by_role("button", name="Share", exact=True).click()
    shared = page.evaluate("window.__shared")
    assert shared == {"title": site["en"].headline, "url": settings.SITE_URL + site["en"].get_absolute_url()}


def test_without_a_share_sheet_the_button_is_not_offered(context, live_server, site):
    page = context.new_page()
    page.add_init_script("delete Navigator.prototype.share;")
    page.goto(live_server.url + site["en"].get_absolute_url())
    assert page.locator("[data-share-native]").is_hidden()


def test_reading_a_page_counts_one_read_without_a_cookie(context, live_server, site):
    page = context.new_page()
    with page.expect_request(lambda request: request.url.endswith(f"/a/{site['ko'].pk}/read/")) as beacon:
        page.goto(live_server.url + site["ko"].get_absolute_url())
    assert beacon.value.method == "POST"
    assert "cookie" not in beacon.value.all_headers()
    assert context.cookies() == []
    beacon.value.response()  # answered: counted, as the page's own (Sec-Fetch-Site: same-origin)
    bucket = popular.bucket_of(time.time())
    key = popular.counter_key
    assert sum(cache.get(key(b, site["ko"].pk)) or 0 for b in (bucket - 1, bucket)) == 1
