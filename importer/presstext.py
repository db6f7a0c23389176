"""Reading article files laid out the way Korean papers hand them over.

Plain text files (``.txt``, ``.text``) and HTML pages or exports of an older
press system (``.html``, ``.htm``) become ``ParsedArticle`` records
(``importer.parsed``); nothing here touches the database.

The layout, and what each part becomes:

* **Headline**: the first non-empty line. A photo caption line is never taken
  for it (scraped copies often begin with the caption): then the next line is
  the headline only if it reads like one (short, not a finished sentence),
  else a blocking ``TODO_HEADLINE``. A first line that is plainly a paragraph
  of the body (long and ending like a sentence) is no headline either. In HTML
  the headline is the ``<h1>``, else ``og:title`` or ``<title>`` without its
  " - site name" / " | site name" suffix, else the first line.
* **Dek**: the line after the headline when it starts with "- " or "ㅡ", or
  when it is short, stands alone before a blank line and is not a sentence.
* **Paragraphs**: blank-line separated; a file with no blank lines has one
  paragraph per line (as scraped copies do). Lines of one blank-line block
  that each end a sentence are paragraphs of their own; otherwise they are
  one hard-wrapped paragraph. Each paragraph is escaped so that
  Python-Markdown shows it as the same text (``markdown_escape``).
* **Repeated lines** (a paragraph twice in a row, a caption repeated as the
  paragraph next to it, the headline repeated as the first paragraph) are
  kept once.
* **Photo captions** with the credit in the forms papers print: "(사진=연합뉴스)",
  "(사진:본지DB)", "[사진=AP]" at either end, "사진: 로이터" ending the
  caption or on a line of its own before or after it (in the same block of
  lines), "/뉴스1" or "/뉴스1 제공" at the end (also after a date
  "2024.5.3/뉴스1"; the part after the slash must read like an outlet, so
  "… / 달러 기준" stays text and "…했다. /홍길동 기자" is a byline),
  "(제공=○○)", "(○○ 제공)", "사진 제공=○○", "ⓒ 연합뉴스" ending a caption
  ("ⓒ 한빛일보" alone on a line is a footer), and a bare parenthesis
  "(연합뉴스)" after a short caption. A bare parenthesis is a credit only when the caption
  is short (≤ 120 characters), does not end a sentence ("…했다.") before it,
  and the parenthesis names a known outlet (연합뉴스, 뉴스1, AP, 로이터, …, or
  a combination such as "AP=연합뉴스") or ends like one ("…일보", "…뉴스",
  "…신문", "…DB", "… 기자", "… 제공", "… 캡처", "… 갈무리"): so "발표했다(사진)",
  "삼성전자(005930)" and "국제통화기금(IMF)" stay text. Each caption becomes a
  ``PhotoBlock`` where the caption line was.
* **Related-article pointers** "(본지 관련 보도기사: … 참조)", "관련기사: …",
  "▶ 관련기사 …", "[관련기사] …" (on a line of their own, or closing a paragraph)
  go to ``related_headlines``.
* **Quotes with their original**: “한국어 인용”(“The original.”) or
  "…"라고 말했다 (원문: "…") become a ``QuoteBlock``; the speaker is read only
  when the paragraph names exactly one person ("<이름> <직함>은 …", "…라고
  <이름>이 말했다"), the date only in its full form ("2024년 5월 3일").
* **Footer, byline, date line**: "저작권자 © … 무단전재 및 재배포 금지" and its
  variants give ``copyright_holder``/``copyright_text``; "홍길동 기자
  gildong@example.com", "[한빛일보=홍길동 기자]", "/홍길동 기자" give
  ``authors``; "입력 2024.05.03 09:30" (also 기사입력, 등록, 승인; 수정 for the
  modification time) gives ``published_at`` in Asia/Seoul. All leave the body.

**Photo files.** ``photo_file_for(path, index, caption)`` finds the image
(.jpg .jpeg .png .webp .gif) for the ``index``-th photo of the text (1 is the
first), beside the text file:

1. files named like the text plus a suffix, in this order: ``기사.jpg`` (no
   suffix), then ``기사-1.jpg``, ``기사_1.jpg``, ``기사 (1).jpg``, ``기사(1).jpg``
   by their number (``기사-01.jpg`` counts as 1). So with only numbered files
   ``기사-1.jpg`` is the first photo; with ``기사.jpg`` beside them it is the
   second (as a copy saved next to ``기사.jpg`` is numbered);
2. else, when the text is the only article file in its folder (a folder per
   article), the folder's images sorted by name (numbers in names compared
   as numbers: 2 before 10);
3. in both, an image whose name is the caption itself wins over the order.

In HTML, an ``<img>`` whose ``src`` is a relative path to an image file under
the import's folder is that photo's file; the rule above is the fallback.

Not read here: a section, tags, a lead photo (a photo that opens the body is
the first ``PhotoBlock``). A file that cannot be read or decoded, or holds no
article text, is a ``ParseProblem``; nothing in a file's content raises.
"""

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .parsed import (
    TODO_AUTHOR,
    TODO_CREDIT,
    TODO_HEADLINE,
    TODO_OTHER,
    TODO_PHOTO,
    TODO_QUOTE_DATE,
    TODO_QUOTE_SPEAKER,
    MarkdownBlock,
    ParsedArticle,
    ParsedAuthor,
    ParsedPhoto,
    ParsedQuote,
    ParseProblem,
    PhotoBlock,
    QuoteBlock,
    Todo,
)

logger = logging.getLogger(__name__)

PRESS_SUFFIXES = (".txt", ".text", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
SEOUL = ZoneInfo("Asia/Seoul")

#: A caption line is at most this long; a longer line is a paragraph.
CAPTION_MAX = 120

HANGUL = re.compile(r"[가-힣ᄀ-ᇿ㄰-㆏]")
LATIN = re.compile(r"[A-Za-z]")
KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Our own markers in the lines made from HTML (private-use characters, removed from any input first).
_FIGURE = "\ue000"  # "\ue000<n>\ue000": the n-th image of the page
_FIGCAPTION = "\ue001"  # "\ue001<text>": a caption the page marks as one (<figcaption>)


# ---------------------------------------------------------------------------
# Files


def find_press_files(root):
    """The article files under ``root`` (.txt .text .html .htm), sorted, skipping
    hidden files and folders and macOS's ``__MACOSX``."""
    root = Path(root)
    if root.is_file():
        return [root] if root.suffix.lower() in PRESS_SUFFIXES else []
    found = []
    for path in root.rglob("*"):
        parts = path.relative_to(root).parts
        if any(part.startswith(".") or part == "__MACOSX" for part in parts):
            continue
        if path.suffix.lower() in PRESS_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def _nfc(text):
    return unicodedata.normalize("NFC", text)


def _natural_key(name):
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in re.split(r"(\d+)", name)]


def _images_in(folder):
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if entry.suffix.lower() in IMAGE_SUFFIXES and not entry.name.startswith(".") and entry.is_file()
    ]


def _caption_stem(caption):
    return re.sub(r"[\s\W_]+", "", _nfc(caption or "")).casefold()


def _images_for(path, *, named_only=False):
    """The images beside ``path`` that belong to it, in photo order (see the module's docstring);
    ``named_only``: only those named like the text (not a folder-per-article's)."""
    path = Path(path)
    folder = path.parent
    images = _images_in(folder)
    if not images:
        return []
    stem = _nfc(path.stem)
    numbered = re.compile(r"^" + re.escape(stem) + r"(?:[-_ ]0*(\d{1,3})|\s?\(0*(\d{1,3})\))$")
    plain, by_number = [], []
    for image in images:
        name = _nfc(image.stem)
        if name == stem:
            plain.append(image)
            continue
        match = numbered.match(name)
        if match:
            by_number.append((int(match.group(1) or match.group(2)), _natural_key(image.name), image))
    if plain or by_number:
        return sorted(plain) + [image for _number, _key, image in sorted(by_number, key=lambda item: item[:2])]
    if named_only:
        return []
    texts = [entry for entry in folder.iterdir() if entry.suffix.lower() in PRESS_SUFFIXES and entry.is_file()]
    texts = [entry for entry in texts if not entry.name.startswith(".")]
    if len(texts) == 1:
        return sorted(images, key=lambda image: _natural_key(_nfc(image.name)))
    return []


