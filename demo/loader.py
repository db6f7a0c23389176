# ruff: noqa: E501 - article prose is kept one paragraph per line, as reporters write it.
"""The demo newsroom that ``manage.py seed_demo`` loads.

Everything here is fiction written for this project: the people, companies,
outlets, posts and stories are invented, and no text is taken from a real paper.
The articles have the reference shape of DESIGN.md: a lead photo credited to the
paper's archive, a dozen paragraphs, a social-media post quoted in Korean with
the English original beside it, a screenshot of that post, a pointer to an
earlier article of the paper, an attribution to another outlet backed by a
Citation, and the copyright footer.

Rules the seed keeps:

- It is idempotent: every record is looked up by a stable key (username, author
  and section slug, image file name, source name and kind, quote text, article
  headline and language) and only what is missing is made; nothing that exists
  is changed, so a second run creates and changes nothing.
- Articles are written and moved through the workflow only by the services, as
  a reporter and an editor would in the admin; an embed that points nowhere, or
  an article that could not be published, stops the seed with a message.
- Photos and screenshots are drawn with Pillow (no downloads, no fonts beyond
  Pillow's own, and no Hangul in the pictures since a Korean font may be absent).

The demo logins (documented here and printed by the command):

    reporter / newsroom-reporter   (group "Reporter")
    editor   / newsroom-editor     (group "Editor")
    admin    / newsroom-admin      (superuser)
"""

import datetime
import io
import itertools
import random
import re
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw, ImageFilter, ImageFont

from articles import services
from articles.body import validate_embeds
from articles.models import (
    Article,
    Author,
    CopyrightNotice,
    License,
    Quote,
    Revision,
    Section,
    Source,
    Status,
)
from articles.roles import EDITOR, REPORTER, setup_roles
from photos import services as photo_services
from photos.models import Image


class DemoError(Exception):
    """The demo content is inconsistent (an embed pointing nowhere, an article
    that cannot be published); the seed stops and nothing is saved."""


# -- Who -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    group: str = ""
    superuser: bool = False
    first_name: str = ""
    last_name: str = ""


USERS = (
    DemoUser("reporter", "newsroom-reporter", "Reporter", group=REPORTER, first_name="하늘", last_name="김"),
    DemoUser("editor", "newsroom-editor", "Editor", group=EDITOR, first_name="정우", last_name="박"),
    DemoUser("admin", "newsroom-admin", "Admin (superuser)", superuser=True),
)


@dataclass(frozen=True)
class DemoAuthor:
    slug: str
    name: str
    title: str = ""
    bio: str = ""
    username: str = ""


AUTHORS = (
    DemoAuthor("kim-haneul", "김하늘", "기자", "AI 산업과 스타트업을 취재합니다.", username="reporter"),
    DemoAuthor(
        "park-jungwoo", "박정우", "기자", "반도체와 에너지, 산업 정책을 담당하는 데스크입니다.", username="editor"
    ),
    DemoAuthor("yoon-seojin", "윤서진", "객원기자", "노동과 교육 현장을 쓰는 프리랜서 기자입니다."),
    DemoAuthor("saebyeok-wire", "새벽통신", "", "본지와 기사를 교환하는 제휴 통신사입니다(가상의 매체)."),
)


@dataclass(frozen=True)
class DemoSection:
    slug: str
    name: str
    name_en: str
    position: int


SECTIONS = (
    DemoSection("economy", "경제", "Economy", 1),
    DemoSection("tech", "기술", "Technology", 2),
    DemoSection("world", "국제", "World", 3),
    DemoSection("society", "사회", "Society", 4),
)

NOTICE_NAME = "본지 저작권"
ARCHIVE_CREDIT_KO = "본지DB"
ARCHIVE_CREDIT_EN = "Newsroom Daily archive"


# -- Pictures ----------------------------------------------------------------------

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


DANA_POST = (
    "Scaling alone will not get us to reliable AI. The next decade belongs to models that know what they don't know."
)
PRIYA_POST = (
    "Compute is the new oil. Unlike oil, we waste most of it: idle chips, oversized models, answers nobody reads."
)
POST_DATE = datetime.date(2020, 9, 24)


@dataclass(frozen=True)
class DemoImage:
    """A picture of the library. ``filename`` is its stable key."""

    filename: str
    draw: Callable[[], PILImage.Image]
    alt_text: str
    caption: str
    language: str = "ko"
    copyright_holder: str = ""
    license: str = License.ALL_RIGHTS_RESERVED
    focal: tuple = (0.5, 0.5)

    @property
    def credit(self):
        return ARCHIVE_CREDIT_EN if self.language == "en" else ARCHIVE_CREDIT_KO


IMAGES = (
    DemoImage(
        "demo-podium-northwind.jpg",
        lambda: draw_podium(11, (30, 50, 110), (10, 12, 30), (120, 170, 255), "NORTHWIND AI"),
        "무대 조명을 등지고 노스윈드AI 로고가 붙은 연단에 선 연사의 실루엣",
        "데이나 휘트필드 노스윈드AI 최고경영자가 회사 행사에서 발표하고 있다.",
        focal=(0.5, 0.4),
    ),
    DemoImage(
        "demo-chip-hangyeol.jpg",
        lambda: draw_chip(12, (20, 90, 60), (190, 160, 70), "HG-2"),
        "초록색 회로 기판 위에 놓인 검은색 반도체 칩을 가까이서 찍은 사진",
        "한결반도체의 추론용 AI 칩.",
    ),
    DemoImage(
        "demo-skyline-dusk.jpg",
        lambda: draw_skyline(13, (70, 60, 130), (240, 140, 80), (255, 210, 130), sun=(255, 190, 120)),
        "해 질 녘 강 건너편에서 바라본 도심 고층 빌딩들과 불 켜진 창문",
        "저녁 무렵의 서울 도심.",
    ),
    DemoImage(
        "demo-hall-council.jpg",
        lambda: draw_audience(14, (40, 40, 60), (230, 236, 250), (20, 20, 26)),
        "어두운 회의장에서 참석자들이 막대그래프가 띄워진 대형 화면을 바라보고 있는 뒷모습",
        "환태평양 AI 안전 협의체 회의장.",
    ),
    DemoImage(
        "demo-microphone-conference.jpg",
        lambda: draw_microphone(15, (90, 20, 80), (15, 5, 25), (255, 120, 200)),
        "분홍빛 무대 조명 아래 마이크를 들고 말하는 연사의 실루엣",
        "한 AI 학회에서 연구자가 발표하고 있다.",
        focal=(0.35, 0.4),
    ),
    DemoImage(
        "demo-servers-aisle.jpg",
        lambda: draw_server_aisle(16, (120, 190, 255), [(60, 255, 140), (80, 160, 255), (255, 180, 60)]),
        "양옆으로 서버 랙이 늘어선 데이터센터 통로 끝에서 푸른 빛이 새어 나오는 모습",
        "한 데이터센터의 서버 통로.",
    ),
    DemoImage(
        "demo-classroom.jpg",
        lambda: draw_audience(17, (150, 140, 120), (245, 245, 235), (60, 50, 45)),
        "밝은 교실에서 학생들이 앞쪽 화면을 바라보고 있는 뒷모습",
        "AI 튜터 시범학교의 수업 모습.",
    ),
    DemoImage(
        "demo-podium-northwind-en.jpg",
        lambda: draw_podium(21, (20, 80, 90), (8, 20, 24), (255, 190, 110), "NORTHWIND AI"),
        "A speaker silhouetted at a lectern bearing the Northwind AI logo, with stage lights behind",
        "Dana Whitfield, chief executive of Northwind AI, speaking at a company event.",
        language="en",
        focal=(0.5, 0.4),
    ),
    DemoImage(
        "demo-hall-council-en.jpg",
        lambda: draw_audience(22, (50, 30, 36), (250, 225, 215), (24, 16, 18)),
        "An audience seen from behind, facing a large screen showing a bar chart in a darkened hall",
        "Delegates at a meeting of the Pacific AI safety council.",
        language="en",
    ),
    DemoImage(
        "demo-chip-hangyeol-en.jpg",
        lambda: draw_chip(24, (20, 50, 100), (200, 180, 110), "HG-2"),
        "Close-up of a black processor chip on a blue circuit board",
        "An inference chip designed by Hangyeol Semiconductor.",
        language="en",
    ),
    DemoImage(
        "demo-post-whitfield.jpg",
        lambda: draw_post(
            name="Dana Whitfield",
            handle="danawhitfield",
            text=DANA_POST,
            when="9:41 AM · Sep 24, 2020",
            avatar=(40, 110, 200),
            stats="1,204 Reposts   5,877 Likes",
        ),
        "데이나 휘트필드 노스윈드AI 최고경영자가 2020년 9월 24일 소셜미디어에 올린 영문 게시물 화면. 규모만 키워서는 신뢰할 수 있는 AI에 이를 수 없다는 내용이다.",
        "데이나 휘트필드 노스윈드AI 최고경영자의 2020년 9월 24일 소셜미디어 게시물.",
        copyright_holder="Dana Whitfield",
        license=License.EDITORIAL,
    ),
    DemoImage(
        "demo-post-raman.jpg",
        lambda: draw_post(
            name="Priya Raman",
            handle="priya_raman",
            text=PRIYA_POST,
            when="6:12 PM · Sep 24, 2020",
            avatar=(190, 80, 60),
            stats="842 Reposts   3,310 Likes",
        ),
        "프리야 라만 루멘로보틱스 수석과학자가 2020년 9월 24일 소셜미디어에 올린 영문 게시물 화면. 연산 자원의 대부분이 낭비되고 있다는 내용이다.",
        "프리야 라만 루멘로보틱스 수석과학자의 2020년 9월 24일 소셜미디어 게시물.",
        copyright_holder="Priya Raman",
        license=License.EDITORIAL,
    ),
    DemoImage(
        "demo-post-whitfield-en.jpg",
        lambda: draw_post(
            name="Dana Whitfield",
            handle="danawhitfield",
            text=DANA_POST,
            when="9:41 AM · Sep 24, 2020",
            avatar=(40, 110, 200),
            stats="1,204 Reposts   5,877 Likes",
            dark=True,
        ),
        "Screenshot of a post by Northwind AI chief executive Dana Whitfield on September 24, 2020, saying that scaling alone will not lead to reliable AI",
        "Dana Whitfield's post of September 24, 2020.",
        language="en",
        copyright_holder="Dana Whitfield",
        license=License.EDITORIAL,
    ),
)


