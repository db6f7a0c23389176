"""Content in, as an editor and a deployer use it: the command and the admin's page,
on the WordPress sample export and on article files in the Korean press layout."""

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Article, ArticleTodo, CopyrightNotice, Status
from importer.models import ImportedRecord, ImportRun
from photos.models import Image
from tests import factories

SAMPLES = Path(__file__).parent / "samples"
EXPORT = SAMPLES / "wxr" / "hanbit-herald.xml"
BOMB = SAMPLES / "wxr" / "entity-bomb.xml"
#: The files the sample export's attachments name (river-walk.jpg has no credit anywhere).
UPLOADS = ["2024/05/harbour-cranes.jpg", "2024/05/city-hall.jpg", "2024/05/night-market.jpg", "2024/06/festival.jpg"]

pytestmark = pytest.mark.django_db


def _photo(path, shade):
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (640, 427), (shade, 120, 255 - shade)).save(path, "JPEG")


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "wp-content" / "uploads"
    for number, name in enumerate([*UPLOADS, "2024/05/river-walk.jpg"]):
        _photo(folder / name, 40 * number)
    return folder


def run(*args):
    out = io.StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_dry_run_reads_clearly_and_writes_nothing(superuser, uploads):
    out = run(EXPORT, "--uploads", uploads)

    assert "Created 6, updated 0, unchanged 0" in out
    assert "failed 1" in out
    assert "Dry run: nothing was written" in out
    # The broken post is named with its file and position; the rest were read.
    assert "hanbit-herald.xml, item 13 (post 206, line 411)" in out
    assert "could not be converted" in out
    assert "TO DO (blocks publication): The photo river-walk.jpg has no credit in the source" in out
    assert Article.objects.count() == Image.objects.count() == ImportedRecord.objects.count() == 0


def test_a_wordpress_archive_lands_published_with_every_credit_on_its_pages(
    client, superuser, notice, uploads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the queue makes the renditions
        out = run(EXPORT, "--uploads", uploads, "--commit", "--publish")
    assert "Created 6" in out

    night = Article.objects.get(headline="Night market opens for the summer")
    assert night.status == Status.PUBLISHED
    assert night.first_published_at.isoformat() == "2024-05-10T11:00:00+00:00"
    assert night.language == "en"
    korean = Article.objects.get(headline="한빛시, 야시장 8월까지 연장 운영")
    assert korean.slug == "한빛시-야시장-연장"
    # Every credit the source carried is printed on the pages of what was published.
    published = Article.objects.filter(status=Status.PUBLISHED)
    assert published.count() >= 2
    for article in published:
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        html = page.content.decode()
        for image in article.embedded_images.all():
            assert image.credit in html, (article.headline, image.credit)
            assert image.rendition_set("w"), "the renditions were made after the import"
    credits = set(Image.objects.values_list("credit", flat=True))
    assert {"Jane Doe/Reuters", "Kim Min-ji", "© 한빛일보", "Lee Su-jin"} <= credits
    assert Image.objects.get(credit="Kim Min-ji").source_url  # Newspack's _media_credit_url
    # The draft and the piece whose photo has no credit wait for an editor.
    assert Article.objects.get(headline="Budget meeting (notes)").status == Status.DRAFT
    cranes = Article.objects.get(headline="Harbour cranes return to work after the storm")
    assert cranes.status == Status.DRAFT
    assert ArticleTodo.objects.blocking().filter(article=cranes, kind="photo").exists()


def test_old_wordpress_links_reach_the_imported_pieces(client, superuser, notice, uploads):
    run(EXPORT, "--uploads", uploads, "--commit", "--publish")
    korean = Article.objects.get(headline="한빛시, 야시장 8월까지 연장 운영")

    # The permalink as WordPress printed it (percent-encoded Hangul) and its ?p= form.
    old = "/2024/05/%ed%95%9c%eb%b9%9b%ec%8b%9c-%ec%95%bc%ec%8b%9c%ec%9e%a5-%ec%97%b0%ec%9e%a5/"
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == korean.get_absolute_url()
    assert client.get("/?p=203")["Location"] == korean.get_absolute_url()
    assert client.get(old, follow=True).context["article"] == korean


def test_running_the_import_again_updates_and_never_duplicates(superuser, notice, uploads):
    run(EXPORT, "--uploads", uploads, "--commit", "--publish")
    counts = (Article.objects.count(), Image.objects.count(), CopyrightNotice.objects.count())

    out = run(EXPORT, "--uploads", uploads, "--commit", "--publish")

    assert "Created 0, updated 0, unchanged 6" in out
    assert (Article.objects.count(), Image.objects.count(), CopyrightNotice.objects.count()) == counts


def test_an_entity_bomb_is_refused_with_a_clear_message(superuser):
    with pytest.raises(CommandError) as refused:
        run(BOMB, "--commit")
    assert "entity-bomb.xml" in str(refused.value)
    assert Article.objects.count() == 0


def test_article_files_with_their_photos_and_footer(tmp_path, superuser, section):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SAMPLES / "press" / "english.txt", folder / "english.txt")
    _photo(folder / "english.jpg", 90)

    out = run(folder, "--commit", "--section", "economy")

    assert "Created 1" in out
    article = Article.objects.get()
    assert article.section == section
    assert article.copyright_notice.holder == "Pacific Tech Review"
    assert article.lead_image.credit == "Reuters"
    assert article.lead_image.caption.startswith("Hanbit chief executive Minjun Park holds the Nuri chip")
    # What was recognised left the text: the caption line is the lead photo's now.
    assert "(Photo: Reuters)" not in article.body
    assert "[[image:" not in article.body
    assert [author.name for author in article.authors.all()] == ["Jane Morrow"]


