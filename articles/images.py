"""Photos: safe uploads, metadata read from the file, private originals, public renditions.

Every upload path calls :func:`inspect_upload` before anything is saved: it
checks the size and the pixel count itself (Pillow only raises at twice its own
warning limit), decodes the whole file once, and reads the credit, creator,
copyright and caption the photo carries (IPTC, XMP, EXIF). The original is kept
in private storage; readers only ever get renditions, re-encoded from pixels
with a fresh XMP packet carrying the credit and rights and nothing else (no GPS,
no camera serial), under unguessable names.
"""

import hashlib
import io
import secrets
import warnings
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps, IptcImagePlugin, UnidentifiedImageError

#: Formats accepted from an upload (Pillow's names) and how a reporter knows them.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF", "MPO": "JPEG"}
try:  # AVIF is built into Pillow 11.2+; HEIC needs pillow-heif, which we do not ship.
    from PIL import features

    if features.check("avif"):
        ACCEPTED_FORMATS["AVIF"] = "AVIF"
except ImportError:  # pragma: no cover
    pass

#: Widths of the responsive renditions (the templates' ``sizes`` are written for these).
WIDTHS = (480, 960, 1600)
#: Fixed-ratio crops centred on the focal point: name → (ratio w, ratio h, widths).
CROPS = {"card": (16, 9, (480, 960)), "thumb": (1, 1, (160, 320))}
JPEG_QUALITY = 82
WEBP_QUALITY = 80


@dataclass
class UploadInfo:
    width: int
    height: int
    format: str
    sha256: str
    size: int
    metadata: dict = field(default_factory=dict)


def _reject(message, code):
    raise ValidationError(message, code=code)