def photo_file_for(path, index, caption):
    """The image file beside the text ``path`` for its ``index``-th photo (1 is the
    first), or None. The rule is in the module's docstring."""
    if index < 1:
        return None
    images = _images_for(path)
    wanted = _caption_stem(caption)
    if wanted:
        for image in images:
            if _caption_stem(image.stem) == wanted:
                return image
    return images[index - 1] if index <= len(images) else None


def _relative(path, root):
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                pass
    return path.as_posix() if not path.is_absolute() else path.name


# ---------------------------------------------------------------------------
# Decoding


def decode_press_bytes(raw):
    """The text of ``raw``: UTF-8 (with or without a BOM), UTF-16 with a BOM, else
    CP949 (which reads EUC-KR too). None when it is none of them."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw:
        return None
    for encoding in ("utf-8", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _clean_input(text):
    text = _nfc(text.lstrip("\ufeff")).replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\u200b-\u200d\u2060\ufeff\ue000-\uf8ff]", "", text)


def _squash(line):
    return re.sub(r"[ \t\f\v\u00a0\u2002-\u200a\u202f\u205f\u3000]+", " ", line).strip()


def _same(text):
    """A form of ``text`` for telling repeats: spacing and closing punctuation aside."""
    return re.sub(r"[\s.。]+$", "", re.sub(r"\s+", " ", text)).strip().casefold()


def _sha(text, length=None):
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return digest[:length] if length else digest


# ---------------------------------------------------------------------------
# Markdown


def markdown_escape(text):
    """``text`` as Markdown that Python-Markdown renders as the same visible text."""
    text = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    text = re.sub(r"([`*_\[\]])", r"\\\1", text)
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        line = re.sub(r"^([#>+\-])", r"\\\1", line)
        if lines and re.fullmatch(r"=+", line):  # "===" under a line would make it a heading
            line = "&#61;" + line[1:]
        line = re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Captions and credits

#: Credits a bare parenthesis may hold without a "사진=" label.
KNOWN_CREDITS = {
    name.casefold()
    for name in (
        "연합뉴스", "연합", "뉴스1", "News1", "뉴시스", "Newsis", "AP", "AP통신", "AFP", "AFP통신", "EPA", "UPI",
        "로이터", "로이터통신", "Reuters", "신화", "신화통신", "Xinhua", "교도", "교도통신", "Kyodo", "블룸버그",
        "Bloomberg", "게티이미지", "게티이미지뱅크", "게티이미지코리아", "Getty Images", "Getty", "셔터스톡",
        "Shutterstock", "픽사베이", "Pixabay", "언스플래시", "Unsplash", "본지DB", "본사DB", "자료사진", "연합뉴스TV",
        "Yonhap", "YONHAP", "타스", "TASS", "dpa", "ANSA", "EFE", "AAP", "NHK", "CNN", "BBC",
    )
}  # fmt: skip
_CREDIT_ENDINGS = (
    "기자", "제공", "DB", "뉴스", "일보", "신문", "통신", "방송", "캡처", "캡쳐", "갈무리", "포토", "미디어",
)  # fmt: skip
_LABEL = r"(?:사진\s*제공|사진\s*출처|자료\s*사진|사진|제공|출처|그래픽|photo(?:graph)?|image|courtesy(?:\s+of)?)"
_PLAIN_LABEL = r"(?:사진\s*제공|사진\s*출처|사진|제공|photo(?:graph)?|courtesy(?:\s+of)?)"
_TAIL = r"[.\s]*$"

_CREDIT_LINE = re.compile(rf"^(?P<form>{_PLAIN_LABEL}\s*[=:：]\s*(?P<credit>[^=:：()\[\]]{{1,40}}))$", re.I)
_TRAILING_LABEL = re.compile(
    rf"^(?P<cap>.*?)\s*(?P<form>[(\[]\s*{_LABEL}\s*[=:：/]\s*(?P<credit>[^()\[\]]{{1,40}}?)\s*[)\]]){_TAIL}", re.I
)
_LEADING_LABEL = re.compile(
    rf"^(?P<form>[(\[]\s*{_LABEL}\s*[=:：]\s*(?P<credit>[^()\[\]]{{1,40}}?)\s*[)\]])\s*(?P<cap>.+)$", re.I
)
_GIVEN_BY = re.compile(rf"^(?P<cap>.*?)\s*(?P<form>[(\[](?P<credit>[^()\[\]=:]{{1,30}}?)\s*제공\s*[)\]]){_TAIL}")
_PLAIN_LABEL_END = re.compile(
    rf"^(?P<cap>.+?)[\s.,]+(?P<form>{_PLAIN_LABEL}\s*[=:：]\s*(?P<credit>[^=:：()\[\]]{{1,30}}))$", re.I
)
_SLASH = re.compile(
    r"^(?P<cap>.*?\S)\s*(?:(?P<date>\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?)\s*)?"
    r"(?P<form>/\s*(?P<credit>[^/\s][^/]{0,24}?)(?:\s*제공)?)(?P<rest>\s+[ⓒ©].{0,40})?$"
)
_COPYRIGHT_SIGN_END = re.compile(r"^(?P<cap>.*?\S)\s*(?P<form>[ⓒ©]\s*(?P<credit>[^ⓒ©]{1,30}))$")
_BARE_END = re.compile(rf"^(?P<cap>.*?\S)\s*(?P<form>[(\[](?P<credit>[^()\[\]]{{1,30}})[)\]]){_TAIL}")
_BARE_START = re.compile(r"^(?P<form>\[(?P<credit>[^\[\]]{1,30})\])\s*(?P<cap>.+)$")
_CAPTION_MARKS = re.compile(r"^[▲△▷◁◀■□◆◇●○※]\s*")
_SENTENCE_END = re.compile(r"(?:[.!?。…]|다|요|죠)['\"”’)\]]*$")
_FINISHED_SENTENCE = re.compile(r"[.!?。][\s'\"”’]*$")


@dataclass
class Caption:
    caption: str
    credit: str
    form: str  # the credit as printed, "(사진=연합뉴스)"


def _clean_credit(credit):
    credit = _squash(credit).strip("\"'“”‘’ ")
    credit = re.sub(r"\s*(?:자료\s*사진|제공)$", "", credit).strip()
    return credit


def _clean_caption(caption):
    caption = _CAPTION_MARKS.sub("", _squash(caption))
    return caption.rstrip(" ,/·-").strip()


def _credit_parts(credit):
    return [part.strip() for part in re.split(r"\s*[=/·,]\s*", credit) if part.strip()]


def _known_credit(credit):
    parts = _credit_parts(credit)
    return bool(parts) and all(part.casefold() in KNOWN_CREDITS for part in parts)


def _credit_like(credit):
    """Whether a bare parenthesis names an outlet or a person (see the module's docstring)."""
    credit = credit.strip()
    if not credit or re.fullmatch(r"[\d\s.,:-]+", credit):
        return False
    if _known_credit(credit):
        return True
    if len(credit) > 20 or len(credit.split()) > 3 or re.search(r"\d", credit) or not HANGUL.search(credit):
        return False
    return credit.endswith(_CREDIT_ENDINGS) and credit not in ("제공", "기자", "뉴스")


def _plausible_credit(credit):
    return (
        bool(credit)
        and len(credit) <= 40
        and len(credit.split()) <= 5
        and not re.fullmatch(r"[\d\s.,:-]+", credit)
        and not re.search(r"다\.?$", credit)
    )


def split_caption(line):
    """A caption line's caption, credit and the credit's printed form, or None.
    The caption is "" for a line that is only a credit ("사진: 로이터")."""
    line = _squash(line)
    if not line:
        return None
    match = _CREDIT_LINE.match(line)
    if match and _plausible_credit(_clean_credit(match["credit"])):
        return Caption("", _clean_credit(match["credit"]), match["form"])
    for pattern in (_LEADING_LABEL, _TRAILING_LABEL, _GIVEN_BY):
        match = pattern.match(line)
        if match and _plausible_credit(_clean_credit(match["credit"])):
            return Caption(_clean_caption(match["cap"]), _clean_credit(match["credit"]), match["form"].strip())
    match = _PLAIN_LABEL_END.match(line)
    if match and _plausible_credit(_clean_credit(match["credit"])):
        return Caption(_clean_caption(match["cap"]), _clean_credit(match["credit"]), match["form"].strip())
    match = _SLASH.match(line)
    if match:
        credit = _clean_credit(match["credit"])
        before = line[: match.start("form")]
        spaced = bool(match["date"]) or (before[-1:].isspace() or before.rstrip()[-1:] in '.!?”"’)')
        outlet = _credit_like(credit) or "제공" in match["form"] or bool(match["date"]) or bool(LATIN.search(credit))
        if (
            spaced
            and outlet
            and read_byline(credit) is None  # "…했다. /홍길동 기자" closes the article: a byline
            and _plausible_credit(credit)
            and len(credit.split()) <= 3
            and not _SENTENCE_END.search(credit)
            and (LATIN.search(credit) or HANGUL.search(credit))
            and len(_clean_caption(match["cap"])) >= 2
        ):
            return Caption(_clean_caption(match["cap"]), credit, match["form"].strip())
    match = _COPYRIGHT_SIGN_END.match(line)
    if match and "무단" not in match["credit"] and not re.match(r"(?i)^(?:저작권자|copyright)", match["cap"]):
        credit = _clean_credit(match["credit"])
        if _plausible_credit(credit):
            return Caption(_clean_caption(match["cap"]), credit, match["form"].strip())
    match = _BARE_END.match(line)
    if match and not _FINISHED_SENTENCE.search(match["cap"]) and _credit_like(match["credit"]):
        return Caption(_clean_caption(match["cap"]), _clean_credit(match["credit"]), match["form"])
    match = _BARE_START.match(line)
    if match and _known_credit(_clean_credit(match["credit"])):
        return Caption(_clean_caption(match["cap"]), _clean_credit(match["credit"]), match["form"])
    return None


def _explicit_credit_at_end(paragraph):
    """A long paragraph that ends with "(사진=연합뉴스)": the text without it, and the caption."""
    for pattern in (_TRAILING_LABEL, _GIVEN_BY):
        match = pattern.match(paragraph)
        if match and match["cap"].strip() and _plausible_credit(_clean_credit(match["credit"])):
            return match["cap"].strip(), Caption("", _clean_credit(match["credit"]), match["form"].strip())
    return None


# ---------------------------------------------------------------------------
# Footer, byline, date line

_RIGHTS_KO = r"무단\s*전재.{0,40}?금지\.?"
_RIGHTS_EN = r"all\s+rights\s+reserved\.?"
_SIGN = r"(?:ⓒ|©|\(c\))"
_RIGHTS = rf"(?:[\s,.]*(?:{_RIGHTS_KO}|{_RIGHTS_EN}))*[\s.]*"
_FOOTERS = (
    re.compile(rf"^저작권자\s*{_SIGN}?\s*(?P<h>.*?){_RIGHTS}$", re.I),
    re.compile(rf"^copyright\s*{_SIGN}?\s*(?:\d{{4}}(?:\s*[-–~]\s*\d{{4}})?\s*)?(?:by\s+)?(?P<h>.*?){_RIGHTS}$", re.I),
    re.compile(rf"^{_SIGN}\s*(?:\d{{4}}\s*)?(?P<h>.*?){_RIGHTS}$", re.I),
    re.compile(rf"^(?P<h>.*?)[\s,.]*{_RIGHTS_KO}{_RIGHTS}$", re.I),
)


def read_footer(line):
    """The copyright holder of a footer line ("" when it names none), or None."""
    line = _squash(line)
    if not line or len(line) > 150:
        return None
    inner = line
    bracket = re.fullmatch(r"[<\[(〈《【](.*)[>\])〉》】]", line)
    if bracket:
        inner = bracket.group(1).strip()
    has_rights = re.search(rf"(?i){_RIGHTS_KO}|{_RIGHTS_EN}", inner)
    has_sign = re.match(rf"(?i)^(?:저작권자|copyright)?\s*{_SIGN}", inner)
    if not (has_rights or has_sign):
        return None
    for pattern in _FOOTERS:
        match = pattern.match(inner)
        if match:
            holder = match["h"]
            holder = re.sub(r"\s*[(\[]?\s*(?:https?://|www\.)\S*\s*[)\]]?", "", holder)
            holder = re.sub(rf"(?i)^{_SIGN}\s*|^\d{{4}}\s+", "", holder.strip())
            holder = holder.strip(" .,")
            if len(holder) > 40 or _FINISHED_SENTENCE.search(holder) or re.search(r"다$", holder):
                return None
            return holder
    return None


_NAME = r"[가-힣]{2,4}"
_REPORTER = r"(?:선임|수석|전문|객원|인턴|사진|영상|취재|수습|대)?\s?(?:기자|특파원|통신원|논설위원|편집위원)"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_EMAIL_ONLY = re.compile(_EMAIL)
_BYLINE_SEGMENT = re.compile(
    rf"(?:[가-힣]{{1,6}}부\s+)?(?P<names>{_NAME}(?:\s*[·ㆍ,]\s*{_NAME})*)\s*{_REPORTER}"
    rf"(?:\s*[=:(<\[]?\s*(?P<email>{_EMAIL})\s*[)>\]]?)?"
)
_BYLINE_CORE = rf"{_NAME}(?:\s*[·ㆍ,]\s*{_NAME})*\s*{_REPORTER}(?:\s*[(<\[]?\s*{_EMAIL}\s*[)>\]]?)?"
_BYLINE_IN_BRACKETS = re.compile(
    rf"^[\[【(]\s*(?:[^\]】)=]{{1,20}}\s*=\s*|[^\]】)=\s]{{1,20}}\s+)?(?P<by>{_BYLINE_CORE})\s*[\]】)]\s*"
)
_DATELINE_THEN_BYLINE = re.compile(
    rf"^[(【\[]\s*[가-힣A-Za-z]{{1,10}}\s*=\s*[^)】\]]{{1,20}}[)】\]]\s*(?P<by>{_BYLINE_CORE})\s*=\s*"
)
_BYLINE_AT_END = re.compile(rf"\s*/\s*(?P<by>{_BYLINE_CORE})\s*$")
_BYLINE_EMAIL_AT_END = re.compile(rf"(?<=[.!?”\"])\s+(?P<by>{_NAME}\s*{_REPORTER}\s*[(<\[]?\s*{_EMAIL}\s*[)>\]]?)\s*$")
_ENGLISH_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
_ENGLISH_BYLINE = re.compile(
    rf"^By\s+(?P<names>{_ENGLISH_NAME}(?:\s*(?:,|and|&)\s*{_ENGLISH_NAME})*)\s*(?:[,|]\s*(?P<rest>.*))?$"
)


def read_byline(text):
    """The authors a whole byline names ("홍길동 기자 gildong@example.com",
    "[한빛일보=홍길동 기자]", "/홍길동 기자", "By Jane Doe"), or None."""
    text = _squash(text)
    if not text or len(text) > 120:
        return None
    match = _ENGLISH_BYLINE.match(text)
    rest = (match["rest"] or "").strip() if match else ""
    if match and (not rest or _EMAIL_ONLY.fullmatch(rest) or (len(rest) <= 40 and not rest.endswith("."))):
        names = [name.strip() for name in re.split(r"\s*(?:,|\band\b|&)\s*", match["names"]) if name.strip()]
        email = rest if _EMAIL_ONLY.fullmatch(rest) else ""
        return [ParsedAuthor(name=name, email=email if len(names) == 1 else "") for name in names]
    bracketed = _BYLINE_IN_BRACKETS.match(text)
    if bracketed and bracketed.end() == len(text):
        text = bracketed["by"]
    text = re.sub(r"^(?:/|글\s*[·ㆍ]\s*사진\s*[=:]?|글\s*[=:·]?|취재\s*[=:·]?|정리\s*[=:·]?)\s*", "", text)
    authors = []
    position = 0
    for match in _BYLINE_SEGMENT.finditer(text):
        if text[position : match.start()].strip(" ,·ㆍ/"):
            return None
        names = [name for name in re.split(r"\s*[·ㆍ,]\s*", match["names"]) if name]
        email = match["email"] or ""
        for name in names:
            authors.append(ParsedAuthor(name=name, email=email if len(names) == 1 else ""))
        position = match.end()
    if not authors or text[position:].strip(" ,·ㆍ/"):
        return None
    return authors


_DATE_LABEL = r"(?P<label>기사\s*입력|최초\s*입력|입력|등록|승인|발행|게재|송고|최종\s*수정|기사\s*수정|수정|업데이트)"
_DATE_VALUE = (
    r"(?P<y>\d{4})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})\s*[.일]?\s*"
    r"(?:\([월화수목금토일]\)\s*)?(?:(?P<ampm>오전|오후|AM|PM)\s*)?"
    r"(?:(?P<H>\d{1,2})\s*:\s*(?P<M>\d{2})(?:\s*:\s*(?P<S>\d{2}))?)?"
)
_DATE_ITEM = re.compile(rf"{_DATE_LABEL}\s*[:：]?\s*{_DATE_VALUE}", re.I)
_COUNTER = re.compile(r"^(?:조회(?:수)?|댓글|공감|추천)\s*[:：]?\s*[\d,]+$")
_MODIFIED_LABELS = ("수정", "업데이트")


def _datetime_of(match):
    try:
        hour = int(match["H"] or 0)
        if match["ampm"] in ("오후", "PM") and hour < 12:
            hour += 12
        if match["ampm"] in ("오전", "AM") and hour == 12:
            hour = 0
        return datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            hour,
            int(match["M"] or 0),
            int(match["S"] or 0),
            tzinfo=SEOUL,
        )
    except ValueError:
        return None


