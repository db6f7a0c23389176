"""WordPress post bodies (``content:encoded``) to the stored body: Markdown blocks and photos.

The steps, in order, as WordPress itself renders a post:

1. shortcodes: ``[caption]`` and ``[gallery]`` become photo placeholders,
   ``[embed]`` a link, anything else is removed (its text kept) with a to-do;
2. the HTML is parsed (BeautifulSoup); block comments ``<!-- wp:... -->`` are
   read (a ``wp:image`` block's attachment id, a dynamic block that leaves
   nothing behind) and removed; iframes, scripts, forms, videos are dropped;
3. a classic post (text not wrapped in block elements) gets WordPress's
   ``wpautop``: a blank line ends a paragraph, a single newline is a line break;
4. every image (``[caption]``, ``<figure>`` with its ``<figcaption>``, a gallery,
   a bare ``<img class="wp-image-N">``) is lifted out of its paragraph to a
   photo placeholder of its own, resolved to the export's attachment by id or
   by URL;
5. the rest goes through markdownify into Markdown that Python-Markdown renders
   the way the site renders a body (ATX headings from ``##``, "-" bullets
   indented by four, code blocks indented, no raw HTML from the source), and
   is split into Markdown blocks at the photos.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from html import escape as html_escape
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from markdownify import ATX, MarkdownConverter, strip_pre

from .parsed import TODO_OTHER, TODO_PHOTO, MarkdownBlock, ParsedPhoto, PhotoBlock, Todo

#: What marks a photo in the Markdown between conversion and splitting (never in a source: removed first).
MARK = "\ue000"
MARK_RE = re.compile(MARK + r"(\d+)" + MARK)
#: A blank line of the source, kept through parsing (BeautifulSoup shortens a run of whitespace to one newline).
BLANK = "\ue001"
BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n\s*")
SPACES = re.compile(r"[ \t]+")  # as markdownify: a no-break space stays
#: What only the HTML path reads: tags, shortcodes, entities, an address that may be an embed.
PLAIN_TEXT_NEEDS_HTML = re.compile(r"[<\[&]|https?:", re.IGNORECASE)
TAG_OR_TEXT = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
#: Mirrors ``articles.body.EMBED_LIKE``: a line that would be taken for an embed.
EMBED_LIKE = re.compile(r"^[ \t]*\[\[[^\[\]\n]*:[^\[\]\n]*\]\][ \t]*$")

#: Shortcodes read or removed even without attributes or a closing tag.
KNOWN_SHORTCODES = {
    "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "youtube", "vimeo", "tweet",
    "twitter", "instagram", "facebook", "soundcloud", "googlemaps", "contact-form", "contact-form-7",
    "gravityform", "gravityforms", "ninja_form", "pullquote", "dropcap", "button", "jetpack_subscription_form",
}  # fmt: skip
MEDIA_SHORTCODES = {"audio", "video", "playlist", "youtube", "vimeo", "tweet", "twitter", "instagram", "facebook"}
SHORTCODE_NAME = re.compile(r"\[(/?)([A-Za-z][\w-]*)(?=[\s/\]])", re.ASCII)
SHORTCODE_WITH_ATTRIBUTES = re.compile(r"""\[([a-z][\w-]*)\s[^\]\[]*?[\w-]+\s*=\s*["']""", re.ASCII)
LOWERCASE_NAME = re.compile(r"[a-z][a-z0-9_-]*\Z", re.ASCII)
# WordPress's shortcode_parse_atts().
SHORTCODE_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
BLOCK_COMMENT = re.compile(r"\s*wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s*(\{.*\})?\s*(/)?\s*\Z", re.DOTALL)
#: Self-closing blocks that leave nothing to miss.
QUIET_BLOCKS = {"more", "nextpage", "spacer", "separator", "core/more", "core/nextpage", "core/spacer"}

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "caption", "center", "col", "colgroup", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "legend", "li", "main", "math", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "wxr-photo", "script", "style",
    "iframe", "object", "embed", "video", "audio", "noscript", "svg", "canvas", "select", "textarea",
}  # fmt: skip
#: Blocks whose loose text WordPress turns into paragraphs.
PARAGRAPH_CONTAINERS = {"blockquote", "div", "section", "article", "aside", "header", "footer", "main", "center"}
#: Blocks whose newlines WordPress turns into line breaks.
LINE_CONTAINERS = {"p", "li", "td", "th", "dd", "dt", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6"}
#: Blocks markdownify would run together with their neighbours: read as a <div>.
AS_DIV = {"aside", "header", "footer", "nav", "main", "address", "details", "summary", "center", "figure", "hgroup"}
AS_DIV |= {"fieldset", "legend", "dl", "menu"}
AS_PARAGRAPH = {"dt", "dd"}
DROPPED_QUIETLY = {"script", "style", "noscript", "svg", "canvas", "template", "input", "button", "select"}
DROPPED_QUIETLY |= {"textarea", "link", "meta", "map", "area", "head", "title"}
DROPPED_WITH_TODO = {"iframe": "an embedded frame", "object": "an embedded object", "embed": "an embedded object"}
DROPPED_WITH_TODO |= {"video": "a video", "audio": "a sound clip", "form": "a form"}
DROPPED_TAG = re.compile(r"<(?:" + "|".join(sorted(DROPPED_QUIETLY | set(DROPPED_WITH_TODO))) + r")[\s/>]")
RENAMED_TAG = re.compile(r"<(?:" + "|".join(sorted(AS_DIV | AS_PARAGRAPH)) + r")[\s/>]")
#: Where an image may sit and still be the whole of its container.
IGNORABLE_SIBLINGS = {"br"}
EMBED_HOSTS = re.compile(
    r"(^|\.)(youtube\.com|youtu\.be|twitter\.com|x\.com|instagram\.com|facebook\.com|vimeo\.com|tiktok\.com"
    r"|soundcloud\.com|spotify\.com|flickr\.com|threads\.net)$"
)
URL_ONLY = re.compile(r"https?://\S+\Z")
LINK_SCHEMES = {"http", "https", "mailto"}
WP_IMAGE_CLASS = re.compile(r"(?:^|\s)wp-image-(\d+)(?:\s|$)")
#: WordPress's size and edit suffixes of an uploaded file's name: -1024x683, -scaled, -rotated, -e1589220000000.
SIZE_SUFFIX = re.compile(r"-(?:\d{1,5}x\d{1,5}|scaled|rotated|e\d{10,14})(?=\.[A-Za-z0-9]{2,5}\Z)")


def url_key(url):
    """What two URLs of one uploaded image have in common: the path under
    ``uploads/`` (or the whole path), without WordPress's size suffix, host,
    query or percent-encoding."""
    if not url:
        return ""
    path = unquote(urlsplit(url.strip()).path)
    marker = path.rfind("/uploads/")
    if marker >= 0:
        path = path[marker + len("/uploads/") :]
    elif path.startswith("/files/"):  # an old multisite's upload address
        path = path[len("/files/") :]
    path = path.lstrip("/")
    for _ in range(3):
        shorter = SIZE_SUFFIX.sub("", path)
        if shorter == path:
            break
        path = shorter
    return path


def plain_text(html):
    """Text without markup or entities, on one line (an excerpt, a caption, a title)."""
    if not html:
        return ""
    if "<" in html or "&" in html:
        html = BeautifulSoup(html, "html.parser").get_text(" ")
    return " ".join(html.split())


@dataclass
class Body:
    blocks: list = field(default_factory=list)  # MarkdownBlock | PhotoBlock
    todos: list = field(default_factory=list)
    photos: list = field(default_factory=list)  # the ParsedPhotos placed in the text, in order
    paragraphs_from_line_breaks: bool = False
    block_editor: bool = False


@dataclass
class _Request:
    """An image met in the text, to be matched with an attachment."""

    attachment_id: int | None = None
    url: str = ""
    caption: str | None = None  # None: the attachment's own caption
    alt: str = ""
    photo: ParsedPhoto | None = None  # what it was matched with


class BodyConverter:
    """Converts the bodies of one export's posts; ``attachments`` by id, ``by_url``
    from ``url_key`` to an attachment id, ``children`` from a post id to its
    attached images (what a ``[gallery]`` without ids shows)."""

    def __init__(self, *, attachments, by_url=None, children=None, site_url="", reusable_blocks=None):
        self.attachments = attachments
        self.by_url = by_url or {}
        self.children = children or {}
        self.site_url = site_url.rstrip("/")
        parts = urlsplit(self.site_url)
        self.site_origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
        self.reusable_blocks = reusable_blocks or {}
        self.markdown = _Markdown()

    def convert(self, html, *, post_id=0, plain_path=True):
        """The body of ``html``; ``plain_path=False`` sends plain text through the HTML path too (for tests)."""
        return _Conversion(self, post_id).run(html or "", plain_path=plain_path)

    def photo_for(self, request):
        """The attachment a request names (a copy when its caption differs), or None."""
        photo = self.attachments.get(request.attachment_id) if request.attachment_id is not None else None
        if photo is None and request.url:
            found = self.by_url.get(url_key(request.url))
            photo = self.attachments.get(found) if found is not None else None
        if photo is None:
            return None
        changes = {}
        if request.caption and request.caption != photo.caption:
            changes["caption"] = request.caption
        if not photo.alt_text and request.alt:
            changes["alt_text"] = request.alt
        return replace(photo, **changes) if changes else photo


class _Conversion:
    def __init__(self, converter, post_id):
        self.converter = converter
        self.post_id = post_id
        self.requests = []
        self.body = Body()
        self.removed_shortcodes = Counter()
        self.dynamic_blocks = Counter()

    # -- the steps -------------------------------------------------------------

    def run(self, html, *, plain_path=True):
        html = html.replace(MARK, "").replace(BLANK, "").replace("\r\n", "\n").replace("\r", "\n")
        if plain_path and not PLAIN_TEXT_NEEDS_HTML.search(html):
            return self.plain(html)
        self.body.block_editor = "<!-- wp:" in html
        html = mark_blank_lines(self.shortcodes(html))
        lower = html.lower()  # each step below runs only when what it looks for can be there
        soup = BeautifulSoup(html, "html.parser")
        if "<!--" in html:
            self.read_block_comments(soup)
        if "wp-block-embed" in lower:
            self.embed_figures(soup)
        if DROPPED_TAG.search(lower):
            self.drop_unwanted(soup)
        if _has_loose_text(soup):
            autop(soup, soup)
            self.body.paragraphs_from_line_breaks = True
        if BLANK in html:
            for string in soup.find_all(string=lambda text: BLANK in text):
                string.replace_with(string.replace(BLANK, ""))
        if "http" in lower:
            self.embed_paragraphs(soup)
        if "<a" in lower:
            self.links(soup)
        if "<img" in lower or "<wxr-photo" in lower:
            self.lift_images(soup)
        if RENAMED_TAG.search(lower):
            self.rename_blocks(soup)
        if "<table" in lower:
            self.tables(soup)
        markdown = self.converter.markdown.convert_soup(soup)
        self.split(markdown)
        self.summarise()
        return self.body

    def plain(self, text):
        """A classic post of plain text: wpautop and escaping, without an HTML parser
        (the same Markdown as the HTML path gives, much faster)."""
        paragraphs = []
        for paragraph in BLANK_LINE.split(text):
            lines = [SPACES.sub(" ", line).strip(" \t") for line in paragraph.strip().split("\n")]
            lines = [self.converter.markdown.escape(line, set()) for line in lines if line]
            if lines:
                paragraphs.append("  \n".join(lines))
        self.body.paragraphs_from_line_breaks = bool(paragraphs)
        self.text_block("\n\n".join(paragraphs))
        return self.body

    def todo(self, kind, message, **data):
        self.body.todos.append(Todo(kind, message, blocking=False, data=data))

    # -- shortcodes ------------------------------------------------------------

    def shortcodes(self, html, depth=0):
        if "[" not in html or depth > 5:
            return html
        names = set()
        closing = set()
        for match in SHORTCODE_NAME.finditer(html):
            (closing if match.group(1) else names).add(match.group(2))
        with_attributes = {match.group(1) for match in SHORTCODE_WITH_ATTRIBUTES.finditer(html)}
        found = {name for name in names if name.lower() in KNOWN_SHORTCODES}
        found |= {name for name in names & (closing | with_attributes) if LOWERCASE_NAME.match(name)}
        if not found:
            return html
        alternatives = "|".join(re.escape(name) for name in sorted(found, key=len, reverse=True))
        pattern = re.compile(
            r"\[(\[?)(" + alternatives + r")(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
            r"(?:(/)\]|\](?:(.*?)\[/\2\])?)(\]?)",
            re.DOTALL,
        )

        def replace_one(match):
            if match.group(1) and match.group(6):  # [[caption]]: written out, not run
                return match.group(0)[1:-1]
            name = match.group(2).lower()
            attributes = _shortcode_attributes(match.group(3))
            content = match.group(5) or ""
            return match.group(1) + self.shortcode(name, attributes, content, depth) + match.group(6)

        return pattern.sub(replace_one, html)

    def shortcode(self, name, attributes, content, depth):
        if name in ("caption", "wp_caption"):
            return self.caption_shortcode(attributes, content)
        if name == "gallery":
            ids = _ids(attributes.get("ids") or attributes.get("include") or "")
            if not ids:
                ids = self.converter.children.get(self.post_id, [])
            excluded = set(_ids(attributes.get("exclude", "")))
            ids = [pk for pk in ids if pk not in excluded]
            if not ids:
                self.todo(TODO_OTHER, "A [gallery] named no photo of the export: it was left out.")
                return ""
            return "".join(self.placeholder(_Request(attachment_id=pk)) for pk in ids)
        if name == "embed":
            url = (content or attributes.get("url") or attributes.get("src") or "").strip()
            return self.embed_link(url)
        if name in MEDIA_SHORTCODES:
            source = next((value for key, value in attributes.items() if key in ("src", "mp4", "mp3", "url", "id")), "")
            source = source or plain_text(content)
            where = f" ({source})" if source else ""
            self.todo(TODO_OTHER, f"A [{name}] shortcode{where} was left out: add it again if it matters.")
            return ""
        self.removed_shortcodes[name] += 1
        return self.shortcodes(content, depth + 1) if content else ""

    def caption_shortcode(self, attributes, content):
        inner = BeautifulSoup(content, "html.parser")
        image = inner.find("img")
        match = re.search(r"(\d+)", attributes.get("id", ""))
        request = _Request(attachment_id=int(match.group(1)) if match else None)
        if image is not None:
            request.url = _image_url(image)
            request.alt = (image.get("alt") or "").strip()
            request.attachment_id = request.attachment_id or _image_id(image)
            wrapper = image.parent if image.parent is not None and image.parent.name == "a" else image
            wrapper.decompose()
        caption = " ".join(inner.get_text(" ").split()) or plain_text(attributes.get("caption", ""))
        request.caption = caption or None
        if image is None and request.attachment_id is None:
            return caption
        return self.placeholder(request)

    def placeholder(self, request):
        self.requests.append(request)
        return f'<wxr-photo data-n="{len(self.requests) - 1}"></wxr-photo>'

    def embed_link(self, url):
        if not url.startswith(("http://", "https://")):
            return ""
        safe = html_escape(url, quote=True)
        self.todo(TODO_OTHER, f"An embed of {url} is now a plain link: embed it again if it matters.", url=url)
        return f'<p><a href="{safe}">{safe}</a></p>'

    # -- the parsed HTML -------------------------------------------------------

    def read_block_comments(self, soup):
        for comment in list(soup.find_all(string=lambda text: isinstance(text, Comment))):
            match = BLOCK_COMMENT.match(str(comment))
            if match:
                name, attributes, closed = match.group(1), _json(match.group(2)), match.group(3)
                if name in ("image", "core/image") and isinstance(attributes.get("id"), int):
                    for element in comment.next_elements:
                        if isinstance(element, Comment):
                            break
                        if isinstance(element, Tag) and element.name == "img":
                            element["data-wxr-id"] = str(attributes["id"])
                            break
                elif name in ("block", "core/block") and closed:
                    ref = attributes.get("ref")
                    title = self.converter.reusable_blocks.get(ref, "")
                    label = f"#{ref} “{title}”" if title else f"#{ref}"
                    self.todo(TODO_OTHER, f"A reusable block {label} was left out: add its text if it belongs here.")
                elif closed and name not in QUIET_BLOCKS:
                    self.dynamic_blocks[name] += 1
            comment.extract()

    def drop_unwanted(self, soup):
        for element in list(soup.find_all(True)):
            if element.decomposed or element.name is None:
                continue
            if element.name in DROPPED_QUIETLY:
                element.decompose()
            elif element.name in DROPPED_WITH_TODO:
                source = element.get("src") or element.get("data") or element.get("action") or ""
                if not source:
                    inner = element.find(["source", "embed"], src=True)
                    source = inner.get("src", "") if inner is not None else ""
                what = DROPPED_WITH_TODO[element.name]
                where = f" ({source})" if source and not source.startswith("data:") else ""
                self.todo(TODO_OTHER, f"{what[0].upper()}{what[1:]}{where} was left out.", src=source)
                element.decompose()

    def embed_figures(self, soup):
        """A block embed (a video, a post elsewhere) keeps its address as a link."""
        for figure in list(soup.find_all("figure", class_="wp-block-embed")):
            if figure.decomposed or figure.find("img") is not None:
                continue
            text = " ".join(figure.get_text(" ").split())
            url = text.split(" ")[0] if text else ""
            link = BeautifulSoup(self.embed_link(url), "html.parser") if url else None
            if link is not None and link.p is not None:
                figure.replace_with(link.p)
            else:
                figure.decompose()

    def embed_paragraphs(self, soup):
        """An address alone on its line, which WordPress turned into an embed."""
        for paragraph in soup.find_all("p"):
            text = paragraph.get_text().strip()
            if URL_ONLY.match(text) and paragraph.find(True) is None and EMBED_HOSTS.search(_host(text)):
                link = BeautifulSoup(self.embed_link(text), "html.parser")
                paragraph.clear()
                paragraph.append(link.a)

    def links(self, soup):
        for anchor in soup.find_all("a"):
            href = (anchor.get("href") or "").strip()
            if href.startswith("//"):
                href = "https:" + href
            elif href.startswith("/") and self.converter.site_origin:
                href = self.converter.site_origin + href
            scheme = urlsplit(href).scheme.lower() if href else ""
            if scheme in LINK_SCHEMES:
                anchor.attrs = {"href": href, **({"title": anchor["title"]} if anchor.get("title") else {})}
            else:
                anchor.unwrap()

    def lift_images(self, soup):
        anchors = {}
        images = soup.find_all(["img", "wxr-photo"])
        # A gallery's caption is not its last photo's, even once the others have left it.
        galleries = {id(figure) for figure in soup.find_all("figure") if len(figure.find_all(["img", "wxr-photo"])) > 1}
        for image in images:
            if image.decomposed:
                continue
            if image.name == "img":
                request = _Request(
                    attachment_id=_image_id(image), url=_image_url(image), alt=(image.get("alt") or "").strip()
                )
                index = len(self.requests)
                self.requests.append(request)
            else:
                index = int(image["data-n"])
                request = self.requests[index]
            unit, caption = _unit_of(image, soup, galleries)
            if caption and request.caption is None:
                request.caption = caption
            marker = soup.new_tag("wxr-photo", attrs={"data-n": str(index)})
            top = unit
            while top.parent is not soup and top.parent is not None:
                top = top.parent
            if top is unit:
                unit.replace_with(marker)
                continue
            before = not _text_before(top, unit)
            unit.extract()
            if before:
                top.insert_before(marker)
            else:
                anchor = anchors.get(id(top), top)
                anchor.insert_after(marker)
                anchors[id(top)] = marker
        for request in self.requests:
            request.photo = self.converter.photo_for(request)
            if request.photo is None:
                self.missing_image(request)
        for marker in soup.find_all("wxr-photo"):
            if self.requests[int(marker["data-n"])].photo is None:
                marker.decompose()
        soup.smooth()  # the text on both sides of a lifted image is one text again

    def missing_image(self, request):
        url = request.url
        if url.startswith("data:"):
            message = "An image pasted into the text (a data: address) was left out."
            url = ""
        elif request.attachment_id is not None and url:
            message = f"Image #{request.attachment_id} ({url}) was not in the export: it was left out of the text."
        elif request.attachment_id is not None:
            message = f"Image #{request.attachment_id} was not in the export: it was left out of the text."
        elif url:
            message = f"An image from {url} was not in the export: it was left out of the text."
        else:
            message = "An image without an address was left out of the text."
        self.body.todos.append(
            Todo(
                TODO_PHOTO,
                message,
                blocking=False,
                data={
                    "url": url,
                    "attachment_id": request.attachment_id,
                    "caption": request.caption or "",
                    "alt": request.alt,
                },
            )
        )

    def rename_blocks(self, soup):
        for element in soup.find_all(AS_DIV | AS_PARAGRAPH):
            element.name = "p" if element.name in AS_PARAGRAPH else "div"

    def tables(self, soup):
        for table in soup.find_all("table"):
            if table.find_parent("table") is None:
                rows = len(table.find_all("tr"))
                self.todo(
                    TODO_OTHER,
                    f"A table ({rows} rows) is written as a Markdown table, which the site shows as plain text: "
                    "check it.",
                )

    # -- the Markdown ----------------------------------------------------------

    def split(self, markdown):
        position = 0
        for match in MARK_RE.finditer(markdown):
            self.text_block(markdown[position : match.start()])
            photo = self.requests[int(match.group(1))].photo
            if photo is not None:
                self.body.blocks.append(PhotoBlock(photo))
                self.body.photos.append(photo)
            position = match.end()
        self.text_block(markdown[position:])

    def text_block(self, text):
        text = finish_markdown(text)
        if text:
            self.body.blocks.append(MarkdownBlock(text))

    def summarise(self):
        for name, count in sorted(self.removed_shortcodes.items()):
            times = f" ({count} times)" if count > 1 else ""
            self.todo(TODO_OTHER, f"The [{name}] shortcode{times} was removed; its text, if any, was kept.", name=name)
        for name, count in sorted(self.dynamic_blocks.items()):
            times = f" ({count} times)" if count > 1 else ""
            self.todo(TODO_OTHER, f"A “{name}” block{times} shows content WordPress made on the fly: left out.")


def finish_markdown(text):
    """One Markdown block as stored: no blank-only lines, no line taken for an embed, trimmed."""
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            line = ""
        elif EMBED_LIKE.match(line):
            line = line.replace("[[", "\\[\\[", 1)
        lines.append(line.rstrip() if not line.endswith("  ") or not line.strip() else line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n").rstrip()
    return text


# -- wpautop, on the parsed tree -------------------------------------------------


def mark_blank_lines(html):
    """``html`` with each blank line of its text (not in a tag, a comment or <pre>) marked by ``BLANK``."""
    parts = TAG_OR_TEXT.split(html)
    preformatted = 0
    for index, part in enumerate(parts):
        if index % 2:
            lowered = part[:5].lower()
            if lowered.startswith("<pre") and lowered[4:5] in (">", " ", "\n", "\t"):
                preformatted += 1
            elif lowered.startswith("</pre"):
                preformatted = max(0, preformatted - 1)
        elif not preformatted and "\n" in part:
            parts[index] = BLANK_LINE.sub("\n" + BLANK + "\n", part)
    return "".join(parts)


def _blank(text):
    return not text.replace(BLANK, "").strip()


def _is_block(node):
    return isinstance(node, Tag) and node.name in BLOCK_TAGS


def _has_loose_text(container):
    for child in container.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if not _blank(child):
                return True
        elif isinstance(child, Tag) and not _is_block(child):
            return True
    return False


def autop(container, soup):
    """WordPress's ``wpautop`` for ``container``'s loose text and inline elements:
    text between blank lines becomes a paragraph, a single newline a line break."""
    run = []
    for child in list(container.children):
        if _is_block(child):
            _paragraphs(run, soup)
            run = []
            _autop_inside(child, soup)
        elif isinstance(child, Comment):
            _paragraphs(run, soup)
            run = []
        else:
            run.append(child)
    _paragraphs(run, soup)


def _autop_inside(block, soup):
    if block.name in PARAGRAPH_CONTAINERS:
        if _has_loose_text(block):
            autop(block, soup)
        else:
            for child in list(block.children):
                if _is_block(child):
                    _autop_inside(child, soup)
    elif block.name in LINE_CONTAINERS:
        _newlines_to_breaks(block, soup, trim=True)
    elif block.name not in ("pre", "script", "style", "wxr-photo"):
        for child in list(block.children):
            if _is_block(child):
                _autop_inside(child, soup)


def _paragraphs(run, soup):
    """Wrap a run of loose text and inline elements into paragraphs."""
    if not run:
        return
    first = run[0]
    anchor = soup.new_tag("wxr-anchor")
    first.insert_before(anchor)
    paragraphs = [[]]
    for node in run:
        if isinstance(node, NavigableString):
            parts = re.split(r"\s*" + BLANK + r"\s*", str(node))
            node.extract()
            for number, part in enumerate(parts):
                if number:
                    paragraphs.append([])
                if part:
                    paragraphs[-1].append(part)
        else:
            node.extract()
            _newlines_to_breaks(node, soup, trim=False)
            paragraphs[-1].append(node)
    for items in paragraphs:
        if not any(isinstance(item, Tag) or not _blank(item) for item in items):
            continue
        paragraph = soup.new_tag("p")
        for number, item in enumerate(items):
            if isinstance(item, Tag):
                paragraph.append(item)
                continue
            if number == 0:
                item = item.lstrip()
            if number == len(items) - 1:
                item = item.rstrip()
            _append_lines(paragraph, re.sub(r"[ \t]*\n[ \t]*", "\n", item), soup)
        anchor.insert_before(paragraph)
    anchor.decompose()


def _append_lines(parent, text, soup):
    for number, line in enumerate(text.split("\n")):
        if number:
            parent.append(soup.new_tag("br"))
        if line:
            parent.append(NavigableString(line))


def _newlines_to_breaks(element, soup, *, trim):
    if element.name in ("pre", "code", "script", "style"):
        return
    every = element.find_all(string=True)
    first, last = (every[0], every[-1]) if every else (None, None)
    strings = [
        string
        for string in every
        if "\n" in string and not isinstance(string, Comment) and string.find_parent(["pre", "code"]) is None
    ]
    for string in strings:
        text = str(string)
        if trim:
            if string is first:
                text = text.lstrip()
            if string is last:
                text = text.rstrip()
        text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
        holder = soup.new_tag("wxr-anchor")
        string.replace_with(holder)
        _append_lines_before(holder, text, soup)
        holder.decompose()


def _append_lines_before(holder, text, soup):
    for number, line in enumerate(text.split("\n")):
        if number:
            holder.insert_before(soup.new_tag("br"))
        if line:
            holder.insert_before(NavigableString(line))


# -- images ----------------------------------------------------------------------


def _image_id(image):
    for attribute in ("data-wxr-id", "data-id", "data-attachment-id"):
        value = str(image.get(attribute) or "").strip()
        if value.isdigit():
            return int(value)
    classes = image.get("class") or []
    match = WP_IMAGE_CLASS.search(" ".join(classes) if isinstance(classes, list) else str(classes))
    return int(match.group(1)) if match else None


def _image_url(image):
    src = (image.get("src") or "").strip()
    for attribute in ("data-orig-file", "data-lazy-src", "data-src"):
        value = (image.get(attribute) or "").strip()
        if value and (not src or src.startswith("data:") or attribute == "data-orig-file"):
            return value
    return src


def _unit_of(image, soup, galleries=frozenset()):
    """The element an image takes away with it (its link, its figure and caption,
    a paragraph holding nothing else) and the caption found on the way."""
    unit = image
    caption = None
    while unit.parent is not None and unit.parent is not soup:
        parent = unit.parent
        others = [child for child in parent.children if child is not unit and not _ignorable(child)]
        if parent.name == "figure" and id(parent) not in galleries:
            captions = [other for other in others if isinstance(other, Tag) and other.name == "figcaption"]
            if len(captions) == len(others):
                text = " ".join(" ".join(c.get_text(" ").split()) for c in captions).strip()
                caption = caption or text or None
                unit = parent
                continue
            break
        if others or parent.name in ("figure", "td", "th", "tr", "table", "tbody", "thead", "blockquote", "ul", "ol"):
            break
        unit = parent
    return unit, caption


def _ignorable(node):
    if isinstance(node, Comment):
        return True
    if isinstance(node, NavigableString):
        return not node.strip()
    return isinstance(node, Tag) and node.name in IGNORABLE_SIBLINGS


def _text_before(top, unit):
    """Whether ``top`` holds text (or a photo) before ``unit``."""
    for element in top.descendants:
        if element is unit:
            return False
        if isinstance(element, NavigableString) and not isinstance(element, Comment) and element.strip():
            return True
        if isinstance(element, Tag) and element.name == "wxr-photo":
            return True
    return False


# -- small readers ---------------------------------------------------------------


def _shortcode_attributes(text):
    attributes = {}
    text = re.sub(r"[\u00a0\u200b]", " ", text or "")
    for match in SHORTCODE_ATTRIBUTE.finditer(text):
        if match.group(1):
            attributes[match.group(1).lower()] = match.group(2)
        elif match.group(3):
            attributes[match.group(3).lower()] = match.group(4)
        elif match.group(5):
            attributes[match.group(5).lower()] = match.group(6)
    return attributes


def _host(url):
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _ids(text):
    return [int(part) for part in re.findall(r"\d+", text or "")]


def _json(text):
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# -- markdownify, for Python-Markdown ---------------------------------------------

ENTITY_LIKE = re.compile(r"&(?=[#A-Za-z0-9])")  # HTML reads "&copy" and "&#1" even without the ";"
#: What would start a block at the beginning of a line: a heading, a quote, a
#: list item, a setext underline or a rule.
LINE_START = re.compile(r"\A([ \t]*)(#|>|[-+](?=[ \t]|\Z)|\d{1,9}(?=\.(?:[ \t]|\Z))|-(?=[- \t]*\Z)|=+(?=[ \t]*\Z))")
CLOSING_BRACKET = re.compile(r"\](?=[(\[:])")


class _Markdown(MarkdownConverter):
    """markdownify's converter, writing what Python-Markdown (with ``sane_lists``) reads."""

    def __init__(self):
        super().__init__(
            heading_style=ATX,
            bullets="-",
            autolinks=False,
            escape_misc=False,
            escape_asterisks=True,
            escape_underscores=True,
            sub_symbol="<sub>",
            sup_symbol="<sup>",
            newline_style="spaces",
        )

    def escape(self, text, parent_tags):
        if not text:
            return ""
        text = text.replace("\\", "\\\\").replace("`", "\\`").replace("*", "\\*").replace("_", "\\_")
        if "&" in text:
            text = ENTITY_LIKE.sub("&amp;", text)
        text = text.replace("<", "&lt;")
        # A bracket that could close a link or a reference definition ("[x]: url", even
        # with "\\]") is written as an entity; "[[" as "\\[\\[", never an embed line.
        if "a" in parent_tags:
            text = text.replace("[", "&#91;").replace("]", "&#93;")
        elif "[" in text or "]" in text:
            text = text.replace("[[", "\\[\\[")
            text = CLOSING_BRACKET.sub("&#93;", text)
        if "#" in text and any(tag in parent_tags for tag in ("h1", "h2", "h3", "h4", "h5", "h6")):
            text = text.replace("#", "\\#")
        # Only the start of the text and of each of its lines can open a block.
        return "\n".join(LINE_START.sub(_escape_line_start, line, count=1) for line in text.split("\n"))

    def convert_hN(self, n, el, text, parent_tags):
        return super().convert_hN(max(2, n), el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        return ""

    def convert_wxr_photo(self, el, text, parent_tags):
        return f"\n\n{MARK}{el.get('data-n')}{MARK}\n\n"

    def convert_a(self, el, text, parent_tags):
        href = el.get("href") or ""
        for character, escaped in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
            href = href.replace(character, escaped)
        if href:
            el["href"] = href
        return super().convert_a(el, text, parent_tags)

    def convert_pre(self, el, text, parent_tags):
        text = strip_pre(text or "")
        if not text.strip():
            return ""
        lines = ("    " + line if line.strip() else "" for line in text.split("\n"))
        return "\n\n" + "\n".join(lines) + "\n\n"

    def convert_li(self, el, text, parent_tags):
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start") or "1")
            start = int(start) if start.isdigit() else 1
            bullet = f"{start + len(el.find_previous_siblings('li'))}. "
        else:
            bullet = "- "
        lines = text.split("\n")
        indented = ["    " + line if line else "" for line in lines[1:]]
        return "\n".join([bullet + lines[0], *indented]) + "\n"

    def convert_s(self, el, text, parent_tags):
        if "_noformat" in parent_tags:
            return text
        inner = text.strip()
        return f"<s>{inner}</s>" if inner else ""

    convert_del = convert_s
    convert_strike = convert_s


def _escape_line_start(match):
    space, what = match.group(1), match.group(2)
    if what[0] == "=":  # not escapable in Python-Markdown: an entity breaks the setext underline
        return f"{space}&#61;{what[1:]}"
    if what[0].isdigit():
        return f"{space}{what}\\"  # 1. -> 1\. (the dot follows)
    return f"{space}\\{what}"
