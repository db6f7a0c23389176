"""The live desk: who may start, post, pin, correct, delete and end; every
change recorded; the buttons of the desk's live page go through the services."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from articles import services
from articles.models import ArticleEvent, LiveEntry
from articles.services.live import (
    live_coverage_end,
    live_coverage_start,
    live_entry_add,
    live_entry_delete,
    live_entry_edit,
    live_entry_pin,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_page(editor, notice):
    article = factories.make_publishable(editor, headline="태풍 상륙 실황")
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    live_coverage_start(article=article, user=editor)
    return article


@pytest.fixture
def bylined_reporter(live_page):
    reporter = factories.reporter(username="bylined")
    author = factories.AuthorFactory(name="이기자", user=reporter)
    live_page.authorships.create(author=author, position=0)
    return reporter


def test_a_reporter_on_the_byline_posts_and_corrects_their_own_entry(live_page, bylined_reporter):
    entry = live_entry_add(article=live_page, user=bylined_reporter, body="강풍이 붑니다.")
    live_entry_edit(entry=entry, user=bylined_reporter, body="강풍이 거셉니다.", correction="표현을 고쳤습니다.")
    entry.refresh_from_db()
    assert (entry.body, entry.correction, entry.version) == ("강풍이 거셉니다.", "표현을 고쳤습니다.", 2)
    assert [revision.body for revision in entry.revisions.order_by("version")] == ["강풍이 붑니다.", "강풍이 거셉니다."]


def test_a_reporter_off_the_byline_may_not_post(live_page, other_reporter):
    with pytest.raises(PermissionDenied):
        live_entry_add(article=live_page, user=other_reporter, body="남의 실황")
    assert not LiveEntry.objects.exists()


def test_a_reporter_may_not_correct_someone_else_s_entry_delete_or_end(live_page, editor, bylined_reporter):
    entry = live_entry_add(article=live_page, user=editor, body="편집자의 글")
    with pytest.raises(PermissionDenied):
        live_entry_edit(entry=entry, user=bylined_reporter, correction="고침")
    with pytest.raises(PermissionDenied):
        live_entry_delete(entry=entry, user=bylined_reporter)
    with pytest.raises(PermissionDenied):
        live_coverage_end(article=live_page, user=bylined_reporter)
    assert LiveEntry.objects.filter(pk=entry.pk, correction="").exists()


def test_pinning_one_entry_unpins_the_other_and_the_database_holds_one_pin(live_page, editor):
    first = live_entry_add(article=live_page, user=editor, body="첫 소식")
    second = live_entry_add(article=live_page, user=editor, body="둘째 소식")
    live_entry_pin(entry=first, user=editor)
    live_entry_pin(entry=second, user=editor)
    assert list(LiveEntry.objects.filter(pinned=True)) == [second]
    with pytest.raises(IntegrityError), transaction.atomic():
        LiveEntry.objects.filter(pk=first.pk).update(pinned=True)


def test_every_step_is_on_the_article_s_timeline(live_page, editor):
    entry = live_entry_add(article=live_page, user=editor, body="소식")
    pk = entry.pk
    live_entry_pin(entry=entry, user=editor)
    live_entry_edit(entry=entry, user=editor, correction="바로잡음", body="고친 소식")
    live_entry_delete(entry=entry, user=editor)
    live_coverage_end(article=live_page, user=editor)
    notes = list(ArticleEvent.objects.filter(article=live_page).order_by("pk").values_list("note", flat=True))
    assert any(f"#{pk}" in note and "고친 소식" in note for note in notes)  # the deletion keeps the text
    assert len([note for note in notes if f"#{pk}" in note]) == 4
    assert len(notes) == 7  # publication, start, the entry's four steps, end


def test_an_entry_moves_the_article_s_updated_time(live_page, editor):
    before = live_page.modified_at
    entry = live_entry_add(article=live_page, user=editor, body="소식")
    live_page.refresh_from_db()
    assert live_page.modified_at == entry.created_at and (before is None or before < entry.created_at)
    assert live_page.was_updated


def test_coverage_cannot_start_twice_or_end_when_not_running(live_page, editor):
    with pytest.raises(services.WorkflowError):
        live_coverage_start(article=live_page, user=editor)
    live_coverage_end(article=live_page, user=editor)
    with pytest.raises(services.WorkflowError):
        live_coverage_end(article=live_page, user=editor)


def live_url(article):
    return f"/admin/articles/article/{article.pk}/live/"


def test_the_desk_s_live_page_adds_pins_corrects_and_ends(editor_client, live_page):
    response = editor_client.post(live_url(live_page), {"_add": "1", "body": "데스크에서 쓴 소식"})
    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    editor_client.post(live_url(live_page), {"_pin": "1", "entry": entry.pk})
    editor_client.post(
        live_url(live_page),
        {"_correct": "1", "entry": entry.pk, "version": entry.version, "entry_body": "고친 소식", "correction": "고침"},
    )
    entry.refresh_from_db()
    assert (entry.pinned, entry.body, entry.correction) == (True, "고친 소식", "고침")

    page = editor_client.get(live_url(live_page)).content.decode()
    assert "고친 소식" in page and 'name="_end"' in page and 'data-embed-picker="image"' in page

    editor_client.post(live_url(live_page), {"_end": "1"})
    live_page.live_coverage.refresh_from_db()
    assert live_page.live_coverage.ended_at is not None


def test_the_desk_shows_why_an_entry_was_refused_and_keeps_the_text(editor_client, live_page):
    response = editor_client.post(live_url(live_page), {"_add": "1", "body": "사진\n\n[[image:424242]]"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "424242" in page and "사진" in page
    assert not LiveEntry.objects.exists()


def test_a_reporter_off_the_byline_gets_no_entry_form_and_a_post_is_refused(client, live_page, other_reporter):
    factories.sign_in(client, other_reporter)
    assert 'name="_add"' not in client.get(live_url(live_page)).content.decode()
    client.post(live_url(live_page), {"_add": "1", "body": "몰래 쓴 소식"})
    assert not LiveEntry.objects.exists()


def test_the_article_form_links_to_the_live_desk(editor_client, live_page):
    page = editor_client.get(f"/admin/articles/article/{live_page.pk}/change/").content.decode()
    assert live_url(live_page) in page
