"""The workflow's services: who may do what, and what each transition leaves behind."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleEvent, Correction, Revision, Status
from articles.signals import content_changed
from photos import services as photo_services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes():
    """The "content changed" hook's calls, as (article ids, reason)."""
    seen = []

    def receiver(sender, articles, reason, **kwargs):
        seen.append((list(articles), reason))

    content_changed.connect(receiver)
    yield seen
    content_changed.disconnect(receiver)


def in_review(reporter):
    article = factories.make_publishable(reporter)
    return services.article_submit_for_review(article=article, user=reporter)


def test_a_full_day_reporter_submits_editor_returns_reporter_resubmits_editor_publishes(
    reporter, editor, notice, changes, django_capture_on_commit_callbacks
):
    article = in_review(reporter)
    assert article.status == Status.REVIEW
    services.article_return_to_reporter(article=article, user=editor, note="두 번째 문단의 수치를 확인하세요")
    assert article.status == Status.DRAFT
    assert services.can_edit_article(reporter, article)
    article.headline = "고친 제목"
    services.article_save(article=article, user=reporter)
    services.article_submit_for_review(article=article, user=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, user=editor)
    assert article.status == Status.PUBLISHED
    assert article.first_published_at is not None
    assert [(e.from_status, e.to_status) for e in article.events.order_by("created_at", "pk")] == [
        (Status.DRAFT, Status.REVIEW),
        (Status.REVIEW, Status.DRAFT),
        (Status.DRAFT, Status.REVIEW),
        (Status.REVIEW, Status.PUBLISHED),
    ]
    assert article.events.get(to_status=Status.PUBLISHED, from_status=Status.REVIEW).actor == editor
    assert changes == [([article.pk], "published")]


@pytest.mark.parametrize(
    "service",
    [
        lambda a, u: services.article_publish(article=a, user=u),
        lambda a, u: services.article_schedule(
            article=a, user=u, publish_at=timezone.now() + datetime.timedelta(days=1)
        ),
        lambda a, u: services.article_unpublish(article=a, user=u, reason="x"),
        lambda a, u: services.article_return_to_reporter(article=a, user=u, note="x"),
        lambda a, u: services.article_set_expiry(article=a, user=u, expire_at=None),
        lambda a, u: services.correction_add(article=a, user=u, text="x"),
        lambda a, u: services.preview_link_create(
            article=a, user=u, expires_at=timezone.now() + datetime.timedelta(days=1)
        ),
    ],
)
def test_reporter_cannot_make_an_editors_transition(reporter, notice, service):
    article = factories.make_publishable(reporter)
    with pytest.raises(PermissionDenied):
        service(article, reporter)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not ArticleEvent.objects.exists()


def test_reporter_cannot_edit_another_reporters_draft_or_an_article_in_review(reporter, other_reporter):
    theirs = factories.make_article(other_reporter)
    with pytest.raises(PermissionDenied):
        services.article_save(article=theirs, user=reporter)
    mine = in_review(reporter)
    assert not services.can_edit_article(reporter, mine)


def test_a_bylined_reporter_may_edit_the_draft(reporter, other_reporter):
    article = factories.make_article(other_reporter, authors=[factories.AuthorFactory(user=reporter)])
    assert services.can_edit_article(reporter, article)


def test_publishing_is_refused_with_everything_to_fix_and_leaves_the_article_as_it_was(editor, english):
    image = factories.make_image(editor)
    image.rights_expire_at = timezone.localdate() - datetime.timedelta(days=1)
    image.save()
    article = factories.make_article(editor, headline="", section=None, body=f"[[image:{image.pk}]]")
    before = Article.objects.values().get(pk=article.pk)
    with pytest.raises(services.WorkflowError) as refused:
        services.article_publish(article=article, user=editor)
    text = " ".join(refused.value.messages)
    for expected in ["headline", "section", "lead image", "copyright notice", "expired"]:
        assert expected in text
    assert Article.objects.values().get(pk=article.pk) == before


