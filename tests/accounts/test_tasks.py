"""Mail from the task queue: after the commit, never in the request, failures
recorded; a reset link never waits in the queue's table."""

import json
import logging
import re

import pytest
from django.core import mail
from django_tasks import TaskResultStatus, default_task_backend

from accounts.tasks import mail_after_commit, send_mails, send_password_reset
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_only(settings):
    """A queue that keeps what is queued instead of running it (no worker)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend


def test_queued_mail_is_sent_when_the_transaction_commits_and_not_before(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        mail_after_commit([("제목", "본문", None, ["kim@example.org"])])
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert (message.subject, message.body, message.to) == ("제목", "본문", ["kim@example.org"])


def test_nothing_is_queued_when_there_is_nobody_to_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        mail_after_commit([])
    assert callbacks == []


def test_a_mail_server_that_fails_is_logged_and_the_task_recorded_as_failed(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    with caplog.at_level(logging.ERROR, logger="newsroom.mail"):
        result = send_mails.enqueue([["제목", "본문", None, ["kim@example.org"]]])
    assert result.status == TaskResultStatus.FAILED
    assert "mail not sent" in [record.getMessage() for record in caplog.records]


def test_a_password_reset_queues_no_link_and_the_worker_makes_one_that_works(client, queue_only):
    kim = factories.reporter(username="kim", email="kim@example.org")
    client.post("/admin/password-reset/", {"email": "kim@example.org"})
    [queued] = queue_only.results
    assert queued.task.module_path == "accounts.tasks.send_password_reset"
    stored = json.dumps([queued.args, queued.kwargs])
    assert "/reset/" not in stored and "token" not in stored and "uid" not in stored
    assert queued.kwargs["user_id"] == kim.pk

    send_password_reset.call(**queued.kwargs)  # what the worker does
    link = re.search(r"https://news.example.org(/admin/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()


def test_an_account_deactivated_before_the_worker_runs_gets_no_reset_mail(client, queue_only):
    kim = factories.reporter(username="kim", email="kim@example.org")
    client.post("/admin/password-reset/", {"email": "kim@example.org"})
    [queued] = queue_only.results
    kim.is_active = False
    kim.save()
    send_password_reset.call(**queued.kwargs)
    assert mail.outbox == []
