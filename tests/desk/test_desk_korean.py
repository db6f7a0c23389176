"""The desk reads right in Korean: people by name, revisions in words and local
times, a success message that does not read as an error, the writer on the byline."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests import factories
from tests.articles.test_admin import article_form
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_reporter(db):
    user = factories.reporter(username="kim.reporter", first_name="하늘", last_name="김")
    factories.AuthorFactory(name="김하늘", user=user, slug="kim-haneul")
    return user


def test_a_new_piece_starts_with_its_writer_on_the_byline(client, named_reporter):
    sign_in(client, named_reporter)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="authorships-0-author"' in page
    assert "김하늘" in page
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(
            **{
                "authorships-TOTAL_FORMS": "1",
                "authorships-0-author": str(named_reporter.author.pk),
                "authorships-0-position": "0",
            }
        ),
    )
    assert response.status_code == 302
    assert [author.name for author in Article.objects.get().byline_authors] == ["김하늘"]


def test_a_writer_without_a_byline_of_their_own_starts_with_none(reporter_client):
    page = reporter_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="authorships-0-author"' not in page


def test_a_returned_piece_and_its_history_name_the_editor_not_the_login(client, named_reporter):
    editor = factories.editor(username="desk.editor", first_name="정우", last_name="박")
    article = factories.make_publishable(named_reporter)
    services.article_submit_for_review(article=article, user=named_reporter)
    services.article_return_to_reporter(article=article, user=editor, note="수치 출처를 밝혀 주세요")
    sign_in(client, named_reporter)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "박정우" in page
    assert "desk.editor" not in page


def test_revisions_compare_in_words_and_local_times(client, editor):
    economy = factories.SectionFactory(name="경제", slug="economy")
    tech = factories.SectionFactory(name="기술", slug="tech")
    article = factories.make_article(editor, section=economy)
    article.section = tech
    services.article_save(article=article, user=editor, expected_version=article.version)
    moment = timezone.make_aware(datetime.datetime(2026, 12, 7, 23, 30), datetime.UTC)
    Article.objects.filter(pk=article.pk).update(publish_at=moment)
    article.refresh_from_db()
    services.article_save(article=article, user=editor, expected_version=article.version)
    sign_in(client, editor)
    revisions = reverse("admin:articles_article_revisions", args=[article.pk])
    first, _second, third = article.revisions.order_by("version")
    page = client.get(revisions, {"a": first.pk, "b": third.pk}).content.decode()
    assert "<del>경제</del>" in page and "<ins>기술</ins>" in page
    assert f"<del>{economy.pk}</del>" not in page
    assert "12. 8. 오전 8:30" in page or "2026-12-08 08:30" in page or "08:30" in page  # 23:30 UTC is 08:30 in Seoul


def test_saving_and_going_on_says_so_without_reading_as_an_error(reporter_client, reporter):
    response = reporter_client.post(
        reverse("admin:articles_article_add"), article_form(headline="새 기사", _continue="1"), follow=True
    )
    messages = [str(message) for message in response.context["messages"]]
    assert messages
    assert not any("수정해야" in message for message in messages)
    assert any("이어서 고칠 수 있습니다" in message for message in messages)


def test_the_app_list_names_the_third_party_apps_in_korean(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Otp_Totp" not in page and "TOTP devices" not in page and "Taggit" not in page
    assert "인증 앱" in page and "복구 코드" in page


def test_logging_out_tells_the_browser_to_forget_what_it_kept_of_the_desk(reporter_client):
    response = reporter_client.post(reverse("admin:logout"))
    assert response["Clear-Site-Data"] == '"storage"'


def test_no_korean_message_puts_a_particle_after_a_word_it_cannot_know():
    """을/를, 이/가, 은/는, 과/와 and (으)로 depend on the last sound of the word
    before them; after a name or number filled in at run time the catalogue
    cannot know it, so its Korean is written without one ("삭제 완료: …")."""
    import gettext
    from pathlib import Path

    catalogue = Path(__file__).resolve().parents[2] / "locale" / "ko" / "LC_MESSAGES" / "django.mo"
    with catalogue.open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)._catalog  # msgid (or (msgid, n)) → msgstr
    placeholder_then_particle = re.compile(
        r"(%\(\w+\)[sd]|\{\w*\}|%s|%d)[”\"'’]?(을|를|이|가|은|는|과|와|으로|로|을\(를\)|를\(을\)|이\(가\)|\(으\)로)"
        r"(?=[\s.,)!?]|$)"
    )
    wrong = [(msgid, text) for msgid, text in translations.items() if placeholder_then_particle.search(text)]
    assert wrong == []
