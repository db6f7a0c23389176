"""Photos: safe uploads, metadata read from the file, private originals, public renditions.

Every upload path calls :func:`inspect_upload` before anything is saved: it
checks the size and the pixel count itself (Pillow only raises at twice its own
warning limit), decodes the whole file once, and reads the credit, creator,
copyright and caption the photo carries (IPTC, XMP, EXIF). The original is kept
in private storage; readers only ever get renditions, re-encoded from pixels
with a fresh XMP packet carrying the credit and rights and nothing else (no GPS,
no camera serial), under unguessable names.
"""

import contextlib
import hashlib
import io
import math
import re
import secrets
import struct
import warnings
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from defusedxml import ElementTree as SafeElementTree
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError, features

try:  # colour management needs Pillow built with LittleCMS (the wheels are)
    from PIL import ImageCms

    _SRGB = ImageCms.createProfile("sRGB")
except ImportError:  # pragma: no cover
    ImageCms = None

#: Formats accepted from an upload: Pillow's name → the name a reporter knows.
#: MPO is how Pillow names the multi-picture JPEGs many cameras write.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
if features.check("avif"):  # built into Pillow 11.2+ wheels
    ACCEPTED_FORMATS["AVIF"] = "AVIF"
try:  # HEIC needs pillow-heif, which the project does not ship; accepted if a server has it
    from pillow_heif import register_heif_opener
except ImportError:
    pass
else:  # pragma: no cover
    register_heif_opener()
    ACCEPTED_FORMATS["HEIF"] = "HEIC"

#: Only these of Pillow's forty-odd readers ever parse an upload: less code exposed
#: to hostile files (no EPS through Ghostscript, no exotic formats). MPO has no
#: reader of its own: the JPEG reader returns one.
_READERS = [name for name in ACCEPTED_FORMATS if name != "MPO"]

#: Widths of the responsive renditions (the templates' ``sizes`` are written for these).
WIDTHS = (480, 960, 1600)
#: Fixed-ratio crops centred on the focal point: name → (ratio w, ratio h, widths).
CROPS = {"card": (16, 9, (480, 960)), "thumb": (1, 1, (160, 320))}
JPEG_QUALITY = 82
WEBP_QUALITY = 80
#: libwebp's effort, 0 (fast) – 6 (small); 4 is Pillow's default. On a 24 MP photo
#: 2 would save ~0.17 s of CPU per upload and cost readers ~6 % more bytes on every
#: view: kept at 4 while the whole set stays well under 2 s (bench/renditions.py).
WEBP_METHOD = 4


@dataclass
class UploadInfo:
    width: int  # as the photo is shown: EXIF orientation applied
    height: int
    format: str
    sha256: str
    size: int
    metadata: dict = field(default_factory=dict)
    frames: int = 1


def _reject(message, code):
    raise ValidationError(message, code=code)


def _megapixels(pixels):
    """100_000_000 → "100"; 300_000 → "0.3"; 10**10 → "10,000"."""
    value = pixels / 1_000_000
    if value >= 1:
        return f"{value:,.1f}".removesuffix(".0")
    return f"{value:.2g}"


def _pillow_limit():
    # Pillow's own guard at our limit (it warns above it and raises at twice
    # it). Set on every use, so a changed setting (or a test's) takes effect.
    PILImage.MAX_IMAGE_PIXELS = settings.NEWSROOM_MAX_IMAGE_PIXELS


