"""The article body: Markdown with embeds, sanitised, then filled from live records.

A reporter writes Markdown and puts an embed on a line of its own:
``[[image:42]]``, ``[[quote:7]]``, ``[[article:123]]``. On save the Markdown is
turned into HTML and sanitised with nh3 (whatever was pasted, no script, event
handler or ``javascript:`` link survives), leaving each embed as a placeholder
paragraph. When the page is rendered the placeholders are replaced by template
partials rendered from the live records, so a credit corrected once is correct
everywhere. nh3 runs before the embeds go in because it would strip the
``<picture>``/``srcset`` markup the partials produce.
"""

import math
import re
from dataclasses import dataclass
from html import unescape as html_unescape
from html.parser import HTMLParser

import markdown
import nh3
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

EMBED_KINDS = ("image", "quote", "article")

#: An embed on a line of its own (up to three spaces of indentation, as Markdown allows).
EMBED_LINE = re.compile(r"^[ \t]{0,3}\[\[(image|quote|article):(\d{1,18})\]\][ \t]*$", re.MULTILINE)
#: A line that looks like an embed, to catch [[photo:3]], [[image: 42]] or [[image:abc]].
EMBED_LIKE = re.compile(r"^[ \t]*\[\[[^\[\]\n]*:[^\[\]\n]*\]\][ \t]*$", re.MULTILINE)
#: The placeholder an embed line becomes in the stored HTML.
PLACEHOLDER = re.compile(r"<p>\[\[(image|quote|article):(\d{1,18})\]\]</p>")

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "em", "b", "i",
    "u", "s", "sup", "sub", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "cite", "q", "small", "mark",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "q": {"cite"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Embed:
    kind: str
    pk: int


def normalize_newlines(body):
    """Browsers post CRLF; the embed rules work on plain newlines."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n")


def parse_embeds(body):
    """The embeds of a body, in order of first appearance, without repeats."""
    seen = {}
    for kind, pk in EMBED_LINE.findall(normalize_newlines(body)):
        embed = Embed(kind, int(pk))
        seen.setdefault(embed, None)
    return list(seen)


def embed_ids(body, kind):
    return [embed.pk for embed in parse_embeds(body) if embed.kind == kind]


def validate_embeds(body, article=None):
    """Messages for every embed that does not point at a usable record."""
    from photos.models import Image

    from .models import Article, Quote

    errors = []
    for match in EMBED_LIKE.finditer(normalize_newlines(body)):
        if not EMBED_LINE.fullmatch(match.group(0)):
            errors.append(
                _(
                    "“%(line)s” is not an embed: write [[image:42]], [[quote:7]] or [[article:123]] "
                    "on a line of its own."
                )
                % {"line": match.group(0).strip()}
            )
    embeds = parse_embeds(body)
    models = {"image": Image, "quote": Quote, "article": Article}
    labels = {"image": _("image"), "quote": _("quote"), "article": _("article")}
    for kind, model in models.items():
        wanted = [embed.pk for embed in embeds if embed.kind == kind]
        if not wanted:
            continue
        found = set(model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        for pk in wanted:
            if pk not in found:
                errors.append(
                    _("[[%(kind)s:%(pk)s]]: there is no %(label)s #%(pk)s (was it deleted?).")
                    % {"kind": kind, "pk": pk, "label": labels[kind]}
                )
    if article is not None and article.pk and Embed("article", article.pk) in embeds:
        errors.append(_("[[article:%(pk)s]]: an article cannot embed itself.") % {"pk": article.pk})
    return errors


def _isolate_embed_lines(body):
    # Blank lines around each embed make it a paragraph of its own whatever the
    # reporter typed around it, so it always becomes exactly one placeholder.
    return EMBED_LINE.sub(lambda match: f"\n\n[[{match.group(1)}:{match.group(2)}]]\n\n", body)


def _demote_h1(html):
    # The headline is the page's only <h1>; a "# heading" in the body becomes <h2>.
    return re.sub(r"<(/?)h1([ >])", r"<\1h2\2", html)


def markdown_to_html(body):
    """Markdown to sanitised HTML, each embed left as a placeholder paragraph."""
    html = markdown.markdown(_isolate_embed_lines(normalize_newlines(body)), extensions=["sane_lists"])
    return nh3.clean(
        _demote_h1(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


#: Reading speeds: Korean readers take in about 500 characters (spaces not
#: counted) a minute, English readers about 230 words. The desk's counter
#: (desk/editor/counts.js) uses the same figures; a browser test holds them together.
KOREAN_CHARS_PER_MINUTE = 500
ENGLISH_WORDS_PER_MINUTE = 230


def plain_text(body):
    """The words of a body as a reader reads them: no markup, no embed lines."""
    html = EMBED_LINE.sub("", normalize_newlines(body))
    text = html_unescape(nh3.clean(markdown.markdown(html, extensions=["sane_lists"]), tags=set()))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def reading_minutes(text, language="ko"):
    """Minutes to read ``text``, never under one (halves round up, as in the desk's script)."""
    if (language or "ko").startswith("en"):
        minutes = len(text.split()) / ENGLISH_WORDS_PER_MINUTE
    else:
        minutes = len(re.sub(r"\s", "", text)) / KOREAN_CHARS_PER_MINUTE
    return max(1, math.floor(minutes + 0.5))


VOID_TAGS = {"br", "hr", "img", "wbr"}


class _TopLevel(HTMLParser):
    """The top-level elements of sanitised HTML, as (tag, start offset, end offset)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html, self.blocks, self.depth, self.start, self.tag = html, [], 0, None, None
        self.line_starts = [0]
        for line in html.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start, self.tag = self._offset(), tag
        if tag in VOID_TAGS:
            if self.depth == 0:
                end = self.html.index(">", self._offset()) + 1
                self.blocks.append((tag, self.start, end))
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            start = self._offset()
            self.blocks.append((tag, start, self.html.index(">", start) + 1))

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and self.start is not None:
            self.blocks.append((self.tag, self.start, self.html.index(">", self._offset()) + 1))
            self.start = None


@dataclass(frozen=True)
class Block:
    """One block of a body: ``kind`` is ``"html"`` (with ``tag``, e.g. ``p``,
    ``h2``, ``ul``, and the sanitised ``html``) or an embed kind (``image``,
    ``quote``, ``article``, with the live ``record``)."""

    kind: str
    tag: str = ""
    html: str = ""
    record: object = None


def body_blocks(article, *, visible_articles=None):
    """The body as blocks, in order: each top-level element of the sanitised
    HTML, and each embed with its live record (from the article's prefetched
    ``embedded_images``/``embedded_quotes``; an embedded article only when
    ``visible_articles`` holds it). Embeds of nothing are left out, as on the page."""
    images = {image.pk: image for image in article.embedded_images.all()}
    quotes = {quote.pk: quote for quote in article.embedded_quotes.all()}
    records = {"image": images, "quote": quotes, "article": visible_articles or {}}
    blocks = []
    position = 0
    html = article.body_html
    for match in PLACEHOLDER.finditer(html):
        blocks.extend(_html_blocks(html[position : match.start()]))
        record = records[match.group(1)].get(int(match.group(2)))
        if record is not None:
            blocks.append(Block(kind=match.group(1), record=record))
        position = match.end()
    blocks.extend(_html_blocks(html[position:]))
    return blocks


def _html_blocks(fragment):
    return [Block(kind="html", tag=tag, html=fragment[start:end]) for tag, start, end in _TopLevel(fragment).blocks]


def render_body(article, *, visible_articles=None, template_context=None):
    """The article body with its embeds rendered from the live records.

    Uses the article's prefetched ``embedded_images``/``embedded_quotes``;
    ``visible_articles`` maps the ids of embedded articles a reader may see to
    those articles (an embargoed or unpublished one is left out, not leaked).
    """
    images = {image.pk: image for image in article.embedded_images.all()}
    quotes = {quote.pk: quote for quote in article.embedded_quotes.all()}
    visible_articles = visible_articles or {}
    context = {"article": article, "language": article.language, **(template_context or {})}

    def replace(match):
        kind, pk = match.group(1), int(match.group(2))
        if kind == "image" and pk in images:
            return render_to_string("reader/includes/_figure.html", {**context, "image": images[pk]})
        if kind == "quote" and pk in quotes:
            return render_to_string("reader/includes/_quote.html", {**context, "quote": quotes[pk]})
        if kind == "article" and pk in visible_articles:
            return render_to_string("reader/includes/_article_embed.html", {**context, "target": visible_articles[pk]})
        return ""

    return mark_safe(PLACEHOLDER.sub(replace, article.body_html))  # noqa: S308 - body_html is nh3-sanitised; embeds are rendered templates
