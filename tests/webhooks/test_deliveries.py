"""Deliveries over the wire to a receiver the test starts: signed, retried with
backoff while it is down, dead after too many failures, replayed by an admin,
and never sent twice for one attempt."""

import datetime
import json
import threading
import time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django_tasks import default_task_backend

from articles import services as articles
from tests import factories
from webhooks import services
from webhooks.models import DeadDelivery, Delivery, Endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a real commit runs after the block (the tests' queue runs a task at once)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def publish(editor, committed):
    article = factories.make_publishable(editor)
    with committed():
        articles.article_publish(article=article, user=editor)
    return article


def later(delivery, seconds):
    """A moment ``seconds`` after the delivery's next attempt is due."""
    delivery.refresh_from_db()
    return delivery.next_attempt_at + datetime.timedelta(seconds=seconds)


def retry_due_at(moment, committed):
    """The scheduler's backstop run at ``moment``: what is due is queued and (here) sent."""
    with time_machine.travel(moment, tick=False), committed():
        return services.deliveries_retry_due()


def test_the_receiver_gets_the_delivery_signed_with_its_endpoint_s_secret(editor, receiver, make_endpoint, committed):
    endpoint = make_endpoint(receiver.url)
    before = int(time.time())
    article = publish(editor, committed)

    [received] = receiver.received
    delivery = Delivery.objects.get()
    assert received.signed_with(endpoint.secret)
    assert not received.signed_with("whsec_someone-else")
    assert received.headers["Content-Type"] == "application/json"
    assert received.headers["X-Newsroom-Event"] == "published"
    assert received.headers["X-Newsroom-Delivery"] == str(delivery.idempotency_key)
    assert before <= int(received.headers["X-Newsroom-Timestamp"]) <= int(time.time())
    assert received.json == delivery.payload and received.json["article"]["id"] == article.pk
    assert delivery.status == Delivery.Status.DELIVERED
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (1, 200, "")
    assert delivery.latency_ms is not None and delivery.delivered_at is not None
    assert delivery.next_attempt_at is None


def test_a_receiver_down_for_a_while_gets_the_retries_then_the_delivery(
    editor, start_receiver, down_url, make_endpoint, committed, fast_retries
):
    port, url = down_url
    make_endpoint(url)
    publish(editor, committed)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 1)
    assert delivery.last_error.startswith("unreachable:") and delivery.last_status_code is None
    first_wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=28) < first_wait <= datetime.timedelta(seconds=30)

    assert retry_due_at(later(delivery, -1), committed) == 0  # not yet
    assert retry_due_at(later(delivery, 1), committed) == 1  # still down
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 2)

    receiver = start_receiver(port)  # back, but failing once more
    receiver.answers = [503]
    retry_due_at(later(delivery, 1), committed)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (Delivery.Status.FAILED, 3, 503)
    retry_due_at(later(delivery, 1), committed)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (Delivery.Status.DELIVERED, 4, 200)
    assert [r.headers["X-Newsroom-Delivery"] for r in receiver.received] == [str(delivery.idempotency_key)] * 2
    assert receiver.received[0].body == receiver.received[1].body  # the same bytes on every attempt


def test_the_wait_between_attempts_doubles_from_the_setting(settings):
    settings.NEWSROOM_WEBHOOK_RETRY_SECONDS = 30
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3, 7)] == [30, 60, 120, 1920]


def test_too_many_failures_make_it_dead_and_an_admin_s_replay_delivers_it(
    editor, admin, receiver, make_endpoint, committed, fast_retries
):
    make_endpoint(receiver.url)
    receiver.answers = [500] * 4
    publish(editor, committed)
    delivery = Delivery.objects.get()
    for _ in range(3):
        retry_due_at(later(delivery, 1), committed)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (Delivery.Status.DEAD, 4, 500)
    assert delivery.next_attempt_at is None and delivery.last_error == "HTTP 500"
    assert list(DeadDelivery.objects.dead()) == [delivery]
    assert retry_due_at(timezone.now() + datetime.timedelta(days=1), committed) == 0  # the dead stay dead

    with committed():
        services.delivery_replay(delivery=delivery, user=admin)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.DELIVERED, 1)
    assert len(receiver.received) == 5
    assert {r.headers["X-Newsroom-Delivery"] for r in receiver.received} == {str(delivery.idempotency_key)}


