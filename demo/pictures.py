"""The demo's pictures, drawn with Pillow: no downloads, no fonts beyond
Pillow's own, and no Hangul in them (a Korean font may be absent).

``demo/content/images.toml`` names, for each photo of the library, a
``drawing``: its ``kind`` (``podium``, ``microphone``, ``skyline``,
``server_aisle``, ``chip``, ``audience`` or ``post``, a screenshot of a social
post) and that function's arguments. ``draw(drawing)`` gives the JPEG bytes.
"""

import io
import itertools
import random
import textwrap

from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw, ImageFilter, ImageFont

PHOTO_SIZE = (1600, 900)
SCREENSHOT_WIDTH = 1200


def _vertical_gradient(size, top, bottom):
    mask = PILImage.linear_gradient("L").resize(size)
    return PILImage.composite(PILImage.new("RGB", size, bottom), PILImage.new("RGB", size, top), mask)


def _falloff(size, strength=1.0):
    """A soft disc (an ellipse when ``size`` is not square): full at the centre, nothing at the rim."""
    # Pillow's radial gradient reaches 181 at the middle of an edge (255 only in the corners).
    disc = PILImage.radial_gradient("L").point(lambda value: int(strength * max(0.0, 1 - value / 181) ** 1.5 * 255))
    return disc.resize(size)


def _glow(picture, centre, radius, colour, strength=1.0):
    """A soft round light: a spotlight, the sun behind haze, a lit screen."""
    mask = PILImage.new("L", picture.size, 0)
    mask.paste(_falloff((radius * 2, radius * 2), strength), (centre[0] - radius, centre[1] - radius))
    return PILImage.composite(PILImage.new("RGB", picture.size, colour), picture, mask)


