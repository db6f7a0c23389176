"""The body editor in a real Chromium: the stored format round-trips, Korean typed
through an input method arrives whole, the preview follows, autosave restores,
embeds are cards, photos are credited before they are placed."""

import base64
import re
import time
from pathlib import Path

import pytest

from articles.body import markdown_to_html, plain_text, reading_minutes
from articles.models import Article, Autosave
from articles.roles import EDITOR, REPORTER
from photos.models import Image
from tests import factories
from tests.articles.test_desk_browser import log_in, make_user
from tests.browser import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "demo" / "content" / "articles"
TRICKY = [
    '**"인용"**이라고 했다.',
    "3~4일 걸린다. 50%~60% 사이.",
    "<script>alert(1)</script> 이라는 글자를 그대로 썼다.",
    "- 하나\n- 둘\n    - 둘의 하나\n- 셋",
    "1. 첫째\n2. 둘째\n3. 셋째",
    "첫 줄  \n둘째 줄",
    "[링크](https://example.com/a?b=1&c=2) 와 *기울임* 과 **굵게**",
    "각주 [1] 처럼 보이는 대괄호",
    "1. 로 시작하지만 목록이 아닌 문장이 될 수도 있다",
    "## 소제목\n\n본문",
    "> 인용문 첫 줄\n> 둘째 줄",
    "snake_case_name 과 _기울임_",
    "문단\n\n[[image:3]]\n\n다음 문단",
    "문단 바로 아래\n[[quote:4]]\n이어지는 문단",
    "A & B < C > D",
    "역슬래시 \\ 하나",
    "# 맨 위 제목은 소제목이 된다",
    "    들여쓴 코드",
]


def open_form(page, base, path="/admin/articles/article/add/"):
    page.goto(f"{base}{path}")
    page.wait_for_selector(".desk-prose")


def body_text(page):
    return page.locator("#id_body").input_value().replace("\r\n", "\n")


