"""Plumbing middleware: forwarded headers from the trusted proxy only, the request log line, each page's language."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from .logging import monotonic_ms

request_log = logging.getLogger("newsroom.request")
#: A request id from the proxy is kept if it looks like one (no log injection).
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (the proxy's ``X-Request-ID`` if sane), send it
    back in the response, and log one JSON line per request: status, duration,
    the user id when logged in (a page-cache hit only with
    ``NEWSROOM_LOG_PAGE_CACHE_HITS``). The error page shows the id to the reader, so
    support can find the request in the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.monotonic()
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = offered if SAFE_REQUEST_ID.match(offered) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        if not settings.NEWSROOM_LOG_PAGE_CACHE_HITS and response.get("X-Page-Cache") == "hit":
            # Thousands a second in a spike, all alike: the edge's access log has them.
            return response
        user = getattr(request, "user", None)
        request_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": request.id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": monotonic_ms(start),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                # A partner key by its public prefix (never the key itself: api.keys).
                "api_key": getattr(request, "api_key_prefix", None),
                "cache": response.get("X-Page-Cache", "miss" if response.status_code == 200 else ""),
            },
        )
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Readers' pages take their language from the URL (Korean at the root,
    English under /en/); the admin follows the staff member's own choice (the
    language cookie, then the browser), since it has no language in its URL;
    the content API is in English."""

    def process_request(self, request):
        if request.path_info.startswith("/admin/"):
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()
            return
        if request.path_info.startswith("/api/"):
            # Machines read the API: its words are English whatever the client
            # asks (an answer that varied with Accept-Language would need the
            # caches to key on it).
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
            return
        super().process_request(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not request.path_info.startswith("/admin/") and response.has_header("Vary"):
            # A reader's page is chosen by its URL alone (/en/… or not), so it
            # does not vary with the browser's language: caches may share it.
            kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


FORWARDED_HEADERS = ("HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PORT")


class TrustedProxyMiddleware:
    """``X-Forwarded-*`` count only when the proxy in front sent them: from any
    other peer they are dropped before anything reads them (Django's
    ``USE_X_FORWARDED_HOST`` and ``SECURE_PROXY_SSL_HEADER`` trust them from
    anyone). The shipped nginx sets all of them itself, overriding a client's."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.trusted = set(settings.NEWSROOM_TRUSTED_PROXIES)

    def __call__(self, request):
        if request.META.get("REMOTE_ADDR") not in self.trusted:
            for name in FORWARDED_HEADERS:
                request.META.pop(name, None)
        return self.get_response(request)
