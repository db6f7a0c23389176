"""One upload costs a worker a bounded amount of memory: JPEG is checked and
rendered from a reduced-scale decode, the formats decoded whole are held to
the pixels that fit NEWSROOM_UPLOAD_MEMORY_MB, and a worker decodes at most
NEWSROOM_UPLOADS_AT_ONCE uploads at once (bench/upload_memory.py measures the
peak; these tests hold the rules)."""

import threading

import pytest
from PIL import ImageFile

from photos import uploads
from photos.models import Image
from photos.uploads import inspect_upload, max_pixels_for
from tests.factories import upload
from tests.photos.test_uploads import admin_upload, file_errors, nothing_left_behind, photo, refusal  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_slots():
    uploads._slots = None  # made again from the settings of the test
    yield
    uploads._slots = None


def test_the_formats_decoded_whole_are_held_to_what_fits_the_memory_budget(settings, english):
    settings.NEWSROOM_UPLOAD_MEMORY_MB = 150
    assert max_pixels_for("JPEG") == settings.NEWSROOM_MAX_IMAGE_PIXELS  # 100 MP fit: a reduced decode
    assert 14_000_000 < max_pixels_for("PNG") < 17_000_000
    assert max_pixels_for("WEBP") < max_pixels_for("PNG")


def test_a_png_too_big_to_decode_whole_is_refused_with_the_way_out(settings, db, english):
    settings.NEWSROOM_UPLOAD_MEMORY_MB = 1  # a PNG may then have ~100 000 pixels, a JPEG 2 million
    error = refusal(photo(400, 300, image_format="PNG", noise=False), name="chart.png")
    assert error.code == "too_many_pixels"
    assert "A PNG picture may have at most 0.1 megapixels; this one is 400 × 300" in error.messages[0]
    assert "Save it as JPEG" in error.messages[0]
    assert inspect_upload(upload(photo(400, 300, noise=False))).width == 400  # the same picture as JPEG


def test_the_checks_decode_a_jpeg_at_an_eighth_yet_refuse_a_truncated_one(monkeypatch, db):
    decoded = []
    load = ImageFile.ImageFile.load

    def spy(self):
        decoded.append(self.size)
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    whole = photo(2400, 1600, quality=90)
    info = inspect_upload(upload(whole))
    assert (info.width, info.height) == (2400, 1600)  # the photo's own size is reported
    assert decoded == [(300, 200)]
    assert refusal(whole[: len(whole) // 2]).code == "damaged"


def hold_a_slot():
    """Another upload in this worker, busy decoding until released."""
    holding, release = threading.Event(), threading.Event()

    def other_upload():
        with uploads.processing_slot():
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=other_upload)
    thread.start()
    holding.wait(10)
    return release, thread


def test_a_worker_decodes_one_upload_at_a_time_and_tells_the_next_to_send_again(settings, db, english):
    settings.NEWSROOM_UPLOAD_WAIT_SECONDS = 0
    release, thread = hold_a_slot()
    try:
        error = refusal(photo(64, 48))
        assert error.code == "busy"
        assert "processing other photos right now" in error.messages[0]
    finally:
        release.set()
        thread.join()
    assert inspect_upload(upload(photo(64, 48))).width == 64  # free again


@pytest.mark.usefixtures("nothing_left_behind")
def test_a_busy_worker_refuses_the_upload_in_the_form_keeping_what_was_typed(settings, editor_client, english):
    settings.NEWSROOM_UPLOAD_WAIT_SECONDS = 0
    release, thread = hold_a_slot()
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    try:
        response = admin_upload(editor_client, photo(64, 48), alt_text="국회 본회의장 전경")
    finally:
        release.set()
        thread.join()
    assert "processing other photos right now" in file_errors(response)
    assert response.context["adminform"].form["alt_text"].value() == "국회 본회의장 전경"
    assert Image.objects.count() == 0


def test_two_slots_let_two_uploads_decode_at_once(settings, db):
    settings.NEWSROOM_UPLOADS_AT_ONCE = 2
    settings.NEWSROOM_UPLOAD_WAIT_SECONDS = 0
    release, thread = hold_a_slot()
    try:
        assert inspect_upload(upload(photo(64, 48))).width == 64
    finally:
        release.set()
        thread.join()


def test_a_failed_upload_gives_its_slot_back(settings, db):
    settings.NEWSROOM_UPLOAD_WAIT_SECONDS = 0
    with pytest.raises(RuntimeError), uploads.request_slot(), uploads.processing_slot():
        raise RuntimeError("the disk is full")
    assert inspect_upload(upload(photo(64, 48))).width == 64
