"""Management commands: the scheduler and the roles."""

import datetime
import threading
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleEvent, Status
from articles.roles import ROLE_PERMISSIONS
from tests import factories


def scheduled(count, editor, minutes_ago=1):
    articles = []
    for n in range(count):
        article = factories.make_publishable(editor, headline=f"예약 기사 {n}")
        Article.objects.filter(pk=article.pk).update(
            status=Status.SCHEDULED, publish_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
        )
        articles.append(article)
    return articles


@pytest.mark.django_db
def test_publish_scheduled_publishes_due_articles_once_and_records_it(
    editor, notice, django_capture_on_commit_callbacks
):
    due = scheduled(2, editor)
    future = factories.make_publishable(editor)
    services.article_schedule(article=future, user=editor, publish_at=timezone.now() + datetime.timedelta(hours=1))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=out)
        call_command("publish_scheduled", stdout=out)
    for article in due:
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.first_published_at is not None
        assert article.events.filter(to_status=Status.PUBLISHED).count() == 1
    assert Article.objects.get(pk=future.pk).status == Status.SCHEDULED
    assert out.getvalue().count("published: #") == 2


@pytest.mark.django_db
def test_publish_scheduled_keeps_the_readers_date(editor, notice):
    [article] = scheduled(1, editor, minutes_ago=30)
    publish_at = Article.objects.get(pk=article.pk).publish_at
    call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert article.publish_at == publish_at


@pytest.mark.django_db
def test_a_late_scheduler_records_the_minute_readers_first_saw_the_piece_and_warns(editor, notice, caplog):
    [article] = scheduled(1, editor, minutes_ago=30)
    publish_at = Article.objects.get(pk=article.pk).publish_at
    with caplog.at_level("WARNING", logger="newsroom.scheduler"):
        call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert article.first_published_at == publish_at  # not the runner's time, 30 minutes on
    assert f"article {article.pk} published by the scheduler 30 minutes after its time" in caplog.text


@pytest.mark.django_db
def test_a_scheduler_that_is_not_running_shows_on_readyz_and_on_the_editors_desk(client, editor_client, editor, notice):
    scheduled(2, editor, minutes_ago=10)
    response = client.get("/readyz")
    assert response.status_code == 200  # a web server is still ready
    assert response.json()["scheduler"].startswith("late: 2 scheduled article(s) due since")
    desk = editor_client.get("/admin/articles/article/").content.decode()
    assert "publish_scheduled" in desk and "2" in desk

    call_command("publish_scheduled", stdout=StringIO())
    assert client.get("/readyz").json()["scheduler"] == "ok"
    assert "publish_scheduled" not in editor_client.get("/admin/articles/article/").content.decode()


@pytest.mark.django_db
def test_a_piece_due_a_minute_ago_is_not_late(client, editor, notice):
    scheduled(1, editor, minutes_ago=1)
    assert client.get("/readyz").json()["scheduler"] == "ok"


@pytest.mark.django_db
def test_dry_run_changes_nothing(editor, notice):
    [article] = scheduled(1, editor)
    out = StringIO()
    call_command("publish_scheduled", "--dry-run", stdout=out)
    assert f"due: #{article.pk}" in out.getvalue()
    assert Article.objects.get(pk=article.pk).status == Status.SCHEDULED
    assert not ArticleEvent.objects.filter(to_status=Status.PUBLISHED).exists()


@pytest.mark.django_db(transaction=True)
def test_schedulers_running_at_the_same_moment_publish_each_article_exactly_once():
    editor = factories.editor(username="race-editor")
    factories.CopyrightNoticeFactory()
    due = scheduled(6, editor)
    now = timezone.now()
    runners = 4
    barrier = threading.Barrier(runners)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            published, _expired = services.publish_due_articles(now=now)
            results.append([article.pk for article in published])
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    handled = sorted(pk for result in results for pk in result)
    assert handled == sorted(article.pk for article in due)  # each by exactly one runner
    for article in due:
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.publication_count == 1
        assert ArticleEvent.objects.filter(article=article, to_status=Status.PUBLISHED).count() == 1


@pytest.mark.django_db
def test_a_recorded_publication_cannot_be_recorded_twice(editor, notice):
    from django.db import IntegrityError, transaction

    [article] = scheduled(1, editor)
    services.publish_due_articles()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleEvent.objects.create(article=article, to_status=Status.PUBLISHED, publication=1)


@pytest.mark.django_db
def test_setup_roles_is_idempotent_and_exact():
    call_command("setup_roles", stdout=StringIO())
    call_command("setup_roles", stdout=StringIO())
    for name, permissions in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert granted == set(permissions)
    assert "articles.publish_article" not in ROLE_PERMISSIONS["Reporter"]


@pytest.mark.django_db
def test_roles_exist_right_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Reporter", "Editor"}
