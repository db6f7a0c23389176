"""The article form's helpers beside the editor: cards and pickers for embeds,
the live preview, autosave, and photos credited before they are stored."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Article, ArticleEvent, Autosave, Revision, Source
from articles.signals import content_changing
from photos.models import Image
from tests import factories
from tests.articles.test_admin import article_form
from tests.articles.test_one_save import Heard, live_article
from tests.factories import sign_in
from tests.photos.test_uploads import files_on_disk, iptc_jpeg

pytestmark = pytest.mark.django_db

EMBEDS = reverse("admin:articles_article_embeds")
NEW_PREVIEW = reverse("admin:articles_article_live_preview_new")
NEW_AUTOSAVE = reverse("admin:articles_article_autosave_new")
INSPECT = reverse("admin:photos_image_desk_inspect")
UPLOAD = reverse("admin:photos_image_desk_upload")


def preview_url(article):
    return reverse("admin:articles_article_live_preview", args=[article.pk])


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def pick_url(kind):
    return reverse("admin:articles_article_pick", args=[kind])


def desk_config(response):
    match = re.search(rb'<script id="desk-config" type="application/json">(.*?)</script>', response.content, re.S)
    assert match, "the article form carries its editor's configuration"
    return json.loads(match.group(1))


# -- Cards and pickers ---------------------------------------------------------------------


def test_cards_describe_a_photo_a_quote_and_an_article_from_their_records(editor_client, editor):
    image = factories.make_image(editor, caption="연단의 대표", credit="본지DB")
    quote = factories.QuoteFactory(source=factories.SourceFactory(name="Dana Whitfield"))
    target = factories.make_article(editor, headline="앞선 보도")
    response = editor_client.get(EMBEDS, {"ids": f"image:{image.pk},quote:{quote.pk},article:{target.pk},image:999999"})
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    cards = response.json()["embeds"]
    assert cards[f"image:{image.pk}"]["credit"] == "본지DB"
    assert cards[f"image:{image.pk}"]["caption"] == "연단의 대표"
    assert cards[f"image:{image.pk}"]["thumb"]
    assert cards[f"quote:{quote.pk}"]["speaker"] == "Dana Whitfield"
    assert cards[f"quote:{quote.pk}"]["original"] == "AI will be a technology like electricity."
    assert cards[f"quote:{quote.pk}"]["original_language"] == "en"
    assert cards[f"article:{target.pk}"]["headline"] == "앞선 보도"
    assert "image:999999" not in cards


def test_a_quote_card_names_an_anonymous_source_by_its_public_description_even_for_an_editor(editor_client):
    source = Source.objects.create(
        name="홍길동", role="차관", is_anonymous=True, public_description="정부 고위 관계자", kind=Source.Kind.PERSON
    )
    quote = factories.QuoteFactory(source=source)
    card = editor_client.get(EMBEDS, {"ids": f"quote:{quote.pk}"}).json()["embeds"][f"quote:{quote.pk}"]
    assert card["speaker"] == "정부 고위 관계자"
    assert "홍길동" not in json.dumps(card, ensure_ascii=False)


def test_another_reporters_draft_is_neither_a_card_nor_a_pick_for_a_reporter(client, reporter, other_reporter):
    theirs = factories.make_article(other_reporter, headline="남의 초안 제목")
    mine = factories.make_article(reporter, headline="내 초안 제목")
    sign_in(client, reporter)
    cards = client.get(EMBEDS, {"ids": f"article:{theirs.pk},article:{mine.pk}"}).json()["embeds"]
    assert list(cards) == [f"article:{mine.pk}"]
    found = client.get(pick_url("article"), {"q": "초안"}).json()["results"]
    assert [result["id"] for result in found] == [mine.pk]
    assert client.get(pick_url("article"), {"q": str(theirs.pk)}).json()["results"] == []


def test_the_quote_picker_never_finds_an_anonymous_source_by_the_identity_a_reporter_may_not_see(
    client, reporter, editor
):
    secret = Source.objects.create(
        name="홍길동",
        is_anonymous=True,
        public_description="정부 고위 관계자",
        kind=Source.Kind.PERSON,
        created_by=editor,
    )
    factories.QuoteFactory(source=secret, text="발표는 다음 주다.")
    sign_in(client, reporter)
    assert client.get(pick_url("quote"), {"q": "홍길동"}).json()["results"] == []
    assert len(client.get(pick_url("quote"), {"q": "고위"}).json()["results"]) == 1


def test_the_photo_picker_finds_a_photo_by_a_word_of_its_credit_or_by_its_number(editor_client, editor):
    wire = factories.make_image(editor, credit="로이터")
    factories.make_image(editor, credit="본지DB")
    assert [r["id"] for r in editor_client.get(pick_url("image"), {"q": "로이터"}).json()["results"]] == [wire.pk]
    assert [r["id"] for r in editor_client.get(pick_url("image"), {"q": f"#{wire.pk}"}).json()["results"]] == [wire.pk]
    assert editor_client.get(pick_url("video"), {"q": "x"}).status_code == 404


def test_pickers_and_cards_are_for_the_desk_only(client):
    assert client.get(EMBEDS, {"ids": "image:1"}).status_code == 302
    assert client.get(pick_url("image")).status_code == 302


# -- Live preview --------------------------------------------------------------------------


def test_the_live_preview_renders_the_typed_form_with_the_readers_code_and_keeps_nothing(
    editor_client, editor, notice, django_capture_on_commit_callbacks
):
    article = live_article(editor, headline="저장된 제목")
    image = factories.make_image(editor, credit="연합뉴스")
    counts = (Article.objects.count(), Revision.objects.count(), ArticleEvent.objects.count())
    data = article_form(
        headline="아직 저장하지 않은 제목",
        section=article.section_id,
        lead_image=article.lead_image_id,
        body=f"방금 쓴 문단.\n\n[[image:{image.pk}]]\n",
        tags="반도체",
        opened_version=article.version,
    )
    with Heard() as heard, Heard(content_changing) as changing, django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(preview_url(article), data)
    assert response.status_code == 200
    html = response.json()["html"]
    assert "아직 저장하지 않은 제목" in html
    assert "방금 쓴 문단." in html
    assert "(사진: 연합뉴스)" in html  # the embed, rendered with its credit by the reader's partial
    assert "무단전재 및 재배포 금지" in html  # the copyright footer readers get
    assert response.json()["problems"] == []
    article.refresh_from_db()
    assert article.headline == "저장된 제목"
    assert (Article.objects.count(), Revision.objects.count(), ArticleEvent.objects.count()) == counts
    assert list(article.tags.names()) == []
    assert heard.calls == [] and changing.calls == []


def test_the_live_preview_lists_what_must_be_fixed_before_publishing(reporter_client):
    response = reporter_client.post(NEW_PREVIEW, article_form(headline="", body="[[image:987654]]\n"))
    problems = response.json()["problems"]
    assert any("987654" in problem for problem in problems)
    assert Article.objects.count() == 0


def test_the_preview_frame_may_sit_in_the_desks_own_pages_and_nowhere_else(editor_client, editor):
    article = factories.make_article(editor)
    framed = editor_client.get(preview_url(article))
    assert framed.status_code == 200
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert {"private", "no-store"} <= set(framed["Cache-Control"].replace(" ", "").split(","))
    assert framed["X-Robots-Tag"] == "noindex, nofollow"
    form_page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert form_page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in form_page["Content-Security-Policy"]
    new = editor_client.get(NEW_PREVIEW)
    assert new.status_code == 200 and new["X-Frame-Options"] == "SAMEORIGIN"
    assert Article.objects.count() == 1


def test_a_reporter_cannot_preview_another_reporters_draft(client, reporter, other_reporter):
    theirs = factories.make_article(other_reporter)
    sign_in(client, reporter)
    assert client.get(preview_url(theirs)).status_code == 404
    assert client.post(preview_url(theirs), article_form()).status_code == 404


# -- Autosave ------------------------------------------------------------------------------


def test_autosave_keeps_the_typed_form_as_the_users_draft_and_changes_nothing_of_the_article(
    reporter_client, reporter, django_capture_on_commit_callbacks
):
    article = factories.make_article(reporter, headline="처음 제목")
    before = (article.version, Revision.objects.count())
    data = article_form(headline="고치는 중인 제목", body="새 문단.", opened_version=article.version)
    with Heard() as heard, django_capture_on_commit_callbacks(execute=True):
        response = reporter_client.post(autosave_url(article), data, headers={"X-Newsroom-Background": "1"})
    assert response.status_code == 200
    assert response.json()["saved_at"]
    article.refresh_from_db()
    assert (article.version, Revision.objects.count()) == before
    assert article.headline == "처음 제목"
    assert heard.calls == []
    draft = Autosave.objects.get(user=reporter, article=article)
    assert draft.value("headline") == "고치는 중인 제목"
    assert draft.base_version == article.version
    assert "csrfmiddlewaretoken" not in draft.data


def test_reopening_the_form_offers_the_autosaved_text_and_saving_the_article_consumes_it(reporter_client, reporter):
    article = factories.make_article(reporter, headline="처음 제목")
    reporter_client.post(autosave_url(article), article_form(headline="고치는 중인 제목", body="새 문단."))
    change = reverse("admin:articles_article_change", args=[article.pk])
    offered = desk_config(reporter_client.get(change))["draft"]
    assert offered["fields"]["headline"] == "고치는 중인 제목"
    assert offered["fields"]["body"] == "새 문단."
    saved = reporter_client.post(change, article_form(headline="고친 제목", opened_version=article.version))
    assert saved.status_code == 302
    assert not Autosave.objects.filter(user=reporter, article=article).exists()
    assert desk_config(reporter_client.get(change))["draft"] is None


def test_a_piece_never_saved_is_autosaved_under_its_key_and_offered_on_the_next_add_form(reporter_client, reporter):
    add = reverse("admin:articles_article_add")
    key = desk_config(reporter_client.get(add))["autosaveKey"]
    assert key
    assert reporter_client.post(NEW_AUTOSAVE, article_form(headline="", autosave_key="")).status_code == 400
    reporter_client.post(NEW_AUTOSAVE, article_form(headline="쓰다 만 기사", autosave_key=key))
    assert Article.objects.count() == 0
    config = desk_config(reporter_client.get(add))
    assert config["autosaveKey"] == key
    assert config["draft"]["fields"]["headline"] == "쓰다 만 기사"
    reporter_client.post(add, article_form(headline="쓰다 만 기사", autosave_key=key))
    assert Article.objects.count() == 1
    assert not Autosave.objects.filter(user=reporter).exists()


def test_a_discarded_draft_is_not_offered_again(reporter_client, reporter):
    article = factories.make_article(reporter)
    reporter_client.post(autosave_url(article), article_form(headline="버릴 제목"))
    reporter_client.post(autosave_url(article), {"_discard": "1"})
    assert not Autosave.objects.exists()


def test_a_draft_is_its_owners_alone(client, reporter, other_reporter, editor):
    article = factories.make_article(reporter)
    sign_in(client, editor)
    client.post(autosave_url(article), article_form(headline="편집자의 손질"))
    sign_in(client, reporter)
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert desk_config(client.get(change))["draft"] is None
    sign_in(client, other_reporter)
    assert client.post(autosave_url(article), article_form(headline="남의 것")).status_code == 404
    assert Autosave.objects.count() == 1


def test_an_autosave_does_not_keep_an_idle_session_alive(reporter_client, reporter, settings):
    from accounts.sessions import LAST_ACTIVITY

    article = factories.make_article(reporter)
    reporter_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    seen = reporter_client.session[LAST_ACTIVITY]
    session = reporter_client.session
    session[LAST_ACTIVITY] = seen - 3600
    session.save()
    reporter_client.post(autosave_url(article), article_form(headline="x"))
    assert reporter_client.session[LAST_ACTIVITY] == seen - 3600


def test_the_difference_of_a_draft_is_shown_word_by_word_and_escaped(reporter_client):
    response = reporter_client.post(
        reverse("admin:articles_article_draft_difference"),
        {"old_headline": "옛 제목", "new_headline": "새 <b>제목</b>", "old_body": "같다", "new_body": "같다"},
    )
    fields = response.json()["fields"]
    assert [part["field"] for part in fields] == ["제목"]
    assert "<ins>새</ins>" in fields[0]["html"] or "<ins>" in fields[0]["html"]
    assert "<b>" not in fields[0]["html"]


# -- Photos credited before they are stored -----------------------------------------------


def test_inspecting_a_photo_prefills_its_credit_from_the_file_and_stores_nothing(editor_client):
    data = iptc_jpeg(credit="연합뉴스", byline="김사진", copyright_notice="© 연합뉴스")
    response = editor_client.post(INSPECT, {"file": factories.upload(data, name="wire.jpg")})
    assert response.status_code == 200
    assert response.json()["fields"]["credit"] == "연합뉴스"
    assert response.json()["fields"]["creator"] == "김사진"
    assert Image.objects.count() == 0
    assert files_on_disk() == set()


def test_a_photo_without_credit_or_alt_text_is_refused_and_leaves_no_row_and_no_file(editor_client):
    response = editor_client.post(
        UPLOAD, {"file": factories.upload(factories.jpeg_bytes()), "alt_text": "", "credit": ""}
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"alt_text", "credit"}
    assert Image.objects.count() == 0
    assert files_on_disk() == set()


def test_a_credited_photo_is_stored_with_its_renditions_and_answered_as_a_card(editor_client):
    response = editor_client.post(
        UPLOAD,
        {"file": factories.upload(factories.jpeg_bytes(1600, 900)), "alt_text": "연단의 대표", "credit": "본지DB"},
    )
    assert response.status_code == 201
    card = response.json()["card"]
    image = Image.objects.get()
    assert card["id"] == image.pk and card["credit"] == "본지DB" and card["thumb"]
    assert image.renditions


def test_a_photo_already_in_the_library_is_offered_instead_of_stored_twice(editor_client, editor):
    data = factories.jpeg_bytes()
    existing = factories.make_image(editor, data=data)
    response = editor_client.post(UPLOAD, {"file": factories.upload(data), "alt_text": "같은 사진", "credit": "본지DB"})
    assert response.status_code == 400
    assert response.json()["duplicate"]["id"] == existing.pk
    assert Image.objects.count() == 1


def test_a_file_that_is_not_a_picture_is_refused_when_inspected(editor_client):
    response = editor_client.post(INSPECT, {"file": factories.upload(b"not a picture", name="x.jpg")})
    assert response.status_code == 400
    assert response.json()["error"]