def inspect_upload(uploaded_file):
    """Check an uploaded file and describe it, or raise ``ValidationError`` saying
    what is wrong and what the limit is. Nothing is written anywhere."""
    max_bytes = settings.NEWSROOM_MAX_UPLOAD_BYTES
    max_pixels = settings.NEWSROOM_MAX_IMAGE_PIXELS
    size = uploaded_file.size
    if size is not None and size > max_bytes:
        _reject(
            _("The file is %(size)s; the largest photo accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            "too_large",
        )
    uploaded_file.seek(0)
    data = uploaded_file.read(max_bytes + 1)
    if len(data) > max_bytes:
        _reject(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(max_bytes)}, "too_large")
    if not data:
        _reject(_("The file is empty."), "empty")
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype", b"<html")) or b"<svg" in head:
        _reject(_("SVG and other drawings or documents are not accepted: upload a JPEG, PNG, WebP or GIF photo."), "svg")

    # Pillow's own guard, at our limit; the check below runs before any decoding.
    PILImage.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data))
            kind = picture.format
            if kind not in ACCEPTED_FORMATS:
                _reject(
                    _("%(format)s files are not supported: upload a JPEG, PNG, WebP or GIF photo.")
                    % {"format": kind or _("This kind of")},
                    "unsupported_format",
                )
            width, height = picture.size
            frames = getattr(picture, "n_frames", 1) if kind in {"GIF", "WEBP", "PNG"} else 1
            if width * height * max(frames, 1) > max_pixels:
                _reject(
                    _(
                        "The picture is %(width)s × %(height)s pixels%(frames)s, more than the limit of "
                        "%(limit)s megapixels."
                    )
                    % {
                        "width": width,
                        "height": height,
                        "frames": _(" in %(n)s frames") % {"n": frames} if frames > 1 else "",
                        "limit": max_pixels // 1_000_000,
                    },
                    "too_many_pixels",
                )
            metadata = read_metadata(picture)
            picture.load()  # decode every pixel once: a truncated file fails here
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        _reject(
            _("The picture has more pixels than the limit of %(limit)s megapixels.")
            % {"limit": max_pixels // 1_000_000},
            "too_many_pixels",
        )
    except UnidentifiedImageError:
        _reject(_("This file is not a picture we can read: upload a JPEG, PNG, WebP or GIF photo."), "not_an_image")
    except (OSError, SyntaxError, ValueError, EOFError):
        _reject(_("The picture is damaged or incomplete (was the upload cut short?)."), "damaged")
    return UploadInfo(
        width=width,
        height=height,
        format=ACCEPTED_FORMATS[kind],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        metadata=metadata,
    )


# -- Metadata read from the photo ----------------------------------------------------

_IPTC_FIELDS = {  # IPTC IIM record 2 dataset → our field
    (2, 110): "credit",
    (2, 80): "creator",
    (2, 116): "copyright_holder",
    (2, 120): "caption",
    (2, 115): "source",
    (2, 5): "title",
}
_EXIF_FIELDS = {0x013B: "creator", 0x8298: "copyright_holder", 0x010E: "caption"}
_XMP_FIELDS = {
    "Credit": "credit",
    "creator": "creator",
    "rights": "copyright_holder",
    "description": "caption",
    "Source": "source",
    "title": "title",
}


def _text(value):
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    if isinstance(value, bytes):
        for encoding in ("utf-8", "cp949", "latin-1"):
            try:
                value = value.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return " ".join(str(value).replace("\x00", "").split())[:500]


def _xmp_values(node, found):
    """Walk Pillow's XMP dict and pick the fields we know, whatever the nesting."""
    if isinstance(node, dict):
        for key, value in node.items():
            name = key.split("}")[-1]
            if name in _XMP_FIELDS and _XMP_FIELDS[name] not in found:
                text = _xmp_leaf(value)
                if text:
                    found[_XMP_FIELDS[name]] = text
            else:
                _xmp_values(value, found)
    elif isinstance(node, list):
        for item in node:
            _xmp_values(item, found)


def _xmp_leaf(value):
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        for key in ("Alt", "Seq", "Bag", "li", "text"):
            if key in value:
                return _xmp_leaf(value[key])
        return ""
    if isinstance(value, list):
        for item in value:
            text = _xmp_leaf(item)
            if text:
                return text
    return ""


def read_metadata(picture):
    """Credit, creator, copyright, caption and source the file carries, by origin:
    ``{"iptc": {...}, "xmp": {...}, "exif": {...}}`` (only what was found)."""
    found = {}
    try:
        iptc = IptcImagePlugin.getiptcinfo(picture) or {}
    except Exception:  # noqa: BLE001 - a broken IPTC block must not refuse the photo
        iptc = {}
    values = {name: _text(iptc[key]) for key, name in _IPTC_FIELDS.items() if key in iptc}
    if values := {k: v for k, v in values.items() if v}:
        found["iptc"] = values
    try:
        xmp = picture.getxmp() if hasattr(picture, "getxmp") else {}
    except Exception:  # noqa: BLE001 - no defusedxml, or a malformed packet
        xmp = {}
    values = {}
    _xmp_values(xmp, values)
    if values:
        found["xmp"] = values
    try:
        exif = picture.getexif()
    except Exception:  # noqa: BLE001
        exif = {}
    values = {name: _text(exif[tag]) for tag, name in _EXIF_FIELDS.items() if exif and tag in exif}
    if values := {k: v for k, v in values.items() if v}:
        found["exif"] = values
    return found


def suggested_fields(metadata):
    """The Image fields the metadata can prefill, IPTC first, then XMP, then EXIF."""
    suggestions = {}
    for origin in ("iptc", "xmp", "exif"):
        for name, value in metadata.get(origin, {}).items():
            suggestions.setdefault(name, value)
    if "credit" not in suggestions and "source" in suggestions:
        suggestions["credit"] = suggestions["source"]
    return {name: value for name, value in suggestions.items() if name in {"credit", "creator", "copyright_holder", "caption"}}


def apply_suggestions(image, metadata):
    """Fill the image's blank fields from what the photo carries; never overwrite."""
    for name, value in suggested_fields(metadata).items():
        if not getattr(image, name):
            setattr(image, name, value[: image._meta.get_field(name).max_length or None])


# -- Renditions -----------------------------------------------------------------------


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
        f"<photoshop:Credit>{escape(image.credit)}</photoshop:Credit>",
    ]
    if image.creator:
        parts.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(image.creator)}</rdf:li></rdf:Seq></dc:creator>")
    parts += [
        f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(rights)}</rdf:li></rdf:Alt></dc:rights>',
        f"<xmpRights:WebStatement>{escape(statement)}</xmpRights:WebStatement>",
        "<xmpRights:Marked>True</xmpRights:Marked>",
        "<plus:Licensor><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
        f"<plus:LicensorURL>{escape(image.source_url or statement)}</plus:LicensorURL>"
        "</rdf:li></rdf:Seq></plus:Licensor>",
        "</rdf:Description></rdf:RDF></x:xmpmeta>",
        '<?xpacket end="w"?>',
    ]
    return "".join(parts).encode("utf-8")