def _looks_like_markup(data):
    """SVG, HTML or any XML: no raster format starts with ``<``."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith(b"<") or b"<svg" in head


def _named_kind(head):
    """The name of a picture format we refuse, recognised by its first bytes, or ``None``."""
    if head[4:8] == b"ftyp":  # ISO media: HEIC from phones, or AVIF
        box = head[8 : max(16, int.from_bytes(head[:4], "big"))]
        if b"avif" in box or b"avis" in box:
            return "AVIF"
        if any(brand in box for brand in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")):
            return "HEIC"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:2] == b"BM":
        return "BMP"
    if head[:5] == b"%PDF-":
        return "PDF"
    if head[:4] == b"8BPS":
        return "Photoshop (PSD)"
    if head[:12] == b"\x00\x00\x00\x0cjP  \r\n\x87\n" or head[:4] == b"\xff\x4f\xff\x51":
        return "JPEG 2000"
    return None


#: Frames are counted exactly up to this many (or as far as the pixel limit allows).
_FRAMES_COUNTED = 10_000


def _gif_frame_count(data, stop_after):
    """Count a GIF's frames by hopping from block to block, stopping once there
    are more than ``stop_after``.

    Pillow's ``n_frames`` seeks through every frame in Python: a 25 MB file of a
    million one-pixel frames takes it 17 s; this walk takes half a second, and
    stops early once the frames are over the pixel limit.
    """
    frames = 0
    try:
        flags = data[10]
        position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)  # header, screen, colour table
        while frames <= stop_after:
            introducer = data[position]
            if introducer == 0x2C:  # image descriptor: a frame
                frames += 1
                flags = data[position + 9]
                # descriptor, local colour table, LZW code size; then its data sub-blocks
                position += 11 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            elif introducer == 0x21:  # extension: introducer, label; then its sub-blocks
                position += 2
            else:  # 0x3B, the trailer, or junk after the last frame (Pillow stops there too)
                break
            length = data[position]
            while length:
                position += length + 1
                length = data[position]
            position += 1
    except IndexError:  # cut short: count what is there (the full decode judges the rest)
        pass
    return max(frames, 1)


def _frame_count(picture, data, stop_after):
    """How many frames the file holds (for a GIF: at most ``stop_after + 1``)."""
    if picture.format == "GIF":
        return _gif_frame_count(data, stop_after)
    if picture.format in {"PNG", "WEBP", "AVIF"}:
        # From a header (APNG's acTL) or the container's index: cheap. It is what
        # the file claims, which is what a decoder would try to honour.
        return getattr(picture, "n_frames", 1)
    return 1  # JPEG/MPO: the extra MPO pictures are small previews, never decoded


def _upright_size(picture):
    """Width and height as the photo is shown: EXIF orientations 5–8 turn it a quarter."""
    try:
        orientation = picture.getexif().get(0x0112)
    except Exception:  # a broken EXIF block: _flatten shows the pixels as stored too
        orientation = None
    width, height = picture.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


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
    data = uploaded_file.read(max_bytes + 1)  # never more than the limit in memory
    uploaded_file.seek(0)
    if len(data) > max_bytes:
        _reject(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(max_bytes)}, "too_large")
    if not data:
        _reject(_("The file is empty."), "empty")
    if _looks_like_markup(data):
        _reject(
            _("SVG and other drawings or documents are not accepted: upload a JPEG, PNG, WebP or GIF photo."), "svg"
        )

    # Read the header only: the size and frames are checked before a pixel is decoded.
    _pillow_limit()
    try:
        with warnings.catch_warnings():
            # Between 1× and 2× the limit Pillow only warns: the check below refuses
            # those, saying how big the picture is.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data), formats=_READERS)
    except PILImage.DecompressionBombError as error:
        # Over twice the limit Pillow refuses from the header alone; its message
        # holds the pixel count the file claims.
        message = _("The picture has more pixels than the limit of %(limit)s megapixels.") % {
            "limit": _megapixels(max_pixels)
        }
        if claimed := re.search(r"\((\d+) pixels\)", str(error)):
            message += " " + _("The file claims %(megapixels)s megapixels.") % {
                "megapixels": _megapixels(int(claimed[1]))
            }
        _reject(message, "too_many_pixels")
    except UnidentifiedImageError:
        if kind := _named_kind(data[:64]):
            _reject(
                _("%(format)s files are not supported: upload a JPEG, PNG, WebP or GIF photo.") % {"format": kind},
                "unsupported_format",
            )
        _reject(_("This file is not a picture we can read: upload a JPEG, PNG, WebP or GIF photo."), "not_an_image")
    except Exception:  # a header that breaks a reader: any error means "damaged", never a 500
        _reject(_("The picture is damaged or incomplete (was the upload cut short?)."), "damaged")

    with picture:
        kind = picture.format
        width, height = picture.size
        per_frame = max(width * height, 1)
        counted = max(max_pixels // per_frame, _FRAMES_COUNTED)
        frames = _frame_count(picture, data, stop_after=counted)
        if per_frame * frames > max_pixels:
            if frames <= 1:
                in_frames = ""
            elif kind == "GIF" and frames > counted:  # counting stopped there
                in_frames = _(" in more than %(n)s frames") % {"n": f"{counted:,}"}
            else:
                in_frames = _(" in %(n)s frames") % {"n": f"{frames:,}"}
            _reject(
                _(
                    "The picture is %(width)s × %(height)s pixels%(frames)s, more than the limit of "
                    "%(limit)s megapixels."
                )
                % {"width": width, "height": height, "frames": in_frames, "limit": _megapixels(max_pixels)},
                "too_many_pixels",
            )
        try:
            picture.load()  # decode every pixel (of the first frame) once: a truncated file fails here
        except Exception:  # Pillow's decoders raise OSError, ValueError, EOFError, SyntaxError…
            _reject(_("The picture is damaged or incomplete (was the upload cut short?)."), "damaged")
        width, height = _upright_size(picture)
        metadata = read_metadata(picture)  # after load(): a PNG may carry its text after the pixels
    return UploadInfo(
        width=width,
        height=height,
        format=ACCEPTED_FORMATS[kind],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        metadata=metadata,
        frames=frames,
    )


# -- Metadata read from the photo ----------------------------------------------------

_IPTC_FIELDS = {  # IPTC IIM record 2 dataset → our field
    (2, 110): "credit",
    (2, 80): "creator",  # By-line
    (2, 116): "copyright_holder",  # Copyright Notice
    (2, 120): "caption",  # Caption/Abstract
    (2, 115): "source",
    (2, 5): "title",  # Object Name
}
_IPTC_REPEATABLE = {"creator"}  # a photo may have several by-lines
_IPTC_UTF8 = b"\x1b%G"  # dataset 1:90 (coded character set) saying UTF-8

_EXIF_FIELDS = {0x013B: "creator", 0x8298: "copyright_holder", 0x010E: "caption"}  # Artist, Copyright, ImageDescription
#: What cameras and phones write into ImageDescription by themselves: not a caption.
_EXIF_JUNK = re.compile(
    r"^(?:|\W+|[\w ]*digital (?:still )?camera|sony dsc|dcim|default|untitled|image|picture|samsung|lg electronics)$",
    re.IGNORECASE,
)

_DC = "{http://purl.org/dc/elements/1.1/}"
_PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XMP_FIELDS = {
    "credit": _PHOTOSHOP + "Credit",
    "creator": _DC + "creator",
    "copyright_holder": _DC + "rights",
    "caption": _DC + "description",
    "source": _PHOTOSHOP + "Source",
    "title": _DC + "title",
}


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def _clean(value):
    """One line of text, no control characters (they are not allowed in XML either)."""
    if value is None:
        return ""
    return " ".join(_CONTROL_CHARACTERS.sub(" ", str(value)).split())[:500]


def _looks_korean(text, at_least=1):
    """Every non-ASCII character is Korean script or a CJK/enclosed symbol (ⓒ, ·), and
    there are ``at_least`` Hangul syllables."""
    syllables = 0
    for character in text:
        code = ord(character)
        if 0xAC00 <= code <= 0xD7A3:
            syllables += 1
        elif code > 0x7F and not (
            0x1100 <= code <= 0x11FF  # jamo
            or 0x3000 <= code <= 0x33FF  # CJK punctuation, compatibility jamo, enclosed
            or 0x4E00 <= code <= 0x9FFF  # hanja
            or 0x2460 <= code <= 0x24FF  # ⓒ and other enclosed alphanumerics
            or 0xFF00 <= code <= 0xFFEF  # full-width forms
            or character in "·※○●◎◇◆□■△▲▽▼→←↑↓"
        ):
            return False
    return syllables >= at_least


def _decode_legacy(raw):
    """Text from a file that does not say its encoding (IPTC without 1:90, EXIF).

    UTF-8 first: other encodings are almost never valid UTF-8 by accident. Then
    Korean: EUC-KR, and CP949 (its Windows superset) only for text that reads as
    Korean with two syllables or more, because CP949 also "decodes" Latin-1
    ``©AFP`` into one odd syllable and "FP". Then Windows-1252/Latin-1, the IIM default.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding, at_least in (("euc_kr", 1), ("cp949", 2)):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_korean(text, at_least):
            return text
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _iptc_datasets(picture):
    """IPTC IIM datasets from a JPEG's Photoshop (APP13, 8BIM 0x0404) block:
    ``{(record, dataset): [bytes, …]}``.

    Parsed here rather than with Pillow's ``getiptcinfo``, which raises on the
    first malformed dataset and loses the good ones before it.
    """
    block = (picture.info.get("photoshop") or {}).get(0x0404)
    if not isinstance(block, bytes):
        return {}
    found = {}
    position = 0
    while position + 5 <= len(block) and block[position] == 0x1C:
        record, number = block[position + 1], block[position + 2]
        (length,) = struct.unpack_from(">H", block, position + 3)
        position += 5
        if length & 0x8000:  # extended dataset: the length is in the next (length & 0x7FFF) bytes
            size = length & 0x7FFF
            if size > 4:
                break
            length = int.from_bytes(block[position : position + size], "big")
            position += size
        value = block[position : position + length]
        if len(value) < length:  # cut short
            break
        found.setdefault((record, number), []).append(value)
        position += length
    return found