def _blur(picture, radius):
    """A wide Gaussian blur, done at a quarter of the size: as soft, many times faster."""
    width, height = picture.size
    small = picture.resize((width // 4, height // 4), PILImage.Resampling.BILINEAR)
    return small.filter(ImageFilter.GaussianBlur(radius / 4)).resize((width, height), PILImage.Resampling.BILINEAR)


def _bokeh(picture, rng, colours, count, max_radius, area=None):
    """Out-of-focus lights: blurred discs added on top of the picture."""
    left, top, right, bottom = area or (0, 0, *picture.size)
    layer = PILImage.new("RGB", picture.size, (0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(count):
        radius = rng.randint(max_radius // 4, max_radius)
        x, y = rng.randint(left, right), rng.randint(top, bottom)
        dim = rng.uniform(0.25, 0.7)
        colour = tuple(int(channel * dim) for channel in rng.choice(colours))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    return ImageChops.add(picture, _blur(layer, max_radius / 5))


def _finish(picture, rng, grain=10, softness=1.0):
    """What makes a drawing look photographed: a little softness, a vignette, film grain."""
    picture = picture.filter(ImageFilter.GaussianBlur(softness))
    width, height = picture.size
    vignette = ImageChops.invert(_falloff((width * 3 // 2, height * 3 // 2), 0.25))
    vignette = vignette.point(lambda value: max(0, value - 190) * 2)
    vignette = vignette.crop((width // 4, height // 4, width // 4 + width, height // 4 + height))
    picture = PILImage.composite(PILImage.new("RGB", picture.size, (0, 0, 0)), picture, vignette)
    # Grain from a seeded generator, so the same demo photo is the same file every time.
    small = (width // 4, height // 4)
    noise = PILImage.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize((width, height))
    noise = noise.point(lambda value: 128 + (value - 128) * grain // 128)
    darker = ImageChops.subtract(picture, PILImage.new("RGB", picture.size, (8, 8, 8)))
    return ImageChops.add(darker, PILImage.merge("RGB", (noise, noise, noise)), offset=-120)


def _person(draw, cx, head_y, scale, colour, microphone=None):
    """A silhouette from the waist up, facing the camera; with ``microphone`` (its
    colour) the right hand holds one to the mouth."""

    def box(x, y, half_w, half_h):
        return (x - half_w * scale, y - half_h * scale, x + half_w * scale, y + half_h * scale)

    draw.ellipse(box(cx, head_y, 62, 78), fill=colour)
    draw.rectangle((cx - 26 * scale, head_y + 50 * scale, cx + 26 * scale, head_y + 120 * scale), fill=colour)
    draw.rounded_rectangle(
        (cx - 200 * scale, head_y + 105 * scale, cx + 200 * scale, head_y + 700 * scale),
        radius=int(110 * scale),
        fill=colour,
    )
    if microphone:
        shoulder = (cx + 150 * scale, head_y + 190 * scale)
        elbow = (cx + 210 * scale, head_y + 400 * scale)
        hand = (cx + 85 * scale, head_y + 120 * scale)
        draw.line([shoulder, elbow, hand], fill=colour, width=int(70 * scale), joint="curve")
        draw.ellipse(box(*hand, 40, 40), fill=colour)
        head = (hand[0] - 35 * scale, hand[1] - 95 * scale)
        draw.line([hand, head], fill=microphone, width=int(26 * scale))
        draw.ellipse(box(*head, 30, 30), fill=microphone)


def draw_podium(seed, sky, stage, accent, logo=""):
    """A speaker at a lectern, backlit on a stage, with out-of-focus lights behind."""
    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    picture = _vertical_gradient(PHOTO_SIZE, sky, stage)
    picture = _glow(picture, (width // 2 + rng.randint(-200, 200), 260), 620, accent, 0.9)
    picture = _bokeh(picture, rng, [accent, (255, 240, 220), sky], 38, 60, (0, 0, width, 560))
    draw = ImageDraw.Draw(picture)
    cx = width // 2 + rng.randint(-180, 180)
    _person(draw, cx, 330, 1.0, (18, 18, 24))
    draw.polygon([(cx - 250, 560), (cx + 250, 560), (cx + 215, height), (cx - 215, height)], fill=(44, 38, 36))
    draw.polygon([(cx - 250, 560), (cx + 250, 560), (cx + 245, 585), (cx - 245, 585)], fill=(70, 62, 58))
    for offset in (-45, 45):
        draw.line([(cx + offset, 565), (cx + offset * 1.6, 430)], fill=(10, 10, 10), width=7)
        draw.ellipse((cx + offset * 1.6 - 12, 415, cx + offset * 1.6 + 12, 442), fill=(25, 25, 25))
    draw.ellipse((cx - 44, 650, cx + 44, 738), outline=accent, width=6)
    if logo:
        draw.text((cx, 775), logo, fill=(200, 196, 190), font=ImageFont.load_default(size=30), anchor="mm")
    return _finish(picture, rng)


def draw_microphone(seed, sky, stage, accent):
    """A speaker holding a microphone under a spotlight."""
    rng = random.Random(seed)
    width, _height = PHOTO_SIZE
    picture = _vertical_gradient(PHOTO_SIZE, sky, stage)
    picture = _glow(picture, (width // 3, 160), 700, accent, 1.0)
    picture = _bokeh(picture, rng, [accent, (255, 255, 255)], 30, 70)
    _person(ImageDraw.Draw(picture), width // 3 + rng.randint(-60, 60), 300, 1.05, (16, 14, 20), (40, 40, 44))
    return _finish(picture, rng)


def draw_skyline(seed, sky, ground, window, sun=None):
    """A city skyline at dusk, its lit windows mirrored in the river."""
    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    horizon = 620
    picture = _vertical_gradient(PHOTO_SIZE, sky, ground)
    if sun:
        picture = _glow(picture, (rng.randint(300, 1300), horizon - 40), 380, sun, 0.95)
    draw = ImageDraw.Draw(picture)
    for layer, (shade, lowest, highest) in enumerate((((70, 70, 95), 120, 360), ((22, 22, 34), 160, 520))):
        x = -rng.randint(0, 60)
        while x < width:
            building_w, building_h = rng.randint(50, 150), rng.randint(lowest, highest)
            top = horizon - building_h
            colour = tuple(max(0, channel + rng.randint(-8, 8)) for channel in shade)
            draw.rectangle((x, top, x + building_w, horizon), fill=colour)
            if rng.random() < 0.15:
                mast = x + building_w // 2
                draw.line([(mast, top), (mast, top - rng.randint(40, 110))], fill=colour, width=4)
            if layer == 1:
                for wy in range(top + 14, horizon - 10, 22):
                    for wx in range(x + 8, x + building_w - 12, 18):
                        if rng.random() < 0.35:
                            draw.rectangle((wx, wy, wx + 8, wy + 10), fill=window)
            x += building_w + rng.randint(-10, 14)
    reflection = picture.crop((0, 2 * horizon - height, width, horizon)).transpose(PILImage.Transpose.FLIP_TOP_BOTTOM)
    picture.paste(_blur(reflection, 6).point(lambda value: int(value * 0.55)), (0, horizon))
    draw = ImageDraw.Draw(picture)
    ripple = tuple(channel // 2 for channel in window)
    for _ in range(60):
        x, y = rng.randint(0, width), rng.randint(horizon + 5, height)
        draw.line([(x, y), (x + rng.randint(20, 120), y)], fill=ripple, width=1)
    return _finish(picture, rng, softness=0.8)


def draw_server_aisle(seed, light, leds):
    """An aisle between server racks, receding to a bright end."""
    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    vx, vy = width // 2 + rng.randint(-120, 120), height // 2 - 30
    picture = _glow(PILImage.new("RGB", PHOTO_SIZE, (8, 12, 20)), (vx, vy), 460, light, 1.0)
    draw = ImageDraw.Draw(picture)
    depths = (0.0, 0.38, 0.58, 0.70, 0.78, 0.84, 0.88, 0.91, 0.935, 0.955, 0.97)
    for edge in (0, width):
        for rack, (near, far) in enumerate(itertools.pairwise(depths)):
            x1, x2 = edge + (vx - edge) * near, edge + (vx - edge) * far
            top1, bottom1 = vy * near, height - (height - vy) * near
            top2, bottom2 = vy * far, height - (height - vy) * far
            shade = 26 + rack * 4
            draw.polygon([(x1, top1), (x2, top2), (x2, bottom2), (x1, bottom1)], fill=(shade, shade + 4, shade + 12))
            draw.line([(x2, top2), (x2, bottom2)], fill=(4, 6, 10), width=max(1, int(6 * (1 - far))))
            for row in range(1, 14):
                for column in range(1, 5):
                    u = column / 5
                    top, bottom = top1 + (top2 - top1) * u, bottom1 + (bottom2 - bottom1) * u
                    x, y = x1 + (x2 - x1) * u, top + (bottom - top) * row / 14
                    if rng.random() < 0.55:
                        radius = max(1, int(5 * (1 - far * 0.9)))
                        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rng.choice(leds))
    for tile in range(1, 12):
        y = height - (height - vy) * (1 - 1 / (1 + tile * 0.5))
        draw.line([(0, y), (width, y)], fill=(30, 36, 48), width=1)
    picture = _bokeh(picture, rng, leds, 12, 40)
    return _finish(picture, rng, softness=0.9)


def draw_chip(seed, board, trace, label=""):
    """A processor on a circuit board, close up, with a shallow depth of field."""
    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    picture = _vertical_gradient(PHOTO_SIZE, board, tuple(int(channel * 0.55) for channel in board))
    draw = ImageDraw.Draw(picture)
    for _ in range(160):
        x, y = rng.randint(0, width), rng.randint(0, height)
        points = [(x, y)]
        for _ in range(rng.randint(2, 5)):
            if rng.random() < 0.5:
                x += rng.choice((-1, 1)) * rng.randint(40, 260)
            else:
                y += rng.choice((-1, 1)) * rng.randint(40, 200)
            points.append((x, y))
        draw.line(points, fill=trace, width=rng.choice((3, 4, 6)))
        draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill=trace)
    cx, cy = width // 2 + rng.randint(-150, 150), height // 2 + rng.randint(-60, 60)
    half = 230
    for i in range(-half + 20, half - 10, 26):
        draw.rectangle((cx + i, cy - half - 24, cx + i + 12, cy + half + 24), fill=(200, 170, 90))
        draw.rectangle((cx - half - 24, cy + i, cx + half + 24, cy + i + 12), fill=(200, 170, 90))
    draw.rounded_rectangle((cx - half, cy - half, cx + half, cy + half), radius=16, fill=(28, 28, 32))
    draw.rounded_rectangle(
        (cx - half + 40, cy - half + 40, cx + half - 40, cy + half - 40), radius=10, fill=(52, 54, 60)
    )
    if label:
        draw.text((cx, cy), label, fill=(170, 172, 180), font=ImageFont.load_default(size=64), anchor="mm")
    focus = PILImage.new("L", PHOTO_SIZE, 0)
    focus.paste(_falloff((1400, 1400)), (cx - 700, cy - 700))
    focus = focus.point(lambda value: min(255, value * 2))
    picture = PILImage.composite(picture, _blur(picture, 9), focus)
    picture = _glow(picture, (cx - 300, cy - 320), 300, (255, 250, 235), 0.35)
    return _finish(picture, rng, softness=0.6)


def draw_audience(seed, wall, screen, heads):
    """An audience from behind, facing a bright screen with a chart: a hall, a classroom."""
    rng = random.Random(seed)
    width, _height = PHOTO_SIZE
    picture = _vertical_gradient(PHOTO_SIZE, wall, tuple(int(channel * 0.5) for channel in wall))
    draw = ImageDraw.Draw(picture)
    left, top = 380 + rng.randint(-80, 80), 90
    draw.rectangle((left, top, left + 840, top + 430), fill=screen)
    for bar in range(6):
        x, bar_height = left + 90 + bar * 115, rng.randint(60, 300)
        draw.rectangle((x, top + 380 - bar_height, x + 70, top + 380), fill=tuple(int(c * 0.6) for c in screen))
    picture = _glow(picture, (left + 420, top + 215), 700, screen, 0.5)
    draw = ImageDraw.Draw(picture)
    for row, (y, scale) in enumerate(((600, 0.32), (660, 0.42), (740, 0.55), (840, 0.72))):
        x = -rng.randint(0, 80)
        while x < width + 100:
            _person(draw, x, y, scale, tuple(max(0, channel - row * 6) for channel in heads))
            x += int(rng.randint(140, 190) * scale * 2.2)
    return _finish(picture, rng, softness=1.1)


def draw_post(*, name, handle, text, when, avatar, stats, dark=False):
    """A screenshot of a post on a fictional social network (English text only)."""
    background, card, ink, muted, rule = (
        ((21, 24, 28), (30, 35, 41), (236, 240, 244), (139, 152, 165), (56, 64, 72))
        if dark
        else ((238, 241, 244), (255, 255, 255), (20, 23, 26), (98, 110, 122), (222, 226, 230))
    )
    lines = textwrap.wrap(text, width=50)
    width, height = SCREENSHOT_WIDTH, 260 + 54 * len(lines) + 200
    picture = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(picture)
    draw.text((60, 38), "social.example", fill=muted, font=ImageFont.load_default(size=26))
    draw.rounded_rectangle((60, 90, width - 60, height - 50), radius=24, fill=card, outline=rule, width=2)
    draw.ellipse((100, 130, 196, 226), fill=avatar)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    draw.text((148, 178), initials, fill=(255, 255, 255), font=ImageFont.load_default(size=40), anchor="mm")
    draw.text((220, 140), name, fill=ink, font=ImageFont.load_default(size=36), stroke_width=1, stroke_fill=ink)
    draw.text((220, 188), f"@{handle}", fill=muted, font=ImageFont.load_default(size=28))
    y = 260
    for line in lines:
        draw.text((100, y), line, fill=ink, font=ImageFont.load_default(size=40))
        y += 54
    draw.text((100, y + 20), when, fill=muted, font=ImageFont.load_default(size=28))
    draw.line([(100, y + 72), (width - 100, y + 72)], fill=rule, width=2)
    draw.text((100, y + 92), stats, fill=muted, font=ImageFont.load_default(size=28))
    return picture


def jpeg_bytes(picture, quality=88):
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


DRAWINGS = {
    "podium": draw_podium,
    "microphone": draw_microphone,
    "skyline": draw_skyline,
    "server_aisle": draw_server_aisle,
    "chip": draw_chip,
    "audience": draw_audience,
    "post": draw_post,
}


def _tuples(value):
    """TOML has arrays; Pillow wants a colour as a tuple (a list of colours stays a list)."""
    if isinstance(value, list):
        items = [_tuples(item) for item in value]
        return items if any(isinstance(item, tuple) for item in items) else tuple(items)
    return value


def draw(drawing):
    """The JPEG of a ``drawing`` table (``kind`` and the function's arguments)."""
    arguments = dict(drawing)
    kind = arguments.pop("kind")
    if kind not in DRAWINGS:
        raise ValueError(f"no drawing called “{kind}” (known: {', '.join(DRAWINGS)})")
    return jpeg_bytes(DRAWINGS[kind](**{name: _tuples(value) for name, value in arguments.items()}))
