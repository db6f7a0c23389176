"""How a delivery goes over the wire: its body, its signature, and one POST.

The signature is the hex HMAC-SHA256, with the endpoint's secret, of the
timestamp, a dot and the body's exact bytes (``f"{timestamp}.{body}"``), sent as
``X-Newsroom-Signature: sha256=<hex>`` beside ``X-Newsroom-Timestamp``; the
receiver recomputes it (README, "Webhooks"). The POST goes to an http(s) address
only, follows no redirect (a 3xx is a failure: a moved receiver is registered
again, not guessed at) and gives up after the timeout.
"""

import dataclasses
import hashlib
import hmac
import http.client
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from .models import SCHEMES

USER_AGENT = "Newsroom-Webhooks/1.0"
#: How much of a failing answer is kept in the delivery log.
ERROR_BODY_CHARS = 300


def body_of(payload):
    """The body's bytes: compact UTF-8 JSON with sorted keys, so that every
    attempt of a delivery sends exactly the same bytes."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def signature(secret, timestamp, body):
    """The hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` (``body``: bytes) with ``secret``."""
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def headers_for(*, event, key, secret, body, timestamp):
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Newsroom-Event": event,
        "X-Newsroom-Delivery": str(key),
        "X-Newsroom-Timestamp": str(timestamp),
        "X-Newsroom-Signature": f"sha256={signature(secret, timestamp, body)}",
    }


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What one attempt came to: ``ok`` for a 2xx answer."""

    ok: bool
    status_code: int | None
    error: str
    latency_ms: int


# Only the HTTP(S) handlers: no redirect handler (a 3xx comes back as an
# answer, never followed), no error processor (every status is returned as
# is), no proxy taken from the environment, no file:, ftp: or data: opener.
_opener = urllib.request.OpenerDirector()
for _handler in (urllib.request.HTTPHandler(), urllib.request.HTTPSHandler()):
    _opener.add_handler(_handler)


def post(url, *, body, headers, timeout):
    """POST ``body`` to ``url`` once; never raises for the network's sake."""
    if urlsplit(url).scheme not in SCHEMES:
        return Outcome(False, None, "not an http(s) address", 0)
    # The scheme is http or https (checked above), and the opener knows no other.
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    started = time.monotonic()
    status, error = None, ""
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = response.status
            if not 200 <= status < 300:
                error = f"HTTP {status}"
                if 300 <= status < 400:
                    error += f": redirect to {response.headers.get('Location', '?')} not followed"
                answer = response.read(ERROR_BODY_CHARS * 4).decode("utf-8", "replace").strip()
                if answer:
                    error += f": {answer[:ERROR_BODY_CHARS]}"
    except TimeoutError:
        error = f"no answer within {timeout:g} s"
    except urllib.error.URLError as failure:
        reason = failure.reason
        error = f"no answer within {timeout:g} s" if isinstance(reason, TimeoutError) else f"unreachable: {reason}"
    except (OSError, http.client.HTTPException) as failure:
        error = f"connection failed: {failure!r}"
    latency_ms = round((time.monotonic() - started) * 1000)
    return Outcome(status is not None and 200 <= status < 300, status, error, latency_ms)
