"""A webhook receiver the tests start (a small HTTP server on 127.0.0.1), and
endpoints registered through the services."""

import dataclasses
import hashlib
import hmac
import http.server
import json
import threading
import time

import pytest

from tests import factories
from tests.edge import free_port
from webhooks import services
from webhooks.models import Endpoint, Event


@dataclasses.dataclass
class Received:
    headers: dict
    body: bytes
    at: float = dataclasses.field(default_factory=time.monotonic)

    @property
    def json(self):
        return json.loads(self.body)

    def signed_with(self, secret):
        """Whether the signature checks out as the README tells receivers to check it."""
        timestamp = self.headers["X-Newsroom-Timestamp"]
        expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + self.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(self.headers["X-Newsroom-Signature"], f"sha256={expected}")


class Receiver(http.server.ThreadingHTTPServer):
    """Records every POST; answers with ``answers`` in turn, then 200."""

    daemon_threads = True

    def __init__(self, port=0):
        self.received = []
        self.answers = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.received.append(Received(dict(self.headers.items()), body))
                    status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", port), Handler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/newsroom"


@pytest.fixture
def start_receiver():
    """Start receivers (on a given port, e.g. one that was down until now); all stop after the test."""
    started = []

    def start(port=0):
        server = Receiver(port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture
def receiver(start_receiver):
    return start_receiver()


@pytest.fixture
def down_url():
    """The address of a receiver that is down: nothing listens on its port (yet)."""
    port = free_port()
    return port, f"http://127.0.0.1:{port}/hooks/newsroom"


@pytest.fixture
def admin(db):
    return factories.UserFactory(username="webhook-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def make_endpoint(admin):
    def make(url, events=tuple(Event.values), name="Partner portal"):
        return services.endpoint_save(endpoint=Endpoint(name=name, url=url, events=list(events)), user=admin)

    return make


@pytest.fixture
def fast_retries(settings):
    settings.NEWSROOM_WEBHOOK_RETRY_SECONDS = 30
    settings.NEWSROOM_WEBHOOK_MAX_ATTEMPTS = 4
    settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = 2