def test_scheduling_in_the_past_is_refused_clearly(editor, notice, english):
    article = factories.make_publishable(editor)
    with pytest.raises(services.WorkflowError) as refused:
        services.article_schedule(
            article=article, user=editor, publish_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    assert "already passed" in refused.value.messages[0]
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_scheduled_article_is_live_at_its_minute_without_any_worker(editor, notice):
    minute = (timezone.now() + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    article = factories.make_publishable(editor)
    services.article_schedule(article=article, user=editor, publish_at=minute)
    assert not Article.objects.published(now=minute - datetime.timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert Article.objects.published(now=minute).filter(pk=article.pk).exists()
    assert article.status == Status.SCHEDULED


def test_unpublish_needs_a_reason_and_takes_the_piece_down(editor, notice, changes, django_capture_on_commit_callbacks):
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    with pytest.raises(services.WorkflowError):
        services.article_unpublish(article=article, user=editor, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=article, user=editor, reason="법률 검토")
    assert article.status == Status.UNPUBLISHED
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert ([article.pk], "unpublished") in changes
    assert article.events.get(to_status=Status.UNPUBLISHED).note == "법률 검토"


def test_republishing_keeps_the_first_publication_time_and_counts_publications(editor, notice):
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    first = article.first_published_at
    services.article_unpublish(article=article, user=editor, reason="수정")
    services.article_publish(article=article, user=editor)
    assert article.first_published_at == first
    assert article.publication_count == 2
    assert list(
        article.events.filter(to_status=Status.PUBLISHED).values_list("publication", flat=True).order_by("publication")
    ) == [1, 2]


def test_editing_a_published_article_keeps_it_published_and_fires_the_hook(
    editor, notice, changes, django_capture_on_commit_callbacks
):
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    article.headline = "수정된 제목"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert ([article.pk], "article edited") in changes


def test_a_save_never_changes_status_or_publication_time_whatever_the_instance_says(editor, notice):
    article = factories.make_publishable(editor)
    article.status = Status.PUBLISHED
    article.publish_at = timezone.now()
    services.article_save(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Status.DRAFT and article.publish_at is None


def test_correction_prints_bumps_updated_and_is_refused_on_drafts(editor, notice):
    article = factories.make_publishable(editor)
    with pytest.raises(services.WorkflowError):
        services.correction_add(article=article, user=editor, text="오류 수정")
    services.article_publish(article=article, user=editor)
    before = Article.objects.get(pk=article.pk).updated_at
    services.correction_add(article=article, user=editor, text="2문단의 날짜를 16일로 바로잡습니다.")
    assert Correction.objects.get().article == article
    assert Article.objects.get(pk=article.pk).updated_at >= before


def test_every_save_stores_a_full_revision(editor, reporter):
    tag_author = factories.AuthorFactory(name="이기자")
    article = factories.make_article(reporter, authors=[tag_author], tags=["인공지능"])
    services.article_record_revision(article=article, user=reporter)
    article.body = "바뀐 본문"
    services.article_save(article=article, user=editor)
    revisions = list(Revision.objects.filter(article=article).order_by("version"))
    assert [r.version for r in revisions] == [1, 2]
    assert revisions[0].data["authors"] == [{"id": tag_author.pk, "name": "이기자"}]
    assert revisions[0].data["tags"] == ["인공지능"]
    assert revisions[1].data["body"] == "바뀐 본문"
    assert revisions[1].created_by == editor


def test_restoring_a_revision_makes_a_new_revision_with_the_old_content(editor, english):
    article = factories.make_article(editor, headline="처음 제목", body="처음 본문", tags=["하나"])
    services.article_record_revision(article=article, user=editor)
    first = article.revisions.get(version=1)
    article.headline, article.body = "나중 제목", "나중 본문"
    services.article_save(article=article, user=editor)
    article.tags.set(["둘"])
    services.article_restore_revision(article=article, revision=first, user=editor)
    article.refresh_from_db()
    assert (article.headline, article.body) == ("처음 제목", "처음 본문")
    assert list(article.tags.names()) == ["하나"]
    latest = article.revisions.order_by("-version").first()
    assert latest.version == 3 and "restored" in latest.note


def test_restoring_a_revision_whose_image_was_deleted_is_refused_clearly(editor):
    image = factories.make_image(editor)
    image_pk = image.pk
    article = factories.make_article(editor, body=f"[[image:{image.pk}]]")
    old = article.revisions.get(version=1)
    article.body = "사진 없는 본문"
    services.article_save(article=article, user=editor)
    photo_services.image_delete(image=image, user=editor)
    with pytest.raises(services.WorkflowError) as refused:
        services.article_restore_revision(article=article, revision=old, user=editor)
    assert f"#{image_pk}" in refused.value.messages[0]
    article.refresh_from_db()
    assert article.body == "사진 없는 본문"


def test_reporter_cannot_restore_a_revision_of_someone_elses_article(reporter, other_reporter):
    article = factories.make_article(other_reporter)
    with pytest.raises(PermissionDenied):
        services.article_restore_revision(article=article, revision=article.revisions.get(), user=reporter)


def test_a_stale_save_is_refused_naming_who_saved_in_between(editor):
    other = factories.editor(username="editor2")
    article = factories.make_article(editor)
    opened_at = article.version
    services.article_save(article=Article.objects.get(pk=article.pk), user=other, expected_version=opened_at)
    article.headline = "내가 쓴 제목"
    with pytest.raises(services.EditConflict) as conflict:
        services.article_save(article=article, user=editor, expected_version=opened_at)
    assert conflict.value.changed_by == other
    assert Article.objects.get(pk=article.pk).headline != "내가 쓴 제목"


def test_soft_lock_tells_the_second_editor_who_has_it_open(editor):
    other = factories.editor(username="editor2")
    article = factories.make_article(editor)
    assert services.edit_lock_touch(article=article, user=editor) is None
    holder = services.edit_lock_touch(article=article, user=other)
    assert holder.user == editor
    later = timezone.now() + datetime.timedelta(minutes=5)
    assert services.edit_lock_touch(article=article, user=other, now=later) is None  # the first one left


def test_expiry_takes_a_piece_down_at_its_minute(editor, notice):
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    expiry = timezone.now() + datetime.timedelta(hours=1)
    services.article_set_expiry(article=article, user=editor, expire_at=expiry)
    assert Article.objects.published(now=expiry - datetime.timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert not Article.objects.published(now=expiry).filter(pk=article.pk).exists()
    _published, expired = services.publish_due_articles(now=expiry)
    assert expired == [article]
    assert Article.objects.get(pk=article.pk).status == Status.UNPUBLISHED


def test_the_next_change_caches_wait_for_is_the_next_scheduled_or_expiring_minute(editor, notice):
    from delivery.state import next_change_at

    soon = timezone.now() + datetime.timedelta(minutes=3)
    article = factories.make_publishable(editor)
    services.article_schedule(article=article, user=editor, publish_at=soon)
    assert next_change_at() == soon