def eventually(check, timeout=10.0):
    """Wait until ``check()`` is true (the page's CSP refuses Playwright's
    string predicates, so the waiting is done from here)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("the page never got there")
        time.sleep(0.1)


def js(page, expression):
    return page.evaluate(f"() => ({expression})")


def normalised(html):
    return re.sub(r"\s+", " ", html).strip()


def test_every_demo_body_and_the_tricky_cases_survive_the_editor_as_the_reader_sees_them(page, live_server):
    make_user("reporter", REPORTER)
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url)
    bodies = [path.read_text().split("+++", 2)[2] for path in sorted(DEMO_ARTICLES.glob("*.md"))]
    assert len(bodies) >= 14
    samples = bodies + TRICKY
    round_tripped = page.evaluate("(samples) => samples.map(window.NewsroomDesk.body.roundTrip)", samples)
    for original, written in zip(samples, round_tripped, strict=True):
        expected = markdown_to_html(original)
        if "<script>" in original:
            # The old textarea let Python-Markdown take it for HTML (and nh3 drop it);
            # the editor shows it as the text it is, and readers get that text.
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown_to_html(written)
            continue
        assert normalised(markdown_to_html(written)) == normalised(expected), original
        # And a second pass changes nothing: saving twice is stable.
        assert page.evaluate("(md) => window.NewsroomDesk.body.roundTrip(md)", written) == written


def cdp_compose(cdp, page, steps, final, hold_ms):
    for step in steps:
        cdp.send("Input.imeSetComposition", {"text": step, "selectionStart": len(step), "selectionEnd": len(step)})
        page.wait_for_timeout(hold_ms)
    cdp.send("Input.insertText", {"text": final})


def test_korean_typed_through_an_input_method_never_doubles_or_loses_a_syllable(page, live_server):
    """Composition is driven through DevTools (Playwright's insert_text sends no
    composition events). Each syllable is held longer than the preview's and the
    autosave's delays: nothing may be sent, and the counts may not change, while
    a syllable is being composed."""
    make_user("reporter", REPORTER)
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url)
    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append((time.monotonic(), request.url))
            if "/preview/live/" in request.url or "/autosave/" in request.url
            else None
        ),
    )
    page.click(".desk-prose")
    page.keyboard.insert_text("시작 ")
    page.wait_for_timeout(2600)  # the first preview and autosave go out
    cdp = page.context.new_cdp_session(page)
    counts_before = page.locator("#desk-counts").inner_text()
    composing_from = time.monotonic()
    cdp.send("Input.imeSetComposition", {"text": "ㅎ", "selectionStart": 1, "selectionEnd": 1})
    page.wait_for_timeout(2600)
    cdp.send("Input.imeSetComposition", {"text": "하", "selectionStart": 1, "selectionEnd": 1})
    page.wait_for_timeout(700)
    cdp.send("Input.imeSetComposition", {"text": "한", "selectionStart": 1, "selectionEnd": 1})
    page.wait_for_timeout(700)
    assert page.locator("#desk-counts").inner_text() == counts_before
    composing_until = time.monotonic()
    cdp.send("Input.insertText", {"text": "한"})
    during = [url for moment, url in sent if composing_from < moment < composing_until]
    assert during == [], "nothing is sent while a syllable is being composed"
    cdp_compose(cdp, page, ["ㄱ", "그", "글"], "글", 300)
    page.keyboard.insert_text(" ")
    cdp_compose(cdp, page, ["ㅇ", "이", "입"], "입", 300)
    cdp_compose(cdp, page, ["ㄹ", "려", "력"], "력", 300)
    page.keyboard.press("Enter")
    cdp_compose(cdp, page, ["ㄷ", "다", "닭"], "닭", 300)
    page.wait_for_timeout(800)
    assert page.locator(".desk-prose p").all_inner_texts() == ["시작 한글 입력", "닭"]
    assert body_text(page) == "시작 한글 입력\n\n닭\n"
    eventually(lambda: "9" in page.locator("#desk-counts").inner_text())
    # Once composition ends, the preview and the autosave catch up.
    eventually(lambda: "한글 입력" in page.frame_locator("#desk-preview-frame").locator("body").inner_text())
    page.wait_for_timeout(2600)
    assert Autosave.objects.get().value("body") == "시작 한글 입력\n\n닭\n"


def test_the_reading_time_on_the_desk_is_the_one_readers_will_get(page, live_server):
    make_user("reporter", REPORTER)
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url)
    paragraph = "반도체 수출이 석 달째 늘었다. " * 60
    page.evaluate("(md) => window.NewsroomDesk.article.editor.setMarkdown(md)", f"{paragraph}\n\n{paragraph}")
    text = plain_text(body_text(page))
    minutes = reading_minutes(text, "ko")
    assert minutes > 1
    assert f"{minutes}" in page.locator("#desk-counts").inner_text().split("·")[-1]


def test_the_preview_follows_the_text_without_a_save(page, live_server):
    make_user("reporter", REPORTER)
    factories.CopyrightNoticeFactory()
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url)
    page.fill("#id_headline", "미리 보기가 따라오는 제목")
    page.click(".desk-prose")
    page.keyboard.insert_text("방금 쓴 첫 문단.")
    frame = page.frame_locator("#desk-preview-frame")
    frame.locator("h1.headline").filter(has_text="미리 보기가 따라오는 제목").wait_for()
    assert "방금 쓴 첫 문단." in frame.locator("article").inner_text()
    assert "무단전재 및 재배포 금지" in frame.locator(".copyright").inner_text()
    assert Article.objects.count() == 0
    # What must be fixed before publishing is listed as the reporter types.
    assert "섹션" in page.locator("#desk-checks").inner_text()
    screenshot(page, "desk-article-form-desktop")


def test_on_a_phone_the_preview_is_one_tap_away(page, live_server):
    make_user("reporter", REPORTER)
    log_in(page, live_server.url, "reporter")
    page.set_viewport_size(PHONE)
    open_form(page, live_server.url)
    assert not page.locator("#desk-preview").is_visible()
    page.click("#desk-preview-open")
    assert page.locator("#desk-preview").is_visible()
    screenshot(page, "desk-preview-phone")
    page.click("#desk-preview-close")
    assert not page.locator("#desk-preview").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the form scrolls sideways"
    screenshot(page, "desk-article-form-phone")
    page.set_viewport_size(DESKTOP)


def test_a_closed_tab_is_offered_back_with_the_difference_and_restored(page, live_server):
    reporter = make_user("reporter", REPORTER)
    article = factories.make_article(reporter, headline="처음 제목", body="처음 문단.")
    log_in(page, live_server.url, "reporter")
    change = f"/admin/articles/article/{article.pk}/change/"
    open_form(page, live_server.url, change)
    page.click(".desk-prose")
    page.keyboard.press("End")
    page.keyboard.insert_text(" 덧붙인 문장.")
    eventually(lambda: re.search(r"\d\d:\d\d", page.locator("#desk-autosave").inner_text()))
    page.goto("about:blank")  # the tab is closed (the leave question is answered by leaving)
    open_form(page, live_server.url, change)
    offer = page.locator("#desk-draft-offer")
    offer.wait_for()
    page.click("#desk-draft-offer >> text=차이 보기")
    assert "덧붙인" in offer.locator("ins").first.inner_text()
    page.click("#desk-draft-offer >> text=복원하기")
    assert "덧붙인 문장." in body_text(page)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert "덧붙인 문장." in article.body
    assert not Autosave.objects.exists()


def test_a_save_that_fails_on_the_way_loses_nothing(page, live_server):
    reporter = make_user("reporter", REPORTER)
    article = factories.make_article(reporter, headline="처음 제목", body="처음 문단.")
    log_in(page, live_server.url, "reporter")
    change = f"/admin/articles/article/{article.pk}/change/"
    open_form(page, live_server.url, change)
    page.route("**/autosave/", lambda route: route.abort())  # the server cannot be reached
    page.click(".desk-prose")
    page.keyboard.press("End")
    page.keyboard.insert_text(" 마감 직전의 문장.")
    eventually(lambda: "브라우저" in page.locator("#desk-autosave").inner_text())
    # The save itself meets a proxy's 502.
    page.route(
        re.compile(r".*/change/$"),
        lambda route: (
            route.fulfill(status=502, body="Bad Gateway") if route.request.method == "POST" else route.continue_()
        ),
    )
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    page.unroute("**/autosave/")
    page.unroute(re.compile(r".*/change/$"))
    open_form(page, live_server.url, change)
    page.locator("#desk-draft-offer").wait_for()
    page.click("#desk-draft-offer >> text=복원하기")
    assert "마감 직전의 문장." in body_text(page)
    article.refresh_from_db()
    assert "마감 직전의 문장." not in article.body


def test_logging_out_forgets_this_browsers_copies(page, live_server):
    reporter = make_user("reporter", REPORTER)
    article = factories.make_article(reporter)
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url, f"/admin/articles/article/{article.pk}/change/")
    page.click(".desk-prose")
    page.keyboard.insert_text("엠바고 기사의 문장 ")
    eventually(lambda: js(page, "Object.keys(localStorage).some((k) => k.startsWith('newsroom-draft:'))"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#logout-form button")
    page.wait_for_load_state()
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('newsroom-draft:'))") == []


def test_an_ended_session_keeps_the_text_and_asks_for_a_login_in_a_new_tab(page, live_server):
    reporter = make_user("reporter", REPORTER)
    article = factories.make_article(reporter)
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url, f"/admin/articles/article/{article.pk}/change/")
    page.context.clear_cookies()  # the session is gone (expired, or ended elsewhere)
    page.click(".desk-prose")
    page.keyboard.insert_text("세션이 끝난 뒤에 쓴 문장")
    link = page.locator("#desk-autosave a")
    link.wait_for()
    assert link.get_attribute("target") == "_blank"
    assert "/admin/login/" in link.get_attribute("href")
    assert "세션이 끝난 뒤에 쓴 문장" in body_text(page)


def test_a_quote_is_picked_shown_as_a_card_and_moved_and_removed_as_a_block(page, live_server):
    make_user("reporter", REPORTER)
    quote = factories.QuoteFactory(source=factories.SourceFactory(name="Dana Whitfield"))
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url)
    page.click(".desk-prose")
    page.keyboard.insert_text("첫 문단.")
    page.keyboard.press("Enter")
    page.keyboard.insert_text("둘째 문단.")
    page.locator(".desk-prose p").first.click()
    page.click(".desk-tool >> text=인용문")
    page.fill(".desk-picker-search", "Dana")
    page.locator(".desk-picker-option").first.click()
    card = page.locator(f".desk-card[data-embed-kind=quote][data-embed-id='{quote.pk}']")
    card.wait_for()
    assert "Dana Whitfield" in card.inner_text()
    assert "AI will be a technology like electricity." in card.inner_text()
    assert body_text(page) == f"첫 문단.\n\n[[quote:{quote.pk}]]\n\n둘째 문단.\n"
    card.locator("button[aria-label='아래로']").click()
    assert body_text(page) == f"첫 문단.\n\n둘째 문단.\n\n[[quote:{quote.pk}]]\n"
    card.locator("button[aria-label='본문에서 빼기']").click()
    assert f"[[quote:{quote.pk}]]" not in body_text(page)


def drop_files(page, selector, files):
    """Drop ``files`` ({name: bytes}) on ``selector`` as a file manager would."""
    payload = [{"name": name, "data": base64.b64encode(data).decode()} for name, data in files.items()]
    page.evaluate(
        """([selector, files]) => {
            const target = document.querySelector(selector);
            const transfer = new DataTransfer();
            for (const file of files) {
                const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
                transfer.items.add(new File([bytes], file.name, { type: "image/jpeg" }));
            }
            const box = target.getBoundingClientRect();
            for (const type of ["dragenter", "dragover", "drop"]) {
                target.dispatchEvent(new DragEvent(type, {
                    bubbles: true, cancelable: true, dataTransfer: transfer,
                    clientX: box.left + 20, clientY: box.top + 20,
                }));
            }
        }""",
        [selector, payload],
    )


def test_two_photos_dropped_into_the_body_are_credited_before_they_are_placed(page, live_server):
    from tests.photos.test_uploads import iptc_jpeg

    make_user("reporter", REPORTER)
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url)
    page.click(".desk-prose")
    page.keyboard.insert_text("사진 두 장이 들어갈 문단.")
    wire = iptc_jpeg(credit="새벽통신", byline="박사진", copyright_notice="© 2026 새벽통신")
    drop_files(page, ".desk-prose", {"wire.jpg": wire, "ours.jpg": factories.jpeg_bytes(1200, 800)})
    dialog = page.locator("dialog.desk-photos")
    dialog.wait_for()
    eventually(lambda: page.input_value("#desk-photo-0-credit") == "새벽통신")
    assert page.input_value("#desk-photo-0-creator") == "박사진"
    # No photo without alt text and credit: the second has neither yet.
    page.fill("#desk-photo-0-alt_text", "기자회견장의 모습")
    dialog.locator("button.default").click()
    assert page.locator("#desk-photo-1-alt_text-error").is_visible()
    assert Image.objects.count() == 0
    page.fill("#desk-photo-1-alt_text", "공장 내부 전경")
    page.fill("#desk-photo-1-credit", "본지DB")
    dialog.locator("button.default").click()
    page.locator(".desk-card[data-embed-kind=image]").nth(1).wait_for()
    wire_image, our_image = Image.objects.order_by("pk")
    assert (wire_image.credit, wire_image.alt_text) == ("새벽통신", "기자회견장의 모습")
    assert (our_image.credit, our_image.alt_text) == ("본지DB", "공장 내부 전경")
    assert f"[[image:{wire_image.pk}]]\n\n[[image:{our_image.pk}]]" in body_text(page)
    eventually(lambda: "(사진: 새벽통신)" in page.frame_locator("#desk-preview-frame").locator("article").inner_text())


def test_an_editor_schedules_from_the_panel_beside_the_text(page, live_server):
    editor = make_user("editor", EDITOR)
    article = factories.make_publishable(editor, headline="패널에서 예약하는 기사")
    log_in(page, live_server.url, "editor")
    open_form(page, live_server.url, f"/admin/articles/article/{article.pk}/change/")
    schedule = page.locator("input[name=_schedule]")
    # Nothing an editor needs to publish sits below the body: the buttons and
    # the time are in the first screen, beside the text.
    box = schedule.bounding_box()
    assert box["y"] + box["height"] < DESKTOP["height"]
    assert box["x"] > page.locator(".desk-editor").bounding_box()["x"] + 400
    assert page.locator("#id_schedule_at_0").is_visible()
    assert "Asia/Seoul" in page.locator("aside.desk-panel").inner_text()


def test_text_restored_from_before_someone_elses_save_is_refused_with_the_difference_not_saved_over_it(
    page, live_server
):
    from articles import services

    reporter = make_user("reporter", REPORTER)
    editor = make_user("editor", EDITOR)
    article = factories.make_article(reporter, headline="처음 제목", body="처음 문단.")
    log_in(page, live_server.url, "reporter")
    change = f"/admin/articles/article/{article.pk}/change/"
    open_form(page, live_server.url, change)
    page.click(".desk-prose")
    page.keyboard.press("End")
    page.keyboard.insert_text(" 기자가 덧붙인 문장.")
    eventually(lambda: Autosave.objects.exists())
    page.goto("about:blank")
    # Meanwhile the editor saves the piece.
    article.refresh_from_db()
    article.body = "데스크가 고친 문단."
    services.article_save(article=article, user=editor, expected_version=article.version)
    open_form(page, live_server.url, change)
    page.locator("#desk-draft-offer").wait_for()
    page.click("#desk-draft-offer >> text=복원하기")
    page.click("input[name=_continue]")
    page.locator(".nr-conflict").wait_for()
    article.refresh_from_db()
    assert article.body == "데스크가 고친 문단.\n" or article.body == "데스크가 고친 문단."
    assert "기자가 덧붙인 문장." in body_text(page)


def test_a_list_typed_in_the_editor_is_stored_as_one_list_not_a_paragraph_per_item(page, live_server):
    make_user("reporter", REPORTER)
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url)
    page.click(".desk-prose")
    page.keyboard.type("- ")
    page.keyboard.insert_text("하나")
    page.keyboard.press("Enter")
    page.keyboard.insert_text("둘")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.insert_text("목록 다음 문단")
    assert body_text(page) == "- 하나\n- 둘\n\n목록 다음 문단\n"
    assert "<p>" not in markdown_to_html(body_text(page)).split("</ul>")[0]


def test_the_tag_box_holds_five_korean_tags_and_leaving_with_unsaved_text_asks_first(page, live_server):
    make_user("reporter", REPORTER)
    log_in(page, live_server.url, "reporter")
    open_form(page, live_server.url)
    tags = "반도체, 수출, 인공지능, 데이터센터, 전력망"
    page.fill("#id_tags", tags)
    fits = page.evaluate(
        "() => { const box = document.getElementById('id_tags'); return box.scrollWidth <= box.clientWidth; }"
    )
    assert fits, "five Korean tags do not fit the tag box"
    page.click(".desk-prose")
    page.keyboard.insert_text("저장하지 않은 문장")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.evaluate("() => { window.location.href = '/admin/'; }")
    page.wait_for_timeout(1000)
    assert asked == ["beforeunload"]
    assert "/articles/article/add/" in page.url
