"""The desk's own pages beside the admin's: My desk (the desk's home page), its
notifications, and the staff preview of an article."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import services
from articles.models import Article, Notification
from reader.previews import preview_response

from . import selectors


def staff_preview(request, object_id):
    """``/admin/articles/article/<id>/preview/``: the public template, for any
    state, to whoever may see the article on their desk."""
    article = get_object_or_404(Article.objects.for_detail().on_desk_of(request.user), pk=object_id)
    if not admin.site.get_model_admin(Article).has_view_permission(request, article):
        raise PermissionDenied
    return preview_response(request, article)


#: Wrapped like the admin's own views: staff only, never cached.
staff_preview_view = admin.site.admin_view(staff_preview)


def my_desk(request, *, site, extra_context=None):
    """``/admin/``: where everyone lands after logging in. Editors see what
    waits for them (the review queue, today's and tomorrow's schedule, photo
    rights running out, recent corrections); reporters their own pieces by where
    they stand; both their unread notifications, and the admin's list of
    everything at the bottom. A fixed number of queries, whatever the desk holds."""
    user = request.user
    now = timezone.now()
    editor = services.can_publish(user)
    context = {
        **site.each_context(request),
        "title": _("My desk"),
        "subtitle": None,
        "now": now,
        "time_zone": timezone.get_current_timezone_name(),
        "notifications": selectors.unread_notifications(user),
        "editor_desk": selectors.editor_desk(now=now) if editor else None,
        "reporter_desk": (
            selectors.reporter_desk(user, now=now) if not editor and user.has_perm("articles.view_article") else None
        ),
        "can_add_article": user.has_perm("articles.add_article"),
        **(extra_context or {}),
    }
    context["app_list"] = context["available_apps"]
    request.current_app = site.name
    return TemplateResponse(request, "desk/home.html", context)


def notification_open(request, notification_id):
    """Open the piece a notification is about, marking the notification read."""
    notification = get_object_or_404(Notification.objects.for_desk_of(request.user), pk=notification_id)
    services.notifications_mark_read(user=request.user, notification_ids=[notification.pk])
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[notification.article_id]))


def notifications_read(request):
    """POST ``notification`` (one id) or ``all``: mark the user's own notifications read."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if "all" in request.POST:
        services.notifications_mark_read(user=request.user)
    else:
        ids = [value for value in request.POST.getlist("notification") if value.isdigit() and len(value) <= 18]
        services.notifications_mark_read(user=request.user, notification_ids=[int(value) for value in ids])
    return HttpResponseRedirect(reverse("admin:index") + "#notifications")
