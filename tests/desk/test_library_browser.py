"""The photo library in a real Chromium: a grid of cards at desk and phone
widths, several photos uploaded at once, each credited before it is stored."""

import datetime
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from articles.roles import EDITOR, REPORTER
from photos.models import Image
from tests import factories
from tests.articles.test_desk_browser import log_in, make_user
from tests.browser import DESKTOP, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIBRARY = "/admin/photos/image/"
#: A common phone's width (the grid's narrowest case).
PHONE = {"width": 390, "height": 844}
DIALOG = "dialog.desk-photos"


def serve_media(page):
    """The live server serves no media (DEBUG is off, as in production): the
    test hands the renditions out itself, so the thumbnails really load."""
    root = Path(settings.MEDIA_ROOT)

    def answer(route):
        path = root / unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404)

    page.route(f"**{settings.MEDIA_URL}**", answer)


def open_library(page, base):
    page.goto(f"{base}{LIBRARY}")
    # desk.js shows the button once it can run the credit dialog.
    expect(page.locator("#desk-photo-upload")).to_be_visible()


def choose_photos(page, paths):
    with page.expect_file_chooser() as chooser:
        page.click("#desk-photo-upload")
    assert chooser.value.is_multiple()
    chooser.value.set_files([str(path) for path in paths])
    expect(page.locator(DIALOG)).to_be_visible()
    # Each file is read first (what it carries prefills the dialog).
    for status in page.locator(f"{DIALOG} .desk-photo-status").all():
        expect(status).to_have_text("")


def thumbnails_loaded(page):
    page.locator("tr.nr-card").last.scroll_into_view_if_needed()
    page.locator("tr.nr-card").first.scroll_into_view_if_needed()
    thumbs = page.locator("img.nr-card-thumb")
    for index in range(thumbs.count()):
        expect(thumbs.nth(index)).to_have_js_property("complete", True)
    return thumbs.evaluate_all("(images) => images.every((image) => image.naturalWidth > 0)")


def jpegs(tmp_path, *names):
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_bytes(factories.jpeg_bytes(1200, 800))
        paths.append(path)
    return paths


def test_an_editor_uploads_two_photos_at_once_credits_each_and_finds_both_in_the_grid(page, live_server, tmp_path):
    base = live_server.url
    editor = make_user("editor", EDITOR)
    today = timezone.localdate()
    factories.make_image(
        editor, alt_text="만료된 외신 사진", credit="Reuters", rights_expire_at=today - datetime.timedelta(days=2)
    )
    factories.make_image(
        editor,
        alt_text="곧 만료될 연합뉴스 사진: 여의도 국회의사당 앞 기자회견 모습, 길게 쓴 대체 텍스트",
        credit="연합뉴스",
        rights_expire_at=today + datetime.timedelta(days=12),
    )
    serve_media(page)
    log_in(page, base, "editor")
    open_library(page, base)

    choose_photos(page, jpegs(tmp_path, "부산항.jpg", "국회.jpg"))
    page.fill("#desk-photo-0-alt_text", "부산항에 들어오는 컨테이너선")
    page.fill("#desk-photo-0-credit", "본지DB")
    page.fill("#desk-photo-1-alt_text", "국회 본회의장 전경")
    page.fill("#desk-photo-1-credit", "국회사진기자단")
    screenshot(page, "library-upload-dialog")
    with page.expect_navigation():  # the page reloads once both are in
        page.click(f"{DIALOG} .desk-dialog-buttons .button.default")

    stored = {image.alt_text: image for image in Image.objects.all()}
    assert stored["국회 본회의장 전경"].uploaded_by == editor
    assert stored["부산항에 들어오는 컨테이너선"].credit == "본지DB"
    assert stored["국회 본회의장 전경"].credit == "국회사진기자단"
    for image in (stored["부산항에 들어오는 컨테이너선"], stored["국회 본회의장 전경"]):
        card = page.locator("tr.nr-card", has=page.locator(f"text={image.embed_code}"))
        expect(card).to_contain_text(image.alt_text)
        expect(card).to_contain_text(image.credit)
        expect(card.locator("img.nr-card-thumb")).to_have_attribute("loading", "lazy")
    expired = page.locator("tr.nr-card", has_text="만료된 외신 사진")
    expect(expired.locator(".nr-card-placeholder")).to_be_visible()
    expect(expired.locator("img")).to_have_count(0)

    # The admin's actions still work on cards: one ticked, the counter follows.
    page.locator("tr.nr-card .action-select").first.check()
    expect(page.locator("tr.nr-card.selected")).to_have_count(1)
    expect(page.locator(".action-counter")).to_have_text(re.compile(r"^\s*1\D"))

    for name, viewport in (("library-desktop", DESKTOP), ("library-phone", PHONE)):
        page.set_viewport_size(viewport)
        page.reload()
        expect(page.locator("tr.nr-card")).to_have_count(4)
        assert thumbnails_loaded(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "the page scrolls sideways"
        screenshot(page, name)


def test_a_photo_without_a_credit_is_refused_in_the_dialog_and_nothing_is_stored(page, live_server, tmp_path):
    base = live_server.url
    make_user("reporter", REPORTER)
    log_in(page, base, "reporter")
    open_library(page, base)
    uploads = []
    page.on("request", lambda request: "/desk/upload/" in request.url and uploads.append(request.url))

    choose_photos(page, jpegs(tmp_path, "무명.jpg"))
    page.fill("#desk-photo-0-alt_text", "출처를 모르는 사진")
    page.click(f"{DIALOG} .desk-dialog-buttons .button.default")

    error = page.locator("#desk-photo-0-credit-error")
    expect(error).to_be_visible()
    expect(error).not_to_have_text("")
    expect(page.locator("#desk-photo-0-credit")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#desk-photo-0-credit")).to_be_focused()
    expect(page.locator(DIALOG)).to_be_visible()
    screenshot(page, "library-upload-refused")
    assert uploads == []
    assert Image.objects.count() == 0