# -- Sources and quotes ---------------------------------------------------------------


@dataclass(frozen=True)
class DemoSource:
    key: str
    name: str
    kind: str = Source.Kind.PERSON
    role: str = ""
    url: str = ""
    public_description: str = ""

    @property
    def is_anonymous(self):
        return bool(self.public_description)


# Source has one name and one role, so a person quoted in both editions has a
# record per language: the attribution line must read right in each.
SOURCES = (
    DemoSource(
        "whitfield-ko",
        "데이나 휘트필드",
        role="노스윈드AI 최고경영자(CEO)",
        url="https://social.example.com/danawhitfield",
    ),
    DemoSource(
        "whitfield-en",
        "Dana Whitfield",
        role="Chief executive, Northwind AI",
        url="https://social.example.com/danawhitfield",
    ),
    DemoSource("raman-ko", "프리야 라만", role="루멘로보틱스 수석과학자", url="https://social.example.com/priya_raman"),
    DemoSource("oh-ko", "오세린", role="한결반도체 대표"),
    DemoSource("oh-en", "Oh Se-rin", role="Chief executive, Hangyeol Semiconductor"),
    DemoSource("voss-en", "Helena Voss", role="Senior analyst, Ridgeline Research"),
    DemoSource("official", "최동훈 (과학기술정책 담당 국장)", public_description="정부 고위 관계자"),
    DemoSource("ledger", "The Global Ledger", Source.Kind.PUBLICATION, url="https://global-ledger.example/"),
    DemoSource("pacific", "Pacific Tech Review", Source.Kind.PUBLICATION, url="https://pacific-tech-review.example/"),
    DemoSource("circuit", "Northern Circuit Weekly", Source.Kind.PUBLICATION, url="https://northern-circuit.example/"),
)


@dataclass(frozen=True)
class DemoQuote:
    """A quote; ``text`` with its source is the stable key. ``said_days_ago``
    dates an interview relative to the first seed; posts carry ``said_on``."""

    key: str
    source: str
    text: str
    language: str = "ko"
    original_text: str = ""
    original_language: str = ""
    medium: str = Quote.Medium.INTERVIEW
    said_on: datetime.date | None = None
    said_days_ago: int | None = None
    evidence_url: str = ""
    evidence_image: str = ""


DANA_POST_KO = "규모를 키우는 것만으로는 신뢰할 수 있는 AI에 이를 수 없다. 앞으로 10년은 자신이 모르는 것을 아는 모델의 시대가 될 것이다."
OH_INTERVIEW_KO = "추론용 칩은 학습용 칩보다 덜 화려하지만, 매일 전기요금을 내는 쪽은 추론이다. 고객이 원하는 건 빠른 칩이 아니라 싼 답변이다."

QUOTES = (
    DemoQuote(
        "whitfield-post-ko",
        "whitfield-ko",
        DANA_POST_KO,
        original_text=DANA_POST,
        original_language="en",
        medium=Quote.Medium.POST,
        said_on=POST_DATE,
        evidence_url="https://social.example.com/danawhitfield/posts/1309121",
        evidence_image="demo-post-whitfield.jpg",
    ),
    DemoQuote(
        "whitfield-post-en",
        "whitfield-en",
        DANA_POST,
        language="en",
        medium=Quote.Medium.POST,
        said_on=POST_DATE,
        evidence_url="https://social.example.com/danawhitfield/posts/1309121",
        evidence_image="demo-post-whitfield-en.jpg",
    ),
    DemoQuote(
        "raman-post-ko",
        "raman-ko",
        "연산 자원은 새로운 석유다. 다만 석유와 달리 우리는 그 대부분을 낭비한다. 놀고 있는 칩, 필요 이상으로 큰 모델, 아무도 읽지 않는 답변으로.",
        original_text=PRIYA_POST,
        original_language="en",
        medium=Quote.Medium.POST,
        said_on=POST_DATE,
        evidence_url="https://social.example.com/priya_raman/posts/88412",
        evidence_image="demo-post-raman.jpg",
    ),
    DemoQuote("oh-interview-ko", "oh-ko", OH_INTERVIEW_KO, said_days_ago=19),
    DemoQuote(
        "oh-interview-en",
        "oh-en",
        "Inference chips are less glamorous than training chips, but inference is what pays the electricity bill every day. Customers don't want a fast chip; they want a cheap answer.",
        language="en",
        original_text=OH_INTERVIEW_KO,
        original_language="ko",
        said_days_ago=19,
    ),
    DemoQuote(
        "voss-interview-en",
        "voss-en",
        "What the council has drafted is less a rulebook than a shared ruler. Once everyone measures the same way, the numbers finally become comparable.",
        language="en",
        said_days_ago=15,
    ),
    DemoQuote(
        "official-jobs",
        "official",
        "AI가 일자리를 없애는 속도보다 일의 내용을 바꾸는 속도가 훨씬 빠르다. 교육과 보호 제도를 그 속도에 맞추는 것이 정부가 할 일이다.",
        said_days_ago=17,
    ),
    DemoQuote(
        "official-power",
        "official",
        "전력망을 먼저 깔지 않으면 데이터센터 유치는 공염불이다. 어느 지역에 짓느냐가 앞으로 10년의 산업 지도를 바꿀 것이다.",
        said_days_ago=8,
    ),
    DemoQuote(
        "official-schools",
        "official",
        "AI를 교실에 들이는 속도보다 교사가 그것을 이해하는 속도가 더 중요하다. 내년 예산은 기기보다 교사 연수에 먼저 쓰겠다.",
        said_days_ago=4,
    ),
    DemoQuote(
        "official-universities",
        "official",
        "학과 간판만 바꾼다고 AI 인재가 길러지지 않는다. 정부 지원은 교원과 실습 환경을 갖춘 대학에 집중할 것이다.",
        said_days_ago=2,
    ),
)


# -- Articles -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCitation:
    """Another outlet's report an article attributes to; the body's ``{cited}``
    becomes its date ("16일", "on March 16")."""

    outlet: str
    title: str
    url: str
    days_ago: int


@dataclass(frozen=True)
class DemoArticle:
    """An article; ``headline`` with ``language`` is its stable key.

    ``state`` is published (at ``published``: days ago and a local "HH:MM"),
    scheduled (``SCHEDULED_DAYS_AHEAD`` days ahead), in review or a draft (both
    written by the reporter). Body paragraphs may hold ``[[image:<file name>]]``,
    ``[[quote:<key>]]`` and ``[[article:<key>]]`` lines (the article must come
    earlier in ``ARTICLES``) and ``{cited}``.
    """

    key: str
    language: str
    section: str
    headline: str
    dek: str
    lead: str
    authors: tuple
    tags: tuple
    citation: DemoCitation
    body: tuple
    state: str = Status.PUBLISHED
    published: tuple = ()
    byline_override: str = ""
    translation_of: str = ""


