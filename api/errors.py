"""Every error of the API as JSON ``{"detail": message, "code": code}``, never an HTML page."""

from rest_framework.views import exception_handler as drf_exception_handler


def _messages(data, prefix=""):
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _messages(value, "" if name == "detail" else f"{name}: ")
    elif isinstance(data, list):
        for value in data:
            yield from _messages(value, prefix)
    else:
        yield f"{prefix}{data}", getattr(data, "code", "error")


def exception_handler(exc, context):
    """DRF's handler, with one ``detail`` (a parameter's error names it) and its ``code``."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    found = list(_messages(response.data)) or [(str(exc), "error")]
    response.data = {"detail": " ".join(message for message, _code in found), "code": found[0][1]}
    response["Cache-Control"] = "private, no-store" if response.status_code in (401, 403, 429) else "no-cache"
    return response
