"""One save for the whole article: the admin, the demo and the bench call one
service, which validates, checks the version, saves the relations, records the
revision and announces the change once."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles import services
from articles.models import Article, Source
from articles.signals import content_changed, content_changing
from tests import factories
from tests.articles.test_admin import article_form, change_url
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


class Heard:
    """Every "content changed" sent while it listens."""

    def __init__(self, signal=content_changed):
        self.signal, self.calls = signal, []

    def __enter__(self):
        self.signal.connect(self.receive, dispatch_uid=f"heard-{id(self)}")
        return self

    def __exit__(self, *exc):
        self.signal.disconnect(dispatch_uid=f"heard-{id(self)}")

    def receive(self, sender, **kwargs):
        self.calls.append(kwargs)


def live_article(editor, **fields):
    article = factories.make_publishable(editor, **fields)
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    return article


def test_one_admin_save_of_a_live_article_announces_one_change(
    editor_client, editor, notice, django_capture_on_commit_callbacks
):
    article = live_article(editor, tags=["반도체"])
    author = factories.AuthorFactory(name="김기자")
    data = article_form(
        headline="고친 제목",
        section=article.section_id,
        lead_image=article.lead_image_id,
        body=article.body,
        opened_version=article.version,
        tags="반도체, 메모리",
        **{
            "authorships-TOTAL_FORMS": "1",
            "authorships-0-author": author.pk,
            "authorships-0-position": "0",
        },
    )
    with Heard() as heard, django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url(article), data)
    assert response.status_code == 302
    assert [call["articles"] for call in heard.calls] == [[article.pk]]
    article.refresh_from_db()
    assert article.headline == "고친 제목"
    assert sorted(article.tags.names()) == ["메모리", "반도체"]
    assert [a.name for a in article.byline_authors] == ["김기자"]
    # The revision holds the relations as saved (it is taken after them, once).
    revision = article.revisions.get(version=article.version)
    assert revision.data["authors"] == [{"id": author.pk, "name": "김기자"}]
    assert sorted(revision.data["tags"]) == ["메모리", "반도체"]


def test_the_service_saves_bylines_tags_related_and_citations_as_given(editor, notice):
    earlier = live_article(editor, headline="앞선 기사")
    first, second = factories.AuthorFactory(name="가"), factories.AuthorFactory(name="나")
    source = factories.SourceFactory(name="Financial Times", kind=Source.Kind.PUBLICATION)
    article = services.article_save(
        article=Article(headline="새 기사", section=factories.SectionFactory(), body="본문"),
        user=editor,
        bylines=[second, first.pk],
        tags=["인공지능"],
        related=[earlier],
        citations=[{"source": source, "title": "AI chips", "url": "https://ft.example/1", "published_on": None}],
    )
    assert [a.name for a in article.byline_authors] == ["나", "가"]
    assert list(article.tags.names()) == ["인공지능"]
    assert list(article.related_articles.all()) == [earlier]
    assert [(c.source, c.title) for c in article.citations.all()] == [(source, "AI chips")]
    # None leaves a relation as it is.
    article.headline = "고친 새 기사"
    services.article_save(article=article, user=editor, expected_version=article.version)
    assert [a.name for a in article.byline_authors] == ["나", "가"] and list(article.tags.names()) == ["인공지능"]


def test_the_service_validates_the_article_before_writing(editor):
    article = Article(headline="없는 사진", section=factories.SectionFactory(), body="[[image:987654]]")
    with pytest.raises(ValidationError) as caught:
        services.article_save(article=article, user=editor)
    assert "body" in caught.value.message_dict
    assert not Article.objects.filter(headline="없는 사진").exists()


def test_the_service_refuses_a_stale_version_and_writes_nothing(editor):
    article = factories.make_article(editor, headline="원래 제목")
    opened_at = article.version
    article.headline = "먼저 고친 제목"
    services.article_save(article=article, user=editor, expected_version=opened_at)
    stale = Article.objects.get(pk=article.pk)
    stale.headline = "늦게 고친 제목"
    with pytest.raises(services.EditConflict) as caught:
        services.article_save(article=stale, user=editor, expected_version=opened_at)
    assert caught.value.changed_by == editor
    assert Article.objects.get(pk=article.pk).headline == "먼저 고친 제목"


def test_a_new_article_starts_as_a_draft_whatever_the_instance_says(editor):
    from articles.models import Status

    article = services.article_save(
        article=Article(headline="몰래 발행", section=factories.SectionFactory(), body="본문", status=Status.PUBLISHED),
        user=editor,
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT and article.publish_at is None


def test_a_restore_is_one_save_and_one_announcement(editor, notice, django_capture_on_commit_callbacks):
    article = live_article(editor, headline="첫 판")
    first = article.revisions.order_by("version").first()
    article.headline = "둘째 판"
    services.article_save(article=article, user=editor)
    with Heard() as heard, django_capture_on_commit_callbacks(execute=True):
        services.article_restore_revision(article=article, revision=first, user=editor)
    assert len(heard.calls) == 1
    article.refresh_from_db()
    assert article.headline == "첫 판"
    assert article.revisions.filter(version=article.version).exists()


def test_moving_a_live_article_to_another_section_names_both_pages_to_the_purge(editor, notice):
    article = live_article(editor)
    with Heard(content_changing) as heard:
        article.section = factories.SectionFactory(name="새 섹션", slug="new-section")
        services.article_save(article=article, user=editor)
    # Once before the change (the old section's pages), once after (the new one's).
    assert [call["articles"] for call in heard.calls] == [[article.pk], [article.pk]]


def test_the_staff_preview_reads_the_same_queries_whatever_the_size_of_the_archive(editor_client, editor):
    target = factories.make_article(editor)
    url = f"/admin/articles/article/{target.pk}/preview/"

    def preview_queries():
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(url)
        assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex, nofollow"
        return [query["sql"] for query in queries.captured_queries]

    Article.objects.create(headline="다른 기사", body="본문", created_by=editor)
    with_two = preview_queries()
    Article.objects.bulk_create([Article(headline=f"기사 {n}", body="본문", created_by=editor) for n in range(48)])
    with_fifty = preview_queries()
    assert len(with_two) == len(with_fifty)
    # Every read of the article table is bounded: by an id, or a LIMIT.
    for sql in with_fifty:
        if 'FROM "articles_article"' in sql:
            assert "WHERE" in sql or "LIMIT" in sql, sql


def test_a_reporter_may_not_preview_another_reporters_draft_and_anonymous_readers_go_to_the_login(
    client, reporter, other_reporter
):
    article = factories.make_article(other_reporter)
    url = f"/admin/articles/article/{article.pk}/preview/"
    assert client.get(url).status_code == 302  # to the admin's login
    sign_in(client, reporter)
    assert client.get(url).status_code == 404  # another reporter's draft is not on their desk


def test_the_source_list_decides_what_it_shows_from_each_request_not_from_the_shared_admin(editor, reporter):
    """Two requests of a threaded server interleave: the reporter's list must not
    render with the editor's right to see an anonymous source's identity."""
    source = Source.objects.create(
        name="홍길동", kind=Source.Kind.PERSON, role="차관", is_anonymous=True, public_description="정부 고위 관계자"
    )
    model_admin = admin.site.get_model_admin(Source)
    factory = RequestFactory()
    reporters_request, editors_request = factory.get("/admin/articles/source/"), factory.get("/admin/articles/source/")
    reporters_request.user, editors_request.user = reporter, editor

    reporters_columns = model_admin.get_list_display(reporters_request)
    model_admin.get_list_display(editors_request)  # the editor's request comes in meanwhile

    shown = [
        str(column(source) if callable(column) else getattr(model_admin, column)(source))
        for column in reporters_columns
        if callable(column) or callable(getattr(model_admin, column, None))
    ]
    assert "홍길동" not in " ".join(shown) and "차관" not in " ".join(shown)
    assert "정부 고위 관계자" in " ".join(shown)


def test_the_article_admin_keeps_no_request_of_its_own(editor_client, editor, notice):
    article = factories.make_publishable(editor)
    editor_client.post(
        change_url(article),
        article_form(
            headline=article.headline,
            section=article.section_id,
            lead_image=article.lead_image_id,
            body=article.body,
            opened_version=article.version,
            _publish="1",
        ),
    )
    model_admin = admin.site.get_model_admin(Article)
    assert not {name for name in vars(model_admin) if (name.startswith("_") and "request" in name) or "pending" in name}


def test_the_refusal_of_a_raced_transition_speaks_the_desk_s_language(editor):
    article = factories.make_article(editor)
    with translation.override("ko"):
        assert (
            str(services.STATUS_CHANGED_MESSAGE)
            != "Someone else changed this article's status just now; reload and try again."
        )
    with translation.override("en"):
        assert "Someone else changed" in str(services.STATUS_CHANGED_MESSAGE)
    assert article.pk