# The admin's page ---------------------------------------------------------------------------


def _zip_of(export, uploads):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(export, "site/export.xml")
        for path in uploads.rglob("*.jpg"):
            archive.write(path, f"site/wp-content/uploads/{path.relative_to(uploads).as_posix()}")
    buffer.seek(0)
    buffer.name = "hanbit.zip"
    return buffer


def test_an_editor_uploads_a_zip_reads_the_report_and_confirms(
    editor_client, notice, uploads, django_capture_on_commit_callbacks
):
    # Sections are the admin's: the paper made the culture and politics desks;
    # "Local News" it has not, which the report says.
    factories.SectionFactory(name="문화", name_en="Culture", slug="culture")
    factories.SectionFactory(name="정치", name_en="Politics", slug="정치")
    add = reverse("admin:importer_importrun_add")
    intro = "보고서를 읽고 “가져오기”를 누르기 전에는 아무것도 저장되지 않습니다"
    assert intro in editor_client.get(add).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the queue checks it
        response = editor_client.post(add, {"file": _zip_of(EXPORT, uploads), "publish": "on"})
    assert response.status_code == 302
    run_ = ImportRun.objects.get()
    assert run_.state == ImportRun.State.CHECKED  # the check ran in the queue
    assert run_.format == "wordpress"
    assert Article.objects.count() == 0

    page = editor_client.get(response["Location"]).content.decode()
    assert "가져오기를 하면" in page
    assert "새 기사 6" in page
    assert "사람이 마무리할 기사" in page
    assert "river-walk.jpg has no credit" in page
    assert "could not be converted" in page
    assert "section “Local News” does not exist here, and only an admin adds sections" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:importer_importrun_confirm", args=[run_.pk]))
    assert response.status_code == 302
    run_.refresh_from_db()
    assert run_.state == ImportRun.State.DONE
    assert run_.confirmed_by.username == "editor"
    assert Article.objects.count() == 6
    assert Article.objects.filter(status=Status.PUBLISHED).count() == 2
    page = editor_client.get(response["Location"]).content.decode()
    assert "가져오기 결과" in page
    # Confirming twice does not import twice.
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:importer_importrun_confirm", args=[run_.pk]))
    assert Article.objects.count() == 6


def test_an_upload_that_is_no_archive_fails_with_its_reason_and_writes_nothing(
    editor_client, django_capture_on_commit_callbacks
):
    bomb = io.BytesIO(BOMB.read_bytes())
    bomb.name = "bomb.xml"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:importer_importrun_add"), {"file": bomb})
    assert response.status_code == 302
    run_ = ImportRun.objects.get()
    assert run_.state == ImportRun.State.FAILED
    assert "entit" in run_.error.lower()
    assert "entit" in editor_client.get(response["Location"]).content.decode().lower()
    assert Article.objects.count() == 0

    wrong = io.BytesIO(b"MZ\x90\x00")
    wrong.name = "setup.exe"
    response = editor_client.post(reverse("admin:importer_importrun_add"), {"file": wrong})
    assert response.status_code == 200
    assert ".xml 내보내기 파일" in response.content.decode()


def test_reporters_do_not_import(reporter_client):
    assert reporter_client.get(reverse("admin:importer_importrun_add")).status_code == 403
    assert reporter_client.get(reverse("admin:importer_importrun_changelist")).status_code == 403


def test_a_broken_zip_is_refused_as_a_zip(tmp_path, superuser):
    broken = tmp_path / "archive.zip"
    broken.write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(CommandError) as refused:
        run(broken)
    assert "zip" in str(refused.value) and "archive.zip" in str(refused.value)
    assert "XML" not in str(refused.value)  # not taken for a broken export
