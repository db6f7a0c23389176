"""Notifications: who is told of a return, a schedule, a publication and a
correction, what the email says, and that it goes after the commit, from the task queue."""

import contextlib
import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.models import Notification, Status
from tests import factories

pytestmark = pytest.mark.django_db

SITE_URL = "https://news.example.org"  # tests/settings.py


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a real commit would run after the block (the tests' task queue
    runs a queued mail at once)."""

    @contextlib.contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run


@pytest.fixture
def kim(db):
    return factories.editor(username="kim-editor", first_name="편집", last_name="김")


@pytest.fixture
def colleague(db):
    """A reporter bylined on ``reporter``'s pieces."""
    return factories.reporter(username="colleague")


def piece(reporter, colleague=None, **fields):
    """A complete piece started by ``reporter``, bylined to ``colleague`` and a
    freelancer without an account, submitted for review."""
    authors = [factories.AuthorFactory(name="프리랜서")]
    if colleague is not None:
        authors.insert(0, factories.AuthorFactory(name="동료 기자", user=colleague))
    article = factories.make_publishable(reporter, authors=authors, **fields)
    return services.article_submit_for_review(article=article, user=reporter)


def told(article):
    return {
        (n.recipient.username, n.kind, n.note, n.actor.username if n.actor else None)
        for n in article.notifications.all()
    }


def test_a_return_tells_the_reporter_and_the_bylined_colleague_with_the_note_and_never_the_editor(
    reporter, colleague, kim, notice
):
    article = piece(reporter, colleague)
    services.article_return_to_reporter(article=article, user=kim, note="  두 번째 문단의 수치를 확인하세요 ")
    assert told(article) == {
        ("reporter", "returned", "두 번째 문단의 수치를 확인하세요", "kim-editor"),
        ("colleague", "returned", "두 번째 문단의 수치를 확인하세요", "kim-editor"),
    }


def test_submitting_for_review_tells_nobody_the_review_queue_shows_it(reporter, colleague, kim, notice):
    article = piece(reporter, colleague)
    assert article.status == Status.REVIEW
    assert not Notification.objects.exists()


def test_scheduling_tells_the_people_of_the_piece(reporter, colleague, kim, notice):
    article = piece(reporter, colleague)
    services.article_schedule(article=article, user=kim, publish_at=timezone.now() + datetime.timedelta(hours=3))
    assert {(name, kind) for name, kind, *_ in told(article)} == {("reporter", "scheduled"), ("colleague", "scheduled")}


def test_publishing_now_tells_the_people_of_the_piece_with_the_editor_as_actor(reporter, kim, notice):
    article = piece(reporter)
    services.article_publish(article=article, user=kim)
    assert told(article) == {("reporter", "published", "", "kim-editor")}


def test_the_scheduler_publishing_at_the_minute_tells_them_with_no_actor(reporter, kim, notice, english):
    article = piece(reporter)
    minute = timezone.now() + datetime.timedelta(minutes=5)
    services.article_schedule(article=article, user=kim, publish_at=minute)
    published, _ = services.publish_due_articles(now=minute + datetime.timedelta(seconds=30))
    assert published == [article]
    notification = article.notifications.get(kind=Notification.Kind.PUBLISHED)
    assert notification.actor is None and notification.recipient == reporter
    assert notification.summary == "Published at its scheduled time"


def test_a_correction_tells_them_its_text(reporter, kim, notice):
    article = piece(reporter)
    services.article_publish(article=article, user=kim)
    services.correction_add(article=article, user=kim, text="사장 이름을 바로잡았습니다.")
    assert ("reporter", "corrected", "사장 이름을 바로잡았습니다.", "kim-editor") in told(article)


def test_an_editor_acting_on_their_own_piece_is_not_told_of_it(kim, colleague, notice):
    article = piece(kim, colleague)
    services.article_publish(article=article, user=kim)
    assert told(article) == {("colleague", "published", "", "kim-editor")}


