"""Which steps of a piece make deliveries, for whom, with what: one delivery
per event per endpoint that wants it, none for an import's change, and
nothing sent before the step commits."""

import contextlib
import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.models import ArticleEvent, Origin
from articles.signals import ARTICLE_EVENTS
from tests import factories
from tests.articles.test_admin import change_url
from tests.articles.test_workflow_admin import complete_form
from webhooks.models import Delivery, Event

pytestmark = pytest.mark.django_db

SITE_URL = "https://news.example.org"  # tests/settings.py


def live_piece(editor, **fields):
    article = factories.make_publishable(editor, **fields)
    return services.article_publish(article=article, user=editor)


def events_of(endpoint):
    return list(endpoint.deliveries.order_by("pk").values_list("event", flat=True))


def test_the_events_an_endpoint_may_choose_are_the_steps_the_domain_announces():
    assert set(Event.values) == set(ARTICLE_EVENTS)


def test_a_publication_makes_one_delivery_for_each_active_endpoint_that_wants_it_and_none_for_the_others(
    editor, make_endpoint
):
    wants = make_endpoint("https://a.example.org/hook", events=["published"], name="A")
    also = make_endpoint("https://b.example.org/hook", events=["published", "deleted"], name="B")
    other = make_endpoint("https://c.example.org/hook", events=["corrected"], name="C")
    asleep = make_endpoint("https://d.example.org/hook", events=["published"], name="D")
    asleep.active = False
    asleep.save()

    article = live_piece(editor)

    assert events_of(wants) == events_of(also) == ["published"]
    assert events_of(other) == events_of(asleep) == []
    assert set(Delivery.objects.values_list("article_id", flat=True)) == {article.pk}
    assert Delivery.objects.values("idempotency_key").distinct().count() == 2


def test_each_step_in_a_published_piece_s_life_makes_its_event_once(editor, make_endpoint):
    endpoint = make_endpoint("https://a.example.org/hook")
    article = live_piece(editor)
    article.headline = "고친 제목"
    services.article_save(article=article, user=editor)
    services.correction_add(article=article, user=editor, text="숫자를 바로잡았습니다.")
    services.article_unpublish(article=article, user=editor, reason="법률 검토")
    services.articles_delete(articles=[article], user=editor)
    assert events_of(endpoint) == ["published", "updated", "corrected", "unpublished", "deleted"]


def test_steps_readers_never_saw_make_no_delivery(editor, make_endpoint):
    endpoint = make_endpoint("https://a.example.org/hook")
    draft = factories.make_publishable(editor)
    draft.headline = "초고의 새 제목"
    services.article_save(article=draft, user=editor)
    services.article_schedule(article=draft, user=editor, publish_at=timezone.now() + datetime.timedelta(hours=2))
    services.article_unpublish(article=draft, user=editor, reason="일정 취소")  # it was never live
    services.articles_delete(articles=[draft], user=editor)  # nor ever published
    assert events_of(endpoint) == []


def test_an_import_s_changes_make_no_delivery_and_are_marked_as_the_import_s(editor, make_endpoint):
    endpoint = make_endpoint("https://a.example.org/hook")
    with services.on_behalf_of_import():
        article = live_piece(editor)
        article.headline = "가져온 기사의 새 제목"
        services.article_save(article=article, user=editor)
        services.correction_add(article=article, user=editor, text="가져오며 고침")
        services.article_unpublish(article=article, user=editor, reason="가져오기 취소")
    assert events_of(endpoint) == []
    assert set(ArticleEvent.objects.filter(article=article).values_list("origin", flat=True)) == {Origin.IMPORT}
    # Outside the block, the newsroom's own steps are delivered again.
    services.article_publish(article=article, user=editor)
    assert events_of(endpoint) == ["published"]
    assert article.events.get(publication=2).origin == Origin.NEWSROOM


def test_nothing_is_sent_inside_the_editor_s_request_the_delivery_is_queued_on_commit(
    editor, editor_client, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    make_endpoint(receiver.url, events=["published"])
    article = factories.make_publishable(editor)
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(change_url(article), complete_form(article, _publish="1"))
    assert response.status_code == 302
    [delivery] = Delivery.objects.all()
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 0
    assert receiver.received == []  # the request has answered; nothing was sent

    for callback in callbacks:  # the commit: the queue's worker (here, at once) sends it
        callback()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED and delivery.attempts == 1
    [received] = receiver.received
    assert received.headers["X-Newsroom-Delivery"] == str(delivery.idempotency_key)


def test_a_step_rolled_back_sends_nothing(editor, receiver, make_endpoint, django_capture_on_commit_callbacks):
    make_endpoint(receiver.url)
    article = factories.make_publishable(editor)
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        services.article_publish(article=article, user=editor)
        raise RuntimeError("the rest of the request failed")
    assert not Delivery.objects.exists()
    assert receiver.received == []


def test_the_payload_is_the_piece_as_it_was_published_with_its_canonical_url_on_site_url(editor, make_endpoint):
    make_endpoint("https://a.example.org/hook", events=["published"])
    section = factories.SectionFactory(name="경제", name_en="Economy", slug="economy")
    article = live_piece(editor, headline="반도체 수출 두 달째 증가", section=section, language="ko")
    [delivery] = Delivery.objects.all()
    payload = delivery.payload
    assert payload["event"] == "published"
    assert datetime.datetime.fromisoformat(payload["occurred_at"]) <= timezone.now()
    assert payload["article"] == {
        "id": article.pk,
        "headline": "반도체 수출 두 달째 증가",
        "url": SITE_URL + article.get_absolute_url(),
        "language": "ko",
        "section": {"slug": "economy", "name": "경제"},
        "published_at": article.publish_at.isoformat(),
    }
    assert payload["article"]["url"].startswith(f"{SITE_URL}/economy/{article.pk}/")


def test_a_deleted_article_s_delivery_carries_its_last_data(editor, make_endpoint):
    endpoint = make_endpoint("https://a.example.org/hook", events=["deleted"])
    article = live_piece(editor, headline="처음 제목")
    article.headline = "마지막 제목"
    services.article_save(article=article, user=editor)
    pk, url = article.pk, SITE_URL + article.get_absolute_url()

    services.articles_delete(articles=[article], user=editor)

    [delivery] = endpoint.deliveries.all()
    assert delivery.event == "deleted" and delivery.article_id == pk
    assert delivery.payload["article"]["id"] == pk
    assert delivery.payload["article"]["headline"] == "마지막 제목"
    assert delivery.payload["article"]["url"] == url
    assert delivery.payload["article"]["section"]["slug"] == article.section.slug


def test_a_piece_the_scheduler_takes_down_at_its_expiry_tells_the_endpoints(make_endpoint):
    from articles.models import Article
    from articles.services import publish_due_articles

    editor = factories.editor(username="expiry-editor")
    factories.CopyrightNoticeFactory()
    make_endpoint("https://partner.example/hook", events=["unpublished"])
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        publish_at=now - datetime.timedelta(hours=1), expire_at=now - datetime.timedelta(minutes=1)
    )
    publish_due_articles()
    assert list(Delivery.objects.values_list("event", flat=True)) == ["unpublished"]
