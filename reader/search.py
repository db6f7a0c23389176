"""Search: what a reader finds, in what order, and how the hits are shown.

The rule: only ``Article.objects.published()`` in the edition's language; every
word of the query must be found; headline hits rank above dek hits above
body-only hits, then relevance, then the newest first.

PostgreSQL: one exact GIN index lookup on ``articles_search_document(headline,
dek, body)`` (migration ``0002_search``): the ``simple`` text-search document
(Korean has no stemmer), weighted headline A, dek B, body C, plus the two- and
three-syllable runs of every Hangul word. So:

* a Korean word of two syllables or more is found anywhere, also inside a longer
  word ("반도체" in "차세대반도체공장", "경제" in "세계경제가"); a longer one
  through all its three-syllable runs;
* a one-syllable Korean word is found anywhere but at the end of a longer word;
* a Latin word or number is found at the start of a word ("semicond" finds
  "semiconductors"); a two-letter one only as a whole word ("AI" not in "aid");
* when no article holds every word, headlines within trigram *word* similarity
  of the query (``pg_trgm``), so a misspelt name still finds its story.

Bodies are never read at query time: the rank uses the headline and dek only
(which words they hold, ``ts_rank`` of their A/B document, trigram word
similarity); body-only hits go newest first. So a word found in most articles
costs an index scan, not a pass over every body.

SQLite (development) has a plain fallback: every word ``icontains`` in the
headline, dek or body, headline hits first, then dek hits, then the newest.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import Case, F, FloatField, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Replace
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString
from django.views.generic import ListView

from articles.body import EMBED_KINDS, EMBED_LINE
from articles.editions import current_edition
from articles.models import Article
from delivery.memo import remember

from .views import PublishedArticlesMixin

#: Longest query we act on; a longer one is cut, never refused.
MAX_QUERY_LENGTH = 200
#: Words of a query we look for; the rest are ignored.
MAX_TERMS = 8
#: Text-search configuration: no stemming, so Korean and English behave alike.
SEARCH_CONFIG = "simple"
#: How much of the dek or body a result shows around the first hit.
SNIPPET_LENGTH = 160
SNIPPET_LEAD = 50

#: Punctuation a reader puts around a word ("quotes", (brackets), a final full stop).
_WRAPPING = "\"'“”‘’«»「」『』()[]{}<>,.;:!?"
#: A run of letters or digits (no underscore: the text-search parser skips it).
_WORD_RUN = re.compile(r"[^\W_]+")
#: Hangul syllables, the only script indexed by syllable runs (migration 0002_search).
_HANGUL = re.compile(r"[가-힣]+")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MARKDOWN_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)", re.MULTILINE)
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def normalize_query(raw):
    """The query as we search and show it: NFC (a Mac sends Hangul decomposed),
    no control or invisible characters, single spaces, at most MAX_QUERY_LENGTH."""
    text = str(raw or "")[: MAX_QUERY_LENGTH * 4]
    text = unicodedata.normalize("NFC", text)
    text = "".join(char if char.isprintable() else " " for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """The words to look for: quotes and brackets around them dropped, repeats
    dropped, words without a letter or digit (``%``, ``--``, emoji) dropped."""
    terms = []
    seen = set()
    for word in normalize_query(query).split(" "):
        term = word.strip(_WRAPPING)
        if term and _WORD_RUN.search(term) and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return terms[:MAX_TERMS]


def search_articles(query, language, *, now=None):
    """Published articles of ``language`` matching ``query``, best first (a
    queryset; on PostgreSQL deciding on the fallback costs one query)."""
    articles = Article.objects.published(now).filter(language=language)
    terms = search_terms(query)
    if not terms:
        return articles.none()
    if connections[articles.db].vendor == "postgresql":
        articles = _postgresql_search(articles, terms)
    else:
        articles = _plain_search(articles, terms)
    # The snippet needs the body, which cards otherwise leave in the database.
    return articles.for_listing().defer(None).defer("body_html")


def _field_rank(terms):
    """Headline hits weigh twice dek hits; a body-only hit ranks below both."""
    rank = Value(0)
    for term in terms:
        rank += Case(When(headline__icontains=term, then=Value(4)), default=Value(0), output_field=IntegerField())
        rank += Case(When(dek__icontains=term, then=Value(2)), default=Value(0), output_field=IntegerField())
    return rank


def _plain_search(articles, terms):
    # Embed codes ([[image:42]]) are markup: "image" must not find every illustrated piece.
    body_text = F("body")
    for kind in EMBED_KINDS:
        body_text = Replace(body_text, Value(f"[[{kind}:"), Value(" "), output_field=TextField())
    articles = articles.alias(body_text=body_text)
    for term in terms:
        articles = articles.filter(Q(headline__icontains=term) | Q(dek__icontains=term) | Q(body_text__icontains=term))
    return articles.annotate(field_rank=_field_rank(terms)).order_by("-field_rank", "-publish_at", "-pk")


def search_document():
    """The indexed document (migration 0002_search): call it exactly so."""
    return Func(
        F("headline"), F("dek"), F("body"), function="articles_search_document", output_field=SearchVectorField()
    )


def lexemes(term):
    """What the document must hold for ``term``, as ``to_tsquery`` lexemes.

    Built from runs of letters and digits only, so no reader input can carry
    ``to_tsquery`` operators, quotes or weights."""
    found = []
    for run in _WORD_RUN.findall(term):
        hangul = _HANGUL.findall(run)
        if not hangul:
            # "AI" is a whole word; "semicond" the start of one.
            found.append(run if run.isascii() and len(run) < 3 else f"{run}:*")
            continue
        # Latin letters glued to Hangul ("노스윈드AI") are not words of their own
        # in the document; the Hangul part says enough.
        for segment in hangul:
            if len(segment) == 1:
                found.append(f"{segment}:*")
            elif len(segment) <= 3:
                found.append(segment)
            else:
                found.extend(segment[start : start + 3] for start in range(len(segment) - 2))
    return list(dict.fromkeys(found))


def _term_query(term):
    if _HANGUL.search(term) or _WORD_RUN.fullmatch(term):
        return _tsquery(lexemes(term), "&")
    # "3.5%", "U.S.", "COVID-19": read as the text-search parser read the text
    # ("3.5" is one token; "3" and "5" would find "3 or 5 percent").
    return SearchQuery(term, config=SEARCH_CONFIG, search_type="plain")


def _tsquery(parts, operator):
    return SearchQuery(f" {operator} ".join(parts), config=SEARCH_CONFIG, search_type="raw")


def _postgresql_search(articles, terms):
    wording = " ".join(terms)
    matches = articles.alias(document=search_document())
    for term in terms:
        matches = matches.filter(document=_term_query(term))
    # count(), not exists(): under LIMIT 1 the planner may walk the rows
    # newest first computing each document (milliseconds a row) until one
    # matches, which for a word in no article means every row.
    if not matches.count():
        # No article holds every word: headlines within trigram word similarity
        # of the query, so a misspelt name still finds its story. Never OR-ed
        # into the query above: rows found through the lossy trigram index are
        # rechecked a whole heap page at a time, which would recompute the
        # document of nearly every candidate.
        matches = articles.filter(TrigramWordSimilar(F("headline"), wording))
        relevance = TrigramWordSimilarity(wording, F("headline"))
    else:
        relevance = _headline_and_dek_relevance(terms, wording)
    return matches.annotate(field_rank=_field_rank(terms), relevance=relevance).order_by(
        "-field_rank", "-relevance", "-publish_at", "-pk"
    )


def _headline_and_dek_relevance(terms, wording):
    """``ts_rank`` of the headline (A) and dek (B) plus the headline's trigram
    word similarity; 0 for body-only hits, which then go newest first. So the
    cost of a search does not grow with every body that mentions a common word."""
    headline_and_dek = SearchVector("headline", config=SEARCH_CONFIG, weight="A") + SearchVector(
        "dek", config=SEARCH_CONFIG, weight="B"
    )
    any_word = _tsquery([lexeme for term in terms for lexeme in lexemes(term)], "|")
    in_headline_or_dek = Q()
    for term in terms:
        in_headline_or_dek |= Q(headline__icontains=term) | Q(dek__icontains=term)
    return Case(
        When(
            in_headline_or_dek,
            then=SearchRank(headline_and_dek, any_word, normalization=32)
            + TrigramWordSimilarity(wording, F("headline")),
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )


def _term_pattern(term):
    # Marks what the search found: Korean anywhere; a Latin word or number from
    # the start of a word, a two-letter one as a whole word ("AI", not "s-ai-d").
    pattern = re.escape(term)
    if _HANGUL.search(term):
        return pattern
    if term[0].isalnum():
        pattern = r"(?<!\w)" + pattern
    if term.isascii() and len(term) < 3 and term[-1].isalnum():
        pattern += r"(?!\w)"
    return pattern


def _match_pattern(terms):
    if not terms:
        return None
    alternatives = sorted({term.lower() for term in terms}, key=len, reverse=True)
    return re.compile("|".join(_term_pattern(term) for term in alternatives), re.IGNORECASE)


def highlight(text, pattern):
    """``text`` escaped, each match of ``pattern`` in ``<mark>``. Matches are found
    in the raw text and every piece is escaped on its own, so a word never
    matches inside an entity (``&amp;``) and no reader input reaches the page
    unescaped."""
    if not text:
        return SafeString("")
    if pattern is None:
        return escape(text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        if match.end() > match.start():
            pieces.append((text[position : match.start()], match.group(0)))
            position = match.end()
    return format_html_join("", "{}<mark>{}</mark>", pieces) + escape(text[position:])


def plain_text(markdown_body):
    """The body as a reader reads it: no embed lines, link targets or Markdown marks."""
    text = EMBED_LINE.sub(" ", (markdown_body or "").replace("\r\n", "\n"))
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_LINE_MARK.sub("", text)
    text = _MARKDOWN_EMPHASIS.sub("", text)
    return " ".join(text.split())


def _excerpt(text, match=None):
    """``text`` if short, else about SNIPPET_LENGTH characters of it around
    ``match`` (from the start without one), cut at spaces."""
    if len(text) <= SNIPPET_LENGTH * 1.5:
        return text
    start = max(0, match.start() - SNIPPET_LEAD) if match else 0
    if start > 0:
        space = text.find(" ", start, start + 20)
        start = space + 1 if space != -1 else start
    end = start + SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        end = space if space > start else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def snippet(article, pattern):
    """The dek if a word is in it, else the stretch of the body around the first
    hit, else the dek or the start of the body."""
    dek = article.dek or ""
    if pattern is not None and (match := pattern.search(dek)):
        return _excerpt(dek, match)
    body = plain_text(article.body)
    if pattern is not None and (match := pattern.search(body)):
        return _excerpt(body, match)
    return _excerpt(dek or body)


@dataclass(frozen=True)
class SearchResult:
    """An article as a result: its headline and snippet, escaped and marked."""

    article: Article
    headline: SafeString
    snippet: SafeString


def search_results(articles, query):
    pattern = _match_pattern(search_terms(query))
    return [
        SearchResult(article, highlight(article.headline, pattern), highlight(snippet(article, pattern), pattern))
        for article in articles
    ]


class SearchView(PublishedArticlesMixin, ListView):
    """``/search/?q=…`` (``/en/search/`` for the English edition): published
    articles of the edition, 20 a page; bad page numbers are a 404.

    Search pages are never kept by the page cache (every query would be a page
    of its own, crowding out the articles), but in a news spike readers search
    the same few names: each app process remembers the rendered results of its
    last ``memo.SPACES["search"]`` queries for the content generation
    (``memo.py``), so they are never older than the articles."""

    template_name = "reader/search.html"
    results_template_name = "reader/includes/_search_results.html"
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        self.query = normalize_query(request.GET.get("q"))
        key = ("search", current_edition().code, self.query, request.GET.get("page") or "1")
        results_html = remember(request, key, self.render_results, space="search")
        return TemplateResponse(request, self.template_name, {"query": self.query, "results_html": results_html})

    def get_queryset(self):
        return search_articles(self.query, current_edition().code)

    def render_results(self):
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        context["results"] = search_results(context["object_list"], self.query)
        return render_to_string(self.results_template_name, {**context, "query": self.query})
