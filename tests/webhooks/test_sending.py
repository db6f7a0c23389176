"""One POST over the wire: the body, the headers, the signature, no redirects,
http(s) only, a timeout."""

import contextlib
import hashlib
import hmac
import http.server
import json
import socket
import threading
import time
import uuid

import pytest

from webhooks import sending

SECRET = "whsec_test-secret"


def test_the_signature_is_the_hmac_sha256_of_the_timestamp_a_dot_and_the_body():
    body = sending.body_of({"event": "published", "article": {"headline": "반도체 수출"}})
    expected = hmac.new(SECRET.encode(), b"1767225600." + body, hashlib.sha256).hexdigest()
    assert sending.signature(SECRET, 1767225600, body) == expected
    assert sending.signature(SECRET, 1767225601, body) != expected  # the timestamp is signed too
    assert sending.signature("whsec_another", 1767225600, body) != expected


def test_the_body_is_compact_utf8_json_with_sorted_keys_so_every_attempt_sends_the_same_bytes():
    payload = {"event": "published", "article": {"id": 7, "headline": 'AI 칩 "수요"'}}
    body = sending.body_of(payload)
    assert body == '{"article":{"headline":"AI 칩 \\"수요\\"","id":7},"event":"published"}'.encode()
    assert sending.body_of(json.loads(body)) == body


def test_the_headers_carry_the_event_the_idempotency_key_the_timestamp_and_the_signature():
    key = uuid.uuid4()
    body = b'{"event":"updated"}'
    headers = sending.headers_for(event="updated", key=key, secret=SECRET, body=body, timestamp=1767225600)
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Newsroom-Event"] == "updated"
    assert headers["X-Newsroom-Delivery"] == str(key)
    assert headers["X-Newsroom-Timestamp"] == "1767225600"
    assert headers["X-Newsroom-Signature"] == "sha256=" + sending.signature(SECRET, 1767225600, body)


class Answering(http.server.HTTPServer):
    def __init__(self, status, headers=(), delay=0.0):
        self.hits = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                server.hits += 1
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                time.sleep(delay)
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                answer = b"receiver says no" if status >= 400 else b""
                self.send_header("Content-Length", str(len(answer)))
                with contextlib.suppress(BrokenPipeError):  # a client that gave up waiting
                    self.end_headers()
                    self.wfile.write(answer)

            def do_GET(self):  # where a followed redirect would land
                server.hits += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server_address[1]}/hook"

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


def post(url, timeout=5):
    return sending.post(url, body=b"{}", headers={"Content-Type": "application/json"}, timeout=timeout)


def test_a_2xx_answer_is_a_success_with_its_status_and_latency():
    with Answering(204) as url:
        outcome = post(url)
    assert outcome.ok and outcome.status_code == 204 and outcome.error == ""
    assert outcome.latency_ms >= 0


def test_an_error_answer_is_a_failure_that_keeps_the_status_and_what_the_receiver_said():
    with Answering(500) as url:
        outcome = post(url)
    assert not outcome.ok and outcome.status_code == 500
    assert outcome.error == "HTTP 500: receiver says no"


def test_a_redirect_is_not_followed_but_counted_as_a_failure():
    elsewhere = Answering(200)
    with elsewhere as target, Answering(307, headers=[("Location", target)]) as url:
        outcome = post(url)
    assert not outcome.ok and outcome.status_code == 307
    assert outcome.error == f"HTTP 307: redirect to {target} not followed"
    assert elsewhere.hits == 0


def test_an_address_that_is_not_http_is_never_opened(tmp_path):
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("never read")
    for url in (f"file://{secret_file}", "ftp://127.0.0.1/x", "data:text/plain,hello"):
        outcome = post(url)
        assert not outcome.ok and outcome.error == "not an http(s) address"


def test_a_receiver_that_is_down_is_a_failure_not_an_exception():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = post(f"http://127.0.0.1:{port}/hook")
    assert not outcome.ok and outcome.status_code is None
    assert outcome.error.startswith("unreachable:")


@pytest.mark.slow
def test_a_receiver_that_does_not_answer_in_time_is_given_up_on():
    with Answering(200, delay=2) as url:
        started = time.monotonic()
        outcome = post(url, timeout=0.5)
        waited = time.monotonic() - started
    assert not outcome.ok and outcome.error == "no answer within 0.5 s"
    assert waited < 1.5
