"""The catalogue an article prints (sources, quotes, sections, authors, notices,
tags) changes only through its services: permission-checked, validated, and
announced to readers whoever makes the change (the admin, a shell, an importer)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from taggit.models import Tag

from articles import services
from articles.models import Article, Section
from delivery.models import PendingPurge
from tests import factories
from tests.articles.test_one_save import Heard, live_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings):
    settings.NEWSROOM_EDGE_PURGE_URLS = ["http://127.0.0.1:9"]  # the drain never runs in these tests
    return lambda: set(PendingPurge.objects.values_list("path", flat=True))


def test_a_source_renamed_from_a_shell_is_announced_with_the_articles_that_quote_it(
    editor, notice, django_capture_on_commit_callbacks
):
    quote = factories.QuoteFactory(source=factories.SourceFactory(name="김대표"))
    article = live_article(editor, body=f"첫 문단.\n\n[[quote:{quote.pk}]]")
    other = live_article(editor, headline="상관없는 기사")
    source = quote.source
    source.name = "김 대표이사"

    with Heard() as heard, django_capture_on_commit_callbacks(execute=True):
        services.source_save(source=source, user=editor)

    assert [call["articles"] for call in heard.calls] == [[article.pk]]
    assert other.pk not in heard.calls[0]["articles"]


def test_a_section_renamed_reaches_every_page(superuser, django_capture_on_commit_callbacks):
    section = factories.SectionFactory(name="경제", name_en="Economy")
    section.name_en = "Business"
    with Heard() as heard, django_capture_on_commit_callbacks(execute=True):
        services.section_save(section=section, user=superuser)
    assert [call["articles"] for call in heard.calls] == [[]]  # no article named: every page


def test_a_reporter_may_not_add_a_section_and_nothing_is_saved(reporter, english):
    with pytest.raises(PermissionDenied, match="may not add a section"):
        services.section_save(section=Section(name="스포츠", name_en="Sports", slug="sports"), user=reporter)
    assert not Section.objects.filter(slug="sports").exists()


def test_an_invalid_author_is_refused_before_anything_is_written(editor):
    with pytest.raises(ValidationError):
        services.author_save(author=factories.AuthorFactory.build(name="", slug=""), user=editor)


def test_a_quote_an_article_prints_cannot_be_deleted_and_stays(editor, notice):
    quote = factories.QuoteFactory()
    live_article(editor, body=f"첫 문단.\n\n[[quote:{quote.pk}]]")
    with pytest.raises(ProtectedError):
        services.quote_delete(quote=quote, user=editor)
    quote.refresh_from_db()


def test_a_reporter_may_not_change_an_anonymous_source_whose_identity_they_cannot_see(reporter, other_reporter):
    source = services.source_save(
        source=factories.SourceFactory.build(name="실명", is_anonymous=True, public_description="정부 관계자"),
        user=other_reporter,
    )
    source.name = "다른 이름"
    with pytest.raises(PermissionDenied):
        services.source_save(source=source, user=reporter)


# -- Merging tags ------------------------------------------------------------------------


def test_merging_tags_moves_their_articles_to_the_kept_tag_and_purges_the_old_pages(superuser, editor, notice, outbox):
    one = live_article(editor, headline="하나", tags=["반도체", "칩"])
    two = live_article(editor, headline="둘", tags=["반도체칩"])
    PendingPurge.objects.all().delete()
    old = list(Tag.objects.filter(name__in=["칩", "반도체칩"]))

    kept = services.tags_merge(tags=old, into="반도체", user=superuser)

    assert kept.name == "반도체"
    assert sorted(Article.objects.filter(tags__name="반도체").values_list("headline", flat=True)) == ["둘", "하나"]
    assert list(one.tags.names()) == ["반도체"] and list(two.tags.names()) == ["반도체"]
    assert not Tag.objects.filter(name__in=["칩", "반도체칩"]).exists()
    paths = outbox()
    assert {"/tag/%EC%B9%A9/", "/tag/%EB%B0%98%EB%8F%84%EC%B2%B4%EC%B9%A9/", one.get_absolute_url()} <= paths


def test_an_editor_without_the_right_to_delete_tags_cannot_merge_them(editor, english):
    tags = [services.tag_save(tag=Tag(name="칩"), user=editor)]
    with pytest.raises(PermissionDenied):
        services.tags_merge(tags=tags, into="반도체", user=editor)
    assert Tag.objects.filter(name="칩").exists()


def test_the_desk_s_merge_action_merges_our_articles_tags(admin_client, editor, notice):
    article = live_article(editor, tags=["칩"])
    chip = Tag.objects.get(name="칩")
    # From a searched list (taggit's own action then landed back on the list).
    response = admin_client.post(
        "/admin/taggit/tag/?q=%EC%B9%A9", {"action": "render_tag_form", "_selected_action": [chip.pk]}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/taggit/tag/merge-tags/"
    assert "칩" in response.content.decode() and 'name="new_tag_name"' in response.content.decode()
    response = admin_client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "반도체"}, follow=True)

    assert response.status_code == 200
    assert list(article.tags.names()) == ["반도체"]
    assert "반도체" in response.content.decode()
