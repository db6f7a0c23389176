"""Previews: an article in any state at the public template, fresh and never stored.

Staff open it from the desk (``desk.views``); a holder of a preview link reads a piece not yet public without an
account. Both are never indexed and never cached.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.views import View

from articles.models import Article, PreviewLink

from .pages import related_block, render_article_page


def preview_response(request, article, *, unsaved=False):
    """The public template for an article in any state: fresh, never stored.
    ``unsaved``: the article as typed on the desk, not saved yet (its banner says so)."""
    with translation.override(article.language):
        context = {
            "article": article,
            "page": render_article_page(article, preview=True),
            "related_html": related_block(article),
            "preview": True,
            "preview_unsaved": unsaved,
        }
        response = TemplateResponse(request, "reader/article_detail.html", context)
        response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class PreviewLinkView(View):
    """A piece not yet public, for the holder of a preview link: the public
    template, never indexed, never cached; gone once it expires, is revoked or
    the article is published."""

    def get(self, request, key):
        link = PreviewLink.objects.filter(key=key).first()
        if link is None or not link.is_usable():
            raise Http404("No such preview")
        article = get_object_or_404(Article.objects.for_detail(), pk=link.article_id)
        if article.is_published():
            raise Http404("Published: read it at its address")
        response = preview_response(request, article)
        response["Cache-Control"] = "private, no-store"
        return response