ARTICLES = (
    DemoArticle(
        key="northwind-lab",
        language="ko",
        section="tech",
        headline="노스윈드AI, 서울에 아시아 첫 연구소 연다",
        dek='다음 달 강남에 100명 규모로… "한국어 데이터와 반도체 인재가 결정적"',
        lead="demo-podium-northwind.jpg",
        authors=("kim-haneul",),
        tags=("노스윈드AI", "인공지능", "연구소", "서울"),
        citation=DemoCitation(
            "pacific",
            "Northwind AI picks Seoul for its first Asian lab",
            "https://pacific-tech-review.example/news/northwind-ai-seoul-lab",
            21,
        ),
        published=(20, "07:30"),
        body=(
            "미국의 인공지능(AI) 스타트업 노스윈드AI가 아시아 첫 연구 거점으로 서울을 택했다. 회사는 다음 달 서울 강남구에 약 100명 규모의 연구소를 열고 한국어 대형언어모델과 저전력 추론 기술을 집중적으로 연구할 계획이라고 밝혔다.",
            "노스윈드AI는 설립 6년 만에 기업가치 수십억 달러를 인정받은 회사다. 모델이 답을 내놓기 전에 그 답이 얼마나 확실한지 스스로 따져보는 '불확실성 추정' 기술로 이름을 알렸고, 금융과 의료처럼 오답의 대가가 큰 분야에 고객이 몰려 있다.",
            '서울 연구소는 도쿄, 싱가포르와 막판까지 경합한 끝에 결정된 것으로 알려졌다. 퍼시픽 테크 리뷰는 {cited} 회사 내부 문건을 인용해 "반도체 공급망과 가깝고 한국어 데이터를 다룰 연구 인력을 확보하기 쉽다는 점이 결정적이었다"고 보도했다.',
            "데이나 휘트필드 최고경영자(CEO)는 오래전부터 '규모 경쟁'과 거리를 둬 왔다. 그는 2020년 9월 24일 자신의 소셜미디어에 이렇게 적었다.",
            "[[quote:whitfield-post-ko]]",
            "[[image:demo-post-whitfield.jpg]]",
            "이 게시물은 당시 업계에서 적지 않은 반발을 샀다. 더 큰 모델과 더 많은 데이터가 곧 성능이라는 믿음이 지배적이던 때였다. 하지만 최근 대형 모델의 '그럴듯한 오답'이 잇따라 문제가 되면서 그의 주장은 다시 주목받고 있다.",
            '국내 업계는 대체로 반기는 분위기다. 한 AI 스타트업 대표는 "글로벌 연구소가 들어오면 인재를 빼앗길 것이라는 걱정도 있지만, 국내 연구자들이 해외로 나가지 않고도 최전선의 연구를 경험할 기회가 생긴다"고 말했다.',
            "과제도 있다. 연구소가 목표로 한 100명을 채우려면 국내 대기업과 연구기관에서 인력을 데려와야 하는데, AI 인력 확보 경쟁은 이미 과열 양상이다. 처우 경쟁이 연봉 인플레이션으로 번질 수 있다는 우려도 나온다.",
            '노스윈드AI는 연구소 개소와 함께 국내 대학 두 곳과 공동연구 협약을 맺고, 한국어 평가용 데이터셋 일부를 공개하겠다는 계획도 내놨다. 회사 관계자는 "한국어에서 통하는 검증 방법이라면 다른 언어에서도 통한다는 것을 보여주겠다"고 말했다.',
        ),
    ),
    DemoArticle(
        key="northwind-lab-en",
        language="en",
        section="tech",
        headline="Northwind AI to open its first Asian research lab in Seoul",
        dek="A 100-strong lab opening next month will work on Korean-language models and low-power inference",
        lead="demo-podium-northwind-en.jpg",
        authors=("kim-haneul",),
        byline_override="By Kim Ha-neul",
        tags=("Northwind AI", "AI", "Seoul", "research"),
        citation=DemoCitation(
            "pacific",
            "Northwind AI picks Seoul for its first Asian lab",
            "https://pacific-tech-review.example/news/northwind-ai-seoul-lab",
            21,
        ),
        published=(20, "10:00"),
        translation_of="northwind-lab",
        body=(
            "Northwind AI, the American artificial-intelligence start-up, has chosen Seoul for its first research base in Asia. The company said it would open a lab of about 100 people in the city's Gangnam district next month, focused on Korean-language models and low-power inference.",
            'Founded six years ago and now valued in the billions of dollars, Northwind AI made its name with "uncertainty estimation": models that work out how sure they are of an answer before giving it. Its customers cluster in finance and health care, where a confident wrong answer is expensive.',
            "Seoul beat Tokyo and Singapore on a shortlist that went to the wire. Pacific Tech Review reported {cited}, citing an internal memo, that closeness to the chip supply chain and access to researchers who work with Korean-language data were decisive.",
            "Chief executive Dana Whitfield has long kept her distance from the race to build ever-larger models. On September 24, 2020, she wrote:",
            "[[quote:whitfield-post-en]]",
            "[[image:demo-post-whitfield-en.jpg]]",
            "The post drew pushback at the time, when bigger models and more data were widely taken to mean better results. A run of plausible-sounding but wrong answers from large models has since brought her argument back into the conversation.",
            "Korean industry has largely welcomed the move. The head of a Seoul AI start-up said a global lab could pull talent away from local firms, but would also let Korean researchers work at the frontier without leaving the country.",
            "Hiring will be the test. Filling 100 posts means recruiting from Korean conglomerates and research institutes, where competition for AI talent is already fierce and pay is rising fast.",
            'Alongside the opening, Northwind AI plans research agreements with two Korean universities and will release part of a Korean-language evaluation dataset. "If a way of checking answers works in Korean, it will work in other languages too," a company spokesperson said.',
        ),
    ),
    DemoArticle(
        key="hangyeol-chips",
        language="ko",
        section="economy",
        headline="AI 반도체 품귀에… 한결반도체, 추론용 칩 생산 두 배로",
        dek="학습용 대신 '추론' 겨냥한 저전력 칩에 주문 몰려… 위탁생산 추가 계약",
        lead="demo-chip-hangyeol.jpg",
        authors=("park-jungwoo", "kim-haneul"),
        tags=("AI반도체", "한결반도체", "추론", "인공지능"),
        citation=DemoCitation(
            "ledger",
            "Cloud giants tilt spending toward inference servers",
            "https://global-ledger.example/technology/cloud-inference-spending",
            19,
        ),
        published=(18, "09:10"),
        body=(
            "국내 AI 반도체 설계 기업 한결반도체가 추론용 칩 생산량을 내년까지 두 배로 늘린다. 학습을 마친 AI 모델을 실제 서비스에서 돌리는 데 쓰는 '추론용' 칩 주문이 밀려들고 있어서다.",
            "한결반도체는 이날 위탁생산 업체와 추가 생산 계약을 맺었다고 밝혔다. 계약 규모는 공개하지 않았지만 업계에서는 올해 매출의 절반을 웃도는 수준으로 보고 있다.",
            "주문이 몰리는 배경에는 AI 서비스의 '운영비' 문제가 있다. 거대 모델을 학습시키는 일은 한 번이면 되지만, 사용자가 질문할 때마다 답을 만들어내는 추론은 매일, 매 순간 이뤄진다. 서비스가 커질수록 전기요금과 서버 비용의 대부분이 추론에서 나온다.",
            "오세린 한결반도체 대표는 본지와의 인터뷰에서 이렇게 말했다.",
            "[[quote:oh-interview-ko]]",
            "해외에서도 같은 문제의식이 퍼지고 있다. 프리야 라만 루멘로보틱스 수석과학자는 2020년 9월 24일 소셜미디어에 연산 자원의 낭비를 꼬집는 글을 올려 화제가 됐다.",
            "[[quote:raman-post-ko]]",
            "[[image:demo-post-raman.jpg]]",
            "글로벌 레저는 {cited} 주요 클라우드 기업들이 내년 설비투자에서 추론 전용 서버의 비중을 크게 늘릴 것이라고 보도했다. 학습용 고성능 칩의 공급 부족이 이어지는 가운데 상대적으로 값싸고 전력을 덜 쓰는 추론 칩이 대안으로 떠올랐다는 분석이다.",
            "다만 증산 계획이 순탄할지는 미지수다. 첨단 공정의 위탁생산 물량이 한정돼 있어 대형 고객사와의 경쟁에서 밀릴 수 있고, 칩을 쓰기 위한 소프트웨어 생태계가 아직 부족하다는 지적도 나온다.",
            "회사는 최근 서울에 연구소를 열기로 한 노스윈드AI와도 공급 협의를 진행 중인 것으로 알려졌다. 본지는 앞서 노스윈드AI의 서울 연구소 설립 계획을 전한 바 있다.",
            "[[article:northwind-lab]]",
        ),
    ),
    DemoArticle(
        key="call-centres",
        language="ko",
        section="society",
        headline="생성형 AI 상담 도입 1년… 콜센터 일자리 '재편' 논의 본격화",
        dek='단순 문의는 AI가, 복잡한 민원은 사람이… "숙련 상담사 처우부터 손봐야"',
        lead="demo-skyline-dusk.jpg",
        authors=("yoon-seojin",),
        tags=("콜센터", "일자리", "생성형AI"),
        citation=DemoCitation(
            "circuit",
            "Fewer call-centre seats, higher pay for those who stay",
            "https://northern-circuit.example/work/call-centres-ai",
            17,
        ),
        published=(16, "14:20"),
        body=(
            "금융사와 통신사들이 고객센터에 생성형 AI 상담을 도입한 지 1년이 지나면서 콜센터 일자리의 모습이 빠르게 바뀌고 있다. 단순 문의는 AI가 맡고, 사람 상담사는 복잡하고 감정 소모가 큰 민원에 집중하는 구조다.",
            "한 대형 카드사는 전체 문의의 약 40%를 AI가 처리하고 있다. 잔액 조회나 결제일 변경처럼 정해진 답이 있는 문의는 대부분 AI 선에서 끝난다. 상담 대기 시간은 눈에 띄게 줄었다.",
            "문제는 남은 상담의 '질'이다. 상담사들은 AI가 걸러내고 남은 통화가 대부분 화가 난 고객이거나 여러 부서가 얽힌 민원이라고 입을 모은다. 10년 차 상담사 A씨는 \"하루에 받는 전화는 줄었는데 퇴근할 때 피로감은 더 크다\"고 말했다.",
            "노던 서킷 위클리는 {cited} 아시아 주요 도시의 콜센터 종사자 수가 지난 1년간 평균 12% 줄었지만 숙련 상담사의 임금은 오히려 올랐다고 보도했다. 일자리가 사라진다기보다 일의 성격이 바뀌고 있다는 것이다.",
            "정부도 대책 마련에 나섰다. 상담 업무의 변화를 반영한 직무 교육과 감정노동 보호 지침을 손보겠다는 방침이다.",
            "[[quote:official-jobs]]",
            "기술업계 안에서도 효율만큼 비용을 따져야 한다는 목소리가 나온다. 프리야 라만 루멘로보틱스 수석과학자가 2020년 9월 24일 올린 글은 지금도 자주 인용된다.",
            "[[quote:raman-post-ko]]",
            "[[image:demo-post-raman.jpg]]",
            "전문가들은 AI 상담의 성패가 결국 사람에게 달려 있다고 본다. AI가 답하지 못한 문의를 넘겨받는 상담사의 역량이 서비스 품질을 좌우하기 때문이다. 노동계는 상담사 교육 시간을 근무시간으로 인정하고, 악성 민원을 AI가 먼저 걸러내는 장치를 의무화해야 한다고 요구하고 있다.",
            "비용 절감의 압력은 산업 전반으로 번지고 있다. 본지가 앞서 보도한 AI 반도체 업계의 변화도 같은 흐름이다.",
            "[[article:hangyeol-chips]]",
        ),
    ),
    DemoArticle(
        key="pacific-council-en",
        language="en",
        section="world",
        headline="Pacific AI council drafts shared safety tests for large models",
        dek="Twelve countries would measure error rates, bias and misuse the same way; disclosure remains the sticking point",
        lead="demo-hall-council-en.jpg",
        authors=("saebyeok-wire",),
        byline_override="Saebyeok Wire",
        tags=("AI safety", "regulation", "Pacific AI Council"),
        citation=DemoCitation(
            "ledger",
            "Inside the fight over the Pacific AI safety tests",
            "https://global-ledger.example/world/pacific-ai-safety-tests",
            15,
        ),
        published=(14, "11:00"),
        body=(
            "A council of twelve Pacific Rim countries has drafted a common set of safety tests for large AI models, aiming to end a patchwork of national methods that makes results impossible to compare. The final text is due at the council's plenary at the end of the year.",
            "The draft covers some thirty measures, from error rates and bias to how easily a model can be turned to harmful uses. Any accredited lab in a member country would run the same tests in the same way.",
            "One measure stands out: models would have to state how confident they are in an answer, and developers would publish how closely that confidence tracks actual accuracy.",
            "The idea has long been championed by Northwind AI, which recently announced a research lab in Seoul. Its chief executive, Dana Whitfield, put it bluntly on September 24, 2020:",
            "[[quote:whitfield-post-en]]",
            "[[image:demo-post-whitfield-en.jpg]]",
            "The Global Ledger reported {cited} that lobbying during the drafting was intense and that several measures were softened in the final weeks. Member states are still divided over how much of each test result should be made public.",
            "Helena Voss, a senior analyst at Ridgeline Research, said the draft's value lies in comparability rather than in any single rule.",
            "[[quote:voss-interview-en]]",
            "Companies that sell AI services across the region are already preparing. Test results would probably be required before a product could launch in a member market, and several firms said disclosure worried them more than the cost of testing.",
            "The council will take comments on the draft for sixty days before a final round of negotiations.",
            "[[article:northwind-lab-en]]",
        ),
    ),
    DemoArticle(
        key="pacific-council",
        language="ko",
        section="world",
        headline="환태평양 AI 협의체, 공동 안전성 시험 기준 초안 마련",
        dek='12개국 참여… 오답률·편향·악용 가능성 30여 개 항목 "같은 잣대로 잰다"',
        lead="demo-hall-council.jpg",
        authors=("saebyeok-wire", "park-jungwoo"),
        tags=("AI안전", "환태평양AI협의체", "규제"),
        citation=DemoCitation(
            "ledger",
            "Inside the fight over the Pacific AI safety tests",
            "https://global-ledger.example/world/pacific-ai-safety-tests",
            15,
        ),
        published=(13, "08:40"),
        body=(
            "환태평양 국가들이 참여하는 AI 안전 협의체가 대형 AI 모델의 안전성을 시험하는 공동 기준 초안을 마련했다. 협의체에는 한국을 포함해 12개국이 참여하고 있으며, 최종안은 연말 총회에서 확정될 예정이다.",
            "초안의 핵심은 '같은 잣대'다. 나라마다 제각각 만들어 온 평가 방법을 하나로 모아, 어느 회원국에서 시험하든 같은 결과가 나오도록 하자는 것이다. 오답률과 편향, 악용 가능성 등 30여 개 항목이 담겼다.",
            "눈에 띄는 항목은 모델이 자신의 답을 얼마나 확신하는지 밝히도록 한 부분이다. 개발사는 모델이 표시한 확신도와 실제 정확도가 얼마나 일치하는지 측정해 공개해야 한다.",
            "이 항목은 노스윈드AI 등 일부 기업이 꾸준히 주장해 온 내용과 맞닿아 있다. 데이나 휘트필드 노스윈드AI CEO는 2020년 9월 24일 소셜미디어에 다음과 같이 밝힌 바 있다.",
            "[[quote:whitfield-post-ko]]",
            "[[image:demo-post-whitfield.jpg]]",
            '글로벌 레저는 {cited} 협의체 관계자들을 인용해 "초안 작성 과정에서 기업들의 로비가 치열했고 일부 항목은 막판에 완화됐다"고 보도했다. 시험 결과를 어디까지 공개할지를 두고도 회원국 간 이견이 남아 있는 것으로 알려졌다.',
            '국내 기업들은 수출 전략을 다시 점검하고 있다. 기준이 확정되면 회원국 시장에 AI 서비스를 내놓을 때 시험 결과를 제출해야 할 가능성이 크기 때문이다. 한 대기업 관계자는 "시험 비용보다 결과 공개가 더 부담"이라고 털어놨다.',
            "정부는 국내 시험기관이 공동 기준에 따른 인증을 할 수 있도록 준비하겠다는 입장이다. 기업들이 해외에 나가지 않고도 시험을 받을 수 있게 하겠다는 것이다.",
            "협의체는 60일간 초안에 대한 의견을 받은 뒤 마지막 협상에 들어간다. 본지는 앞서 불확실성 추정 기술을 앞세운 노스윈드AI의 서울 연구소 설립 소식을 전했다.",
            "[[article:northwind-lab]]",
        ),
    ),
    DemoArticle(
        key="uncertainty",
        language="ko",
        section="tech",
        headline="'모르는 것을 아는 AI'… 불확실성 추정 연구 경쟁 불붙었다",
        dek='그럴듯한 오답 줄이려 "확신 없으면 답하지 않는다"… 학계·업계 성과 잇따라',
        lead="demo-microphone-conference.jpg",
        authors=("kim-haneul",),
        tags=("불확실성추정", "환각", "노스윈드AI", "인공지능"),
        citation=DemoCitation(
            "pacific",
            "Uncertainty is the new benchmark",
            "https://pacific-tech-review.example/research/uncertainty-papers",
            11,
        ),
        published=(10, "16:05"),
        body=(
            "\"잘 모르겠습니다.\" 인공지능(AI)이 이렇게 답하도록 만드는 연구가 업계의 새 경쟁 분야로 떠올랐다. 그럴듯하지만 틀린 답, 이른바 '환각'을 줄이기 위한 불확실성 추정 기술이다.",
            "원리는 간단하다. 모델이 답을 내놓을 때 그 답이 맞을 가능성을 함께 계산하고, 확신이 일정 수준에 못 미치면 답을 보류하거나 사람에게 넘기는 것이다. 문제는 그 '확신'을 정확히 재는 일이 생각보다 어렵다는 데 있다.",
            "대형 모델은 대체로 자신을 과신한다. 틀린 답을 내놓으면서도 높은 확신도를 표시하는 경우가 많다. 연구자들은 같은 질문을 여러 번 던져 답이 얼마나 흔들리는지 보거나, 별도의 작은 모델로 답을 검증하는 방법 등을 시도하고 있다.",
            "이 분야를 앞에서 이끌어 온 곳은 노스윈드AI다. 데이나 휘트필드 CEO의 2020년 9월 24일 게시물은 이 연구의 '선언문'처럼 회자된다.",
            "[[quote:whitfield-post-ko]]",
            "[[image:demo-post-whitfield.jpg]]",
            "퍼시픽 테크 리뷰는 {cited} 올해 주요 AI 학회에 제출된 논문 가운데 불확실성 추정을 다룬 논문이 지난해의 두 배를 넘었다고 보도했다. 기업들의 채용 공고에서도 관련 경력을 요구하는 사례가 빠르게 늘고 있다.",
            '국내에서도 성과가 나오고 있다. 한 대학 연구팀은 한국어 질의응답에서 모델이 답을 보류하는 비율을 조금만 높여도 오답률을 절반 가까이 줄일 수 있다는 결과를 내놨다. 연구팀은 "모든 질문에 답하는 AI보다 답할 수 있는 질문에만 정확히 답하는 AI가 현장에서는 더 쓸모 있다"고 설명했다.',
            "다만 '모른다'는 답이 지나치게 잦으면 사용자는 금세 떠난다. 정확성과 편의성 사이의 균형점을 찾는 것이 남은 과제다.",
            "이 문제는 국제 규범으로도 번지고 있다. 본지가 앞서 보도한 환태평양 AI 협의체의 공동 시험 기준 초안에도 확신도 공개가 핵심 항목으로 담겼다.",
            "[[article:pacific-council]]",
        ),
    ),
    DemoArticle(
        key="uncertainty-en",
        language="en",
        section="tech",
        headline="'AI that knows what it doesn't know': the race to measure uncertainty",
        dek="To cut plausible-sounding errors, labs are teaching models to hold back when they are unsure",
        lead="demo-podium-northwind-en.jpg",
        authors=("kim-haneul",),
        byline_override="By Kim Ha-neul",
        tags=("AI", "uncertainty", "hallucination", "Northwind AI"),
        citation=DemoCitation(
            "pacific",
            "Uncertainty is the new benchmark",
            "https://pacific-tech-review.example/research/uncertainty-papers",
            11,
        ),
        published=(9, "09:30"),
        translation_of="uncertainty",
        body=(
            "\"I'm not sure.\" Getting an artificial-intelligence model to say so has become a new front in the industry's competition. The goal is to cut the plausible-sounding but wrong answers known as hallucinations.",
            "The principle is simple. When a model answers, it also estimates how likely the answer is to be right; below a set level of confidence it holds back or hands the question to a person. The hard part is measuring that confidence accurately.",
            "Large models tend to be overconfident, often attaching high confidence to wrong answers. Researchers are trying to ask the same question several times and watch how much the answers wobble, or to check answers with a second, smaller model.",
            "Northwind AI has led the field. A post by its chief executive, Dana Whitfield, on September 24, 2020 is still quoted like a manifesto:",
            "[[quote:whitfield-post-en]]",
            "[[image:demo-post-whitfield-en.jpg]]",
            "Pacific Tech Review reported {cited} that papers on uncertainty estimation submitted to this year's major AI conferences had more than doubled from last year. Job listings asking for experience in the field are multiplying too.",
            'Korean researchers are contributing. A university team found that letting a model decline a few more Korean questions cut its error rate almost in half. "An AI that answers only what it can answer correctly is more useful in practice than one that answers everything," the team said.',
            'But a model that says "I don\'t know" too often soon loses its users. Finding the balance between accuracy and convenience is the work that remains.',
            "The question has reached international rule-making as well: confidence reporting is a central measure in the Pacific AI council's draft safety tests.",
            "[[article:pacific-council-en]]",
        ),
    ),
    DemoArticle(
        key="data-centres",
        language="ko",
        section="economy",
        headline="데이터센터 전력 수요 급증에… 지자체 '분산 유치전' 후끈",
        dek="수도권 전력망 포화로 신규 허가 지연… 남부권은 요금 할인·부지 제공 내걸어",
        lead="demo-servers-aisle.jpg",
        authors=("park-jungwoo",),
        tags=("데이터센터", "전력", "지자체", "인공지능"),
        citation=DemoCitation(
            "circuit",
            "Data centres follow the power lines south",
            "https://northern-circuit.example/energy/data-centres-south",
            8,
        ),
        published=(7, "10:15"),
        body=(
            "AI 서비스 확대로 데이터센터 전력 수요가 급증하면서 지방자치단체들의 유치 경쟁이 뜨거워지고 있다. 수도권 전력망이 포화 상태에 이르러 신규 데이터센터 허가가 잇따라 늦어지자, 전력에 여유가 있는 남부권 지자체들이 적극적으로 손을 내밀고 있다.",
            "업계에 따르면 올해 수도권에 신청된 데이터센터 가운데 절반 이상이 전력 공급 시점을 확정하지 못했다. 송전선로를 새로 깔아야 하지만 주민 반대와 인허가 절차로 공사가 몇 년씩 걸리는 경우가 많다.",
            "남부권의 한 광역자치단체는 전기요금 일부 지원과 부지 무상 임대를 내걸었다. 인근 발전소와 직접 연결되는 전용 선로를 깔아주겠다는 곳도 나왔다.",
            "노던 서킷 위클리는 {cited} 아시아 각국에서 데이터센터가 대도시를 떠나 발전소와 가까운 지역으로 옮겨 가는 흐름이 뚜렷해지고 있다고 보도했다. 전력을 끌어오는 것보다 데이터센터가 전력을 찾아가는 편이 빠르다는 것이다.",
            "정부 안에서도 전력망 확충이 먼저라는 목소리가 나온다.",
            "[[quote:official-power]]",
            "업계에서는 전력을 덜 쓰는 방향으로 AI 자체를 바꿔야 한다는 지적도 많다. 프리야 라만 루멘로보틱스 수석과학자는 2020년 9월 24일 이런 글을 남겼다.",
            "[[quote:raman-post-ko]]",
            "[[image:demo-post-raman.jpg]]",
            "실제로 저전력 추론 칩에 대한 관심은 커지고 있다. 본지가 앞서 보도한 한결반도체의 증산 결정도 같은 맥락이다.",
            "[[article:hangyeol-chips]]",
            '다만 지방 이전이 만능은 아니다. 데이터센터는 고용 효과가 크지 않고, 운영 인력을 구하기 어렵다는 점이 걸림돌로 꼽힌다. 한 업계 관계자는 "전기와 땅만큼 중요한 게 사람"이라며 "지역 대학과 연계한 인력 양성이 함께 가야 한다"고 말했다.',
        ),
    ),
    DemoArticle(
        key="hangyeol-chips-en",
        language="en",
        section="economy",
        headline="Hangyeol Semiconductor bets on the chips that answer, not the chips that learn",
        dek="The Korean designer is doubling output of low-power inference chips as the running costs of AI climb",
        lead="demo-chip-hangyeol-en.jpg",
        authors=("park-jungwoo",),
        byline_override="By Park Jung-woo",
        tags=("semiconductors", "Hangyeol Semiconductor", "inference", "AI"),
        citation=DemoCitation(
            "ledger", "The unglamorous chip that runs AI", "https://global-ledger.example/markets/inference-chips", 6
        ),
        published=(5, "15:45"),
        body=(
            "Hangyeol Semiconductor, a Korean designer of AI chips, is doubling production of its inference chips, the processors that run trained models for millions of users rather than training them in the first place.",
            "The company has signed an additional manufacturing contract with its foundry partner. It did not disclose the value, but analysts put it at more than half of this year's revenue.",
            "The reason is the running cost of AI. A large model is trained once, but every question a user asks is answered by inference, every day. As services grow, most of the electricity and server bills come from inference.",
            "Oh Se-rin, Hangyeol's chief executive, said in an interview:",
            "[[quote:oh-interview-en]]",
            "The Global Ledger reported {cited} that large cloud providers plan to raise the share of inference servers in next year's capital spending sharply, as training chips remain scarce and cheaper, more frugal inference chips become the alternative.",
            "Reliability is adding to demand. Models that check their own answers, an approach championed by Northwind AI, run more computations per question, which makes cheap inference essential. Northwind's chief executive, Dana Whitfield, set out the idea on September 24, 2020:",
            "[[quote:whitfield-post-en]]",
            "[[image:demo-post-whitfield-en.jpg]]",
            "Northwind AI, which is opening a lab in Seoul, is said to be in supply talks with Hangyeol.",
            "[[article:northwind-lab-en]]",
            "Risks remain. Capacity on advanced manufacturing processes is limited, so Hangyeol could lose out to bigger customers, and the software needed to use its chips is still thin.",
        ),
    ),
    DemoArticle(
        key="ai-tutors",
        language="ko",
        section="society",
        headline='AI 튜터 시범학교 1년… 교사들 "채점은 줄고 질문은 늘었다"',
        dek="초·중학교 40곳 운영 결과 공개… 학력 격차 완화 효과엔 엇갈린 평가",
        lead="demo-classroom.jpg",
        authors=("yoon-seojin", "kim-haneul"),
        tags=("AI교육", "AI튜터", "교사"),
        citation=DemoCitation(
            "ledger",
            "What a year of AI tutors taught the teachers",
            "https://global-ledger.example/education/ai-tutors-year-one",
            4,
        ),
        published=(3, "06:50"),
        body=(
            "AI 튜터를 수업에 들인 시범학교 40곳의 1년 운영 결과가 나왔다. 교사들은 채점과 과제 관리에 드는 시간이 크게 줄었다고 답했지만, 학생들 사이의 학력 격차를 줄이는 효과에 대해서는 평가가 엇갈렸다.",
            '시범학교 교사의 70% 이상이 "반복적인 채점 업무가 줄었다"고 답했다. 한 중학교 수학 교사는 "예전에는 주말마다 과제를 채점했는데 이제는 학생들이 어디서 막혔는지 보고서로 받아본다"며 "남는 시간에 학생 한 명 한 명과 이야기를 나눈다"고 말했다.',
            '학생들의 질문은 오히려 늘었다. AI 튜터가 바로 답을 알려주기보다 힌트를 주는 방식으로 설계되면서, 학생들이 교사에게 "AI가 이렇게 말했는데 맞느냐"고 묻는 일이 잦아졌다는 것이다.',
            "글로벌 레저는 {cited} 비슷한 시범사업을 벌인 해외 학교들에서도 교사의 역할이 '답을 알려주는 사람'에서 'AI의 답을 검증하는 법을 가르치는 사람'으로 바뀌고 있다고 보도했다.",
            "AI 튜터가 틀린 답을 자신 있게 내놓는 사례도 보고됐다. 교사들은 AI가 확신이 없을 때 그렇다고 밝히는 기능이 가장 필요하다고 입을 모았다. 노스윈드AI의 데이나 휘트필드 CEO가 2020년 9월 24일 남긴 글과도 통하는 대목이다.",
            "[[quote:whitfield-post-ko]]",
            "[[image:demo-post-whitfield.jpg]]",
            "정부는 시범사업을 확대하되 속도를 조절하겠다는 입장이다.",
            "[[quote:official-schools]]",
            "학부모들의 반응도 갈린다. 아이가 집에서도 AI 튜터로 공부하면서 사교육비가 줄었다는 가정이 있는 반면, 기기와 인터넷 환경이 부족한 가정의 아이들이 오히려 뒤처진다는 우려도 나온다.",
            "AI가 사람의 일을 바꾸는 모습은 교실 밖에서도 나타나고 있다. 본지는 앞서 생성형 AI 도입 이후 달라진 콜센터 현장을 보도했다.",
            "[[article:call-centres]]",
        ),
    ),
    DemoArticle(
        key="northwind-opening",
        language="ko",
        section="tech",
        headline='노스윈드AI 서울연구소 문 연다… 휘트필드 "한국어 검증 모델부터"',
        dek="개소식에서 첫 연구 과제 공개 예정… 국내 대학 두 곳과 공동연구 착수",
        lead="demo-podium-northwind.jpg",
        authors=("kim-haneul", "park-jungwoo"),
        tags=("노스윈드AI", "연구소", "서울", "인공지능"),
        citation=DemoCitation(
            "pacific",
            "Northwind's Seoul lab sets a Korean-first agenda",
            "https://pacific-tech-review.example/news/northwind-seoul-agenda",
            1,
        ),
        state=Status.SCHEDULED,
        body=(
            "미국 AI 스타트업 노스윈드AI의 서울연구소가 문을 연다. 데이나 휘트필드 최고경영자(CEO)는 개소식에서 연구소의 첫 과제로 '한국어 답변 검증 모델'을 공개할 예정이다.",
            "한국어 검증 모델은 AI가 내놓은 한국어 답변이 사실과 맞는지, 모델이 그 답을 얼마나 확신하는지를 따로 점검하는 모델이다. 회사는 이 모델을 금융과 공공 분야 고객에게 먼저 제공할 계획이다.",
            "연구소는 개소 시점에 약 60명으로 출발해 연말까지 100명으로 늘린다. 연구 인력의 절반가량은 국내 대기업과 연구기관 출신으로 채워졌다.",
            '퍼시픽 테크 리뷰는 {cited} 회사 관계자를 인용해 "서울연구소의 성과를 일본어와 동남아 언어로 넓히는 것이 다음 목표"라고 보도했다.',
            "휘트필드 CEO는 규모보다 신뢰성을 강조해 왔다. 그가 2020년 9월 24일 소셜미디어에 남긴 글은 서울연구소의 방향을 그대로 보여준다.",
            "[[quote:whitfield-post-ko]]",
            "[[image:demo-post-whitfield.jpg]]",
            "국내 대학 두 곳과의 공동연구도 이번 달 시작된다. 두 대학은 한국어 평가 데이터셋 구축과 의료 분야 질의응답 검증을 나눠 맡는다.",
            "업계는 노스윈드AI의 서울 진출이 국내 AI 생태계에 미칠 영향에 주목하고 있다. 인재 유출을 걱정하는 목소리와 함께 국내 연구자들의 국제 협업 기회가 넓어질 것이라는 기대도 나온다.",
            "본지는 앞서 노스윈드AI의 서울연구소 설립 계획을 처음 전했다.",
            "[[article:northwind-lab]]",
        ),
    ),
    DemoArticle(
        key="translation-apps",
        language="ko",
        section="society",
        headline='AI 번역 앱 오역 논란… 업계 "검수 인력 늘린다"',
        dek='관광 안내문 오역 사례 잇따라… "확신 낮은 번역은 표시해야" 목소리',
        lead="demo-microphone-conference.jpg",
        authors=("kim-haneul",),
        tags=("AI번역", "오역", "관광"),
        citation=DemoCitation(
            "ledger",
            "Lost in machine translation: the tourist signs that went wrong",
            "https://global-ledger.example/travel/machine-translation-signs",
            2,
        ),
        state=Status.DRAFT,
        body=(
            "AI 번역 앱으로 만든 관광 안내문에서 오역 사례가 잇따르면서 번역 업계가 사람 검수 인력을 다시 늘리고 있다.",
            "최근 한 지방 관광지의 영문 안내판에는 '출입 금지'가 '환영합니다'에 가까운 뜻으로 번역돼 걸렸다가 관광객의 제보로 교체됐다. 음식 메뉴판의 알레르기 성분 표시가 잘못 번역된 사례도 보고됐다.",
            "글로벌 레저는 {cited} 아시아 주요 관광지에서 기계 번역 오류로 안내문을 교체한 사례가 지난해보다 크게 늘었다고 보도했다.",
            "전문가들은 번역 결과를 그대로 쓰기보다 AI가 확신이 낮은 문장을 따로 표시하도록 해야 한다고 지적한다. 노스윈드AI의 데이나 휘트필드 CEO가 2020년 9월 24일 남긴 글이 다시 거론되는 이유다.",
            "[[quote:whitfield-post-ko]]",
            "[[image:demo-post-whitfield.jpg]]",
            "번역 업체들은 검수 인력을 늘리는 한편, 확신도가 낮은 문장만 골라 사람이 다시 보는 방식을 도입하고 있다.",
            '한 번역 업체 대표는 "AI 덕분에 번역 속도는 열 배 빨라졌지만 마지막 한 줄을 책임지는 건 여전히 사람"이라며 "검수 인력을 올해 안에 30% 늘릴 계획"이라고 말했다.',
            "지자체들도 대응에 나섰다. 관광 안내문을 새로 만들 때는 원어민 감수를 거치도록 지침을 바꾸고, 이미 걸린 안내판은 전수 점검하기로 했다.",
            "외국인 관광객들의 반응은 엇갈린다. 번역 앱 덕분에 식당에서 주문하기가 쉬워졌다는 평가가 있는 반면, 잘못된 안내 때문에 길을 헤맸다는 불만도 적지 않다.",
            "관련 기술의 흐름은 본지의 앞선 보도에서 자세히 다뤘다.",
            "[[article:uncertainty]]",
        ),
    ),
    DemoArticle(
        key="ai-departments",
        language="ko",
        section="society",
        headline='지역 대학들 AI 학과 신설 경쟁… "교수 확보가 관건"',
        dek="내년 신입생 모집하는 AI 관련 학과 30여 곳 늘어… 산업계 출신 교원 쟁탈전",
        lead="demo-skyline-dusk.jpg",
        authors=("kim-haneul",),
        tags=("AI교육", "대학", "인재"),
        citation=DemoCitation(
            "circuit",
            "Universities race to open AI departments",
            "https://northern-circuit.example/education/ai-departments",
            2,
        ),
        state=Status.REVIEW,
        body=(
            "지역 대학들이 AI 관련 학과를 앞다퉈 새로 만들고 있다. 내년 신입생을 모집하는 AI 관련 학과는 올해보다 30여 곳 늘어날 전망이다.",
            '학생 모집이 어려운 지역 대학들에 AI 학과는 돌파구로 꼽힌다. 한 사립대 관계자는 "AI라는 이름이 붙은 학과의 경쟁률이 다른 학과의 두 배를 넘는다"고 말했다.',
            "문제는 가르칠 사람이다. AI 분야 박사 인력은 기업의 처우가 훨씬 좋아 대학으로 오려는 사람이 많지 않다. 대학들은 산업계 출신 겸임교수를 모시기 위해 경쟁하고 있다.",
            "교육과정도 숙제다. 기존 컴퓨터공학과 교과목에 'AI'라는 이름만 덧붙인 경우가 적지 않다는 지적이 나온다. 한 교육 전문가는 \"수학과 통계, 데이터 윤리까지 아우르는 교과과정을 갖추지 못하면 졸업생들이 현장에서 통하지 않을 것\"이라고 말했다.",
            '학생들의 기대는 높다. 한 고등학교 3학년 학생은 "지역에서도 AI를 제대로 배울 수 있다면 굳이 수도권으로 갈 이유가 없다"고 말했다.',
            "노던 서킷 위클리는 {cited} 아시아 각국의 대학들이 같은 문제를 겪고 있으며, 일부 대학은 기업과 교수를 공동으로 채용하는 방식을 도입했다고 보도했다.",
            "정부는 지원 대상을 신중하게 고르겠다는 입장이다.",
            "[[quote:official-universities]]",
            "연산 자원도 과제다. 실습에 필요한 고성능 서버를 갖추려면 막대한 비용이 든다. 프리야 라만 루멘로보틱스 수석과학자가 2020년 9월 24일 지적한 것처럼, 이미 있는 자원을 얼마나 효율적으로 쓰느냐가 관건이 될 수 있다.",
            "[[quote:raman-post-ko]]",
            "[[image:demo-post-raman.jpg]]",
            "교실에서 AI가 쓰이는 모습은 본지가 앞서 보도한 AI 튜터 시범학교 사례에서도 확인할 수 있다.",
            "[[article:ai-tutors]]",
        ),
    ),
)

