"""Renditions: the public copies of a photo, re-encoded from its pixels.

``FAMILIES`` is the one table of rendition names and sizes: the generator makes
what it lists, and every reader of renditions (templates, feeds, JSON-LD, the
admin's thumbnails) asks for names from it (``w1600``, ``card480``, ``thumb160``).
Each copy carries a fresh XMP packet with the credit and rights and nothing
else of the original (no GPS, no camera serial), under an unguessable name.
"""

import io
import math
import secrets
import warnings
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from .metadata import _CONTROL_CHARACTERS
from .uploads import _READERS, _pillow_limit, _upright_size, processing_slot

try:  # colour management needs Pillow built with LittleCMS (the wheels are)
    from PIL import ImageCms

    _SRGB = ImageCms.createProfile("sRGB")
except ImportError:  # pragma: no cover
    ImageCms = None


@dataclass(frozen=True)
class Family:
    """Renditions of one shape: the whole picture (``ratio`` None) or a crop of
    that ratio centred on the focal point, at these widths (smallest first)."""

    ratio: tuple | None
    widths: tuple

    def names(self, prefix):
        return [f"{prefix}{width}" for width in self.widths]


#: Every rendition a photo has: name prefix → family. The templates' ``sizes``
#: are written for these widths.
FAMILIES = {
    "w": Family(ratio=None, widths=(480, 960, 1600)),
    "card": Family(ratio=(16, 9), widths=(480, 960)),
    "thumb": Family(ratio=(1, 1), widths=(160, 320)),
}
#: The largest whole picture: what Open Graph, JSON-LD and feeds point at.
LARGEST = "w1600"
#: The admin's small square.
THUMBNAIL = "thumb160"

JPEG_QUALITY = 82
WEBP_QUALITY = 80
#: libwebp's effort, 0 (fast) – 6 (small); 4 is Pillow's default. On a 24 MP photo
#: 2 would save ~0.17 s of CPU per upload and cost readers ~6 % more bytes on every
#: view: kept at 4 while the whole set stays well under 2 s (bench/renditions.py).
WEBP_METHOD = 4


def _xml(text):
    return escape(_CONTROL_CHARACTERS.sub(" ", text))


def xmp_packet(image):
    """A fresh XMP packet with the image's rights, for every public rendition."""
    rights = image.copyright_holder or image.credit
    statement = image.license_deed_url or image.source_url or settings.SITE_URL + "/"
    parts = [
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"'
        ' xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/">',
        f"<photoshop:Credit>{_xml(image.credit)}</photoshop:Credit>",
    ]
    if image.creator:
        parts.append(f"<dc:creator><rdf:Seq><rdf:li>{_xml(image.creator)}</rdf:li></rdf:Seq></dc:creator>")
    parts += [
        f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{_xml(rights)}</rdf:li></rdf:Alt></dc:rights>',
        f"<xmpRights:WebStatement>{_xml(statement)}</xmpRights:WebStatement>",
        "<xmpRights:Marked>True</xmpRights:Marked>",
        '<plus:Licensor><rdf:Seq><rdf:li rdf:parseType="Resource">'
        f"<plus:LicensorURL>{_xml(image.source_url or statement)}</plus:LicensorURL>"
        "</rdf:li></rdf:Seq></plus:Licensor>",
        "</rdf:Description></rdf:RDF></x:xmpmeta>",
        '<?xpacket end="w"?>',
    ]
    return "".join(parts).encode("utf-8")


#: EXIF orientation → the transposition that shows the photo upright (ImageOps.exif_transpose's table).
_TRANSPOSE = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT,
    3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM,
    5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270,
    7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}
_QUARTER_TURNS = {
    PILImage.Transpose.TRANSPOSE,
    PILImage.Transpose.ROTATE_270,
    PILImage.Transpose.TRANSVERSE,
    PILImage.Transpose.ROTATE_90,
}


def _flatten(picture, max_width=None):
    """Upright 8-bit sRGB pixels of the first frame, at most ``max_width`` wide,
    and nothing else of the file.

    EXIF orientation applied (before any crop); 16-bit scaled down (not clipped);
    transparency laid on white; CMYK and wide-gamut photos converted through
    their ICC profile (browsers take an untagged picture for sRGB), after the
    reduction, where it costs least. The result carries no ``info``: no EXIF,
    XMP or ICC of the original can reach a rendition by accident.
    """
    picture.seek(0)
    icc_profile = picture.info.get("icc_profile")
    try:
        transpose = _TRANSPOSE.get(picture.getexif().get(0x0112))
    except Exception:  # a malformed EXIF block: show the pixels as stored
        transpose = None
    # Reduce first and convert after, where every step costs least: a full-size
    # copy of a big picture is the most memory an upload can take.
    if picture.mode in {"I;16", "I;16L", "I;16B", "I;16N", "I"}:
        # 16-bit greyscale: convert("L") clips everything above 255 to white.
        picture = picture.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if picture.mode in {"P", "PA", "1", "LA", "La", "RGBa"} or (
        "transparency" in picture.info and picture.mode not in {"RGBA"}
    ):
        # LANCZOS needs real colours: a palette becomes RGB(A) at full size (their pixel
        # limit, photos.uploads.max_pixels_for, counts with it).
        has_alpha = picture.mode in {"PA", "LA", "La", "RGBa"} or "transparency" in picture.info
        picture = picture.convert("RGBA" if has_alpha else "RGB")
    if max_width:
        upright_width = picture.height if transpose in _QUARTER_TURNS else picture.width
        if upright_width > max_width:
            scale = max_width / upright_width
            size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
            picture = picture.resize(size, PILImage.Resampling.LANCZOS)
    if transpose is not None:
        picture = picture.transpose(transpose)
    if picture.mode == "RGBA":
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    if picture.mode not in {"RGB", "CMYK", "L"}:  # YCbCr, LAB…
        picture = picture.convert("RGB")
    picture = _to_srgb(picture, icc_profile)
    picture.info = {}
    return picture