def _flatten(picture):
    """Upright RGB pixels: EXIF orientation applied, CMYK/16-bit/palette converted,
    transparency laid on white, first frame of an animation."""
    picture.seek(0)
    picture = ImageOps.exif_transpose(picture)
    if picture.mode in {"I;16", "I;16B", "I;16L", "I"}:
        picture = picture.point(lambda value: value * (1 / 256)).convert("L")
    if picture.mode in {"RGBA", "LA", "PA"} or (picture.mode == "P" and "transparency" in picture.info):
        picture = picture.convert("RGBA")
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        return background
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


def _encode(picture, image_format, xmp):
    buffer = io.BytesIO()
    if image_format == "webp":
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4, xmp=xmp)
    else:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, xmp=xmp)
    return buffer.getvalue()


def _open_original(image):
    with image.file.open("rb") as handle:
        data = handle.read()
    picture = PILImage.open(io.BytesIO(data))
    if picture.format == "JPEG":
        # Decode at a reduced scale when the file is far larger than our biggest
        # rendition: a 24-megapixel JPEG decodes several times faster.
        picture.draft("RGB", (WIDTHS[-1], WIDTHS[-1]))
    return _flatten(picture)


def generate_renditions(image, storage=None):
    """Make every rendition of ``image`` and return the new ``renditions`` dict.

    Files get a fresh random token, so an earlier (or guessed) URL never shows
    the new crop and an embargoed article's photo cannot be found by guessing.
    The caller saves the dict and then deletes the old files.
    """
    storage = storage or default_storage
    picture = _open_original(image)
    xmp = xmp_packet(image)
    token = secrets.token_hex(16)
    renditions = {}

    def store(name, resized):
        record = {"width": resized.width, "height": resized.height}
        for image_format, extension in (("webp", "webp"), ("jpeg", "jpg")):
            path = f"renditions/{token[:2]}/{token}-{name}.{extension}"
            record[image_format] = storage.save(path, ContentFile(_encode(resized, image_format, xmp)))
        renditions[name] = record

    source_width = image.width or picture.width
    for width in WIDTHS:
        if width > source_width and width != WIDTHS[0]:
            continue
        target_width = min(width, picture.width)
        height = max(1, round(picture.height * target_width / picture.width))
        store(f"w{width}", picture.resize((target_width, height), PILImage.Resampling.LANCZOS))
    for name, (ratio_w, ratio_h, widths) in CROPS.items():
        box = _crop_box(picture.width, picture.height, ratio_w, ratio_h, image.focal_x, image.focal_y)
        cropped = picture.crop(box)
        for width in widths:
            target_width = min(width, cropped.width)
            target_height = max(1, round(target_width * ratio_h / ratio_w))
            store(f"{name}{width}", cropped.resize((target_width, target_height), PILImage.Resampling.LANCZOS))
    return renditions


def rendition_paths(renditions):
    return [path for record in (renditions or {}).values() for key, path in record.items() if key in {"webp", "jpeg"}]


def delete_rendition_files(renditions, storage=None):
    storage = storage or default_storage
    for path in rendition_paths(renditions):
        storage.delete(path)