@dataclass
class MetaLine:
    published_at: datetime | None = None
    modified_at: datetime | None = None
    authors: list = field(default_factory=list)


def read_meta_line(line):
    """A line of dates and bylines ("입력 2024.05.03 09:30 | 수정 …", "홍길동 기자 | 입력 …"), or None."""
    line = _squash(line)
    if not line or len(line) > 200:
        return None
    meta = MetaLine()
    found = False
    for segment in re.split(r"\s*[|│ㅣ]\s*", line):
        segment = segment.strip(" ·,")
        if not segment or _COUNTER.match(segment):
            continue
        items = list(_DATE_ITEM.finditer(segment))
        if items and not _DATE_ITEM.sub("", segment).strip(" ·,/|()[]"):
            for item in items:
                moment = _datetime_of(item)
                if moment is None:
                    return None
                label = re.sub(r"\s+", "", item["label"])
                if label.endswith(_MODIFIED_LABELS):
                    meta.modified_at = meta.modified_at or moment
                else:
                    meta.published_at = meta.published_at or moment
            found = True
            continue
        authors = read_byline(segment)
        if authors:
            meta.authors.extend(authors)
            found = True
            continue
        return None
    return meta if found else None


# ---------------------------------------------------------------------------
# Related-article pointers

_POINTER_MARK = r"[▶☞▷►→]"
_RELATED = r"(?:본지\s*)?관련\s*(?:보도\s*)?기사"
_POINTER_PAREN = re.compile(
    rf"^[(\[]\s*{_RELATED}\s*(?:[:：]\s*(?P<a>(?:[^()\[\]]|\([^()]*\))+?)|(?P<b>(?:[^()\[\]]|\([^()]*\))+?))"
    rf"\s*(?:참조|참고)?\s*[)\]]$"
)
_POINTER_BRACKET = re.compile(rf"^[\[【]\s*{_RELATED}\s*[\]】]\s*[:：]?\s*(?P<h>.*)$")
_POINTER_COLON = re.compile(rf"^{_RELATED}\s*[:：]\s*(?P<h>.*)$")
_POINTER_AFTER_MARK = re.compile(rf"^{_RELATED}\s*[:：]?\s*(?P<h>.*)$")
_POINTER_CLOSING = re.compile(
    rf"\s*(?P<p>[(\[]\s*{_RELATED}\s*[:：]?\s*(?:[^()\[\]]|\([^()]*\))+?\s*(?:참조|참고)?\s*[)\]]"
    rf"|{_POINTER_MARK}\s*{_RELATED}\s*[:：]?\s*\S.*)\s*$"
)
_BULLET = re.compile(r"^[▶☞▷►•·\-–—]\s*")
#: A line that starts an item of a list ("▶ …", "- …", "1. …", "▲ …"): never joined to the line above.
_LIST_MARK = re.compile(r"^(?:[▶☞▷►•·▲△■□◆◇●○※\-–—*]|\d{1,2}[.)]\s)")