#: When the scheduled article goes live: this many days after the seed, at this local time.
SCHEDULED_DAYS_AHEAD, SCHEDULED_TIME = 2, "09:00"

_EMBED_KEY = re.compile(r"^\[\[(image|quote|article):([^\]\s]+)\]\]$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")  # fmt: skip


# -- Seeding --------------------------------------------------------------------------


@dataclass
class Login:
    role: str
    username: str
    password: str
    password_changed: bool = False


@dataclass
class Summary:
    """What one run made (a count per kind of record, in creation order; articles
    also by status) and the logins to print."""

    created: Counter = field(default_factory=Counter)
    logins: list = field(default_factory=list)
    states: Counter = field(default_factory=Counter)

    @property
    def changed(self):
        return bool(self.created)


def seed(stdout=None, now=None):
    """Load the demo newsroom, making only what is missing; return a ``Summary``.

    All or nothing: one transaction, so an error leaves the database as it was
    (renditions already written for new images stay on disk as orphans).
    """
    now = now or timezone.now()
    summary = Summary()
    with transaction.atomic():
        groups = setup_roles()
        users = _seed_users(groups, summary)
        authors = _seed_authors(users, summary)
        sections = _seed_sections(summary)
        _seed_copyright_notice(summary)
        images = _seed_images(users["reporter"], summary, stdout)
        sources = _seed_sources(users["reporter"], summary)
        quotes = _seed_quotes(sources, images, users["reporter"], summary, now)
        _seed_articles(users, authors, sections, images, quotes, sources, summary, now)
        _seed_top_stories(users["editor"], now)
    return summary


