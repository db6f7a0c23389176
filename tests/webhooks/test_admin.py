"""Webhooks in the admin: for admins only; register, validate, rotate,
deactivate; the delivery log; the dead letters and their replay."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from articles import services as articles
from tests import factories
from webhooks import services
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db

ENDPOINTS = "/admin/webhooks/endpoint/"
DELIVERIES = "/admin/webhooks/delivery/"
DEAD_LETTERS = "/admin/webhooks/deaddelivery/"


def test_an_admin_registers_an_endpoint_and_finds_its_secret_on_its_page(admin_client, admin_user, english):
    response = admin_client.post(
        f"{ENDPOINTS}add/",
        {"name": "Partner portal", "url": "HTTPS://partner.example.org/hooks", "events": ["published", "deleted"],
         "active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    endpoint = Endpoint.objects.get()
    assert endpoint.url == "https://partner.example.org/hooks"
    assert endpoint.events == ["published", "deleted"] and endpoint.active
    assert endpoint.created_by == admin_user and endpoint.secret.startswith("whsec_")
    page = admin_client.get(f"{ENDPOINTS}{endpoint.pk}/change/").content.decode()
    assert endpoint.secret in page


@pytest.mark.parametrize(
    ("url", "events", "field"),
    [
        ("ftp://partner.example.org/hooks", ["published"], "url"),
        ("javascript:alert(1)", ["published"], "url"),
        ("https://partner.example.org/hooks", [], "events"),
    ],
)
def test_an_address_that_is_not_http_or_no_event_is_refused_with_a_message(admin_client, english, url, events, field):
    response = admin_client.post(f"{ENDPOINTS}add/", {"name": "Bad", "url": url, "events": events, "active": "on"})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Endpoint.objects.exists()


def test_the_database_refuses_an_endpoint_that_is_not_http_whoever_saves_it():
    with pytest.raises(IntegrityError), transaction.atomic():
        Endpoint.objects.create(name="Sneaky", url="file:///etc/passwd", events=["published"])


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_editors_and_reporters_find_no_webhooks_in_the_admin(client, who):
    user = getattr(factories, who)(username=f"{who}-webhooks")
    factories.sign_in(client, user)
    for url in (ENDPOINTS, DELIVERIES, DEAD_LETTERS, f"{ENDPOINTS}add/"):
        assert client.get(url).status_code == 403
    assert "/admin/webhooks/" not in client.get("/admin/").content.decode()


def test_an_editor_cannot_manage_endpoints_through_the_services(editor):
    with pytest.raises(PermissionDenied):
        services.endpoint_save(
            endpoint=Endpoint(name="Mine", url="https://example.org/hook", events=["published"]), user=editor
        )


def test_rotating_and_deactivating_are_actions_on_the_list(admin_client, admin, make_endpoint):
    endpoint = make_endpoint("https://partner.example.org/hooks")
    old = endpoint.secret
    admin_client.post(ENDPOINTS, {"action": "rotate_secret", "_selected_action": [endpoint.pk]})
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret_rotated_at is not None
    admin_client.post(ENDPOINTS, {"action": "deactivate", "_selected_action": [endpoint.pk]})
    endpoint.refresh_from_db()
    assert not endpoint.active


def test_the_delivery_log_shows_status_http_status_latency_attempts_error_and_next_attempt(
    admin_client, editor, make_endpoint, english
):
    make_endpoint("https://partner.example.org/hooks")
    articles.article_publish(article=factories.make_publishable(editor), user=editor)
    Delivery.objects.update(status=Delivery.Status.FAILED, attempts=2, last_status_code=503, latency_ms=87,
                            last_error="HTTP 503: maintenance")  # fmt: skip
    page = admin_client.get(DELIVERIES, HTTP_ACCEPT_LANGUAGE="en").content.decode()  # the desk in English
    for shown in ("Failed, will retry", "503", "87", "HTTP 503: maintenance", "Partner portal", "Next attempt"):
        assert shown in page
    delivery = Delivery.objects.get()
    assert admin_client.get(f"{DELIVERIES}{delivery.pk}/change/").status_code == 200
    assert admin_client.post(f"{DELIVERIES}{delivery.pk}/delete/").status_code == 403  # the log is kept


def test_the_dead_letters_list_only_the_dead_and_replay_sends_them_again(
    admin_client, editor, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint(receiver.url)
    for _ in range(2):
        articles.article_publish(article=factories.make_publishable(editor), user=editor)
    dead, alive = Delivery.objects.order_by("pk")
    Delivery.objects.filter(pk=dead.pk).update(status=Delivery.Status.DEAD, attempts=8, last_error="HTTP 500")
    listed = admin_client.get(DEAD_LETTERS).context["cl"].result_list
    assert [delivery.pk for delivery in listed] == [dead.pk]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(DEAD_LETTERS, {"action": "replay", "_selected_action": [dead.pk, alive.pk]})
    assert response.status_code == 302
    dead.refresh_from_db()
    assert dead.status == Delivery.Status.DELIVERED and dead.attempts == 1
    assert [r.headers["X-Newsroom-Delivery"] for r in receiver.received] == [str(dead.idempotency_key)]