def _clean_headline(text):
    text = _squash(text)
    text = re.sub(r"\s*(?:참조|참고)\s*$", "", text)
    text = text.strip(" .")
    pairs = {"“": "”", '"': '"', "‘": "’", "'": "'", "「": "」", "『": "』", "<": ">", "《": "》", "〈": "〉"}
    if len(text) >= 2 and pairs.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text


def read_pointer(line):
    """The headline a related-article pointer line names: "" for a heading with the
    headlines on the lines below ("[관련기사]"), None for a line that is no pointer."""
    line = _squash(line)
    marked = re.match(rf"^{_POINTER_MARK}\s*", line)
    body = line[marked.end() :] if marked else line
    match = _POINTER_PAREN.match(body)
    if match:
        return _clean_headline(match["a"] or match["b"] or "")
    for pattern in (_POINTER_BRACKET, _POINTER_COLON) + ((_POINTER_AFTER_MARK,) if marked else ()):
        match = pattern.match(body)
        if match:
            return _clean_headline(match["h"])
    return None


def cut_closing_pointer(paragraph):
    """(paragraph without it, headline) when a pointer closes ``paragraph``, else None."""
    match = _POINTER_CLOSING.search(paragraph)
    if not match or not paragraph[: match.start()].strip():
        return None
    headline = read_pointer(match["p"])
    if not headline:
        return None
    return paragraph[: match.start()].rstrip(), headline


# ---------------------------------------------------------------------------
# Quotes with their original

_QUOTE_WITH_ORIGINAL = re.compile(
    r"(?P<q>[“\"](?P<ko>[^“”\"]{2,}?)[”\"])"
    r"(?P<tail>[^“”\"().]{0,30}\.?)"
    r"(?P<orig>\s*\(\s*(?:(?:원문|영문|원어|original)\s*[:：=]?\s*)?[“\"‘']?(?P<o>[^()]+?)[”\"’']?\s*\))"
)
_TITLES = (
    "대표이사|대표|부사장|사장|부회장|회장|의장|장관|차관|국회의원|의원|명예교수|교수|대변인|위원장|위원|총리|대통령|"
    "최고경영자|최고기술책임자|CEO|CTO|이사장|이사|원장|청장|시장|지사|구청장|군수|수석연구원|연구원|연구위원|박사|"
    "소장|국장|팀장|실장|부장|본부장|센터장|대사|감독|선수|총장|학장|변호사|애널리스트|이코노미스트|전무|상무|"
    "사무총장|총재|후보|작가|씨"
)
_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원천방공현함변염여추"
    "도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부"
)
_NOT_NAMES = {
    "신임", "전임", "공동", "상임", "초대", "차기", "현직", "전직", "수석", "부대표", "대표", "당시", "해당", "이번",
}  # fmt: skip
#: A word that ends with a title and a subject particle: "대표는", "보령시장이", "최고경영자(CEO)는".
_TITLED_WORD = re.compile(rf"^\S*?(?:{_TITLES})(?:\([A-Za-z]+\))?(?:은|는|이|가)$")
#: Also one of several people named together: "홍길동 대표와 김철수 교수는".
_TITLED_WORD_ALONGSIDE = re.compile(rf"^\S*?(?:{_TITLES})(?:\([A-Za-z]+\))?(?:은|는|이|가|와|과|도|,|및)$")
_SPEECH_VERB = r"(?:말했다|밝혔다|강조했다|덧붙였다|설명했다|전했다|주장했다|지적했다|답했다|적었다|썼다|말한다|밝힌다)"
_SPEAKER_AFTER = re.compile(rf"^\s*(?:이?라고|고|며|면서)\s+(?P<words>[^.“”\"]{{0,40}}?)\s*{_SPEECH_VERB}")
_FULL_DATE = re.compile(r"(?P<y>\d{4})년\s*(?P<m>\d{1,2})월\s*(?P<d>\d{1,2})일")
_LEAD_IN = re.compile(r"(?:이렇게|다음과 같이)\s+\S+다\.\s*$|[:：]\s*$")


