"""Two app instances behind one nginx on one database, each running the
scheduler: the edge stays fresh and every due article is published once."""

import datetime
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleEvent, Status
from tests import factories
from tests.edge import eventually, fetch, free_port, nginx_in_front_of

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def instance_environment(settings, edge=None):
    """The production settings of an app server, on this test's database."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="two-instances-test-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="news.example.org,127.0.0.1,localhost",
        SECURE_HTTPS="0",
        SITE_URL="https://news.example.org",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        NEWSROOM_EDGE_PURGE_URLS=edge or "",
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="0",
    )
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = database["NAME"]
        env.pop("DATABASE_URL", None)
    else:
        password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        )
    return env


def wait_for_port(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app server stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")


def test_two_app_servers_each_with_a_scheduler_publish_every_due_article_once(settings, tmp_path):
    editor = factories.editor(username="two-editor")
    factories.CopyrightNoticeFactory()
    live = factories.make_publishable(editor, headline="두 서버의 기사")
    services.article_publish(article=live, user=editor)
    due = [factories.make_publishable(editor, headline=f"함께 예약된 기사 {n}") for n in range(4)]

    ports = [free_port(), free_port()]
    processes = []
    try:
        with nginx_in_front_of(
            ",".join(f"127.0.0.1:{port}" for port in ports).replace(",", ";\n    server "),
            tmp_path,
            static_root=settings.STATIC_ROOT,
            media_root=settings.MEDIA_ROOT,
        ) as edge:
            env = instance_environment(settings, edge)
            env["STATIC_ROOT"] = str(tmp_path / "static")
            collected = subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert collected.returncode == 0, collected.stderr
            settings.NEWSROOM_EDGE_PURGE_URLS = [edge]
            for port in ports:
                server = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "newsroom.wsgi"],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                )  # fmt: skip
                processes.append(server)
                wait_for_port(port, server)
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "manage.py", "publish_scheduled", "--every", "0.5"],
                        cwd=ROOT,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE,
                    )
                )
            # Far enough ahead that the checks before it fit on a loaded machine
            # (CI runs the SQLite and PostgreSQL suites side by side).
            go_live = timezone.now() + datetime.timedelta(seconds=8)
            for article in due:
                services.article_schedule(article=article, user=editor, publish_at=go_live)
            # Readers through nginx get pages from both servers; an edit shows at once.
            for _ in range(4):
                assert fetch(edge + live.get_absolute_url())[0] == 200
            live.headline = "두 서버의 고친 기사"
            services.article_save(article=live, user=editor)
            assert eventually(lambda: "두 서버의 고친 기사" in fetch(edge + live.get_absolute_url())[2])
            assert "함께 예약된 기사" not in fetch(edge + "/")[2]

            time.sleep(max(0.0, (go_live - timezone.now()).total_seconds()) + 3)
            home = fetch(edge + "/")[2]
            for article in due:
                assert article.headline in home
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
    for article in due:
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.publication_count == 1
        assert ArticleEvent.objects.filter(article=article, to_status=Status.PUBLISHED).count() == 1
    assert Article.objects.filter(status=Status.SCHEDULED).count() == 0