def test_only_an_admin_replays_only_a_dead_delivery_of_an_active_endpoint(
    editor, admin, receiver, make_endpoint, committed
):
    endpoint = make_endpoint(receiver.url)
    publish(editor, committed)
    delivery = Delivery.objects.get()
    with pytest.raises(ValidationError) as refused:
        services.delivery_replay(delivery=delivery, user=admin)
    assert refused.value.code == "not_dead"
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.DEAD, delivered_at=None)
    with pytest.raises(PermissionDenied):
        services.delivery_replay(delivery=delivery, user=editor)
    services.endpoint_deactivate(endpoint=endpoint, user=admin)
    delivery.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.delivery_replay(delivery=delivery, user=admin)
    assert refused.value.code == "endpoint_inactive"


def test_a_deactivated_endpoint_s_waiting_deliveries_end_dead_unsent(
    editor, admin, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver.url)
    article = factories.make_publishable(editor)
    with django_capture_on_commit_callbacks() as callbacks:
        articles.article_publish(article=article, user=editor)
    services.endpoint_deactivate(endpoint=endpoint, user=admin)
    for callback in callbacks:
        callback()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.DEAD and delivery.last_error == "the endpoint is not active"
    assert receiver.received == []


def test_a_rotated_secret_signs_the_next_attempt(editor, admin, receiver, make_endpoint, committed, fast_retries):
    endpoint = make_endpoint(receiver.url)
    old = endpoint.secret
    receiver.answers = [500]
    publish(editor, committed)
    services.endpoint_rotate_secret(endpoint=endpoint, user=admin)
    assert endpoint.secret != old and endpoint.secret_rotated_at is not None
    retry_due_at(later(Delivery.objects.get(), 1), committed)
    first, second = receiver.received
    assert first.signed_with(old) and second.signed_with(endpoint.secret) and not second.signed_with(old)


def test_an_attempt_already_made_is_not_made_again(editor, receiver, make_endpoint, committed):
    make_endpoint(receiver.url)
    publish(editor, committed)
    delivery = Delivery.objects.get()
    # The same task again (a retry and the backstop both queued it): nothing to do.
    assert services.delivery_attempt(delivery_id=delivery.pk, attempt=0) is None
    assert len(receiver.received) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_attempt_at_the_same_moment_send_it_once(start_receiver):
    receiver = start_receiver()
    admin = factories.UserFactory(username="race-admin", is_superuser=True)
    endpoint = services.endpoint_save(
        endpoint=Endpoint(name="Race", url=receiver.url, events=["published"]), user=admin
    )
    delivery = Delivery.objects.create(
        endpoint=endpoint, event="published", article_id=1, payload={"event": "published"}, next_attempt_at=None
    )
    workers = 4
    barrier = threading.Barrier(workers)
    results, errors = [], []

    def work():
        try:
            barrier.wait(timeout=10)
            results.append(services.delivery_attempt(delivery_id=delivery.pk, attempt=0))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sorted(results, key=str) == [None] * (workers - 1) + [Delivery.Status.DELIVERED]
    assert len(receiver.received) == 1


def test_with_a_queue_that_defers_a_failure_is_queued_again_for_its_retry_time(
    editor, receiver, make_endpoint, committed, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_endpoint(receiver.url)
    receiver.answers = [502]
    publish(editor, committed)
    [first] = default_task_backend.results
    assert first.task.module_path == "webhooks.tasks.deliver" and first.task.run_after is None
    assert receiver.received == []  # queued for the worker, not sent

    with committed():
        first.task.call(*first.args, **first.kwargs)  # what the worker does

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    retry = default_task_backend.results[-1]
    assert retry.kwargs == {"delivery_id": delivery.pk, "attempt": 1}
    assert retry.task.run_after == delivery.next_attempt_at
    assert json.loads(receiver.received[0].body) == delivery.payload


def test_the_backstop_queues_a_delivery_whose_task_was_lost_once_per_period(editor, make_endpoint, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_endpoint("https://a.example.org/hook")
    article = factories.make_publishable(editor)
    articles.article_publish(article=article, user=editor)  # committed, but its queueing never ran
    now = timezone.now()
    assert services.deliveries_retry_due(now=now) == 0  # its task may simply be waiting
    stale = now + services.STALE_AFTER + datetime.timedelta(seconds=1)
    assert services.deliveries_retry_due(now=stale) == 1
    assert services.deliveries_retry_due(now=stale) == 0
    assert services.deliveries_retry_due(now=stale + services.STALE_AFTER) == 1
