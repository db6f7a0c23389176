"""Live pages for readers: the entries on the article page, the small fragment
readers' browsers poll for new ones, and the pages of older entries.

A reader's page prints the pinned entry and the latest ``LIVE_PAGE_SIZE``
entries, whatever the number of entries (older ones are a link away), so the
page stays within an article's weight and query bounds. Browsers poll the
fragment (``static/js/live.js``, every 15 s while the page is visible): the same
address for everyone, without a query string, marked public for a few seconds
(``FRAGMENT_SECONDS``), so the edge answers ten thousand readers with one
request to the app every few seconds; a change purges it at once like the
article's own page (``reader/purges.py``).
"""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import override
from django.views import View

from articles.body import render_body
from articles.editions import current_edition
from articles.models import Article, LiveEntry
from articles.services.live import coverage_of
from delivery.memo import remember
from delivery.pagecache import path_version_key

#: Entries on the article page (and on each page of older entries).
LIVE_PAGE_SIZE = 20
#: How long browsers and the edge keep the fragment: a new entry shows within
#: this plus the polling interval, and the app sees one request per edge per period.
FRAGMENT_SECONDS = 5


def render_entry(entry, article):
    """One entry's body, rendered like an article body (embeds from the live records)."""
    entry.article = article
    return render_body(entry, template_context={"article": article})


def _shown(entries, article):
    return [{"entry": entry, "body": render_entry(entry, article)} for entry in entries]


def live_context(article, *, preview=False):
    """What the article page prints of a live page, or ``None`` when it is not one:
    the pinned entry, the latest entries newest first, the link to older ones."""
    coverage = coverage_of(article)
    if coverage is None:
        return None
    entries = article.live_entries.for_page().newest_first()
    latest = list(entries.filter(pinned=False)[: LIVE_PAGE_SIZE + 1])
    pinned = entries.filter(pinned=True).first()
    older = latest[LIVE_PAGE_SIZE] if len(latest) > LIVE_PAGE_SIZE else None
    latest = latest[:LIVE_PAGE_SIZE]
    with override(article.language):
        fragment_url = reverse("articles:live_entries", kwargs={"pk": article.pk})
        older_url = (
            reverse("articles:live_older", kwargs={"pk": article.pk}) + f"?before={latest[-1].pk}" if older else ""
        )
    return {
        "coverage": coverage,
        "ongoing": coverage.is_ongoing,
        "pinned": _shown([pinned], article)[0] if pinned else None,
        "entries": _shown(latest, article),
        "older_url": older_url,
        "fragment_url": "" if preview else fragment_url,
    }


def _published_article(pk):
    article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
    if article.language != current_edition().code:
        raise Http404("This live page is in the other edition")
    return article


class LiveEntriesView(View):
    """The fragment a live page polls: its pinned entry and latest entries, and
    whether the coverage still runs. A published article that is not live
    sends the reader to its page."""

    def get(self, request, pk):
        article = _published_article(pk)
        html = remember(request, ("live-entries", article.pk, article.language), lambda: self.render(article))
        if html is None:
            return HttpResponseRedirect(article.get_absolute_url())
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        patch_cache_control(response, public=True, max_age=FRAGMENT_SECONDS)
        return response

    @staticmethod
    def render(article):
        live = live_context(article)
        if live is None:
            return None
        with override(article.language):
            return render_to_string("reader/includes/_live_entries.html", {"article": article, "live": live})


class LiveOlderView(View):
    """Older entries of a live page, ``LIVE_PAGE_SIZE`` at a time, before the
    entry ``?before=<id>`` (a page of its own, with a link back to the article)."""

    template_name = "reader/live_older.html"

    def get(self, request, pk):
        state = getattr(request, "content_state", None)
        if state is not None:
            # Only ever asked for with a query string, so no edge keeps it; the page
            # cache does, and forgets it with the fragment every change of the page purges.
            state.depend_on([path_version_key(reverse("articles:live_entries", kwargs={"pk": pk}))])
        article = _published_article(pk)
        if coverage_of(article) is None:
            raise Http404("Not a live page")
        try:
            before = article.live_entries.get(pk=int(request.GET.get("before", "")))
        except (ValueError, LiveEntry.DoesNotExist) as error:
            raise Http404("No such entry") from error
        entries = list(article.live_entries.for_page().older_than(before).filter(pinned=False)[: LIVE_PAGE_SIZE + 1])
        older_url = ""
        if len(entries) > LIVE_PAGE_SIZE:
            entries = entries[:LIVE_PAGE_SIZE]
            older_url = reverse("articles:live_older", kwargs={"pk": article.pk}) + f"?before={entries[-1].pk}"
        context = {"article": article, "entries": _shown(entries, article), "older_url": older_url}
        return TemplateResponse(request, self.template_name, context)
