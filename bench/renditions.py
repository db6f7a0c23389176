"""How long a 24-megapixel photo takes to accept and to turn into its renditions.

    DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/renditions.py [--runs 5]

Makes a 6000 × 4000 JPEG that looks like a photo to the encoder (smooth
gradients, shapes, a little sensor noise; roughly the size a 24 MP camera
writes), then times ``inspect_upload`` (size and pixel checks, one full decode,
metadata) and ``generate_renditions`` (the whole public set, WebP and JPEG) and
prints the median of the runs. Needs no database: the image is not saved, its
files go to the temporary media folders of the settings used.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PIL import ImageDraw, ImageFilter  # noqa: E402

from photos.models import Image  # noqa: E402
from photos.renditions import delete_rendition_files, generate_renditions  # noqa: E402
from photos.uploads import inspect_upload  # noqa: E402

WIDTH, HEIGHT = 6000, 4000


def photo_like_jpeg(width=WIDTH, height=HEIGHT, quality=92):
    """Gradients and soft shapes (the sky, a face, a wall) under fine sensor noise."""
    red = PILImage.linear_gradient("L").resize((width, height))
    green = PILImage.radial_gradient("L").resize((width, height))
    blue = red.transpose(PILImage.Transpose.FLIP_TOP_BOTTOM)
    picture = PILImage.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(picture)
    for index in range(40):
        x, y = (index * 7919) % width, (index * 104729) % height
        size = 150 + (index * 37) % 900
        colour = ((index * 53) % 256, (index * 97) % 256, (index * 31) % 256)
        draw.ellipse((x, y, x + size, y + size * 2 // 3), fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(6))
    noise = PILImage.effect_noise((width, height), 30).convert("RGB")
    picture = PILImage.blend(picture, noise, 0.25)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=quality, subsampling=0)
    return buffer.getvalue()


def timed(function, runs):
    """Median wall-clock seconds, min, max, and the median CPU seconds of this
    process (steadier than wall-clock on a busy machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), min(wall), max(wall), statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    data = photo_like_jpeg()
    print(
        f"test photo: {WIDTH} × {HEIGHT} JPEG, {len(data) / 1e6:.1f} MB (made in {time.perf_counter() - started:.1f} s)"
    )

    def inspect():
        return inspect_upload(SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg"))

    info = inspect()
    image = Image(alt_text="bench", credit="본지DB", creator="Bench", width=info.width, height=info.height)
    image.file.save("bench.jpg", ContentFile(data), save=False)
    made = []

    def render():
        made.append(generate_renditions(image))

    try:
        inspect_median, inspect_min, inspect_max, inspect_cpu = timed(inspect, args.runs)
        render_median, render_min, render_max, render_cpu = timed(render, args.runs)
        renditions = made[-1]
        files = sum(1 for record in renditions.values() for key in ("webp", "jpeg") if key in record)
        sizes = ", ".join(f"{name} {record['width']}×{record['height']}" for name, record in renditions.items())
    finally:
        for renditions in made:
            delete_rendition_files(renditions)
        image.file.delete(save=False)

    print(f"runs: {args.runs}; wall-clock median (min–max), CPU median")
    print(f"inspect_upload:      {inspect_median:.3f} s ({inspect_min:.3f}–{inspect_max:.3f}), CPU {inspect_cpu:.3f} s")
    print(f"generate_renditions: {render_median:.3f} s ({render_min:.3f}–{render_max:.3f}), CPU {render_cpu:.3f} s")
    print(f"upload total:        {inspect_median + render_median:.3f} s, CPU {inspect_cpu + render_cpu:.3f} s")
    print(f"{files} files: {sizes}")


if __name__ == "__main__":
    main()
