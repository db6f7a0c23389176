"""A real ``manage.py db_worker`` process on the test database sends a
delivery through the database queue, retries it with the backoff shortened
by its setting while the receiver fails, and stops when told to by its PID."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from articles import services as articles
from tests import factories
from tests.articles.test_two_instances import instance_environment
from webhooks import services
from webhooks.models import Delivery, Endpoint

ROOT = Path(__file__).resolve().parents[2]
RETRY_SECONDS = 0.5
pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def wait_until(condition, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            raise RuntimeError(f"the worker stopped: {process.stdout.read()[-3000:]}")
        time.sleep(0.1)
    raise TimeoutError("the worker did not finish in time")


def test_a_real_worker_retries_a_failing_receiver_with_the_backoff_then_delivers_once(settings, start_receiver):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    receiver = start_receiver()
    receiver.answers = [503, 503]  # fails twice, then succeeds
    admin = factories.UserFactory(username="worker-admin", is_superuser=True)
    endpoint = services.endpoint_save(
        endpoint=Endpoint(name="Portal", url=receiver.url, events=["published"]), user=admin
    )

    env = instance_environment(settings)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.webhooks.worker_settings",
        NEWSROOM_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        NEWSROOM_WEBHOOK_RETRY_SECONDS=str(RETRY_SECONDS),
        NEWSROOM_WEBHOOK_TIMEOUT_SECONDS="5",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        editor = factories.editor(username="worker-editor")
        factories.CopyrightNoticeFactory()
        article = factories.make_publishable(editor, headline="작업자가 보내는 기사")
        articles.article_publish(article=article, user=editor)  # commits: the task goes to the queue's table
        delivery = Delivery.objects.get()
        assert DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver").exists()

        wait_until(lambda: Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.DELIVERED, worker)
    finally:
        os.kill(worker.pid, signal.SIGTERM)
        output = worker.communicate(timeout=30)[0]
    assert worker.returncode == 0, output

    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (3, 200, "")
    assert len(receiver.received) == 3
    assert {r.headers["X-Newsroom-Delivery"] for r in receiver.received} == {str(delivery.idempotency_key)}
    assert all(r.signed_with(endpoint.secret) for r in receiver.received)
    assert {r.json["article"]["id"] for r in receiver.received} == {article.pk}
    first, second, third = (r.at for r in receiver.received)
    assert second - first >= RETRY_SECONDS * 0.9  # then doubling
    assert third - second >= 2 * RETRY_SECONDS * 0.9
    results = [task.task_result for task in DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver")]
    results.sort(key=lambda result: result.enqueued_at)
    assert [result.status for result in results] == ["SUCCESSFUL"] * 3
    assert [result.kwargs["attempt"] for result in results] == [0, 1, 2]
    assert results[0].task.run_after is None  # at once; the retries at their time
    assert results[2].task.run_after - results[1].task.run_after >= datetime.timedelta(seconds=RETRY_SECONDS)
