"""What one upload of the largest photo the limits admit costs a worker in memory.

    .venv/bin/python bench/upload_memory.py            # every case, a table of peak RSS above idle
    .venv/bin/python bench/upload_memory.py --case jpeg

For each case a child process makes the file (a photo-like picture just under
the pixel limit and the byte limit), then a fresh process — an idle worker: Django
set up, the photo modules imported — takes it through the upload path
(``inspect_upload``: the checks, one decode, the metadata; then
``generate_renditions``: every public rendition in WebP and JPEG) and reports its
peak resident memory above what it held before (``ru_maxrss``, the kernel's
high-water mark), the upload's own bytes included, as a request holds them.
Needs no database.
"""

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

#: case → (format, mode, pixels as a fraction of the limit that applies to it)
CASES = {
    "jpeg": ("JPEG", "RGB"),
    "png-rgba": ("PNG", "RGBA"),
    "png-rgb": ("PNG", "RGB"),
    "webp": ("WEBP", "RGB"),
    "gif": ("GIF", "P"),
}


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def make(case, path):
    """Write the case's file: as many pixels as its limit admits, within the byte limit."""
    import django

    django.setup()
    from django.conf import settings
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFilter

    from photos.uploads import max_pixels_for

    image_format, mode = CASES[case]
    pixels = max_pixels_for(image_format) - 1000
    width = int((pixels * 3 / 2) ** 0.5)
    height = pixels // width
    base = PILImage.linear_gradient("L").resize((width, height))
    picture = PILImage.merge("RGB", (base, base.transpose(PILImage.Transpose.ROTATE_180), base))
    draw = ImageDraw.Draw(picture)
    for index in range(30):
        x, y = (index * 7919) % width, (index * 104729) % height
        size = width // 12 + (index * 37) % (width // 6)
        draw.ellipse((x, y, x + size, y + size * 2 // 3), fill=((index * 53) % 256, (index * 97) % 256, 90))
    picture = picture.filter(ImageFilter.GaussianBlur(4))
    if image_format == "JPEG":  # a camera's grain, so the file is as big as a real one
        noise = PILImage.effect_noise((width, height), 40).convert("RGB")
        picture = PILImage.blend(picture, noise, 0.2)
    if mode == "RGBA":
        picture.putalpha(PILImage.linear_gradient("L").resize((width, height)))
    elif mode == "P":
        picture = picture.quantize(64)
    for quality in (92, 85, 80, 70, 60):
        buffer = io.BytesIO()
        options = {"quality": quality} if image_format in {"JPEG", "WEBP"} else {"optimize": False}
        picture.save(buffer, image_format, **options)
        if buffer.tell() <= settings.NEWSROOM_MAX_UPLOAD_BYTES:
            break
    Path(path).write_bytes(buffer.getvalue())
    print(f"{width}×{height} {buffer.tell() / 1e6:.1f} MB")


def measure(case, path):
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from photos.models import Image
    from photos.renditions import delete_rendition_files, generate_renditions
    from photos.uploads import inspect_upload

    idle = peak_mb()
    data = Path(path).read_bytes()  # the upload's bytes count: a request holds them too
    started = time.perf_counter()
    info = inspect_upload(SimpleUploadedFile("photo", data))
    after_inspect = peak_mb()
    image = Image(alt_text="bench", credit="본지DB", width=info.width, height=info.height)
    image.file.save("bench", ContentFile(data), save=False)
    renditions = generate_renditions(image)
    seconds = time.perf_counter() - started
    peak = peak_mb()
    delete_rendition_files(renditions)
    image.file.delete(save=False)
    print(f"{idle:.0f} {after_inspect - idle:.0f} {peak - idle:.0f} {seconds:.1f} {info.width}x{info.height}")


def budget():
    import django

    django.setup()
    from django.conf import settings

    return settings.NEWSROOM_UPLOAD_MEMORY_MB


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--make", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        return make(*args.make)
    if args.measure:
        return measure(*args.measure)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for case in args.case or CASES:
            path = os.path.join(folder, case)
            made = subprocess.run([sys.executable, __file__, "--make", case, path], capture_output=True, text=True)
            if made.returncode:
                sys.exit(made.stderr)
            run = subprocess.run([sys.executable, __file__, "--measure", case, path], capture_output=True, text=True)
            if run.returncode:
                sys.exit(run.stderr)
            idle, inspect_mb, peak, seconds, _size = run.stdout.split()
            rows.append((case, made.stdout.strip(), idle, inspect_mb, peak, seconds))
    print(f"run {time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}, NEWSROOM_UPLOAD_MEMORY_MB={budget()}\n")
    print("| case | file | idle worker (MB) | peak above idle: checks (MB) | peak above idle: upload (MB) | seconds |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
