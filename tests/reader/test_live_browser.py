"""A live page followed in a real Chromium: a reader keeps the page open while an
editor, in another browser, adds, pins and corrects entries and ends the
coverage; the reader sees each change arrive without reloading, their place on
the page kept, with nothing the CSP blocks. And axe-core finds nothing serious."""

import datetime
import re
import time

import pytest
from django.utils import timezone

from articles import services
from articles.roles import EDITOR
from articles.services.live import live_coverage_start, live_entry_add, live_entry_edit, live_entry_pin
from tests import factories
from tests.articles.test_desk_browser import log_in, make_user
from tests.browser import DESKTOP, PHONE, screenshot
from tests.reader.test_accessibility import axe_problems

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: How often the reader's page polls in these tests (15 s on the site).
POLL_MS = 600


def eventually(check, timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except AssertionError:
            result = False
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError("the reader's page did not change in time")
        time.sleep(0.2)


@pytest.fixture
def live_page(db):
    editor = make_user("editor", EDITOR)
    factories.CopyrightNoticeFactory()
    article = factories.make_publishable(editor, headline="총선 개표 실황", body="개표 소식을 전합니다.")
    services.article_publish(article=article, user=editor, now=timezone.now() - datetime.timedelta(hours=2))
    article.refresh_from_db()
    live_coverage_start(article=article, user=editor)
    for number in range(8):
        live_entry_add(
            article=article,
            user=editor,
            body=f"{number + 1}번째 소식입니다. " + "개표가 이어지고 있습니다. " * 12,
            now=timezone.now() - datetime.timedelta(minutes=60 - number),
        )
    return article


@pytest.fixture
def reader(browser):
    """A reader's tab: a browser of its own, polling faster than the site does."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    context.add_init_script(f"window.newsroomLiveInterval = {POLL_MS};")
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    yield page
    context.close()
    assert not blocked, blocked


def entry_texts(reader):
    return reader.locator(".live-entries .live-entry .live-entry-body").all_inner_texts()


def test_a_reader_follows_the_live_page_while_an_editor_adds_pins_and_corrects(page, reader, live_server, live_page):
    photo = factories.make_image(alt_text="개표장 모습", caption="개표장", credit="선관위 공동취재단")
    reader.goto(live_server.url + live_page.get_absolute_url())
    reader.evaluate("window.stillTheSamePage = true")
    # Without the browser's own scroll anchoring (not every browser has it):
    # the page itself keeps the reader's place.
    reader.evaluate("document.documentElement.style.overflowAnchor = 'none'")
    assert "8번째 소식" in entry_texts(reader)[0]

    # The reader reads on, down the page.
    reader.locator(".live-entries .live-entry").nth(5).scroll_into_view_if_needed()
    reader.evaluate("window.scrollBy(0, 200)")
    reading_id = reader.locator(".live-entries .live-entry").nth(5).get_attribute("data-entry")
    reading = reader.locator(f'.live-entry[data-entry="{reading_id}"]')
    top_before = reading.bounding_box()["y"]

    log_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/{live_page.pk}/live/")
    # The entry is written in the body's editor, a photo put in from the desk's picker.
    page.locator("#live-entry-form .ProseMirror").click()
    page.keyboard.type("속보: 첫 당선 확정자가 나왔습니다.")
    page.locator("#live-entry-form .desk-toolbar button", has_text="사진").first.click()
    page.fill(".desk-picker-search", "개표장")
    page.locator(".desk-picker-option").first.click()
    assert page.locator("#id_body").input_value() == f"속보: 첫 당선 확정자가 나왔습니다.\n\n[[image:{photo.pk}]]\n"
    page.click("input[name=_add]")
    page.wait_for_load_state()

    # It arrives at the top, announced with a button, and what the reader reads does not move.
    button = reader.locator(".live-new")
    eventually(lambda: button.is_visible())
    assert button.inner_text() == "새 소식 1건"
    assert reader.locator(".live-announce").inner_text() == "새 소식 1건"
    assert "첫 당선 확정자" in entry_texts(reader)[0]
    assert "(사진: 선관위 공동취재단)" in reader.locator(".live-entries .live-entry").first.inner_text()
    assert abs(reading.bounding_box()["y"] - top_before) < 2
    button.click()
    assert reader.evaluate("document.activeElement.id").startswith("entry-")
    assert "첫 당선 확정자" in reader.evaluate("document.activeElement.innerText")
    assert button.is_hidden()

    # The editor pins an older entry: it goes on top of the reader's page.
    entry = page.locator(".nr-live-entry", has_text="3번째 소식")
    entry.locator("input[name=_pin]").click()
    page.wait_for_load_state()
    eventually(lambda: "3번째 소식" in reader.locator(".live-pinned").inner_text())
    assert "고정" in reader.locator(".live-pinned").inner_text()
    assert not any("3번째 소식" in text for text in entry_texts(reader))

    # The editor corrects the new entry: the reader sees the new text, and that it was corrected.
    entry = page.locator(".nr-live-entry", has_text="첫 당선 확정자")
    entry.locator("summary").click()
    entry.locator(".ProseMirror p").first.click()
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.type("(서울 종로).")
    entry.locator("textarea[name=correction]").fill("선거구를 덧붙였습니다.")
    entry.locator("input[name=_correct]").click()
    page.wait_for_load_state()
    corrected = reader.locator(".live-entry", has_text="서울 종로")
    eventually(lambda: corrected.count() == 1)
    assert "선거구를 덧붙였습니다." in corrected.locator(".live-entry-correction").inner_text()
    assert reader.locator(".live-entry", has_text="첫 당선 확정자").count() == 1  # replaced, not added

    # The editor deletes an entry (say it named someone it must not): it leaves the reader's page too.
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator(".nr-live-entry", has_text="5번째 소식").locator("input[name=_delete]").click()
    page.wait_for_load_state()
    eventually(lambda: not any("5번째 소식" in text for text in entry_texts(reader)))
    assert any("4번째 소식" in text for text in entry_texts(reader))

    # The editor ends the coverage: the reader's page says so and stops asking.
    page.click("input[name=_end]")
    page.wait_for_load_state()
    eventually(lambda: reader.locator(".live[data-live-state=ended]").count() == 1)
    assert "종료" in reader.locator(".live-status").inner_text()
    assert reader.evaluate("window.stillTheSamePage") is True  # never reloaded
    requests = []
    reader.on("request", lambda request: "/live/" in request.url and requests.append(request.url))
    reader.wait_for_timeout(POLL_MS * 3)
    assert requests == []


def test_the_live_page_has_no_serious_accessibility_problems_at_phone_and_desktop_width(
    browser, live_server, live_page
):
    editor = live_page.created_by
    photo = factories.make_image(editor, alt_text="개표소에서 투표지를 세는 사람들", credit="본지DB")
    quote = factories.QuoteFactory()
    entry = live_entry_add(
        article=live_page, user=editor, body=f"개표소 모습.\n\n[[image:{photo.pk}]]\n\n[[quote:{quote.pk}]]"
    )
    live_entry_pin(entry=entry, user=editor)
    live_entry_edit(entry=entry, user=editor, correction="사진 설명을 바로잡았습니다.")
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", bypass_csp=True)
    page = context.new_page()
    try:
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.goto(live_server.url + live_page.get_absolute_url())
            page.wait_for_selector(".live-pinned .live-entry-correction")
            screenshot(page, f"live-page-{name}")
            assert axe_problems(page) == [], name
        link = page.locator(".live-pinned .live-entry-time")
        assert re.fullmatch(rf"#entry-{entry.pk}", link.get_attribute("href"))
    finally:
        context.close()
