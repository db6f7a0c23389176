"""The desk's own pages beside the admin's: the staff preview of an article."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from articles.models import Article
from reader.previews import preview_response


def staff_preview(request, object_id):
    """``/admin/articles/article/<id>/preview/``: the public template, for any
    state, to whoever may see the article on their desk."""
    article = get_object_or_404(Article.objects.for_detail().on_desk_of(request.user), pk=object_id)
    if not admin.site.get_model_admin(Article).has_view_permission(request, article):
        raise PermissionDenied
    return preview_response(request, article)


#: Wrapped like the admin's own views: staff only, never cached.
staff_preview_view = admin.site.admin_view(staff_preview)