def _to_srgb(picture, icc_profile):
    if icc_profile and ImageCms is not None and picture.mode in {"RGB", "CMYK", "L"}:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(picture, source, _SRGB, outputMode="RGB")
        except Exception:  # a broken or mismatched profile: plain conversion below  # noqa: S110 - plain conversion follows
            pass
    return picture.convert("RGB")


def _crop_box(width, height, ratio_w, ratio_h, focal_x, focal_y):
    """The largest ``ratio_w:ratio_h`` box inside the picture, centred on the focal point."""
    if width * ratio_h > height * ratio_w:  # too wide: keep the height
        crop_h = height
        crop_w = round(height * ratio_w / ratio_h)
    else:
        crop_w = width
        crop_h = round(width * ratio_h / ratio_w)
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def _working_scale(width, height):
    """The smallest scale (≤ 1) of the upright original from which every rendition
    can still be made at full size: the widest width, and each crop's widest width
    from the crop box. Everything is derived from one picture at that scale."""
    needed = 0.0
    for family in FAMILIES.values():
        if family.ratio is None:
            needed = max(needed, family.widths[-1] / width)
            continue
        left, _top, right, _bottom = _crop_box(width, height, *family.ratio, 0.5, 0.5)
        needed = max(needed, family.widths[-1] / max(right - left, 1))
    return min(needed * 1.01, 1.0)  # 1 % to spare for rounding


def _encode(picture, image_format, xmp):
    buffer = io.BytesIO()
    if image_format == "webp":
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD, xmp=xmp)
    else:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, xmp=xmp)
    return buffer.getvalue()


def _open_original(image):
    """The original's pixels, upright and in sRGB, reduced once to the working
    scale (see :func:`_working_scale`)."""
    with image.file.open("rb") as handle:
        data = handle.read()
    _pillow_limit()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)  # it passed inspect_upload
        picture = PILImage.open(io.BytesIO(data), formats=_READERS)
    width, height = _upright_size(picture)
    scale = _working_scale(width, height)
    if picture.format in {"JPEG", "MPO"}:
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when that still leaves the
        # working size: a 24-megapixel JPEG decodes several times faster.
        picture.draft("RGB", (math.ceil(picture.width * scale), math.ceil(picture.height * scale)))
    return _flatten(picture, max_width=math.ceil(width * scale)), (width, height)


def generate_renditions(image, storage=None):
    """Make every rendition of ``image`` and return the new ``renditions`` dict.

    Files get a fresh random token, so an earlier (or guessed) URL never shows
    the new crop and an embargoed article's photo cannot be found by guessing.
    The caller saves the dict and then deletes the old files; if anything fails
    here, the files already written are removed before the error goes on.
    """
    storage = storage or default_storage
    with processing_slot():
        return _generate(image, storage)


def _generate(image, storage):
    picture, (source_width, source_height) = _open_original(image)
    xmp = xmp_packet(image)
    token = secrets.token_hex(16)
    renditions = {}

    def store(name, resized):
        record = {"width": resized.width, "height": resized.height}
        renditions[name] = record
        for image_format, extension in (("webp", "webp"), ("jpeg", "jpg")):
            path = f"renditions/{token[:2]}/{token}-{name}.{extension}"
            record[image_format] = storage.save(path, ContentFile(_encode(resized, image_format, xmp)))

    def resized(source, width, height):
        if (width, height) == source.size:
            return source
        return source.resize((width, height), PILImage.Resampling.LANCZOS)

    try:
        for prefix, family in FAMILIES.items():
            if family.ratio is None:
                for width in family.widths:
                    if width > source_width and width != family.widths[0]:
                        continue  # never enlarged; the smallest is always made
                    target_width = min(width, picture.width)
                    # The height from the original's proportions, not the working picture's rounded ones.
                    height = max(1, round(source_height * target_width / source_width))
                    store(f"{prefix}{width}", resized(picture, target_width, height))
                continue
            ratio_w, ratio_h = family.ratio
            box = _crop_box(picture.width, picture.height, ratio_w, ratio_h, image.focal_x, image.focal_y)
            cropped = picture.crop(box)
            for width in family.widths:
                target_width = min(width, cropped.width)
                target_height = max(1, round(target_width * ratio_h / ratio_w))
                store(f"{prefix}{width}", resized(cropped, target_width, target_height))
    except BaseException:
        delete_rendition_files(renditions, storage)
        raise
    return renditions


def rendition_paths(renditions):
    return [path for record in (renditions or {}).values() for key, path in record.items() if key in {"webp", "jpeg"}]


def delete_rendition_files(renditions, storage=None):
    storage = storage or default_storage
    for path in rendition_paths(renditions):
        storage.delete(path)


def rendition_set(image, family="w"):
    """``[(width, height, webp_url, jpeg_url), …]`` of one family, smallest first."""
    renditions = image.renditions or {}
    found = []
    for name in FAMILIES[family].names(family):
        record = renditions.get(name)
        if record:
            found.append(
                (
                    record["width"],
                    record["height"],
                    default_storage.url(record["webp"]),
                    default_storage.url(record["jpeg"]),
                )
            )
    return found


def rendition_url(image, name=LARGEST, image_format="jpeg"):
    """The URL of one rendition (the largest of its family when absent), or ''."""
    record = (image.renditions or {}).get(name)
    if record is None:
        candidates = rendition_set(image, name.rstrip("0123456789") or "w")
        return candidates[-1][3 if image_format == "jpeg" else 2] if candidates else ""
    return default_storage.url(record[image_format])
