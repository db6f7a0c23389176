"""What a photo says about itself: credit, creator, copyright and caption read
from its IPTC (UTF-8 or EUC-KR), XMP and EXIF, offered to fill the image's blank
fields and never overwriting what a reporter typed."""

import re
import struct

from defusedxml import ElementTree as SafeElementTree

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
        except Exception:  # ParseError, EntitiesForbidden…: try the next cut  # noqa: S112 - a malformed packet is expected
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
