"""Plumbing every deployment needs: liveness and readiness for load balancers,
the 500/503 page, the favicon browsers ask for."""

from django.db import IntegrityError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static


def server_error(request):
    """The 500 page, showing the request id for support. When the database is
    out of reach it is a 503 "back in a moment" instead: readers never see a
    traceback, and the site recovers by itself when the database returns."""
    import sys

    from django.db import DatabaseError
    from django.template import loader

    error = sys.exc_info()[1]
    unavailable = isinstance(error, DatabaseError) and not isinstance(error, IntegrityError)
    template = loader.get_template("503.html" if unavailable else "500.html")
    body = template.render({"request_id": getattr(request, "id", "")})
    response = HttpResponse(body, status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = "10"
    response["Cache-Control"] = "no-store"
    return response


LOOPBACK = {"127.0.0.1", "::1"}


def may_see_details(request):
    """What failed (a database's error class, pending migrations) is for the
    operator: a request straight from this machine (not forwarded by the proxy
    in front, which adds ``X-Forwarded-For``) or one with the configured token."""
    from django.conf import settings
    from django.utils.crypto import constant_time_compare

    token = settings.NEWSROOM_READYZ_TOKEN
    if token and constant_time_compare(request.headers.get("X-Readyz-Token", ""), token):
        return True
    return request.META.get("REMOTE_ADDR") in LOOPBACK and "HTTP_X_FORWARDED_FOR" not in request.META


def bad_request(request, exception):
    """The 400 page, in the site's look, saying what kind of request it could not
    take (never the exception's own text: it may quote what was sent)."""
    from django.conf import settings
    from django.utils import translation

    # The request may have failed before the locale middleware ran: the language
    # is worked out here (the URL's edition; the desk's own choice on /admin/).
    if request.path_info.startswith("/admin/"):
        language = translation.get_language_from_request(request, check_path=False)
    else:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return _bad_request_page(request, exception)


def _bad_request_page(request, exception):
    from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
    from django.http.multipartparser import MultiPartParserError
    from django.template import loader
    from django.utils.translation import gettext as _

    if isinstance(exception, TooManyFilesSent):
        problem = _("It sent more files at once than the site takes. Send fewer files at a time.")
    elif isinstance(exception, TooManyFieldsSent):
        problem = _("It sent more form fields than the site takes. Save in smaller steps.")
    elif isinstance(exception, RequestDataTooBig):
        problem = _("It was larger than the site takes in one go.")
    elif isinstance(exception, DisallowedHost):
        problem = _("It named a web address this site does not answer to.")
    elif isinstance(exception, MultiPartParserError):
        problem = _("Its form data was cut off or malformed. Try sending it again.")
    else:
        problem = _("It was malformed. Check the address, or go back and try again.")
    body = loader.get_template("400.html").render({"problem": problem, "request_id": getattr(request, "id", "")})
    response = HttpResponse(body, status=400)
    response["Cache-Control"] = "no-store"
    return response


def readyz(request):
    """For load balancers: 200 only when the database answers, every migration
    is applied and the media storage takes a file; else 503. What failed is
    said only to the operator (``may_see_details``); others get the status."""
    import json

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    checks = {}
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else f"{len(pending)} not applied"
    except Exception as error:
        checks["database"] = f"unreachable: {type(error).__name__}"
        checks.setdefault("migrations", "unknown")
    try:
        name = default_storage.save(".readyz/probe", ContentFile(b"ok"))
        default_storage.delete(name)
        checks["media"] = "ok"
    except Exception as error:
        checks["media"] = f"not writable: {type(error).__name__}"
    ready = all(value == "ok" for value in checks.values())
    if checks["database"] == "ok" and checks["migrations"] == "ok":
        # Told, not counted: a late scheduler is no reason to take a web server out.
        checks["scheduler"] = _scheduler_state()
    body = checks if may_see_details(request) else {"status": "ok" if ready else "unavailable"}
    response = HttpResponse(json.dumps(body), status=200 if ready else 503, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def _scheduler_state():
    from articles.services import scheduler_lateness

    count, oldest = scheduler_lateness()
    if not count:
        return "ok"
    return f"late: {count} scheduled article(s) due since {oldest.isoformat(timespec='minutes')} not handled"


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def healthz(request):
    """The process is up (nothing else is checked: that is /readyz)."""
    response = HttpResponse("ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response