def _seed_top_stories(editor, now):
    """Each edition leads with a story an editor chose (not simply the newest)."""
    for language in ("ko", "en"):
        if Article.objects.published(now).filter(language=language, featured_at__isnull=False).exists():
            continue
        live = list(Article.objects.published(now).filter(language=language).latest()[:2])
        if live:
            services.article_feature(article=live[-1], user=editor, now=now)


def _seed_users(groups, summary):
    User = get_user_model()
    users = {}
    for spec in USERS:
        user = User.objects.filter(username=spec.username).first()
        created = user is None
        if created:
            user = User(
                username=spec.username,
                email=f"{spec.username}@example.org",
                first_name=spec.first_name,
                last_name=spec.last_name,
                is_staff=True,
                is_superuser=spec.superuser,
            )
            user.set_password(spec.password)
            user.save()
            summary.created["user"] += 1
        if spec.group and not user.groups.filter(pk=groups[spec.group].pk).exists():
            user.groups.add(groups[spec.group])
        # A password changed since the first seed is kept, and the table says so.
        changed = not created and not user.check_password(spec.password)
        summary.logins.append(Login(spec.role, spec.username, spec.password, changed))
        users[spec.username] = user
    return users


def _seed_authors(users, summary):
    authors = {}
    for spec in AUTHORS:
        user = users.get(spec.username)
        author = Author.objects.filter(slug=spec.slug).first()
        if author is None and user is not None:
            author = Author.objects.filter(user=user).first()
        if author is None:
            author = Author.objects.create(
                slug=spec.slug,
                name=spec.name,
                title=spec.title,
                bio=spec.bio,
                email=user.email if user else "",
                user=user,
            )
            summary.created["author"] += 1
        authors[spec.slug] = author
    return authors


