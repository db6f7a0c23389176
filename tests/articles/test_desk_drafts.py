"""Who reads drafts: another reporter's draft is not on a reporter's desk (list,
change page, revisions, preview, sharing, the related-articles search) unless
the paper lets reporters see the whole desk's drafts; editors always see them."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from articles.models import Status
from articles.roles import REPORTER, setup_roles
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(other_reporter):
    return factories.make_article(other_reporter, headline="남의 비밀 초안")


def desk_addresses(article):
    base = f"/admin/articles/article/{article.pk}"
    return [f"{base}/change/", f"{base}/revisions/", f"{base}/preview/", f"{base}/share/", f"{base}/history/"]


def answers_like_nothing(client, url, missing_url):
    """The same status (and redirect) as for an article that does not exist."""
    response, missing = client.get(url), client.get(missing_url)
    return (response.status_code, response.get("Location")) == (missing.status_code, missing.get("Location"))


def test_another_reporters_draft_answers_like_an_article_that_does_not_exist(reporter_client, draft):
    for url, missing in zip(desk_addresses(draft), desk_addresses(type(draft)(pk=987654)), strict=True):
        assert answers_like_nothing(reporter_client, url, missing), url
    listing = reporter_client.get("/admin/articles/article/").content.decode()
    assert "남의 비밀 초안" not in listing
    search = reporter_client.get(
        "/admin/autocomplete/",
        {"term": "비밀", "app_label": "articles", "model_name": "article", "field_name": "related_articles"},
    )
    assert search.status_code == 200 and "남의 비밀 초안" not in search.content.decode()


def test_a_reporter_still_sees_their_own_drafts_and_the_ones_bylined_to_them(reporter_client, reporter, other_reporter):
    own = factories.make_article(reporter, headline="내 초안")
    shared = factories.make_article(
        other_reporter, headline="함께 쓰는 초안", authors=[factories.AuthorFactory(name="공동기자", user=reporter)]
    )
    listing = reporter_client.get("/admin/articles/article/").content.decode()
    assert "내 초안" in listing and "함께 쓰는 초안" in listing
    assert reporter_client.get(f"/admin/articles/article/{shared.pk}/change/").status_code == 200
    assert reporter_client.get(f"/admin/articles/article/{own.pk}/preview/").status_code == 200


def test_pieces_past_the_draft_stay_on_every_reporters_desk(reporter_client, other_reporter):
    in_review = factories.make_article(other_reporter, headline="검토 중인 기사", status=Status.REVIEW)
    assert "검토 중인 기사" in reporter_client.get("/admin/articles/article/").content.decode()
    assert reporter_client.get(f"/admin/articles/article/{in_review.pk}/change/").status_code == 200


def test_editors_see_the_whole_desk_s_drafts(editor_client, draft):
    assert "남의 비밀 초안" in editor_client.get("/admin/articles/article/").content.decode()
    for url in desk_addresses(draft):
        assert editor_client.get(url).status_code == 200, url


def test_a_paper_may_let_its_reporters_see_each_other_s_drafts(reporter_client, reporter, draft, settings):
    settings.NEWSROOM_REPORTERS_SEE_ALL_DRAFTS = True
    setup_roles()
    assert Group.objects.get(name=REPORTER).permissions.filter(codename="view_desk_drafts").exists()
    reporter = type(reporter).objects.get(pk=reporter.pk)
    sign_in(reporter_client, reporter)
    page = reporter_client.get(f"/admin/articles/article/{draft.pk}/change/")
    assert page.status_code == 200 and 'name="headline"' not in page.content.decode()  # read, not edit


def test_a_photo_s_and_a_quote_s_used_in_panel_lists_only_what_is_on_the_user_s_desk(
    reporter_client, reporter, other_reporter, editor
):
    editor_client = Client()
    sign_in(editor_client, editor)
    photo = factories.make_image(editor)
    quote = factories.QuoteFactory()
    body = f"문단.\n\n[[image:{photo.pk}]]\n\n[[quote:{quote.pk}]]"
    factories.make_article(other_reporter, headline="남의 비밀 초안", body=body)
    live = {"status": Status.PUBLISHED, "publish_at": timezone.now()}
    factories.make_article(editor, headline="발행된 기사", body=body, **live)
    for url in (f"/admin/photos/image/{photo.pk}/change/", f"/admin/articles/quote/{quote.pk}/change/"):
        seen_by_reporter = reporter_client.get(url).content.decode()
        assert "발행된 기사" in seen_by_reporter and "남의 비밀 초안" not in seen_by_reporter, url
        seen_by_editor = editor_client.get(url).content.decode()
        assert "발행된 기사" in seen_by_editor and "남의 비밀 초안" in seen_by_editor, url
