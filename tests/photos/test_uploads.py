"""Photo uploads: every bad file is refused with a clear message and leaves nothing
behind; good files are read for their credit and rights and served only as
clean, upright, re-encoded renditions that carry the rights in XMP.

Every test file is generated here (issue 4, "Bad input").
"""

import io
import re
import struct
import time
import zlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import ProtectedError
from django.utils import translation
from PIL import Image as PILImage
from PIL import features

from photos import services as photo_services
from photos.models import Image
from photos.renditions import generate_renditions, rendition_paths
from photos.uploads import inspect_upload
from tests import factories
from tests.factories import upload

ADD_URL = "/admin/photos/image/add/"
GENERIC_DJANGO_MESSAGE = "Upload a valid image"


# -- Files the tests make ------------------------------------------------------------


def photo(width=640, height=480, mode="RGB", image_format="JPEG", noise=True, **save_options):
    """A photo-like picture (gradients under noise), different on every call
    (without noise: the same for the same size, and quicker to encode)."""
    noise = PILImage.effect_noise((width, height), 40) if noise else PILImage.new("L", (width, height), 128)
    vertical = PILImage.linear_gradient("L")  # black at the top, white at the bottom
    horizontal = vertical.transpose(PILImage.Transpose.ROTATE_90).resize((width, height))
    vertical = vertical.resize((width, height))
    picture = PILImage.merge("RGB", (horizontal, noise, vertical))
    if mode != "RGB":
        picture = picture.convert(mode)
    buffer = io.BytesIO()
    picture.save(buffer, image_format, **save_options)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_by_hand(width, height, bit_depth, color_type, rows):
    """A PNG from raw scanlines (each starting with filter byte 0)."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(rows))
        + png_chunk(b"IEND", b"")
    )


def bomb_png(width=100_000, height=100_000):
    """A tiny file whose header claims ``width × height`` pixels: decoding it would
    need tens of gigabytes. The data holds only one row."""
    return png_by_hand(width, height, 8, 2, b"\x00" + b"\x00" * 3 * 16)


def png_16bit_rgb(width=256, height=32):
    """16 bits per channel, red rising left to right (Pillow cannot write this)."""
    rows = b"".join(
        b"\x00" + b"".join(struct.pack(">HHH", x * 65535 // (width - 1), 0x8000, 0) for x in range(width))
        for _ in range(height)
    )
    return png_by_hand(width, height, 16, 2, rows)


def png_16bit_grey(width=256, height=32):
    """16-bit greyscale, black on the left to white on the right (mode I;16 in Pillow)."""
    rows = b"".join(
        b"\x00" + b"".join(struct.pack(">H", x * 65535 // (width - 1)) for x in range(width)) for _ in range(height)
    )
    return png_by_hand(width, height, 16, 0, rows)


def animated_gif(width=200, height=150, colours=((255, 0, 0), (0, 255, 0), (0, 0, 255))):
    frames = [PILImage.new("RGB", (width, height), colour) for colour in colours]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def many_frame_gif(frames, width=1, height=1):
    """A GIF of ``frames`` minimal frames (25 bytes each), made byte by byte: the
    cheapest way to make a file that costs a lot to count."""
    screen = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    frame = (
        b"\x21\xf9\x04\x04\x00\x00\x00\x00"  # graphic control extension
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, width, height, 0)  # image descriptor
        + b"\x02\x02\x44\x01\x00"  # LZW minimum code size, one sub-block, terminator
    )
    return screen + frame * frames + b";"


def jpeg_claiming(width, height):
    """A small real JPEG whose frame header (SOF0) is rewritten to claim another size."""
    data = bytearray(photo(16, 16))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def with_segment(jpeg, segment):
    """Insert a marker segment right after the JPEG's SOI."""
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + segment + jpeg[2:]


def iptc_dataset(record, number, value):
    if isinstance(value, str):
        value = value.encode("utf-8")
    return struct.pack(">BBBH", 0x1C, record, number, len(value)) + value


def iptc_app13(datasets):
    """An APP13 "Photoshop 3.0" segment holding one 8BIM 0x0404 (IPTC-NAA) resource,
    the way Photoshop and the wire agencies write IPTC IIM into a JPEG."""
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(datasets)) + datasets
    if len(datasets) % 2:
        resource += b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


UTF8 = b"\x1b%G"  # IPTC 1:90, coded character set: UTF-8