def _read_iptc(picture):
    datasets = _iptc_datasets(picture)
    utf8 = datasets.get((1, 90), [b""])[0].startswith(_IPTC_UTF8)
    values = {}
    for key, name in _IPTC_FIELDS.items():
        texts = [
            _clean(raw.decode("utf-8", "replace") if utf8 else _decode_legacy(raw)) for raw in datasets.get(key, [])
        ]
        texts = [text for text in texts if text]
        if texts:
            values[name] = ", ".join(dict.fromkeys(texts)) if name in _IPTC_REPEATABLE else texts[0]
    return values


def _xmp_root(raw):
    """The parsed XMP packet, or ``None``. defusedxml refuses DTDs with entities
    (the "billion laughs"); padding or junk around the packet is cut away."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    raw = raw.strip(b"\x00 \t\r\n")
    candidates = [raw]
    for start_tag, end_tag in ((b"<x:xmpmeta", b"</x:xmpmeta>"), (b"<rdf:RDF", b"</rdf:RDF>")):
        start, end = raw.find(start_tag), raw.rfind(end_tag)
        if 0 <= start < end:
            candidates.append(raw[start : end + len(end_tag)])
    for candidate in candidates:
        try:
            return SafeElementTree.fromstring(candidate)
        except Exception:  # ParseError, EntitiesForbidden…: try the next cut
            continue
    return None


def _xmp_text(element):
    """A property's text: the x-default (else the first) entry of a language
    alternative; every entry of a list (several creators), joined."""
    for container in element:
        if container.tag in (_RDF + "Alt", _RDF + "Seq", _RDF + "Bag"):
            entries = [entry for entry in container if entry.tag == _RDF + "li"]
            if container.tag == _RDF + "Alt":
                entries.sort(key=lambda entry: entry.get(_XML_LANG) != "x-default")
                return next((text for entry in entries if (text := _clean(entry.text))), "")
            return ", ".join(text for entry in entries if (text := _clean(entry.text)))
    return _clean(element.text)


def _read_xmp(picture):
    raw = picture.info.get("xmp")
    root = _xmp_root(raw) if raw else None
    if root is None:
        return {}
    values = {}
    for description in root.iter(_RDF + "Description"):
        for name, tag in _XMP_FIELDS.items():
            if name in values:
                continue
            text = _clean(description.get(tag))  # simple properties may be attributes
            if not text and (element := description.find(tag)) is not None:
                text = _xmp_text(element)
            if text:
                values[name] = text
    return values


def _read_exif(picture):
    exif = picture.getexif()
    values = {}
    for tag, name in _EXIF_FIELDS.items():
        raw = exif.get(tag)
        if isinstance(raw, str):
            # Pillow decodes EXIF text as Latin-1; phones and Windows write UTF-8 there.
            raw = raw.encode("latin-1", "replace")
        if isinstance(raw, bytes):
            text = _clean(_decode_legacy(raw))
            if text and not (name == "caption" and _EXIF_JUNK.match(text)):
                values[name] = text
    return values


def read_metadata(picture):
    """Credit, creator, copyright, caption and source the file carries, by origin:
    ``{"iptc": {...}, "xmp": {...}, "exif": {...}}`` (only what was found).

    A broken block never refuses the photo: it just reads as nothing."""
    found = {}
    for origin, reader in (("iptc", _read_iptc), ("xmp", _read_xmp), ("exif", _read_exif)):
        try:
            values = reader(picture)
        except Exception:  # a broken block reads as nothing
            values = {}
        if values:
            found[origin] = values
    return found


def suggested_fields(metadata):
    """The Image fields the metadata can prefill, IPTC first, then XMP, then EXIF."""
    suggestions = {}
    for origin in ("iptc", "xmp", "exif"):
        for name, value in metadata.get(origin, {}).items():
            suggestions.setdefault(name, value)
    if "credit" not in suggestions and "source" in suggestions:
        suggestions["credit"] = suggestions["source"]
    return {
        name: value
        for name, value in suggestions.items()
        if name in {"credit", "creator", "copyright_holder", "caption"}
    }


def apply_suggestions(image, metadata):
    """Fill the image's blank fields from what the photo carries; never overwrite."""
    for name, value in suggested_fields(metadata).items():
        if not getattr(image, name):
            setattr(image, name, value[: image._meta.get_field(name).max_length or None])


