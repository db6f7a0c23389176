"""Previews: an article in any state at the public template, fresh and never stored.

Staff open it from the article's admin page (it needs the article's view
permission); a holder of a preview link reads a piece not yet public without an
account. Both are never indexed and never cached.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.views import View

from articles.models import Article, PreviewLink

from .pages import related_block, render_article_page


def preview_response(request, article):
    """The public template for an article in any state: fresh, never stored."""
    with translation.override(article.language):
        context = {
            "article": article,
            "page": render_article_page(article, preview=True),
            "related_html": related_block(article),
            "preview": True,
        }
        response = TemplateResponse(request, "reader/article_detail.html", context)
        response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def staff_preview(request, object_id):
    """``/admin/articles/article/<id>/preview/``: the public template, for any state."""
    article = get_object_or_404(Article.objects.for_detail().on_desk_of(request.user), pk=object_id)
    if not admin.site.get_model_admin(Article).has_view_permission(request, article):
        raise PermissionDenied
    return preview_response(request, article)


#: Wrapped like the admin's own views: staff only, never cached.
staff_preview_view = admin.site.admin_view(staff_preview)


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
