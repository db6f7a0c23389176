"""A scheduled piece's webhook fires once, at its minute, however many
schedulers run at that moment."""

import datetime
import threading
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import services as articles
from articles.models import Article, Status
from tests import factories
from webhooks import services
from webhooks.models import Delivery, Endpoint


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_fire_a_scheduled_piece_s_webhook_once_at_its_minute(start_receiver):
    receiver = start_receiver()
    admin = factories.UserFactory(username="scheduler-admin", is_superuser=True)
    services.endpoint_save(endpoint=Endpoint(name="Portal", url=receiver.url, events=["published"]), user=admin)
    editor = factories.editor(username="scheduler-editor")
    factories.CopyrightNoticeFactory()
    pieces = [factories.make_publishable(editor, headline=f"예약된 기사 {n}") for n in range(3)]
    minute = (timezone.now() + datetime.timedelta(minutes=10)).replace(second=0, microsecond=0)
    for piece in pieces:
        articles.article_schedule(article=piece, user=editor, publish_at=minute)

    with time_machine.travel(minute - datetime.timedelta(seconds=1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())
    assert receiver.received == [] and not Delivery.objects.exists()  # not before its minute

    runners = 2
    barrier = threading.Barrier(runners)
    errors = []

    def run():
        try:
            barrier.wait(timeout=10)
            call_command("publish_scheduled", stdout=StringIO())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    with time_machine.travel(minute + datetime.timedelta(seconds=5), tick=True):
        threads = [threading.Thread(target=run) for _ in range(runners)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors

    assert Article.objects.filter(status=Status.PUBLISHED).count() == len(pieces)
    assert sorted(r.json["article"]["id"] for r in receiver.received) == sorted(piece.pk for piece in pieces)
    assert {r.headers["X-Newsroom-Event"] for r in receiver.received} == {"published"}
    assert Delivery.objects.count() == len(pieces)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.DELIVERED}