def _person_name(name):
    return bool(name) and name not in _NOT_NAMES and (name[0] in _SURNAMES or name[:2] in {"남궁", "황보", "제갈"})


def detect_language(text):
    """The language of ``text`` by its script: "ko", "ja", "zh", "ru", "en" (any Latin script), or ""."""
    if HANGUL.search(text):
        return "ko"
    if KANA.search(text):
        return "ja"
    if HAN.search(text):
        return "zh"
    if CYRILLIC.search(text):
        return "ru"
    if LATIN.search(text):
        return "en"
    return ""


def _is_original(text):
    if HANGUL.search(text):
        return False
    if KANA.search(text):
        return len(text.strip()) >= 4
    return len(LATIN.findall(text)) >= 4 and len(text.split()) >= 2


def _titled_names(text, pattern=_TITLED_WORD):
    """The names before a title in ``text``: "홍길동 대표는", "한빛전자 홍길동 대표는",
    "홍길동 한빛전자 대표는" all name 홍길동."""
    names = []
    words = text.split()
    for index, word in enumerate(words):
        if not pattern.match(word) or re.fullmatch(r"\S+씨[은는이가]", word):  # "솜씨는" is no title
            continue
        before = [candidate for candidate in reversed(words[max(0, index - 3) : index]) if _person_name(candidate)]
        before = [candidate for candidate in before if re.fullmatch(_NAME, candidate)]
        chosen = next((candidate for candidate in before if len(candidate) == 3), before[0] if before else "")
        if chosen:
            names.append(chosen)
    return names


def _speakers(before, after):
    """The people named as saying a quote, from the text ``before`` it in its sentence
    ("홍길동 대표는 “…”") or ``after`` it ("“…”라고 홍길동 대표가 말했다")."""
    before = before[-200:]  # its sentence: a speaker is named close to the quote
    names = _titled_names(before[before.rfind(". ") + 1 :], _TITLED_WORD_ALONGSIDE)
    after = _SPEAKER_AFTER.match(after[:120])
    if after:
        found = _titled_names(after["words"])
        if not found:
            plain = re.fullmatch(rf"(?:.*\s)?(?P<name>{_NAME}?)(?:이|가|은|는)", after["words"].strip())
            if plain and _person_name(plain["name"]):
                found = [plain["name"]]
        names.extend(found)
    return list(dict.fromkeys(names))


def _said_on(text):
    for match in _FULL_DATE.finditer(text):
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
    return None


@dataclass
class FoundQuote:
    text: str
    original: str
    original_language: str
    speaker: str
    said_on: date | None


def extract_quotes(paragraph, context=""):
    """(paragraph without the originals, quotes, whole) for the Korean quotes with their
    original in parentheses; ``whole`` when the quote was the whole paragraph.
    ``context`` is a lead-in paragraph read for the speaker and the date of a whole-paragraph quote."""
    quotes = []
    pieces = []
    position = 0
    for match in _QUOTE_WITH_ORIGINAL.finditer(paragraph):
        korean, original = match["ko"].strip(), match["o"].strip()
        if not HANGUL.search(korean) or len(korean) < 4 or not _is_original(original):
            continue
        pieces.append(paragraph[position : match.start("orig")])
        position = match.end("orig")
        quotes.append((match, korean, original))
    if not quotes:
        return paragraph, [], False
    pieces.append(paragraph[position:])
    text = re.sub(r" {2,}", " ", "".join(pieces)).strip()
    whole = len(quotes) == 1 and not re.sub(r"[\s.,]", "", text.replace(quotes[0][0]["q"], "", 1).strip())
    found = []
    said_on = _said_on(paragraph)
    for match, korean, original in quotes:
        if whole and context and _LEAD_IN.search(context):
            said_on = _said_on(context)
            names = _speakers(context, "")
        else:
            names = _speakers(paragraph[: match.start("q")], match["tail"] + paragraph[match.end("orig") :])
        found.append(
            FoundQuote(
                text=korean,
                original=original,
                original_language=detect_language(original),
                speaker=names[0] if len(names) == 1 else "",
                said_on=said_on,
            )
        )
    return ("" if whole else text), found, whole


# ---------------------------------------------------------------------------
# HTML


_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "iframe", "form", "button", "select", "svg", "aside")
_PARA_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "table", "pre", "dl", "center"}
_LINE_TAGS = {"div", "section", "article", "main", "header", "footer", "tr", "td", "th", "dt", "dd", "address"}
_CONTENT_SELECTORS = (
    "[itemprop=articleBody]",
    "#article-view-content-div",
    "#articleBody",
    "#article_body",
    "#articleText",
    "#article_content",
    "#news_body_id",
    "#newsEndContents",
    "#dic_area",
    "#textBody",
    ".article_body",
    ".article-body",
    ".article_txt",
    ".news_body",
    ".view_con",
)
_CAPTION_CLASS = re.compile(r"caption|photo_?desc|img_?desc|photo_?txt|photo_?cap", re.I)
_SKIP_IMAGE = re.compile(r"logo|icon|btn|button|banner|blank|spacer|pixel|sns|share|ad_", re.I)


@dataclass
class HtmlImage:
    src: str
    path: Path | None
    caption: str = ""
    alt: str = ""


@dataclass
class HtmlPage:
    headline: str
    text: str  # the article's lines, with markers for the images
    images: list
    page_lines: list  # every line of the page, for a date, byline or footer outside the article
    old_urls: list
    published_at: datetime | None


def _text_length(element):
    return len(re.sub(r"\s+", "", element.get_text()))


def _pick_content(soup):
    articles = [element for element in soup.find_all("article") if _text_length(element) >= 100]
    if articles:
        return max(articles, key=_text_length)
    for selector in _CONTENT_SELECTORS:
        element = soup.select_one(selector)
        if element is not None and _text_length(element) >= 50:
            return element
    best, best_score = None, 0
    for element in soup.find_all(["div", "td", "section", "main"]):
        if element.find_parent(["header", "footer"]):
            continue
        score = sum(len(text.strip()) for text in element.find_all(string=True, recursive=False))
        score += sum(_text_length(child) for child in element.find_all(["p", "font", "span"], recursive=False))
        score += 40 * len(element.find_all("br", recursive=False))
        if score > best_score:
            best, best_score = element, score
    return best or soup.body or soup


def _local_image(src, html_path, root):
    if not src or not html_path:
        return None
    if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", src, re.I):
        return None
    relative = unquote(src.split("#")[0].split("?")[0]).replace("\\", "/")
    if not relative or Path(relative).suffix.lower() not in IMAGE_SUFFIXES:
        return None
    folder = Path(html_path).parent
    base = Path(root) if root is not None else folder
    candidates = [folder / relative.lstrip("/")] if relative.startswith("/") else [folder / relative]
    if relative.startswith("/"):
        candidates.insert(0, base / relative.lstrip("/"))
    candidates.append(folder / Path(relative).name)
    try:
        base_resolved = base.resolve()
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved.is_relative_to(base_resolved) and resolved.is_file():
                return resolved
    except OSError:
        return None
    return None


def _image_wanted(img):
    src = img.get("src") or img.get("data-src") or ""
    if not src or src.startswith("data:") or _SKIP_IMAGE.search(src):
        return False
    for attribute in ("width", "height"):
        value = re.match(r"\d+", str(img.get(attribute) or ""))
        if value and int(value.group(0)) <= 50:
            return False
    return True


def _element_text(element):
    return _squash(element.get_text(" ", strip=True))


