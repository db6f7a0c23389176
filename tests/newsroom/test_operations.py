"""What operators and load balancers rely on: health, readiness, logs, clean error pages."""

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError

from tests import factories
from tests.factories import sign_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_readyz_checks_database_migrations_and_media(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "migrations": "ok", "media": "ok", "scheduler": "ok"}


def test_readyz_fails_when_media_is_not_writable(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["media"].startswith("not writable")


def test_readyz_fails_when_the_database_is_unreachable(client):
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"].startswith("unreachable")


@pytest.mark.parametrize(
    "headers",
    [
        {"REMOTE_ADDR": "203.0.113.9"},  # from outside
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},  # from outside, through nginx
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_READYZ_TOKEN": "a-guess"},
    ],
)
def test_readyz_tells_an_outsider_only_whether_the_site_is_ready(client, settings, headers):
    settings.NEWSROOM_READYZ_TOKEN = "s3cret-readiness-token"
    assert json.loads(client.get("/readyz", **headers).content) == {"status": "ok"}
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz", **headers)
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable"}  # not which part, nor the error


def test_readyz_tells_the_operator_what_failed_with_the_token(client, settings):
    settings.NEWSROOM_READYZ_TOKEN = "s3cret-readiness-token"
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz", REMOTE_ADDR="203.0.113.9", HTTP_X_READYZ_TOKEN="s3cret-readiness-token")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unreachable: OperationalError"


def test_readers_get_a_clean_503_page_while_the_database_is_down(client, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    client.raise_request_exception = False
    with mock.patch("reader.views.HomeView.get_context_data", side_effect=OperationalError("connection refused")):
        response = client.get("/", HTTP_X_REQUEST_ID="abcdef1234567890")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "abcdef1234567890" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_a_database_outage_logs_one_traceback_then_a_short_line_every_few_seconds(client, settings):
    from django.utils.log import configure_logging

    from newsroom.logging import DatabaseOutageFilter, JsonFormatter

    now = [1000.0]
    outage = DatabaseOutageFilter(clock=lambda: now[0])
    lines = []
    handler = logging.Handler()
    handler.addFilter(outage)
    handler.setFormatter(JsonFormatter())
    handler.emit = lambda record: lines.append(handler.format(record))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    settings.NEWSROOM_PAGE_CACHE = False
    client.raise_request_exception = False
    try:
        with mock.patch("reader.views.HomeView.get_context_data", side_effect=OperationalError("connection refused")):
            for _ in range(200):  # 200 readers in 20 seconds
                assert client.get("/").status_code == 503
                now[0] += 0.1
        with mock.patch("reader.views.HomeView.get_context_data", side_effect=ValueError("a bug")):
            client.get("/")  # anything else is logged as ever
        now[0] += 120  # the next outage, much later, is logged whole again
        with mock.patch("reader.views.HomeView.get_context_data", side_effect=OperationalError("gone again")):
            client.get("/")
    finally:
        logger.removeHandler(handler)
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)

    outage_lines = [json.loads(line) for line in lines if "OperationalError" in line or "unreachable" in line]
    with_traceback = [line for line in outage_lines if "exception" in line]
    assert len(with_traceback) == 2  # the first of each outage
    short = [line for line in outage_lines if "exception" not in line]
    assert 3 <= len(short) <= 5  # one every 5 seconds of the 20
    assert "database still unreachable (OperationalError: connection refused)" in short[0]["message"]
    left_out = [int(line["message"].rsplit("; ", 1)[1].split()[0]) for line in short]
    assert left_out[0] == 49 and 1 + len(short) + sum(left_out) > 150  # each says how many it stands for
    assert any("ValueError" in line for line in lines)