def _seed_sections(summary):
    sections = {}
    for spec in SECTIONS:
        section = Section.objects.filter(slug=spec.slug).first()
        if section is None:
            section = Section(slug=spec.slug, name=spec.name, name_en=spec.name_en, position=spec.position)
            section.full_clean()
            section.save()
            summary.created["section"] += 1
        sections[spec.slug] = section
    return sections


def _seed_copyright_notice(summary):
    """The site default notice; an existing default is kept as it is."""
    notice = CopyrightNotice.objects.default()
    if notice is None:
        notice, created = CopyrightNotice.objects.get_or_create(
            name=NOTICE_NAME,
            defaults={
                "holder": settings.SITE_NAME,
                "text_ko": "저작권자 © {holder} 무단전재 및 재배포 금지",
                "text_en": "© {year} {holder}. All rights reserved.",
                "is_default": True,
            },
        )
        if created:
            summary.created["copyright notice"] += 1
        else:
            notice.is_default = True
            notice.save(update_fields=["is_default"])
    return notice


def _seed_images(uploader, summary, stdout):
    images = {}
    missing = [spec for spec in IMAGES if not Image.objects.filter(original_filename=spec.filename).exists()]
    if missing and stdout is not None:
        stdout.write(f"Drawing {len(missing)} demo images and making their renditions…")
    for spec in IMAGES:
        image = Image.objects.filter(original_filename=spec.filename).first()
        if image is None:
            fields = {
                "alt_text": spec.alt_text,
                "credit": spec.credit,
                "caption": spec.caption,
                "creator": "Newsroom Daily photo desk" if spec.language == "en" else "본지 사진부",
                "copyright_holder": spec.copyright_holder or settings.SITE_NAME,
                "license": spec.license,
                "focal_x": spec.focal[0],
                "focal_y": spec.focal[1],
            }
            upload = SimpleUploadedFile(spec.filename, jpeg_bytes(spec.draw()), content_type="image/jpeg")
            try:
                image = photo_services.image_save(image=Image(**fields), user=uploader, upload=upload)
                summary.created["image"] += 1
            except photo_services.DuplicateImage as duplicate:
                image = duplicate.existing
        images[spec.filename] = image
    return images