def test_nobody_is_told_of_a_step_that_was_rolled_back(reporter, kim, notice, committed, mailoutbox):
    article = piece(reporter)
    with committed(), contextlib.suppress(RuntimeError), transaction.atomic():
        services.article_return_to_reporter(article=article, user=kim, note="다시")
        raise RuntimeError("the rest of the request failed")
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_inactive_accounts_and_bylines_without_an_account_are_not_told(reporter, colleague, kim, notice):
    colleague.is_active = False
    colleague.save()
    article = piece(reporter, colleague)
    services.article_publish(article=article, user=kim)
    assert {name for name, *_ in told(article)} == {"reporter"}


def test_the_email_goes_after_the_commit_with_the_note_and_a_link_on_site_url(
    reporter, kim, notice, committed, mailoutbox, django_capture_on_commit_callbacks
):
    article = piece(reporter, headline="반도체 수출 두 달째 증가")
    with django_capture_on_commit_callbacks() as callbacks:
        services.article_return_to_reporter(article=article, user=kim, note="출처를 하나 더 다세요")
    assert mailoutbox == []  # nothing before the commit
    with committed():
        for callback in callbacks:
            callback()
    [message] = mailoutbox
    assert message.to == ["reporter@example.org"]
    assert "반도체 수출 두 달째 증가" in message.subject
    assert "반도체 수출 두 달째 증가" in message.body
    assert "출처를 하나 더 다세요" in message.body
    assert "김편집" in message.body  # the editor's name, never their login
    assert f"{SITE_URL}/admin/articles/article/{article.pk}/change/" in message.body
    assert "testserver" not in message.body and "kim-editor" not in message.body


def test_the_email_is_a_task_for_the_queue_s_worker_never_sent_in_the_request(
    reporter, kim, notice, committed, mailoutbox, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    article = piece(reporter)
    with committed():
        services.article_publish(article=article, user=kim)
    assert mailoutbox == []  # queued, not sent: the worker sends it
    [queued] = default_task_backend.results
    assert queued.task.module_path == "accounts.tasks.send_mails"
    [[subject, _body, _from, to]] = queued.args[0]
    assert to == ["reporter@example.org"] and article.headline in subject


def test_a_scheduled_email_says_when_in_the_sites_zone(reporter, kim, notice, committed, mailoutbox):
    article = piece(reporter)
    seoul = timezone.get_current_timezone()
    morning = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=2), datetime.time(7, 30), tzinfo=seoul
    )
    with committed():
        services.article_schedule(article=article, user=kim, publish_at=morning)
    [message] = mailoutbox
    assert f"{morning:%Y-%m-%d} 07:30" in message.body and "Asia/Seoul" in message.body


def test_a_headline_with_markup_arrives_as_plain_text(reporter, kim, notice, committed, mailoutbox):
    headline = '<b>AI</b> & "칩" <script>alert(1)</script>'
    article = piece(reporter, headline=headline)
    with committed():
        services.article_publish(article=article, user=kim)
    [message] = mailoutbox
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert headline in message.body and headline in message.subject
    assert "&lt;" not in message.body and "&amp;" not in message.body


def test_people_without_an_address_are_told_on_the_desk_only(reporter, colleague, kim, notice, committed, mailoutbox):
    colleague.email = ""
    colleague.save()
    article = piece(reporter, colleague)
    with committed():
        services.article_publish(article=article, user=kim)
    assert {name for name, *_ in told(article)} == {"reporter", "colleague"}
    assert [message.to for message in mailoutbox] == [["reporter@example.org"]]


def test_marking_read_touches_only_the_persons_own_notifications(reporter, colleague, kim, notice):
    article = piece(reporter, colleague)
    services.article_publish(article=article, user=kim)
    theirs = article.notifications.get(recipient=colleague)
    assert services.notifications_mark_read(user=reporter, notification_ids=[theirs.pk]) == 0
    assert services.notifications_mark_read(user=reporter) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert not Notification.objects.filter(recipient=reporter).unread().exists()
