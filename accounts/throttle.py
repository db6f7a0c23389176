"""Staff logins that resist guessing, with django-axes doing the counting.

* An **account from one address**: after ``AXES_FAILURE_LIMIT`` (10) failed
  logins in a row it is locked for ``AXES_COOLOFF_TIME`` (15 minutes) — from
  that address only, so whoever guesses the editor-in-chief's password from
  elsewhere cannot lock them out of the newsroom at deadline. A good login
  clears the count; an admin unlocks sooner (Axes → Access attempts: delete).
* An **address**: after ``NEWSROOM_ADDRESS_FAILURE_LIMIT`` (50) failures on any
  accounts within the same 15 minutes, it may not try again until they pass
  (one guesser walking through every username).

Both answer 429 with a page that says what happened and when to try again. The
client's address is the one the trusted proxy saw (the last ``X-Forwarded-For``
hop, which nginx appends; ``TrustedProxyMiddleware`` drops the header from anyone
else), so behind nginx every reader does not share nginx's address.
"""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.template.response import TemplateResponse
from django.urls import reverse


def client_ip(request):
    """The address of the client, as the trusted proxy in front saw it."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.NEWSROOM_TRUSTED_PROXIES:
        return forwarded.split(",")[-1].strip() or remote
    return remote


def _minutes():
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_page(request, *, reason):
    context = {"reason": reason, "minutes": _minutes(), "site_header": settings.SITE_NAME}
    response = TemplateResponse(request, "registration/locked_out.html", context, status=429)
    response.render()  # axes returns it from past the view, where nothing renders it
    response["Retry-After"] = str(_minutes() * 60)
    response["Cache-Control"] = "no-store"
    return response


def locked_out(request, original_response=None, credentials=None):
    """What axes answers for a locked account (``AXES_LOCKOUT_CALLABLE``)."""
    return lockout_page(request, reason="account")


def _address_key(address):
    return f"login-failures:address:{address}"


@receiver(user_login_failed, dispatch_uid="accounts.throttle.count_address_failure")
def count_address_failure(sender, credentials=None, request=None, **kwargs):
    if request is None:
        return
    key = _address_key(client_ip(request))
    if cache.add(key, 1, timeout=int(settings.AXES_COOLOFF_TIME.total_seconds())):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=int(settings.AXES_COOLOFF_TIME.total_seconds()))


def count(key, *, limit, seconds):
    """Count one more under ``key`` for ``seconds``; ``True`` while within ``limit``."""
    if cache.add(key, 1, timeout=seconds):
        return limit >= 1
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return True


def address_is_over_its_limit(request):
    return (cache.get(_address_key(client_ip(request))) or 0) >= settings.NEWSROOM_ADDRESS_FAILURE_LIMIT


class AddressLimitMiddleware:
    """Refuses a login attempt from an address over its limit, before any password is checked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        login = request.method == "POST" and request.path_info == reverse("admin:login")
        if login and address_is_over_its_limit(request):
            return lockout_page(request, reason="address")
        return self.get_response(request)