def test_an_error_page_shows_the_request_id_support_can_find_in_the_logs(client, settings, caplog):
    settings.NEWSROOM_PAGE_CACHE = False
    client.raise_request_exception = False
    with (
        caplog.at_level(logging.INFO, logger="newsroom.request"),
        mock.patch("reader.views.HomeView.get_context_data", side_effect=ValueError("bug")),
    ):
        response = client.get("/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert request_id in response.content.decode()
    [line] = [record for record in caplog.records if record.name == "newsroom.request"]
    assert line.request_id == request_id and line.status == 500


def test_every_request_is_logged_as_one_json_line_with_status_duration_and_user(client, editor):
    from newsroom.logging import JsonFormatter

    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("newsroom.request")
    logger.addHandler(handler)
    try:
        sign_in(client, editor)
        client.get("/admin/")
    finally:
        logger.removeHandler(handler)
    data = json.loads(JsonFormatter().format(records[-1]))
    assert data["status"] == 200 and data["path"] == "/admin/"
    assert data["user_id"] == editor.pk
    assert isinstance(data["duration_ms"], float)
    assert len(data["request_id"]) == 32


def test_a_page_cache_hit_is_logged_only_when_asked(client, notice, settings, caplog):
    factories.make_publishable()
    with caplog.at_level(logging.INFO, logger="newsroom.request"):
        client.get("/")
        hit = client.get("/")
        settings.NEWSROOM_LOG_PAGE_CACHE_HITS = True
        client.get("/")
    assert hit["X-Page-Cache"] == "hit" and hit["X-Request-ID"]
    logged = [record.cache for record in caplog.records if record.name == "newsroom.request"]
    assert logged == ["miss", "hit"]


def test_a_host_that_is_not_allowed_gets_400_never_a_page(client, notice):
    factories.make_publishable()
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_an_upload_while_media_storage_is_unwritable_is_a_clear_error_with_nothing_saved(
    editor_client, settings, tmp_path
):
    from photos.models import Image

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker / "media"
    response = editor_client.post(
        "/admin/photos/image/add/",
        {
            "file": factories.upload(factories.jpeg_bytes()),
            "alt_text": "연단의 대표",
            "credit": "본지DB",
            "license": "all-rights-reserved",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "cannot be stored right now" in response.content.decode()
    assert not Image.objects.exists()
    assert 'value="연단의 대표"' in response.content.decode()  # what was typed is kept


def test_an_app_started_while_the_database_is_unreachable_serves_503_and_says_so(tmp_path):
    """gunicorn with production settings and a database nobody answers at: the
    app starts, /healthz is up, /readyz and readers get 503 (never a traceback)."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request
    from pathlib import Path

    from tests.edge import free_port

    root = Path(__file__).resolve().parents[2]
    port, dead = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "SQLITE_PATH"}}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="unreachable-database-test-secret-key-0123456789-abcdefghijkl",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_HTTPS="0",
        DATABASE_URL=f"postgres://nobody:nothing@127.0.0.1:{dead}/newsroom",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="ERROR",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=root, env=env, check=True, timeout=120
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "newsroom.wsgi"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def get(path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        assert get("/healthz") == (200, "ok")
        status, body = get("/readyz")
        assert status == 503 and "unreachable" in body
        status, body = get("/")
        assert status == 503
        assert "Traceback" not in body and "OperationalError" not in body
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_too_many_form_fields_get_a_page_in_the_site_s_look_saying_so(client, english):
    fields = {f"field{n}": "x" for n in range(1500)}
    response = client.post("/admin/login/", fields, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "more form fields than the site takes" in html
    assert 'href="/static/css/site.css"' in html and "<h1>" in html
    assert "TooManyFieldsSent" not in html


def test_an_unknown_host_gets_a_readable_400_that_quotes_nothing_it_sent(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    html = response.content.decode()
    assert "요청을 읽을 수 없습니다" in html and "evil.example.com" not in html


def test_a_cut_off_upload_gets_a_readable_400(client):
    response = client.generic(
        "POST", "/admin/login/", b"--broken\r\nContent-Disposition: form-data", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "요청을 읽을 수 없습니다" in response.content.decode()