# -- Renditions -----------------------------------------------------------------------


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
    with contextlib.suppress(Exception):  # a malformed EXIF block: show the pixels as stored
        picture = ImageOps.exif_transpose(picture)
    if picture.mode in {"I;16", "I;16L", "I;16B", "I;16N", "I"}:
        # 16-bit greyscale: convert("L") clips everything above 255 to white.
        picture = picture.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if picture.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in picture.info:
        picture = picture.convert("RGBA")
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    if picture.mode not in {"RGB", "CMYK", "L"}:  # palette, 1-bit, YCbCr, LAB…
        picture = picture.convert("RGB")
    if max_width and picture.width > max_width:
        height = max(1, round(picture.height * max_width / picture.width))
        picture = picture.resize((max_width, height), PILImage.Resampling.LANCZOS)
    picture = _to_srgb(picture, icc_profile)
    picture.info = {}
    return picture


def _to_srgb(picture, icc_profile):
    if icc_profile and ImageCms is not None and picture.mode in {"RGB", "CMYK", "L"}:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(picture, source, _SRGB, outputMode="RGB")
        except Exception:  # a broken or mismatched profile: plain conversion below
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
    needed = WIDTHS[-1] / width
    for ratio_w, ratio_h, widths in CROPS.values():
        left, _top, right, _bottom = _crop_box(width, height, ratio_w, ratio_h, 0.5, 0.5)
        needed = max(needed, widths[-1] / max(right - left, 1))
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
        for width in WIDTHS:
            if width > source_width and width != WIDTHS[0]:
                continue  # never enlarged; the smallest is always made
            target_width = min(width, picture.width)
            # The height from the original's proportions, not the working picture's rounded ones.
            height = max(1, round(source_height * target_width / source_width))
            store(f"w{width}", resized(picture, target_width, height))
        for name, (ratio_w, ratio_h, widths) in CROPS.items():
            box = _crop_box(picture.width, picture.height, ratio_w, ratio_h, image.focal_x, image.focal_y)
            cropped = picture.crop(box)
            for width in widths:
                target_width = min(width, cropped.width)
                target_height = max(1, round(target_width * ratio_h / ratio_w))
                store(f"{name}{width}", resized(cropped, target_width, target_height))
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
