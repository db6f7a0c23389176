"""End to end in a real Chromium: a reporter writes, an editor publishes, a reader reads."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article, Quote, Status
from articles.roles import EDITOR, REPORTER, setup_roles
from photos.models import Image
from tests import factories
from tests.browser import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_user(username, role):
    setup_roles()
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pass-word-123", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if role == EDITOR:
        factories.phone(user)  # editors must have a second factor (production settings)
    return user


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/(account/verify/.*)?$"))
    if "/admin/account/verify/" in page.url:
        page.fill("#id_code", factories.totp_code(TOTPDevice.objects.get(user__username=username)))
        page.click("input[type=submit]")
        page.wait_for_url(re.compile(r".*/admin/$"))


def pick(page, field_id, term, option_text):
    """Choose in a Django admin autocomplete (select2) field."""
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:has-text('{option_text}')")


def write(page, text):
    """Type ``text`` where the editor's cursor is (paragraphs split by blank lines)."""
    for number, paragraph in enumerate(text.split("\n\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.insert_text(paragraph)


def body_of(page):
    return page.locator("#id_body").input_value().replace("\r\n", "\n")


def choose_in_picker(page, button, term):
    page.click(f".desk-tool >> text={button}")
    page.fill(".desk-picker-search", term)
    page.locator(".desk-picker-option").first.wait_for()
    page.locator(".desk-picker-option").first.click()


def test_reporter_writes_with_a_credited_photo_and_a_quote_and_an_editor_publishes(page, live_server, tmp_path):
    base = live_server.url
    make_user("reporter", REPORTER)
    make_user("editor", EDITOR)
    factories.SectionFactory(name="기술", name_en="Technology", slug="tech")
    factories.CopyrightNoticeFactory()
    factories.SourceFactory(name="Dana Whitfield", role="Northwind AI 대표")
    photo = tmp_path / "연설.jpg"
    photo.write_bytes(factories.jpeg_bytes(1600, 900))

    # The reporter uploads a photo with its credit.
    log_in(page, base, "reporter")
    page.goto(f"{base}/admin/photos/image/add/")
    page.set_input_files("#id_file", str(photo))
    page.fill("#id_alt_text", "연단에서 말하는 노스윈드 AI 대표")
    page.fill("#id_credit", "본지DB")
    page.click("input[name=_continue]")
    page.wait_for_selector(".nr-embed-code")
    image = Image.objects.get()
    assert page.locator(".nr-embed-code").first.inner_text() == f"[[image:{image.pk}]]"

    # …adds the quote with its source, date and original wording…
    page.goto(f"{base}/admin/articles/quote/add/")
    pick(page, "id_source", "Dana", "Dana Whitfield")
    page.fill("#id_text", "인공지능은 전기와 같은 기술이 될 것이다.")
    page.fill("#id_original_text", "AI will be a technology like electricity.")
    page.fill("#id_original_language", "en")
    page.fill("#id_said_on", "2020-09-24")
    page.select_option("#id_medium", "post")
    page.fill("#id_evidence_url", "https://social.example.com/dana/1")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/articles/quote/$"))
    quote = Quote.objects.get()

    # …writes the article, puts the photo and the quote in from the pickers, and submits it.
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_headline", "노스윈드 AI, 새 언어 모델 공개")
    page.fill("#id_dek", "대표 “AI는 전기와 같은 기술”")
    page.click(".desk-prose")
    write(page, "첫 문단입니다.")
    choose_in_picker(page, "사진", "노스윈드")
    choose_in_picker(page, "인용문", "전기")
    page.locator(".desk-prose p").last.click()
    write(page, "글로벌 레저가 16일 보도했다.")
    assert (
        body_of(page)
        == f"첫 문단입니다.\n\n[[image:{image.pk}]]\n\n[[quote:{quote.pk}]]\n\n글로벌 레저가 16일 보도했다.\n"
    )
    card = page.locator(f".desk-card[data-embed-kind=image][data-embed-id='{image.pk}']")
    assert "본지DB" in card.inner_text()
    pick(page, "id_section", "기술", "기술")
    pick(page, "id_lead_image", "노스윈드", "노스윈드")
    page.click("input[name=_submit_review]")
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get()
    assert article.status == Status.REVIEW
    assert article.created_by.username == "reporter"
    assert f"[[image:{image.pk}]]" in article.body

    # The reporter cannot publish: the button is not there.
    assert page.locator("input[name=_publish]").count() == 0

    # The editor publishes it.
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    preview = page.locator("a.nr-preview-link").get_attribute("href")
    page.click("input[name=_publish]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED

    # A reader sees it as the paper prints it, on a phone and on a desktop.
    page.context.clear_cookies()
    for name, viewport in (("article-phone", PHONE), ("article-desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(f"{base}{article.get_absolute_url()}")
        assert page.locator("h1.headline").inner_text() == "노스윈드 AI, 새 언어 모델 공개"
        assert "(사진: 본지DB)" in page.locator("figure.figure-lead figcaption").inner_text()
        assert (
            page.locator('blockquote.quote-original[lang="en"]').inner_text()
            == "AI will be a technology like electricity."
        )
        assert "저작권자 ©" in page.locator(".copyright").inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], "the page scrolls sideways"
        screenshot(page, name)
    # The preview is for staff only: a reader is sent to the login page.
    page.goto(f"{base}{preview}")
    assert "/admin/login/" in page.url


def test_a_days_work_through_the_desk(page, live_server):
    """The reporter writes in Korean, pastes from a document, drops two photos and
    credits them, embeds a quote, watches the preview follow, closes the tab and
    gets the text back, submits; the editor finds it on the desk and returns it
    with a note; the reporter sees the note and the notification, fixes and
    resubmits; the editor schedules it from the panel; readers see it at its minute."""
    import datetime

    import time_machine
    from django.utils import timezone

    from tests.desk.test_editor_browser import cdp_compose, drop_files, eventually
    from tests.desk.test_paste_browser import FIXTURES, paste
    from tests.photos.test_uploads import iptc_jpeg

    base = live_server.url
    reporter = make_user("reporter", REPORTER)
    factories.AuthorFactory(name="김하늘", user=reporter, slug="kim-haneul")
    make_user("editor", EDITOR)
    factories.SectionFactory(name="경제", name_en="Economy", slug="economy")
    factories.CopyrightNoticeFactory()
    factories.make_image(reporter, alt_text="반도체 공장 전경", credit="본지DB")
    quote = factories.QuoteFactory(source=factories.SourceFactory(name="Dana Whitfield"))

    # The reporter writes in Korean through an input method…
    log_in(page, base, "reporter")
    page.goto(f"{base}/admin/articles/article/add/")
    page.wait_for_selector(".desk-prose")
    page.fill("#id_headline", "반도체 수출 석 달째 증가")
    pick(page, "id_section", "경제", "경제")
    pick(page, "id_lead_image", "반도체", "반도체")
    page.click(".desk-prose")
    cdp = page.context.new_cdp_session(page)
    for steps, syllable in ((["ㅅ", "수"], "수"), (["ㅊ", "추"], "출"), (["ㅇ", "이"], "이")):
        cdp_compose(cdp, page, [*steps, syllable], syllable, 150)
    write(page, " 늘었다.")
    page.keyboard.press("Enter")
    # …pastes a passage from a Word document…
    paste(page, (FIXTURES / "word.html").read_text())
    # …drops two photos and credits them…
    page.keyboard.press("Enter")
    drop_files(
        page,
        ".desk-prose p:last-child",
        {
            "wire.jpg": iptc_jpeg(credit="새벽통신", byline="박사진", copyright_notice="© 2026 새벽통신"),
            "ours.jpg": factories.jpeg_bytes(1200, 800),
        },
    )
    page.locator("dialog.desk-photos").wait_for()
    eventually(lambda: page.input_value("#desk-photo-0-credit") == "새벽통신")
    page.fill("#desk-photo-0-alt_text", "기자회견장의 모습")
    page.fill("#desk-photo-1-alt_text", "공장 내부 전경")
    page.fill("#desk-photo-1-credit", "본지DB")
    page.locator("dialog.desk-photos button.default").click()
    page.locator(".desk-card[data-embed-kind=image]").nth(1).wait_for()
    # …embeds a quote…
    choose_in_picker(page, "인용문", "Dana")
    page.locator(f".desk-card[data-embed-kind=quote][data-embed-id='{quote.pk}']").wait_for()
    body = body_of(page)
    assert body.startswith("수출이 늘었다.\n\n## 섬마을 도서관")
    assert f"[[quote:{quote.pk}]]" in body and body.count("[[image:") == 2
    # …and watches the preview follow.
    frame = page.frame_locator("#desk-preview-frame")
    eventually(lambda: "(사진: 새벽통신)" in frame.locator("article").inner_text())
    assert "수출이 늘었다." in frame.locator("article").inner_text()
    screenshot(page, "desk-day-writing")

    # The tab closes before a save; the desk offers the text back.
    eventually(lambda: "자동 저장됨" in page.locator("#desk-autosave").inner_text())
    page.goto("about:blank")
    page.goto(f"{base}/admin/articles/article/add/")
    page.locator("#desk-draft-offer").wait_for()
    page.click("#desk-draft-offer >> text=복원하기")
    assert body_of(page) == body
    # The headline, the section and the lead image come back too.
    assert page.input_value("#id_headline") == "반도체 수출 석 달째 증가"
    assert "경제" in page.locator("#id_section + .select2").inner_text()
    page.click("input[name=_submit_review]")
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get()
    assert article.status == Status.REVIEW and article.body.strip() == body.strip()
    assert [author.name for author in article.byline_authors] == ["김하늘"]

    # The editor finds it in the review queue on the desk and returns it with a note.
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/")
    page.click("text=반도체 수출 석 달째 증가")
    page.wait_for_selector(".desk-prose")
    page.fill("#id_workflow_note", "수출액 단위를 밝혀 주세요")
    page.click("input[name=_return]")
    page.wait_for_selector(".messagelist .success")

    # The reporter sees the note on the desk and on the piece, fixes it and resubmits.
    log_in(page, base, "reporter")
    page.goto(f"{base}/admin/")
    assert "수출액 단위를 밝혀 주세요" in page.locator("#content").inner_text()
    screenshot(page, "desk-day-my-desk-reporter")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    assert "수출액 단위를 밝혀 주세요" in page.locator(".nr-returned").inner_text()
    page.locator(".desk-prose p").first.click()
    page.keyboard.press("End")
    write(page, " 전년보다 12억 달러 많다.")
    page.click("input[name=_submit_review]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Status.REVIEW and "12억 달러" in article.body

    # The editor schedules it from the panel, two minutes ahead, in Seoul time.
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    go_live = timezone.localtime() + datetime.timedelta(minutes=2)
    page.fill("#id_schedule_at_0", go_live.strftime("%Y-%m-%d"))
    page.fill("#id_schedule_at_1", go_live.strftime("%H:%M:00"))
    page.click("input[name=_schedule]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED
    minute = go_live.replace(second=0, microsecond=0)
    assert article.publish_at == minute

    # Readers do not see it before its minute, and do after it, with no worker running.
    page.context.clear_cookies()
    assert page.goto(f"{base}{article.get_absolute_url()}").status == 404
    assert "반도체 수출" not in page.goto(f"{base}/").text()
    # Only the server travels in time; a new reader (a fresh browser, with no
    # copy of the home page from before the minute) comes after it.
    with time_machine.travel(minute + datetime.timedelta(seconds=1), tick=True):
        reader = page.context.browser.new_page()
        assert reader.goto(f"{base}{article.get_absolute_url()}").status == 200
        assert reader.locator("h1.headline").inner_text() == "반도체 수출 석 달째 증가"
        assert "(사진: 새벽통신)" in reader.locator("article").inner_text()
        reader.goto(f"{base}/")
        assert reader.locator(f"a[href='{article.get_absolute_url()}']").count() >= 1
        reader.close()


def test_a_wire_photo_arrives_with_its_credit_read_from_iptc(page, live_server, tmp_path):
    from tests.photos.test_uploads import iptc_jpeg

    base = live_server.url
    make_user("reporter", REPORTER)
    photo = tmp_path / "wire-photo.jpg"
    photo.write_bytes(iptc_jpeg(credit="새벽통신", byline="박사진", copyright_notice="© 2026 새벽통신"))
    log_in(page, base, "reporter")
    page.goto(f"{base}/admin/photos/image/add/")
    page.set_input_files("#id_file", str(photo))
    page.fill("#id_alt_text", "기자회견장의 모습")
    # The reporter leaves the credit blank: the photo carries it.
    page.click("input[name=_continue]")
    page.wait_for_selector(".nr-embed-code")
    assert page.input_value("#id_credit") == "새벽통신"
    assert page.input_value("#id_creator") == "박사진"
    assert "새벽통신" in page.locator(".messagelist").inner_text()
    assert "IPTC" in page.locator(".nr-metadata").inner_text()
    screenshot(page, "admin-image-iptc")
    image = Image.objects.get()
    # The article page serves WebP renditions with the credit printed.
    assert image.renditions["w480"]["webp"].endswith(".webp")
