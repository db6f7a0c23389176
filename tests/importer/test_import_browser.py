"""An editor imports a folder of article files through the admin, in a real Chromium:
upload the zip, read the report, import, open a piece and tick a to-do off."""

import shutil
import zipfile

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, ArticleTodo
from articles.roles import EDITOR
from tests import factories
from tests.articles.test_desk_browser import log_in, make_user
from tests.browser import DESKTOP, PHONE, screenshot
from tests.importer.test_import_articles import SAMPLES

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def archive_zip(tmp_path):
    """Two stories in the press layout; one with its photo beside it."""
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SAMPLES / "press" / "english.txt", folder / "english.txt")
    PILImage.new("RGB", (640, 427), (30, 90, 150)).save(folder / "english.jpg", "JPEG")
    shutil.copy(SAMPLES / "press" / "caption-first.txt", folder / "caption-first.txt")
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in folder.iterdir():
            archive.write(file, f"archive/{file.name}")
    return path


def test_an_editor_imports_article_files_and_finishes_a_to_do(page, live_server, tmp_path):
    base = live_server.url
    factories.CopyrightNoticeFactory()
    factories.SectionFactory(name="사회", name_en="Society", slug="society")
    make_user("desk-editor", EDITOR)
    log_in(page, base, "desk-editor")

    page.goto(f"{base}/admin/importer/importrun/add/")
    expect(page.get_by_text("보고서를 읽고 “가져오기”를 누르기 전에는 아무것도 저장되지 않습니다")).to_be_visible()
    page.set_input_files("input[name=file]", str(archive_zip(tmp_path)))
    page.select_option("select[name=section]", label="사회")
    page.click("input[name=_save]")

    # The check ran (the queue runs at once here): the report, nothing written yet.
    expect(page.get_by_role("heading", name="가져오기를 하면")).to_be_visible()
    expect(page.get_by_text("새 기사 2")).to_be_visible()
    expect(page.get_by_text("제목을 찾지 못했습니다").first).to_be_visible()
    assert Article.objects.count() == 0
    screenshot(page, "import-report-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "import-report-phone")
    page.set_viewport_size(DESKTOP)

    page.get_by_role("button", name="가져오기").click()
    expect(page.get_by_role("heading", name="가져오기 결과")).to_be_visible()
    assert Article.objects.count() == 2
    english = Article.objects.get(headline="Hanbit Electronics unveils a chip that sips power")
    assert english.lead_image.credit == "Reuters"

    # The piece whose photo had no file: its slot waits on its page.
    untitled = Article.objects.get(headline="")
    page.goto(f"{base}/admin/articles/article/{untitled.pk}/change/")
    todos = page.locator(".desk-todos")
    expect(todos).to_contain_text("서해안 갯벌에서 주민들이 바지락을 캐고 있다")
    expect(todos).to_contain_text("발행 전 필수")
    screenshot(page, "import-todos-desktop")
    slot = ArticleTodo.objects.filter(article=untitled, kind="photo").order_by("pk").first()
    page.check(f"input[name=todo_done][value='{slot.pk}']")
    page.fill("#id_headline", "갯벌 체험객 늘어")
    page.click("input[name=_continue]")
    expect(page.locator(".desk-todo-done")).to_contain_text("서해안 갯벌에서 주민들이 바지락을 캐고 있다")
    slot.refresh_from_db()
    assert slot.done_by.username == "desk-editor"