def _html_lines(content, html_path, root):
    images = []
    out = []

    def add_image(img, caption=""):
        src = img.get("src") or img.get("data-src") or ""
        images.append(HtmlImage(src, _local_image(src, html_path, root), caption, _squash(img.get("alt") or "")))
        out.append(f"\n\n{_FIGURE}{len(images) - 1}{_FIGURE}\n\n")

    def walk(node):
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    out.append(re.sub(r"[ \t\r\n\f\v]+", " ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                out.append("\n")
            elif name == "img":
                if _image_wanted(child):
                    add_image(child)
            elif name == "figure":
                caption_element = child.find("figcaption") or child.find(class_=_CAPTION_CLASS)
                caption = _element_text(caption_element) if caption_element else ""
                wanted = [img for img in child.find_all("img") if _image_wanted(img)]
                if wanted:
                    for number, img in enumerate(wanted):
                        add_image(img, caption if number == 0 else "")
                elif caption:
                    out.append(f"\n\n{_FIGCAPTION}{caption}\n\n")
            elif name == "figcaption" or (
                _CAPTION_CLASS.search(" ".join(child.get("class") or [])) and not child.find("img")
            ):
                text = _element_text(child)
                if text:
                    out.append(f"\n\n{_FIGCAPTION}{text}\n\n")
            else:
                separator = "\n\n" if name in _PARA_TAGS else "\n" if name in _LINE_TAGS else ""
                out.append(separator)
                walk(child)
                out.append(separator)

    walk(content)
    return "".join(out), images


def _strip_site_name(title, site_name=""):
    title = _squash(title)
    for separator in (" | ", " - ", " :: ", " < ", " – ", " — ", " ｜ "):
        if separator in title:
            head, tail = title.rsplit(separator, 1)
            if head.strip() and ((site_name and site_name in tail) or len(tail) <= 20):
                return head.strip()
    return title


def read_html(html, html_path=None, root=None):
    soup = BeautifulSoup(html, "html.parser")
    old_urls = []
    for selector, attribute in (("link[rel=canonical]", "href"), ("meta[property='og:url']", "content")):
        element = soup.select_one(selector)
        value = (element.get(attribute) or "").strip() if element else ""
        if value and value not in old_urls:
            old_urls.append(value)
    published_at = None
    element = soup.select_one("meta[property='article:published_time']")
    if element and element.get("content"):
        try:
            published_at = datetime.fromisoformat(element["content"].strip().replace("Z", "+00:00"))
            if published_at.tzinfo is None:
                published_at = published_at.replace(tzinfo=SEOUL)
        except ValueError:
            published_at = None
    site_element = soup.select_one("meta[property='og:site_name']")
    site_name = _squash(site_element.get("content") or "") if site_element else ""
    title_element = soup.find("title")
    title = _strip_site_name(title_element.get_text(), site_name) if title_element else ""
    og_element = soup.select_one("meta[property='og:title']")
    og_title = _strip_site_name(og_element.get("content") or "", site_name) if og_element else ""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    page_text, _images = _html_lines(soup.body or soup, None, None)
    page_lines = [_squash(re.sub("[\ue000-\ue001]\\d*\ue000?", "", line)) for line in page_text.split("\n")]
    page_lines = [line for line in page_lines if line]
    content = _pick_content(soup)
    headline = ""
    h1s = (content.find_all("h1") if isinstance(content, Tag) else []) + soup.find_all("h1")
    for h1 in h1s:
        text = _element_text(h1)
        if text and len(text) <= 300 and text != site_name:
            headline = text
            break
    headline = headline or og_title or title
    text, images = _html_lines(content, html_path, root)
    return HtmlPage(headline, text, images, page_lines, old_urls, published_at)


def looks_like_html(text):
    start = text.lstrip("\ufeff \t\r\n")[:500].casefold()
    return start.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].casefold()


# ---------------------------------------------------------------------------
# The reader


@dataclass
class _Item:
    kind: str  # text, caption, credit, figure, figcaption, pointer, pointer_head, meta, footer
    text: str = ""
    group: int = 0
    data: dict = field(default_factory=dict)


class _Messages:
    def __init__(self, language):
        self.ko = language == "ko"

    def headline(self):
        if self.ko:
            return "제목을 찾지 못했습니다 — 제목을 적어 주세요"
        return "No headline was found — write one"

    def photo(self, caption, credit):
        shown = f"“{caption}”" if caption else ("설명 없는 사진" if self.ko else "a photo with no caption")
        credit_part = f" ({credit})" if credit else ""
        if self.ko:
            return f"사진 자리: {shown}{credit_part} — 사진 파일을 올려 주세요"
        return f"Photo slot: {shown}{credit_part} — upload the photo"

    def credit(self, caption):
        shown = f"“{caption}”" if caption else ("설명 없는 사진" if self.ko else "a photo with no caption")
        if self.ko:
            return f"사진 {shown}: 출처(크레디트)를 적어 주세요"
        return f"Photo {shown}: say whose it is (the credit)"

    def speaker(self, text):
        if self.ko:
            return f"인용문 “{_short(text)}”: 누가 한 말인지 적어 주세요"
        return f"Quote “{_short(text)}”: say who said it"

    def said_on(self, text):
        if self.ko:
            return f"인용문 “{_short(text)}”: 언제 한 말인지 적어 주세요"
        return f"Quote “{_short(text)}”: say when it was said"

    def author(self):
        if self.ko:
            return "바이라인(기자 이름)을 찾지 못했습니다 — 필자를 지정해 주세요"
        return "No byline was found — choose the author"

    def unused_image(self, name):
        if self.ko:
            return f"사진 파일 {name}은(는) 본문의 어느 사진 설명과도 짝지어지지 않았습니다"
        return f"The image file {name} matched no caption in the text"


def _short(text, length=40):
    text = _squash(text)
    return text if len(text) <= length else text[: length - 1] + "…"


_LANGUAGE_NAMES = {"en": "English", "ja": "Japanese", "zh": "Chinese", "ru": "Russian", "ko": "Korean"}


def _caption_like(text):
    return len(text) <= CAPTION_MAX


def _dek_marked(text):
    return re.match(r"^(?:-\s+|ㅡ\s*|―\s*|—\s*|–\s+)", text)


def _clearly_body(text):
    return len(text) > 200 or (len(text) > 60 and _FINISHED_SENTENCE.search(text))


def _headline_like(text):
    return len(text) <= 100 and not _FINISHED_SENTENCE.search(text)


class _Reader:
    def __init__(self, path, root, raw_text, *, html_page=None):
        self.path = Path(path)
        self.root = Path(root) if root is not None else None
        self.html = html_page
        self.language = "ko" if HANGUL.search(raw_text) else "en"
        self.say = _Messages(self.language)
        self.article = None
        self.photo_count = 0
        self.used_images = set()

    # -- lines to items -------------------------------------------------------

    def classify(self, text):
        items = []
        group = 0
        for raw in text.split("\n"):
            line = _squash(raw)
            if not line:
                group += 1
                continue
            items.append(self.classify_line(line, group))
        return items

    def classify_line(self, line, group):
        figure = re.fullmatch(f"{_FIGURE}(\\d+){_FIGURE}", line)
        if figure:
            return _Item("figure", "", group, {"index": int(figure.group(1))})
        if line.startswith(_FIGCAPTION):
            return _Item("figcaption", line[1:].strip(), group)
        holder = read_footer(line)
        if holder is not None:
            return _Item("footer", line, group, {"holder": holder})
        meta = read_meta_line(line)
        if meta is not None:
            return _Item("meta", line, group, {"meta": meta})
        headline = read_pointer(line)
        if headline is not None:
            return _Item("pointer_head" if not headline else "pointer", line, group, {"headline": headline})
        caption = split_caption(line) if len(line) <= CAPTION_MAX else None
        if caption is not None:
            return _Item("credit" if not caption.caption else "caption", line, group, {"caption": caption})
        return _Item("text", line, group)

    # -- the article --------------------------------------------------------------

    def read(self, text):
        items = self.classify(text)
        groups = {item.group for item in items}
        blank_mode = self.blank_mode = len(groups) > 1
        for item in items:
            if item.kind == "meta":
                self.take_meta(item)
            elif item.kind == "footer":
                self.take_footer(item)
        items = [item for item in items if item.kind not in ("meta", "footer")]
        items = self.take_headline(items, blank_mode)
        items = self.take_dek(items, blank_mode)
        items = self.join_paragraphs(items, blank_mode)
        items = self.take_bylines_in_paragraphs(items)
        self.build_body(items)

    def take_meta(self, item):
        meta = item.data["meta"]
        article = self.article
        if meta.published_at and article.published_at is None:
            article.published_at = meta.published_at
            article.recognised.append(f"date line: {item.text}")
        if meta.modified_at and article.modified_at is None:
            article.modified_at = meta.modified_at
        self.add_authors(meta.authors)

    def take_footer(self, item):
        article = self.article
        if article.copyright_text:
            return
        article.copyright_text = item.text
        article.copyright_holder = item.data["holder"]
        article.recognised.append(f"copyright footer: {item.data['holder'] or item.text}")

    def add_authors(self, authors):
        known = {author.name: author for author in self.article.authors}
        for author in authors:
            if author.name in known:
                known[author.name].email = known[author.name].email or author.email
                continue
            self.article.authors.append(author)
            known[author.name] = author
            self.article.recognised.append(f"byline: {author.name}")

    def take_headline(self, items, blank_mode):
        article = self.article
        if self.html is not None and self.html.headline:
            article.headline = self.html.headline
            for index, item in enumerate(items[:3]):  # the page's own copy of the headline
                if item.kind == "text" and _same(item.text) == _same(article.headline):
                    return items[:index] + items[index + 1 :]
            return items
        if not items:
            return items
        first = items[0]
        if first.kind == "text" and not _clearly_body(first.text) and not _dek_marked(first.text):
            article.headline = first.text
            self.headline_group = first.group
            return items[1:]
        if first.kind in ("caption", "figure", "figcaption") and len(items) > 1 and items[1].kind == "text":
            # A caption first (a scraped copy): the next line is the headline only if it reads like one.
            candidate = items[1]
            alone = sum(1 for item in items if item.group == candidate.group) == 1
            repeat = first.kind == "caption" and _same(candidate.text) == _same(first.data["caption"].caption)
            if _headline_like(candidate.text) and (alone or not blank_mode) and not repeat:
                article.headline = candidate.text
                self.headline_group = candidate.group
                return items[:1] + items[2:]
        article.todos.append(Todo(TODO_HEADLINE, self.say.headline(), blocking=True))
        return items

    headline_group = None
    blank_mode = False

    def take_dek(self, items, blank_mode):
        if not self.article.headline or not items or items[0].kind != "text":
            return items
        first = items[0]
        if _dek_marked(first.text):
            lines = []
            while items and items[0].kind == "text" and _dek_marked(items[0].text) and len(items[0].text) <= 150:
                lines.append(re.sub(r"^(?:-|ㅡ|―|—|–)\s*", "", items[0].text).strip())
                items = items[1:]
            self.article.dek = "\n".join(lines)
            self.article.recognised.append(f"dek “{_short(self.article.dek)}”")
            return items
        same_group = [item for item in items if item.group == first.group]
        if (
            blank_mode
            and self.html is None
            and len(first.text) <= 60
            and " " in first.text
            and not _SENTENCE_END.search(first.text)
            and not re.search(r"다\W*(?:\([^)]*\))?\W*$", first.text)
            and same_group[-1] is first
            and (self.headline_group is None or first.group - self.headline_group <= 1)
            and any(item.kind == "text" for item in items[1:])
        ):
            self.article.dek = first.text
            self.article.recognised.append(f"dek “{_short(first.text)}”")
            return items[1:]
        return items

    def join_paragraphs(self, items, blank_mode):
        """Text lines into paragraphs: in a file with blank lines, the lines of a block
        are one paragraph (hard-wrapped) unless each ends a sentence."""
        out = []
        index = 0
        while index < len(items):
            item = items[index]
            if item.kind != "text" or not blank_mode:
                out.append(item)
                index += 1
                continue
            run = [item]
            while (
                index + len(run) < len(items)
                and items[index + len(run)].kind == "text"
                and items[index + len(run)].group == item.group
            ):
                run.append(items[index + len(run)])
            index += len(run)
            separate = all(_SENTENCE_END.search(line.text) for line in run[:-1])
            separate = separate or any(_LIST_MARK.match(line.text) for line in run[1:])
            if len(run) == 1 or separate:
                out.extend(run)
            else:
                out.append(_Item("text", " ".join(line.text for line in run), item.group))
        return out

    def take_bylines_in_paragraphs(self, items):
        texts = [index for index, item in enumerate(items) if item.kind == "text"]
        if not texts:
            return items
        first = items[texts[0]]
        for pattern in (_BYLINE_IN_BRACKETS, _DATELINE_THEN_BYLINE):
            match = pattern.match(first.text)
            if match and first.text[match.end() :].strip():
                authors = read_byline(match["by"])
                if authors:
                    self.add_authors(authors)
                    first.text = first.text[match.end() :].strip()
                    break
        last = items[texts[-1]]
        for pattern in (_BYLINE_AT_END, _BYLINE_EMAIL_AT_END):
            match = pattern.search(last.text)
            if match and last.text[: match.start()].strip():
                authors = read_byline(match["by"])
                if authors:
                    self.add_authors(authors)
                    last.text = last.text[: match.start()].rstrip()
                    break
        return items

    # -- photos -------------------------------------------------------------------

    def make_photo(self, caption, credit, form="", image=None):
        self.photo_count += 1
        path = image.path if image is not None else None
        if path is None:
            path = photo_file_for(self.path, self.photo_count, caption)
        original_url = image.src if image is not None and re.match(r"(?i)^https?://", image.src or "") else ""
        alt = caption or (image.alt if image is not None else "")
        if path is not None:
            self.used_images.add(Path(path).resolve())
            key = _relative(path, self.root if self.root is not None else self.path.parent)
        else:
            key = f"slot:{_sha(caption + credit, 16)}"
        photo = ParsedPhoto(key=key, path=path, caption=caption, credit=credit, alt_text=alt, original_url=original_url)
        line = f"photo caption “{_short(caption, 60)}”" if caption else "photo"
        if credit:
            line += f", credit “{credit}”"
        if form:
            line += f" (form “{form}”)"
        if path is not None:
            line += f", file {key}"
        self.article.recognised.append(line)
        return photo

    def photo_todos(self, photo, after_paragraph):
        data = {"caption": photo.caption, "credit": photo.credit, "after_paragraph": after_paragraph, "key": photo.key}
        if photo.path is None:
            self.article.todos.append(
                Todo(TODO_PHOTO, self.say.photo(photo.caption, photo.credit), blocking=True, data=data)
            )
        if not photo.credit:
            self.article.todos.append(Todo(TODO_CREDIT, self.say.credit(photo.caption), data=data))

    # -- the body -------------------------------------------------------------------

    def resolve_photos(self, items):
        """Credit lines, figures and figure captions joined with the captions beside them."""
        out = []
        index = 0
        while index < len(items):
            item = items[index]
            following = items[index + 1] if index + 1 < len(items) else None
            if item.kind == "caption":
                caption = item.data["caption"]
                previous = out[-1] if out else None
                if (
                    previous is not None
                    and previous.kind == "photo"
                    and previous.data["image"] is not None
                    and not previous.data["caption"]
                    and previous.data.get("joinable")
                ):
                    previous.data.update(caption=caption.caption, credit=caption.credit, form=caption.form)
                    previous.data["joinable"] = False
                else:
                    photo = self.photo_item(caption.caption, caption.credit, caption.form, None, item.group)
                    photo.data["from_line"] = True
                    out.append(photo)
            elif item.kind == "credit":
                caption = item.data["caption"]
                previous = out[-1] if out else None
                if previous is not None and previous.kind == "photo" and not previous.data["credit"]:
                    previous.data.update(credit=caption.credit, form=caption.form)
                elif (
                    previous is not None
                    and previous.kind == "text"
                    and _caption_like(previous.text)
                    and (previous.group == item.group or not self.blank_mode)
                ):
                    out.pop()
                    out.append(self.photo_item(previous.text, caption.credit, caption.form, None, item.group))
                elif (
                    following is not None
                    and following.kind == "text"
                    and _caption_like(following.text)
                    and not _FINISHED_SENTENCE.search(following.text)
                    and (following.group == item.group or not self.blank_mode)
                ):
                    out.append(self.photo_item(following.text, caption.credit, caption.form, None, item.group))
                    index += 1
                else:
                    out.append(self.photo_item("", caption.credit, caption.form, None, item.group))
            elif item.kind == "figure":
                image = self.html.images[item.data["index"]] if self.html is not None else None
                caption = split_caption(image.caption) if image and image.caption else None
                if caption is None and image and image.caption:
                    caption = Caption(_clean_caption(image.caption), "", "")
                previous = out[-1] if out else None
                if (
                    caption is None
                    and previous is not None
                    and previous.kind == "photo"
                    and previous.data["image"] is None
                    and previous.data.get("from_line")
                    and (following is None or following.kind not in ("caption", "figcaption"))
                ):
                    # The caption line came first: it is this image's.
                    previous.data["image"] = image
                    previous.data["from_line"] = False
                    index += 1
                    continue
                photo = self.photo_item(
                    caption.caption if caption else "", caption.credit if caption else "", "", image, item.group
                )
                if caption is not None:
                    photo.data["form"] = caption.form
                photo.data["joinable"] = caption is None
                if caption is None and following is not None and following.kind == "figcaption":
                    found = split_caption(following.text) or Caption(_clean_caption(following.text), "", "")
                    photo.data.update(caption=found.caption, credit=found.credit, form=found.form, joinable=False)
                    index += 1
                out.append(photo)
            elif item.kind == "figcaption":
                found = split_caption(item.text) or Caption(_clean_caption(item.text), "", "")
                previous = out[-1] if out else None
                if previous is not None and previous.kind == "photo" and previous.data.get("joinable"):
                    previous.data.update(caption=found.caption, credit=found.credit, form=found.form, joinable=False)
                elif found.caption:
                    out.append(self.photo_item(found.caption, found.credit, found.form, None, item.group))
                elif previous is not None and previous.kind == "photo" and not previous.data["credit"]:
                    previous.data.update(credit=found.credit, form=found.form)
                else:
                    out.append(self.photo_item("", found.credit, found.form, None, item.group))
            else:
                out.append(item)
            index += 1
        return out

    @staticmethod
    def photo_item(caption, credit, form, image, group):
        return _Item(
            "photo", "", group, {"caption": caption, "credit": credit, "form": form, "image": image, "joinable": False}
        )

    def build_body(self, items):
        article = self.article
        items = self.resolve_photos(items)
        blocks = []
        pending = []  # the paragraphs of the Markdown block being made
        paragraphs = 0
        last_text = None  # the last paragraph kept, to tell a repeat
        last_photo = None  # (caption, credit) of the photo just placed
        previous_paragraph = ""
        in_pointer_list = False

        def flush():
            if pending:
                blocks.append(MarkdownBlock("\n\n".join(markdown_escape(text) for text in pending)))
                pending.clear()

        def repeated():
            article.recognised.append("a repeated line dropped")

        def place_photo(caption, credit, form, image):
            nonlocal last_photo, paragraphs, last_text
            key = (_same(caption), _same(credit))
            if last_photo == key and not pending:
                repeated()
                return
            if caption and pending and _same(pending[-1]) == _same(caption):
                pending.pop()
                paragraphs -= 1
                repeated()
            photo = self.make_photo(caption, credit, form, image)
            flush()
            blocks.append(PhotoBlock(photo))
            self.photo_todos(photo, paragraphs)
            last_photo = key
            last_text = None

        for item in items:
            if item.kind == "photo":
                data = item.data
                place_photo(data["caption"], data["credit"], data["form"], data["image"])
                in_pointer_list = False
                continue
            if item.kind == "pointer":
                self.add_related(item.data["headline"])
                in_pointer_list = False
                continue
            if item.kind == "pointer_head":
                in_pointer_list = True
                continue
            if item.kind != "text":
                continue
            text = item.text
            if in_pointer_list and _BULLET.match(text) and len(text) <= 100:
                self.add_related(_clean_headline(_BULLET.sub("", text)))
                continue
            in_pointer_list = False
            same = _same(text)
            if last_text is not None and same == last_text:
                repeated()
                continue
            if last_photo is not None and last_text is None and same and same == last_photo[0]:
                repeated()
                continue
            if paragraphs == 0 and not pending and article.headline and same == _same(article.headline):
                repeated()
                continue
            cut = cut_closing_pointer(text)
            if cut is not None:
                text, headline = cut
                self.add_related(headline)
            long_with_credit = _explicit_credit_at_end(text) if len(text) > CAPTION_MAX else None
            photo_after = None
            if long_with_credit is not None:
                text, photo_after = long_with_credit
            text, quotes, _whole = extract_quotes(text, previous_paragraph)
            if text:
                pending.append(text)
                paragraphs += 1
                last_text = same
                last_photo = None
                previous_paragraph = text
            for found in quotes:
                flush()
                blocks.append(QuoteBlock(self.make_quote(found, paragraphs)))
                last_photo = None
            if photo_after is not None:
                place_photo("", photo_after.credit, photo_after.form, None)
        flush()
        article.body = blocks

    def add_related(self, headline):
        headline = _clean_headline(headline)
        if headline and headline not in self.article.related_headlines:
            self.article.related_headlines.append(headline)
            self.article.recognised.append(f"related pointer “{headline}”")

    def make_quote(self, found, after_paragraph):
        key = _sha(found.text + found.original, 16)
        quote = ParsedQuote(
            key=key,
            text=found.text,
            language=detect_language(found.text) or self.language,
            original_text=found.original,
            original_language=found.original_language,
            speaker=found.speaker,
            said_on=found.said_on,
        )
        language = _LANGUAGE_NAMES.get(found.original_language, found.original_language or "other")
        line = f"quote with its {language} original"
        if found.speaker:
            line += f", said by {found.speaker}"
        self.article.recognised.append(line)
        data = {"key": key, "text": found.text, "original": found.original, "after_paragraph": after_paragraph}
        if not found.speaker:
            self.article.todos.append(Todo(TODO_QUOTE_SPEAKER, self.say.speaker(found.text), blocking=True, data=data))
        if found.said_on is None:
            self.article.todos.append(Todo(TODO_QUOTE_DATE, self.say.said_on(found.text), data=data))
        return quote

    def finish(self):
        article = self.article
        if self.html is not None:
            if not article.copyright_text or article.published_at is None or not article.authors:
                for line in self.html.page_lines:
                    if not article.copyright_text:
                        holder = read_footer(line)
                        if holder is not None:
                            self.take_footer(_Item("footer", line, 0, {"holder": holder}))
                            continue
                    meta = read_meta_line(line)
                    if meta is not None:
                        if article.published_at is None and meta.published_at is not None:
                            article.published_at = meta.published_at
                            article.recognised.append(f"date line: {line}")
                        if article.modified_at is None:
                            article.modified_at = meta.modified_at
                        if not article.authors:
                            self.add_authors(meta.authors)
            if article.published_at is None and self.html.published_at is not None:
                article.published_at = self.html.published_at
                article.recognised.append("date from the page's article:published_time")
            article.old_urls = list(self.html.old_urls)
        if not article.authors:
            article.todos.append(Todo(TODO_AUTHOR, self.say.author()))
        for image in _images_for(self.path, named_only=True) if self.html is None else ():
            if image.resolve() not in self.used_images:
                name = _relative(image, self.root if self.root is not None else self.path.parent)
                article.todos.append(Todo(TODO_OTHER, self.say.unused_image(name), data={"file": name}))


def read_press_file(path, *, root=None, text=None):
    """One article file read into a ``ParsedArticle``, or a ``ParseProblem`` when the
    file cannot be read or decoded. Never raises for what the file holds."""
    path = Path(path)
    relative = _relative(path, root if root is not None else path.parent)
    if text is None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            return ParseProblem(relative, "", f"The file cannot be read: {error.strerror or error}", relative)
        content_hash = hashlib.sha256(raw).hexdigest()
        text = decode_press_bytes(raw)
        if text is None:
            return ParseProblem(
                relative, "", "The file is neither UTF-8 nor CP949/EUC-KR text (is it a text file?)", relative
            )
    else:
        content_hash = _sha(text)
    try:
        return _read(path, root, relative, _clean_input(text), content_hash)
    except Exception as error:  # a fault of ours must not stop the rest of the import
        logger.exception("Reading %s failed", relative)
        return ParseProblem(relative, "", f"The file could not be read ({type(error).__name__}: {error})", relative)


def _read(path, root, relative, text, content_hash):
    if not text.strip():
        return ParseProblem(relative, "", "The file is empty", relative)
    html_page = None
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        html_page = read_html(text, path, root if root is not None else path.parent)
        body_text = html_page.text
    else:
        body_text = text
    reader = _Reader(path, root if root is not None else path.parent, body_text, html_page=html_page)
    reader.article = ParsedArticle(
        source="text",
        source_id=relative,
        file=relative,
        position="",
        language=reader.language,
        status="draft",
        content_hash=content_hash,
    )
    reader.read(body_text)
    if not reader.article.headline and not reader.article.body:
        return ParseProblem(relative, "", "No article text was found in the file", relative)
    reader.finish()
    return reader.article