def iptc_jpeg(*, credit, byline, copyright_notice, caption="", charset=UTF8, encoding="utf-8"):
    datasets = b""
    if charset:
        datasets += iptc_dataset(1, 90, charset)
    datasets += iptc_dataset(2, 0, b"\x00\x04")  # record version, as real files carry
    for number, value in ((110, credit), (80, byline), (116, copyright_notice), (120, caption)):
        if value:
            datasets += iptc_dataset(2, number, value.encode(encoding))
    return with_segment(photo(), iptc_app13(datasets))


XMP_PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    photoshop:Credit="{credit}"
    exif:GPSLatitude="37,33.98N">
   <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{rights}</rdf:li></rdf:Alt></dc:rights>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{description}</rdf:li>
    <rdf:li xml:lang="en">An English caption</rdf:li>
   </rdf:Alt></dc:description>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def xmp_jpeg(credit="Yonhap", creator="김사진", rights="© 2024 Yonhap", description="기자회견에서 발언하는 장관"):
    packet = XMP_PACKET.format(credit=credit, creator=creator, rights=rights, description=description)
    return photo(xmp=packet.encode("utf-8"))


def exif_jpeg(orientation=6, width=1200, height=800):
    """A landscape sensor image meant to be shown portrait, with the place it was
    taken and the camera's serial number. The top-left corner is marked red."""
    picture = PILImage.new("RGB", (width, height), (40, 40, 40))
    picture.paste((255, 0, 0), (0, 0, width // 4, height // 4))
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Canon"
    exif[0x013B] = "Jane Photographer"  # Artist
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-0042-SECRET"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 41.0)})
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


# -- Helpers ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _in_english(client):
    """The messages are checked in English (the admin follows the browser's language);
    one test checks the Korean the newsroom's staff see by default."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def files_on_disk():
    """Every file in public media and in the private originals folder."""
    found = set()
    for root in (Path(django_settings.MEDIA_ROOT), Path(django_settings.PRIVATE_MEDIA_ROOT)):
        if root.exists():
            found |= {path for path in root.rglob("*") if path.is_file()}
    return found


@pytest.fixture
def nothing_left_behind(db):
    """Assert that the test wrote no file and no Image row."""
    before_files, before_rows = files_on_disk(), Image.objects.count()
    yield
    assert files_on_disk() == before_files
    assert Image.objects.count() == before_rows


def admin_upload(client, data, name="photo.jpg", content_type="image/jpeg", **fields):
    payload = {
        "alt_text": "A minister speaking at a press conference",
        "credit": "본지DB",
        "caption": "",
        "creator": "",
        "copyright_holder": "",
        "license": "all-rights-reserved",
        "license_url": "",
        "source_url": "",
        "usage_terms": "",
        "rights_expire_at": "",
        "_continue": "Save and continue editing",
    }
    payload.update(fields)
    payload["file"] = upload(data, name=name, content_type=content_type)
    return client.post(ADD_URL, payload)


def file_errors(response):
    """The upload form's errors on its file field, after a refused upload."""
    assert response.status_code == 200, "a refused upload re-shows the form (never a 500 or a redirect)"
    form = response.context["adminform"].form
    assert not form.is_valid()
    assert GENERIC_DJANGO_MESSAGE not in response.content.decode()
    return " ".join(form.errors.get("file", []))


def refusal(data, name="photo.jpg"):
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload(data, name=name))
    return caught.value


def public_files(image):
    return [Path(django_settings.MEDIA_ROOT) / path for path in rendition_paths(image.renditions)]


def rendition(image, name="w480", image_format="jpeg"):
    return PILImage.open(Path(django_settings.MEDIA_ROOT) / image.renditions[name][image_format])


def uploaded_image(response):
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return Image.objects.latest("pk")


# -- Refused: each with its reason, never Django's generic message, nothing left -----


def test_a_text_file_renamed_jpg_is_rejected_as_not_a_picture(nothing_left_behind, editor_client):
    data = b"Dear editor, this is the speech, not a photo.\n" * 40
    assert refusal(data).code == "not_an_image"
    errors = file_errors(admin_upload(editor_client, data, name="speech.jpg"))
    assert "not a picture" in errors
    assert "JPEG, PNG, WebP or GIF" in errors


def test_refusals_are_in_korean_for_a_korean_browser(nothing_left_behind, editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ko"
    errors = file_errors(admin_upload(editor_client, b"not a photo" * 50, name="speech.jpg"))
    assert "읽을 수 있는 사진 파일이 아닙니다" in errors
    errors = file_errors(admin_upload(editor_client, bomb_png(), name="bomb.png", content_type="image/png"))
    assert "100메가픽셀" in errors


@pytest.mark.parametrize("image_format", ["PNG", "GIF", "WEBP"])
def test_other_truncated_pictures_are_rejected_as_damaged(db, image_format):
    whole = photo(300, 200, image_format=image_format)
    assert refusal(whole[: len(whole) * 2 // 3]).code in {"damaged", "not_an_image"}


def test_truncated_jpeg_is_rejected_with_a_clear_message_and_leaves_nothing(nothing_left_behind, editor_client):
    whole = photo(800, 600, quality=90)
    data = whole[: len(whole) // 2]
    assert refusal(data).code == "damaged"
    errors = file_errors(admin_upload(editor_client, data))
    assert "damaged or incomplete" in errors


def test_png_claiming_ten_billion_pixels_is_refused_from_its_header_naming_the_limit(
    nothing_left_behind, editor_client
):
    data = bomb_png()
    assert len(data) < 200  # nothing was decoded: the file holds no such pixels
    started = time.perf_counter()
    error = refusal(data)
    assert time.perf_counter() - started < 1
    assert error.code == "too_many_pixels"
    assert "100 megapixels" in error.messages[0]
    errors = file_errors(admin_upload(editor_client, data, name="bomb.png", content_type="image/png"))
    assert "100 megapixels" in errors
    assert "10,000 megapixels" in errors  # what the file claimed


def test_jpeg_whose_header_claims_180_megapixels_is_refused_before_decoding(nothing_left_behind, editor_client):
    # Between 1× and 2× Pillow's limit Pillow only warns: the project's own check refuses it.
    data = jpeg_claiming(30_000, 6_000)
    error = refusal(data)
    assert error.code == "too_many_pixels"
    assert "30000 × 6000" in error.messages[0] and "100 megapixels" in error.messages[0]
    assert "30000 × 6000" in file_errors(admin_upload(editor_client, data))
    assert refusal(jpeg_claiming(65_000, 65_000)).code == "too_many_pixels"


def test_picture_just_over_the_pixel_limit_is_refused_with_its_size(nothing_left_behind, editor_client, settings):
    # Between 1× and 2× Pillow's limit Pillow only warns: the project's own check refuses it.
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 300_000
    data = photo(800, 500)  # 400 000 pixels
    error = refusal(data)
    assert error.code == "too_many_pixels"
    assert "800 × 500" in error.messages[0]
    assert "0.3 megapixels" in error.messages[0]
    assert "0.3 megapixels" in file_errors(admin_upload(editor_client, data))


def test_file_over_the_size_limit_is_refused_naming_the_limit(nothing_left_behind, editor_client, settings):
    settings.NEWSROOM_MAX_UPLOAD_BYTES = 50_000
    data = photo(640, 480, quality=95)
    assert len(data) > 50_000
    error = refusal(data)
    assert error.code == "too_large"
    assert "48.8\xa0KB" in error.messages[0]
    assert "48.8\xa0KB" in file_errors(admin_upload(editor_client, data))


def test_a_real_30_mb_file_is_refused_quickly(nothing_left_behind, editor_client):
    assert django_settings.NEWSROOM_MAX_UPLOAD_BYTES == 25 * 1024 * 1024
    data = photo(64, 64) + b"\x00" * (30 * 1024 * 1024)
    started = time.perf_counter()
    errors = file_errors(admin_upload(editor_client, data, name="huge.jpg"))
    assert time.perf_counter() - started < 10
    assert "25.0\xa0MB" in errors


def test_svg_with_a_script_is_refused(nothing_left_behind, editor_client):
    data = (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b"<script>alert(document.cookie)</script><rect width='100' height='100'/></svg>"
    )
    assert refusal(data, name="logo.svg").code == "svg"
    errors = file_errors(admin_upload(editor_client, data, name="logo.svg", content_type="image/svg+xml"))
    assert "SVG" in errors
    # Disguised as a photo, with a byte-order mark and no XML declaration.
    disguised = "\ufeff".encode() + data.split(b"\n", 1)[1]
    assert refusal(disguised, name="photo.jpg").code == "svg"


def test_an_empty_file_is_refused(nothing_left_behind, editor_client):
    # Django's own FileField refuses it first, with its own clear message.
    assert refusal(b"").code == "empty"
    assert "empty" in file_errors(admin_upload(editor_client, b""))


def test_other_raster_formats_are_refused_by_name(nothing_left_behind, editor_client):
    data = photo(64, 64, image_format="TIFF")
    error = refusal(data, name="scan.tif")
    assert error.code == "unsupported_format"
    assert "TIFF" in error.messages[0]
    assert "TIFF" in file_errors(admin_upload(editor_client, data, name="scan.tif", content_type="image/tiff"))


def test_heic_from_a_phone_gets_a_clear_not_supported_message(nothing_left_behind, editor_client):
    data = struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic" + b"\x00" * 200
    error = refusal(data, name="IMG_0001.HEIC")
    assert error.code == "unsupported_format"
    assert "HEIC" in error.messages[0]
    assert "not supported" in error.messages[0]
    assert "HEIC" in file_errors(admin_upload(editor_client, data, name="IMG_0001.HEIC", content_type="image/heic"))


def test_animated_gif_frames_count_toward_the_pixel_limit(nothing_left_behind, editor_client, settings):
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 200 * 150 * 2  # room for two frames, not three
    data = animated_gif(200, 150)
    error = refusal(data, name="anim.gif")
    assert error.code == "too_many_pixels"
    assert "3 frames" in error.messages[0]
    assert "3 frames" in file_errors(admin_upload(editor_client, data, name="anim.gif", content_type="image/gif"))


def test_counting_the_frames_of_a_gif_of_a_million_frames_is_quick(db, settings):
    # Pillow's n_frames walks every frame in Python: 17 s for this 25 MB file.
    data = many_frame_gif(1_000_000)
    assert len(data) <= settings.NEWSROOM_MAX_UPLOAD_BYTES
    started = time.perf_counter()
    info = inspect_upload(upload(data, name="many.gif"))
    assert time.perf_counter() - started < 5
    assert info.frames == 1_000_000
    # With bigger frames, counting stops as soon as the limit is passed.
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 10_000
    started = time.perf_counter()
    error = refusal(many_frame_gif(1_000_000, 10, 10), name="many.gif")
    assert time.perf_counter() - started < 2
    assert error.code == "too_many_pixels"
    assert "more than 10,000 frames" in error.messages[0]


def test_the_same_file_uploaded_twice_is_offered_as_the_existing_image(editor_client):
    data = photo()
    first = uploaded_image(admin_upload(editor_client, data))
    before = files_on_disk()
    response = admin_upload(editor_client, data, name="again.jpg", alt_text="Another description")
    errors = file_errors(response)
    assert "already in the library" in errors
    assert f"/admin/photos/image/{first.pk}/change/" in errors
    assert first.embed_code in errors
    assert Image.objects.count() == 1
    assert files_on_disk() == before


def test_a_duplicate_through_the_service_is_refused_without_a_second_row(editor):
    data = photo()
    first = factories.make_image(editor, data=data)
    before = files_on_disk()
    with pytest.raises(photo_services.DuplicateImage) as caught:
        factories.make_image(editor, data=data)
    assert caught.value.existing == first
    assert Image.objects.count() == 1
    assert files_on_disk() == before


def test_an_upload_without_any_credit_is_refused_and_leaves_nothing(nothing_left_behind, editor_client):
    response = admin_upload(editor_client, photo(), credit="")
    assert response.status_code == 200
    assert "needs a credit" in " ".join(response.context["adminform"].form.errors["credit"])


# -- Accepted: unusual but real photos -----------------------------------------------


def test_cmyk_jpeg_is_accepted_and_its_renditions_are_rgb(editor_client):
    picture = PILImage.new("CMYK", (400, 300), (0, 255, 255, 0))  # red ink
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    info = inspect_upload(upload(buffer.getvalue()))
    assert (info.width, info.height, info.format) == (400, 300, "JPEG")
    image = uploaded_image(admin_upload(editor_client, buffer.getvalue(), name="print.jpg"))
    for name in image.renditions:
        for image_format in ("jpeg", "webp"):
            with rendition(image, name, image_format) as served:
                assert served.mode == "RGB"
                red, green, blue = served.convert("RGB").getpixel((served.width // 2, served.height // 2))
                assert red > 200 and green < 60 and blue < 60


def test_16_bit_png_is_accepted_with_sensible_pixels(editor_client):
    image = uploaded_image(admin_upload(editor_client, png_16bit_rgb(), name="scan.png", content_type="image/png"))
    assert (image.width, image.height, image.format) == (256, 32, "PNG")
    with rendition(image, "w480") as served:
        assert served.getpixel((2, 16))[0] < 30
        assert served.getpixel((served.width - 3, 16))[0] > 225
        assert 100 < served.getpixel((served.width // 2, 16))[1] < 155


def test_16_bit_greyscale_png_is_not_turned_white(editor_client):
    image = uploaded_image(admin_upload(editor_client, png_16bit_grey(), name="xray.png", content_type="image/png"))
    with rendition(image, "w480") as served:
        left, middle, right = (served.getpixel((x, 16))[0] for x in (2, served.width // 2, served.width - 3))
    assert left < 30 and 100 < middle < 155 and right > 225


def test_animated_gif_is_accepted_and_renditions_show_its_first_frame(editor_client):
    data = animated_gif()
    info = inspect_upload(upload(data, name="anim.gif"))
    assert (info.format, info.frames) == ("GIF", 3)
    image = uploaded_image(admin_upload(editor_client, data, name="anim.gif", content_type="image/gif"))
    for image_format in ("jpeg", "webp"):
        with rendition(image, "w480", image_format) as served:
            assert getattr(served, "n_frames", 1) == 1
            red, green, blue = served.convert("RGB").getpixel((10, 10))
            assert red > 200 and green < 60 and blue < 60


def test_transparent_gif_and_palette_png_are_laid_on_white(editor):
    transparent = PILImage.new("P", (120, 90), 0)
    transparent.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    transparent.paste(1, (60, 0, 120, 90))  # right half red, left half transparent
    for image_format in ("GIF", "PNG"):
        buffer = io.BytesIO()
        transparent.save(buffer, image_format, transparency=0)
        image = factories.make_image(editor, data=buffer.getvalue(), name=f"logo.{image_format.lower()}")
        with rendition(image, "w480") as served:
            assert served.getpixel((5, 45)) == pytest.approx((255, 255, 255), abs=8)
            red, green, blue = served.getpixel((served.width - 5, 45))
            assert red > 200 and green < 60 and blue < 60


def test_webp_and_rgba_png_are_accepted(editor):
    for image_format, mode in (("WEBP", "RGB"), ("PNG", "RGBA"), ("PNG", "LA"), ("PNG", "P")):
        image = factories.make_image(editor, data=photo(320, 240, mode=mode, image_format=image_format))
        assert image.renditions["w480"]["webp"].endswith(".webp")


@pytest.mark.skipif(not features.check("avif"), reason="this Pillow has no AVIF")
def test_avif_is_accepted_when_pillow_supports_it(editor):
    image = factories.make_image(editor, data=photo(320, 240, image_format="AVIF"), name="photo.avif")
    assert (image.format, image.width, image.height) == ("AVIF", 320, 240)
    assert image.renditions["w480"]["jpeg"].endswith(".jpg")


# -- Orientation and privacy ------------------------------------------------------------


def test_exif_orientation_6_is_applied_and_no_gps_or_exif_reaches_any_rendition(editor_client):
    data = exif_jpeg(orientation=6)
    info = inspect_upload(upload(data))
    assert (info.width, info.height) == (800, 1200)  # as it is shown: portrait
    image = uploaded_image(admin_upload(editor_client, data, name="IMG_1234.JPG"))
    assert (image.width, image.height) == (800, 1200)
    with rendition(image, "w480") as served:
        assert (served.width, served.height) == (480, 720)
        # Orientation 6 turns the picture a quarter clockwise: the red corner goes top right.
        assert served.getpixel((served.width - 10, 10))[0] > 200
        assert served.getpixel((10, 10))[0] < 100
    for path in public_files(image):
        raw = path.read_bytes()
        assert b"Exif\x00\x00" not in raw and b"SERIAL-0042-SECRET" not in raw and b"Canon" not in raw
        with PILImage.open(path) as served:
            assert served.mode == "RGB"
            assert not served.getexif()
            assert "exif" not in served.info and "icc_profile" not in served.info
            assert "GPS" not in served.info["xmp"].decode()
    # The original keeps everything, privately.
    assert Path(image.file.path).read_bytes() == data


@pytest.mark.parametrize(("orientation", "upright"), [(1, (120, 80)), (3, (120, 80)), (5, (80, 120)), (8, (80, 120))])
def test_every_exif_orientation_gives_the_upright_size(db, orientation, upright):
    info = inspect_upload(upload(exif_jpeg(orientation, 120, 80)))
    assert (info.width, info.height) == upright


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_a_broken_exif_block_never_refuses_the_photo(editor):
    data = with_segment(
        photo(),
        b"\xff\xe1" + struct.pack(">H", 2 + 6 + 12) + b"Exif\x00\x00" + b"MM\x00*\xff\xff\xff\xff" + b"\x00" * 4,
    )
    image = factories.make_image(editor, data=data)
    assert (image.width, image.height) == (640, 480)
    assert image.renditions["w480"]["width"] == 480


def test_colour_profiles_are_applied_and_never_copied(editor):
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for profile in (srgb, b"not an ICC profile at all"):
        image = factories.make_image(editor, data=photo(icc_profile=profile))
        for path in public_files(image):
            with PILImage.open(path) as served:
                assert "icc_profile" not in served.info
                assert served.mode == "RGB"


def test_big_photos_panoramas_and_portraits_get_full_size_renditions(editor):
    sizes = {
        (2400, 1600): {"w1600": (1600, 1067), "card960": (960, 540), "thumb320": (320, 320)},
        (3600, 600): {"w1600": (1600, 267), "card960": (960, 540), "thumb320": (320, 320)},
        (1000, 3000): {"w960": (960, 2880), "card960": (960, 540), "thumb320": (320, 320)},
    }
    for (width, height), expected in sizes.items():
        image = factories.make_image(editor, data=photo(width, height, noise=False))
        for name, size in expected.items():
            record = image.renditions[name]
            assert (record["width"], record["height"]) == size, name
            with rendition(image, name) as served:
                assert served.size == size
        assert "w1600" not in image.renditions or width >= 1600  # never enlarged


def test_a_failure_while_making_renditions_leaves_nothing_behind(nothing_left_behind, editor, monkeypatch):
    from photos import renditions as images

    encode, calls = images._encode, []

    def fail_on_the_fifth(*args):
        calls.append(args)
        if len(calls) == 5:
            raise OSError("disk full")
        return encode(*args)

    monkeypatch.setattr(images, "_encode", fail_on_the_fifth)
    with pytest.raises(OSError, match="disk full"):
        factories.make_image(editor)


def test_crops_are_taken_from_the_upright_picture(editor):
    image = factories.make_image(editor, data=exif_jpeg(orientation=6), focal_x=0.5, focal_y=0.0)
    with rendition(image, "card480") as card:
        assert (card.width, card.height) == (480, 270)
        # The focal point at the top of the upright picture keeps its red corner in the crop.
        assert card.getpixel((card.width - 5, 5))[0] > 200


def test_every_public_rendition_carries_the_rights_in_xmp(editor):
    image = factories.make_image(
        editor,
        data=photo(
            1800, 1200, xmp=XMP_PACKET.format(credit="AP", creator="김사진", rights="AP", description="").encode()
        ),
        credit="Reuters",
        creator="Jane Photographer",
        copyright_holder="© 2024 Reuters",
        license="editorial",
        source_url="https://pictures.example.com/licensing/123",
    )
    assert len(public_files(image)) == 2 * len(image.renditions) == 14
    for path in public_files(image):
        with PILImage.open(path) as served:
            xmp = served.getxmp()
            packet = served.info["xmp"]
        packet = packet.decode() if isinstance(packet, bytes) else packet
        description = xmp["xmpmeta"]["RDF"]["Description"]
        assert description["Credit"] == "Reuters"
        assert description["creator"]["Seq"]["li"] == "Jane Photographer"
        assert description["rights"]["Alt"]["li"]["text"] == "© 2024 Reuters"
        assert description["WebStatement"] == "https://pictures.example.com/licensing/123"
        assert "GPS" not in packet and "김사진" not in packet  # nothing of the original's XMP


def test_the_original_is_private_and_renditions_have_unguessable_names(editor, client):
    first = factories.make_image(editor)
    second = factories.make_image(editor)
    original = Path(first.file.path).resolve()
    assert original.is_relative_to(Path(django_settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not original.is_relative_to(Path(django_settings.MEDIA_ROOT).resolve())
    assert not (Path(django_settings.MEDIA_ROOT) / first.file.name).exists()
    assert client.get(django_settings.MEDIA_URL + first.file.name).status_code == 404
    tokens = set()
    for image in (first, second):
        for path in rendition_paths(image.renditions):
            assert re.fullmatch(r"renditions/[0-9a-f]{2}/[0-9a-f]{32}-(w|card|thumb)\d+\.(webp|jpg)", path), path
            assert not re.match(rf"{image.pk}\D", path.rsplit("/", 1)[1])  # not "42-960.webp"
            assert default_storage.exists(path)
            tokens.add(path.rsplit("/", 1)[1].split("-")[0])
    assert len(tokens) == 2


def test_remade_renditions_get_new_names(editor):
    image = factories.make_image(editor)
    again = generate_renditions(image)
    assert set(rendition_paths(again)).isdisjoint(rendition_paths(image.renditions))


@pytest.mark.parametrize(("name", "kept"), [("../../etc/passwd.jpg", "passwd.jpg"), ("사진 한글.jpg", "사진 한글.jpg")])
def test_hostile_or_korean_file_names_are_stored_under_a_random_name_and_kept_for_display(editor_client, name, kept):
    image = uploaded_image(admin_upload(editor_client, photo(), name=name))
    # The browser's name is kept for people (Django's upload parser drops any path).
    assert image.original_filename == kept
    assert re.fullmatch(r"originals/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", image.file.name)
    stored = Path(image.file.path).resolve()
    assert stored.is_relative_to((Path(django_settings.PRIVATE_MEDIA_ROOT) / "originals").resolve())
    page = editor_client.get(f"/admin/photos/image/{image.pk}/change/").content.decode()
    assert kept in page


@pytest.mark.parametrize(
    ("name", "data", "extension"),
    [
        ("x.jpg.php", lambda: factories.jpeg_bytes(), ".jpg"),
        ("shell.phtml", lambda: factories.jpeg_bytes(), ".jpg"),
        ("photo.jpg", lambda: factories.png_bytes(), ".png"),
        ("noextension", lambda: factories.png_bytes(), ".png"),
    ],
)
def test_an_original_is_stored_under_the_extension_of_its_real_format(editor_client, name, data, extension):
    image = uploaded_image(admin_upload(editor_client, data(), name=name))
    assert image.original_filename == name  # kept for people
    assert re.fullmatch(rf"originals/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\{extension}", image.file.name), image.file.name


def test_a_hostile_name_given_to_the_service_directly_is_harmless(editor):
    image = factories.make_image(editor, name="../../etc/passwd.jpg")
    assert ".." not in image.file.name and "passwd" not in image.file.name
    assert Path(image.file.path).resolve().is_relative_to(Path(django_settings.PRIVATE_MEDIA_ROOT).resolve())


# -- Credits read from the photo ----------------------------------------------------------


def test_iptc_credit_byline_and_copyright_prefill_a_blank_form(editor_client):
    data = iptc_jpeg(
        credit="연합뉴스",
        byline="김사진 기자",
        copyright_notice="© 2024 연합뉴스",
        caption="기자회견에서 발언하는 장관",
    )
    info = inspect_upload(upload(data))
    assert info.metadata["iptc"] == {
        "credit": "연합뉴스",
        "creator": "김사진 기자",
        "copyright_holder": "© 2024 연합뉴스",
        "caption": "기자회견에서 발언하는 장관",
    }
    response = admin_upload(editor_client, data, credit="")
    image = uploaded_image(response)
    assert image.credit == "연합뉴스"
    assert image.creator == "김사진 기자"
    assert image.copyright_holder == "© 2024 연합뉴스"
    assert image.caption == "기자회견에서 발언하는 장관"
    # The admin says what it read, after the upload and on the image's page.
    page = editor_client.get(response["Location"])
    content = page.content.decode()
    assert "Read from the photo" in " ".join(str(message) for message in page.context["messages"])
    assert "IPTC · credit" in content and "연합뉴스" in content


def test_the_credit_typed_in_the_form_wins_over_the_photos(editor_client):
    data = iptc_jpeg(credit="Yonhap", byline="Kim", copyright_notice="© Yonhap")
    image = uploaded_image(admin_upload(editor_client, data, credit="본지DB", creator="Our staff"))
    assert (image.credit, image.creator, image.copyright_holder) == ("본지DB", "Our staff", "© Yonhap")


def test_a_reporter_uploading_a_wire_photo_gets_its_credit(reporter_client):
    data = iptc_jpeg(credit="Reuters", byline="John Smith", copyright_notice="© 2024 Reuters")
    image = uploaded_image(admin_upload(reporter_client, data, credit=""))
    assert (image.credit, image.creator) == ("Reuters", "John Smith")


def test_korean_iptc_in_euc_kr_without_a_character_set_is_read(db):
    data = iptc_jpeg(credit="연합뉴스", byline="김사진", copyright_notice="ⓒ 연합뉴스", charset=None, encoding="euc-kr")
    assert inspect_upload(upload(data)).metadata["iptc"] == {
        "credit": "연합뉴스",
        "creator": "김사진",
        "copyright_holder": "ⓒ 연합뉴스",
    }


def test_latin_1_iptc_is_not_mistaken_for_korean(db):
    data = iptc_jpeg(credit="AFP", byline="José", copyright_notice="©AFP", charset=None, encoding="latin-1")
    assert inspect_upload(upload(data)).metadata["iptc"] == {
        "credit": "AFP",
        "creator": "José",
        "copyright_holder": "©AFP",
    }


def test_a_broken_iptc_block_keeps_what_came_before_it_and_never_refuses_the_photo(db):
    datasets = iptc_dataset(1, 90, UTF8) + iptc_dataset(2, 110, "Reuters") + b"\x1c\x02\x50\xff\xff garbage"
    data = with_segment(photo(), iptc_app13(datasets))
    assert inspect_upload(upload(data)).metadata["iptc"] == {"credit": "Reuters"}


def test_xmp_credit_creator_rights_and_description_prefill_the_form(editor_client):
    data = xmp_jpeg()
    info = inspect_upload(upload(data))
    assert info.metadata["xmp"] == {
        "credit": "Yonhap",
        "creator": "김사진",
        "copyright_holder": "© 2024 Yonhap",
        "caption": "기자회견에서 발언하는 장관",
    }
    response = admin_upload(editor_client, data, credit="")
    image = uploaded_image(response)
    assert (image.credit, image.creator, image.copyright_holder) == ("Yonhap", "김사진", "© 2024 Yonhap")
    assert image.caption == "기자회견에서 발언하는 장관"
    assert "XMP · credit" in editor_client.get(response["Location"]).content.decode()


def test_malformed_or_hostile_xmp_is_ignored_and_the_photo_accepted(db):
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>'
    )
    for packet in (hostile, b"<x:xmpmeta><rdf:RDF>not closed", b"\x00\x00\x00"):
        info = inspect_upload(upload(photo(xmp=packet)))
        assert "xmp" not in info.metadata


def test_xmp_with_junk_around_the_packet_is_still_read(db):
    packet = XMP_PACKET.format(credit="AP", creator="A", rights="© AP", description="d").encode()
    info = inspect_upload(upload(photo(xmp=b"\n\n  " + packet + b"\x00\x00 \n padding")))
    assert info.metadata["xmp"]["credit"] == "AP"


def test_exif_artist_and_camera_junk(db):
    picture = PILImage.new("RGB", (64, 64), (1, 2, 3))
    exif = PILImage.Exif()
    exif[0x013B] = "Jane Photographer"
    exif[0x010E] = "OLYMPUS DIGITAL CAMERA         "  # what cameras put in the description
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    assert inspect_upload(upload(buffer.getvalue())).metadata == {"exif": {"creator": "Jane Photographer"}}


# -- Deleting ---------------------------------------------------------------------------------


def test_deleting_an_unused_image_removes_its_original_and_renditions(
    editor_client, django_capture_on_commit_callbacks
):
    image = uploaded_image(admin_upload(editor_client, photo()))
    files = [Path(image.file.path), *public_files(image)]
    assert all(path.exists() for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/photos/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    assert not any(path.exists() for path in files)


def test_an_image_used_by_an_article_cannot_be_deleted(editor, editor_client, django_capture_on_commit_callbacks):
    image = factories.make_image(editor)
    article = factories.make_article(editor, body=f"text\n\n[[image:{image.pk}]]\n")
    files = [Path(image.file.path), *public_files(image)]
    with pytest.raises(ProtectedError), django_capture_on_commit_callbacks(execute=True):
        photo_services.image_delete(image=image, user=editor)
    page = editor_client.get(f"/admin/photos/image/{image.pk}/delete/")
    assert page.status_code == 200
    assert article.headline in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/photos/image/{image.pk}/delete/", {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    assert all(path.exists() for path in files)
