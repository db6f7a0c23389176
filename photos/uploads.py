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
import threading
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError, features

from .metadata import read_metadata

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

#: The extension an original is stored under: from the format the decoder
#: recognised, never from the name the client sent ("x.jpg.php" is a JPEG).
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WebP": ".webp", "GIF": ".gif", "AVIF": ".avif", "HEIC": ".heic"}


def stored_name(format_name):
    """The name handed to storage for an original of ``format_name`` (``UploadInfo.format``)."""
    return "original" + EXTENSIONS[format_name]


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


_slots = None
_slots_lock = threading.Lock()
_held = threading.local()


def _semaphore():
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(max(1, settings.NEWSROOM_UPLOADS_AT_ONCE))
        return _slots


def busy_error():
    return ValidationError(
        _("The desk is processing other photos right now. Nothing was saved; send this one again in a moment."),
        code="busy",
    )


def _acquire(wait):
    """Take a slot for this thread (or count one more use of the slot it holds)."""
    if getattr(_held, "depth", 0):
        _held.depth += 1
        return True
    if getattr(_held, "no_wait", False):
        wait = 0
    if not _semaphore().acquire(timeout=settings.NEWSROOM_UPLOAD_WAIT_SECONDS if wait is None else wait):
        return False
    _held.depth = 1
    return True


def _release():
    _held.depth -= 1
    if _held.depth == 0:
        _semaphore().release()


@contextlib.contextmanager
def processing_slot(wait=None):
    """Hold one of the process's ``NEWSROOM_UPLOADS_AT_ONCE`` slots for decoding
    photos, so that a worker's memory is bounded however many uploads arrive at
    once (each costs up to ``NEWSROOM_UPLOAD_MEMORY_MB``). Waits up to
    ``NEWSROOM_UPLOAD_WAIT_SECONDS``, then raises the "busy" ``ValidationError``.
    Re-entrant within a thread: a request that holds a slot decodes freely."""
    if not _acquire(wait):
        raise busy_error()
    try:
        yield
    finally:
        _release()


@contextlib.contextmanager
def request_slot():
    """For a whole request that uploads: the slot is held from the form's checks
    to the last rendition; when none comes free in time, the checks fail at once
    with the "busy" error (a form error: the fields typed are kept)."""
    if _acquire(None):
        try:
            yield
        finally:
            _release()
        return
    _held.no_wait = True
    try:
        yield
    finally:
        _held.no_wait = False


def inspect_upload(uploaded_file):
    """Check an uploaded file and describe it, or raise ``ValidationError`` saying
    what is wrong and what the limit is. Nothing is written anywhere."""
    with processing_slot():
        return _inspect(uploaded_file)


def _inspect(uploaded_file):
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
        if per_frame > max_pixels_for(kind):
            _reject(
                _(
                    "A %(format)s picture may have at most %(limit)s megapixels; this one is %(width)s × "
                    "%(height)s. Save it as JPEG (up to %(jpeg)s megapixels), or make it smaller."
                )
                % {
                    "format": ACCEPTED_FORMATS[kind],
                    "limit": _megapixels(max_pixels_for(kind)),
                    "width": width,
                    "height": height,
                    "jpeg": _megapixels(max_pixels),
                },
                "too_many_pixels",
            )
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
        width, height = _upright_size(picture)
        if kind in SCALED_DECODE:
            # libjpeg still reads every block at 1/8 scale (a truncated file fails
            # just the same), for 1/64 of the memory.
            picture.draft(picture.mode, (math.ceil(picture.width / 8), math.ceil(picture.height / 8)))
        try:
            picture.load()  # decode every pixel (of the first frame) once: a truncated file fails here
        except Exception:  # Pillow's decoders raise OSError, ValueError, EOFError, SyntaxError…
            _reject(_("The picture is damaged or incomplete (was the upload cut short?)."), "damaged")
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


#: Formats whose decoder delivers the pixels at 1/2, 1/4 or 1/8 scale (libjpeg's
#: DCT scaling): the checks and the renditions never hold them at full size.
SCALED_DECODE = {"JPEG", "MPO"}

#: What one upload costs a worker, in bytes of peak memory per pixel, by format
#: (the worst mode of each: RGBA for PNG, animated WebP's decoder for WebP),
#: measured with bench/upload_memory.py. The others are decoded whole.
BYTES_PER_PIXEL = {"JPEG": 0.5, "MPO": 0.5, "PNG": 10.0, "GIF": 7.0, "WEBP": 17.0}
_UNMEASURED = 17.0  # AVIF, HEIF: decoded whole, like WebP


def max_pixels_for(image_format):
    """The most pixels (per frame) a picture of this Pillow format may have: the
    pixel limit, or less where decoding it would cost a worker more than
    ``NEWSROOM_UPLOAD_MEMORY_MB``."""
    budget = settings.NEWSROOM_UPLOAD_MEMORY_MB * 1024 * 1024
    by_memory = int(budget / BYTES_PER_PIXEL.get(image_format, _UNMEASURED))
    return min(settings.NEWSROOM_MAX_IMAGE_PIXELS, by_memory)
