"""The desk: what reporters and editors can do in the admin, tested by direct POSTs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote, Source, Status
from photos.models import Image
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def article_form(**overrides):
    data = {
        "headline": "마감 직전의 기사",
        "dek": "부제",
        "slug": "",
        "section": "",
        "language": "ko",
        "body": "첫 문단입니다.",
        "lead_image": "",
        "lead_image_caption": "",
        "tags": "",
        "copyright_notice": "",
        "byline_override": "",
        "translation_of": "",
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_reporter_writes_a_draft_that_they_own(reporter_client, reporter):
    response = reporter_client.post(ADD_URL, article_form())
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.created_by == reporter
    assert article.slug == "마감-직전의-기사"


def test_reporter_cannot_publish_by_posting_status_or_publish_at(reporter_client):
    tomorrow = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    reporter_client.post(
        ADD_URL,
        article_form(status="published", publish_at=tomorrow, first_published_at=tomorrow, version="99"),
    )
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.publish_at is None and article.first_published_at is None
    assert not Article.objects.published().exists()


def test_reporter_cannot_publish_with_the_publish_button(reporter_client, reporter, notice, section):
    article = factories.make_publishable(reporter, section=section)
    response = reporter_client.post(change_url(article), article_form(section=section.pk, _publish="1"), follow=True)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert "Only editors can publish" in response.content.decode() or "편집" in response.content.decode()


def test_reporter_cannot_publish_with_the_admin_action(reporter_client, reporter, notice):
    article = factories.make_publishable(reporter)
    reporter_client.post("/admin/articles/article/", {"action": "publish_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_reporter_cannot_edit_another_reporters_piece_in_review(reporter_client, other_reporter):
    article = factories.make_article(other_reporter, headline="남의 기사", status=Status.REVIEW)
    page = reporter_client.get(change_url(article))
    assert page.status_code == 200
    assert 'name="headline"' not in page.content.decode()  # read-only view
    response = reporter_client.post(change_url(article), article_form(headline="바꿔치기"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "남의 기사"


def test_reporter_submits_a_draft_for_review(reporter_client, reporter):
    article = factories.make_article(reporter)
    reporter_client.post(change_url(article), article_form(_submit_review="1"))
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert article.events.get().to_status == Status.REVIEW


def test_editor_publishes_a_complete_article_with_the_button(editor_client, notice, section):
    article = factories.make_publishable(section=section)
    response = editor_client.post(
        change_url(article),
        article_form(section=section.pk, lead_image=article.lead_image_id, headline="완성된 기사", _publish="1"),
        follow=True,
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.headline == "완성된 기사"
    assert article.first_published_at is not None
    assert article in Article.objects.published()


def test_publishing_an_incomplete_article_is_refused_with_what_to_fix(editor_client, editor):
    article = factories.make_article(editor, section=None, headline="제목")
    response = editor_client.post(
        change_url(article), article_form(headline="", _publish="1"), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.events.count() == 0
    [message] = [str(m) for m in response.context["messages"]]
    for problem in ["The headline is missing.", "Choose a section.", "Choose a lead image."]:
        assert problem in message
    assert not Article.objects.published().exists()


def test_body_with_a_missing_embed_is_a_form_error_and_saves_nothing(reporter_client):
    response = reporter_client.post(ADD_URL, article_form(body="문단\n\n[[image:987654]]"))
    assert response.status_code == 200
    assert "987654" in response.content.decode()
    assert not Article.objects.exists()


def test_image_in_use_cannot_be_deleted_and_the_admin_says_where(editor_client, editor):
    image = factories.make_image(editor)
    article = factories.make_article(editor, headline="사진을 쓰는 기사", body=f"[[image:{image.pk}]]")
    page = editor_client.get(f"/admin/photos/image/{image.pk}/delete/")
    assert "사진을 쓰는 기사" in page.content.decode()
    editor_client.post(f"/admin/photos/image/{image.pk}/delete/", {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    assert article.embedded_images.filter(pk=image.pk).exists()


def test_quote_in_use_cannot_be_deleted(editor_client, editor):
    quote = factories.QuoteFactory()
    factories.make_article(editor, headline="인용 기사", body=f"[[quote:{quote.pk}]]")
    page = editor_client.get(f"/admin/articles/quote/{quote.pk}/delete/")
    assert "인용 기사" in page.content.decode()
    editor_client.post(f"/admin/articles/quote/{quote.pk}/delete/", {"post": "yes"})
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_quote_without_source_is_a_form_error(editor_client):
    response = editor_client.post(
        "/admin/articles/quote/add/", {"text": "출처 없는 말", "language": "ko", "medium": "interview"}
    )
    assert response.status_code == 200
    assert not Quote.objects.exists()


def test_another_reporter_never_sees_an_anonymous_sources_identity(client, reporter, other_reporter):
    source = Source.objects.create(
        name="Kim Secret", role="차관", is_anonymous=True, public_description="정부 고위 관계자", created_by=reporter
    )
    factories.QuoteFactory(source=source, text="익명의 말")
    sign_in(client, other_reporter)
    pages = [
        client.get("/admin/articles/source/"),
        client.get("/admin/articles/source/?q=Kim"),
        client.get(f"/admin/articles/source/{source.pk}/change/"),
        client.get("/admin/articles/quote/?q=Secret"),
        client.get(
            "/admin/autocomplete/",
            {"term": "Kim", "app_label": "articles", "model_name": "quote", "field_name": "source"},
        ),
        client.get(
            "/admin/autocomplete/",
            {"term": "", "app_label": "articles", "model_name": "quote", "field_name": "source"},
        ),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "Kim Secret" not in page.content.decode()
        assert "차관" not in page.content.decode()
    assert "익명의 말" not in pages[3].content.decode()  # searching the hidden name finds nothing


def test_the_adder_and_editors_see_the_anonymous_identity(client, reporter, editor):
    source = Source.objects.create(
        name="Kim Secret", is_anonymous=True, public_description="정부 고위 관계자", created_by=reporter
    )
    for user in (reporter, editor):
        sign_in(client, user)
        assert "Kim Secret" in client.get("/admin/articles/source/").content.decode()
        assert "Kim Secret" in client.get(f"/admin/articles/source/{source.pk}/change/").content.decode()


def test_preview_shows_a_draft_at_the_public_template_for_staff_only(client, reporter, notice):
    article = factories.make_publishable(reporter, headline="미리보기 기사")
    url = reverse("staff_preview", args=[article.pk])
    assert client.get(url).status_code == 302  # to the login page
    sign_in(client, reporter)
    response = client.get(url)
    assert response.status_code == 200
    assert "미리보기 기사" in response.content.decode()
    assert "(사진:" in response.content.decode()
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert "noindex" in response["X-Robots-Tag"]


def test_view_on_site_only_for_published_articles(editor_client, notice):
    draft = factories.make_publishable()
    live = factories.make_publishable(status=Status.PUBLISHED, publish_at=timezone.now())
    assert "/r/" not in editor_client.get(change_url(draft)).content.decode()
    assert "viewsitelink" in editor_client.get(change_url(live)).content.decode()


def test_script_in_headline_is_text_in_the_admin_list(editor_client):
    factories.make_article(headline='<script>alert("x")</script>')
    html = editor_client.get("/admin/articles/article/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_admin_lists_answer_with_filters_and_search(editor_client, notice):
    factories.make_publishable(headline="검색될 기사")
    for url in [
        "/admin/articles/article/?status__exact=draft",
        "/admin/articles/article/?q=검색될",
        "/admin/photos/image/",
        "/admin/photos/image/?rights=expiring",
        "/admin/articles/quote/",
        "/admin/articles/source/",
        "/admin/articles/copyrightnotice/",
        "/admin/articles/author/",
        ADD_URL,
        "/admin/photos/image/add/",
    ]:
        assert editor_client.get(url).status_code == 200, url