def _seed_sources(reporter, summary):
    sources = {}
    for spec in SOURCES:
        source = Source.objects.filter(name=spec.name, kind=spec.kind).first()
        if source is None:
            source = Source(
                name=spec.name,
                kind=spec.kind,
                role=spec.role,
                url=spec.url,
                is_anonymous=spec.is_anonymous,
                public_description=spec.public_description,
                created_by=reporter,
            )
            source.full_clean()
            source.save()
            summary.created["source"] += 1
        sources[spec.key] = source
    return sources


def _seed_quotes(sources, images, reporter, summary, now):
    quotes = {}
    for spec in QUOTES:
        # An interview is dated relative to the first seed; a post has its own date.
        said_on = spec.said_on
        if said_on is None and spec.said_days_ago is not None:
            said_on = timezone.localdate(now) - datetime.timedelta(days=spec.said_days_ago)
        quote = Quote.objects.filter(source=sources[spec.source], text=spec.text).first()
        if quote is None:
            quote = Quote(
                source=sources[spec.source],
                text=spec.text,
                language=spec.language,
                original_text=spec.original_text,
                original_language=spec.original_language,
                said_on=said_on,
                medium=spec.medium,
                evidence_url=spec.evidence_url,
                evidence_image=images[spec.evidence_image] if spec.evidence_image else None,
                created_by=reporter,
            )
            quote.full_clean()
            quote.save()
            summary.created["quote"] += 1
        quotes[spec.key] = quote
    return quotes


