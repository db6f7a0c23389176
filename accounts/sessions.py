"""Staff sessions: they end after a spell without activity, and a staff member
can see theirs and end all but the one in hand.

Activity is what the person does: opening a page, saving. The desk's
background requests — the autosave, the live preview, anything sent with the
header ``X-Newsroom-Background: 1`` — keep no session alive, so a laptop left
open on an article logs itself out after ``NEWSROOM_STAFF_IDLE_MINUTES``.
"""

import datetime
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import audit
from .models import AuditEntry, StaffSession
from .throttle import client_ip

LAST_ACTIVITY = "newsroom_last_activity"
#: A session's activity is written at most this often (not on every click).
WRITE_EVERY = datetime.timedelta(seconds=60)
BACKGROUND_HEADER = "HTTP_X_NEWSROOM_BACKGROUND"
#: URL names whose requests are background work, whatever their headers: the
#: staff preview, the desk's live preview and autosave (desk/admin/editor.py).
BACKGROUND_VIEWS = {
    "staff_preview",
    "articles_article_live_preview",
    "articles_article_live_preview_new",
    "articles_article_autosave",
    "articles_article_autosave_new",
    "articles_article_embeds",
}


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def is_background(request):
    if request.META.get(BACKGROUND_HEADER) == "1":
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in BACKGROUND_VIEWS


class StaffIdleTimeoutMiddleware:
    """Ends a staff session idle for longer than ``NEWSROOM_STAFF_IDLE_MINUTES``
    and sends the person to the login page, with the page they asked for as
    ``next``. Goes after the authentication and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return None
        now = timezone.now()
        idle = datetime.timedelta(minutes=settings.NEWSROOM_STAFF_IDLE_MINUTES)
        seen = request.session.get(LAST_ACTIVITY)
        seen = datetime.datetime.fromtimestamp(seen, tz=datetime.UTC) if seen else None
        if seen is not None and now - seen > idle:
            audit.record(AuditEntry.Action.SESSION_EXPIRED, actor=user, target=user.get_username(), request=request)
            logout(request)
            messages.info(
                request,
                ngettext(
                    "You were logged out after %(minutes)d minute without activity. Log in again to go on.",
                    "You were logged out after %(minutes)d minutes without activity. Log in again to go on.",
                    settings.NEWSROOM_STAFF_IDLE_MINUTES,
                )
                % {"minutes": settings.NEWSROOM_STAFF_IDLE_MINUTES},
            )
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if is_background(request):
            return None
        if seen is None or now - seen >= WRITE_EVERY:
            request.session[LAST_ACTIVITY] = now.timestamp()
            if request.session.session_key:
                StaffSession.objects.filter(session_key=request.session.session_key).update(last_seen_at=now)
        return None


@receiver(user_logged_in, dispatch_uid="accounts.sessions.logged_in")
def _track(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = timezone.now()
    request.session[LAST_ACTIVITY] = now.timestamp()
    if not request.session.session_key:
        request.session.save()
    StaffSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "created_at": now,
            "last_seen_at": now,
            "ip_address": client_ip(request) or None,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        },
    )


@receiver(user_logged_out, dispatch_uid="accounts.sessions.logged_out")
def _untrack(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        StaffSession.objects.filter(session_key=request.session.session_key).delete()


def sessions_of(request):
    """The user's sessions that still exist, the current one first."""
    store = _store()
    current = request.session.session_key
    alive = []
    for session in StaffSession.objects.filter(user=request.user):
        if session.session_key != current and not store().exists(session.session_key):
            session.delete()  # expired or flushed elsewhere
            continue
        session.is_current = session.session_key == current
        alive.append(session)
    alive.sort(key=lambda session: not session.is_current)
    return alive


def end_other_sessions(request):
    """End every session of the user but this one; returns how many ended."""
    store = _store()
    others = StaffSession.objects.filter(user=request.user).exclude(session_key=request.session.session_key)
    keys = list(others.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    others.delete()
    return len(keys)


@require_POST
@login_required(login_url="admin:login")
def end_other_sessions_view(request):
    ended = end_other_sessions(request)
    audit.record(AuditEntry.Action.SESSIONS_ENDED, target=request.user.get_username(), detail=str(ended))
    messages.success(
        request,
        ngettext("%(count)d other session was logged out.", "%(count)d other sessions were logged out.", ended)
        % {"count": ended}
        if ended
        else _("You had no other sessions."),
    )
    return redirect("accounts:security")