def _local_time(day, hhmm):
    hour, minute = (int(part) for part in hhmm.split(":"))
    naive = datetime.datetime.combine(day, datetime.time(hour, minute))
    return timezone.make_aware(naive)


def cited_phrase(cited_on, language, reference_day):
    """How the body names the cited report's day: "16일" (or "지난달 16일" when the
    month differs) in Korean, "on March 16" in English."""
    if language == "en":
        return f"on {_MONTHS[cited_on.month - 1]} {cited_on.day}"
    if (cited_on.year, cited_on.month) == (reference_day.year, reference_day.month):
        return f"{cited_on.day}일"
    return f"지난달 {cited_on.day}일"


def resolve_body(spec, *, images, quotes, articles, cited):
    """The body as stored: paragraphs joined, embed keys replaced by real ids,
    ``{cited}`` by the cited report's day. Raises ``DemoError`` for a key that
    names nothing (or an article not created before this one)."""
    lookups = {"image": images, "quote": quotes, "article": articles}
    paragraphs = []
    for paragraph in spec.body:
        match = _EMBED_KEY.match(paragraph)
        if match:
            kind, key = match.groups()
            target = lookups[kind].get(key)
            if target is None:
                raise DemoError(f"Demo article “{spec.key}” embeds {kind} “{key}”, which the demo does not make first.")
            paragraph = f"[[{kind}:{target.pk}]]"
        paragraphs.append(paragraph.replace("{cited}", cited))
    return "\n\n".join(paragraphs)


def _seed_articles(users, authors, sections, images, quotes, sources, summary, now):
    reporter, editor = users["reporter"], users["editor"]
    today = timezone.localdate(now)
    articles = {}
    for spec in ARTICLES:
        existing = Article.objects.filter(language=spec.language, headline=spec.headline).first()
        if existing is not None:
            articles[spec.key] = existing
            continue
        if spec.state == Status.PUBLISHED:
            days_ago, hhmm = spec.published
            publish_at = _local_time(today - datetime.timedelta(days=days_ago), hhmm)
        elif spec.state == Status.SCHEDULED:
            publish_at = _local_time(today + datetime.timedelta(days=SCHEDULED_DAYS_AHEAD), SCHEDULED_TIME)
        else:
            publish_at = None
        cited_on = today - datetime.timedelta(days=spec.citation.days_ago)
        cited = cited_phrase(cited_on, spec.language, timezone.localdate(publish_at) if publish_at else today)
        body = resolve_body(spec, images=images, quotes=quotes, articles=articles, cited=cited)
        errors = validate_embeds(body)
        if errors:
            raise DemoError(f"Demo article “{spec.key}”: {'; '.join(str(error) for error in errors)}")

        owner = reporter if spec.state in {Status.DRAFT, Status.REVIEW} else editor
        article = services.article_save(
            article=Article(
                headline=spec.headline,
                dek=spec.dek,
                section=sections[spec.section],
                language=spec.language,
                body=body,
                lead_image=images[spec.lead],
                byline_override=spec.byline_override,
                translation_of=articles[spec.translation_of] if spec.translation_of else None,
            ),
            user=owner,
            bylines=[authors[slug] for slug in spec.authors],
            tags=spec.tags,
            citations=[
                {
                    "source": sources[spec.citation.outlet],
                    "title": spec.citation.title,
                    "url": spec.citation.url,
                    "published_on": cited_on,
                }
            ],
        )
        _move_through_workflow(article, spec.state, publish_at=publish_at, reporter=reporter, editor=editor, now=now)
        summary.created["article"] += 1
        summary.states[article.status] += 1
        articles[spec.key] = article


def _move_through_workflow(article, state, *, publish_at, reporter, editor, now):
    try:
        if state == Status.PUBLISHED:
            services.article_publish(article=article, user=editor, now=publish_at)
            # Written "before" it went live, so the page shows no "updated" line
            # dated today; status and publish_at are left to the service.
            written_at = publish_at - datetime.timedelta(hours=2)
            Article.objects.filter(pk=article.pk).update(created_at=written_at, updated_at=publish_at)
            Revision.objects.filter(article=article).update(created_at=written_at)
        elif state == Status.SCHEDULED:
            services.article_schedule(article=article, user=editor, publish_at=publish_at, now=now)
        elif state == Status.REVIEW:
            services.article_submit_for_review(article=article, user=reporter, now=now)
        elif state != Status.DRAFT:
            raise DemoError(f"Unknown demo article state “{state}”.")
    except services.WorkflowError as error:
        raise DemoError(f"Demo article “{article.headline}” cannot be {state}: {error}") from error
    if state in {Status.DRAFT, Status.REVIEW}:
        problems = services.publication_problems(article, now=now)
        if problems:
            raise DemoError(f"Demo article “{article.headline}” is incomplete: {'; '.join(problems)}")


__all__ = ["ARTICLES", "IMAGES", "QUOTES", "SOURCES", "USERS", "DemoError", "Summary", "seed"]
