"""The content API: what it shows (exactly what a reader may see), how a client
syncs from it, and what a partner key adds."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api import keys
from api.models import PartnerKey
from articles import services
from articles.models import Article, Source, Status
from tests import factories

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"


@pytest.fixture(autouse=True)
def _no_stored_pages():
    cache.clear()
    yield
    cache.clear()


def published(editor, **fields):
    article = factories.make_publishable(editor, **fields)
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    return article


def get(client, path, **params):
    response = client.get(path, params)
    return response, (response.json() if response["Content-Type"].startswith("application/json") else None)


@pytest.fixture
def newsroom(editor, notice):
    """A published piece with a photo, a quote of an anonymous source and tags;
    beside it a draft, a piece in review, one scheduled and one taken down."""
    anonymous = Source.objects.create(
        name="홍길동", role="차관", is_anonymous=True, public_description="정부 고위 관계자", kind=Source.Kind.PERSON
    )
    quote = factories.QuoteFactory(source=anonymous, text="발표는 다음 주다.")
    photo = factories.make_image(editor, alt_text="공장 전경", credit="본지DB", caption="반도체 공장")
    live = published(
        editor,
        headline="반도체 수출 석 달째 증가",
        body=f"첫 문단.\n\n[[image:{photo.pk}]]\n\n[[quote:{quote.pk}]]\n\n## 소제목\n\n- 하나\n- 둘\n",
        tags=["반도체", "수출"],
        authors=[factories.AuthorFactory(name="김하늘", slug="kim")],
    )
    draft = factories.make_publishable(editor, headline="아직 초안", tags=["초안만의태그"])
    review = factories.make_publishable(editor, headline="검토 중인 기사")
    services.article_submit_for_review(article=review, user=editor)
    ahead = factories.make_publishable(editor, headline="엠바고 기사")
    services.article_schedule(
        article=ahead, user=editor, publish_at=timezone.now() + datetime.timedelta(hours=3), embargoed=True
    )
    down = published(editor, headline="내려간 기사")
    services.article_unpublish(article=down, user=editor, reason="오보")
    return {"live": live, "draft": draft, "review": review, "ahead": ahead, "down": down, "photo": photo}


def test_a_reader_of_the_api_sees_exactly_what_a_reader_of_the_site_sees(client, newsroom):
    _, page = get(client, ARTICLES)
    assert [item["headline"] for item in page["results"]] == ["반도체 수출 석 달째 증가"]
    for hidden in ("draft", "review", "ahead", "down"):
        unknown = client.get(f"{ARTICLES}999999/")
        response = client.get(f"{ARTICLES}{newsroom[hidden].pk}/")
        assert response.status_code == 404 == unknown.status_code, hidden
        assert response.json() == unknown.json()
        assert client.get(f"{ARTICLES}{newsroom[hidden].pk}/ninjs/").status_code == 404
    _, tags = get(client, "/api/v1/tags/")
    assert "초안만의태그" not in json.dumps(tags, ensure_ascii=False)


def test_an_article_carries_what_its_page_carries(client, newsroom, editor):
    live = newsroom["live"]
    response, article = get(client, f"{ARTICLES}{live.pk}/")
    assert response.status_code == 200
    assert article["headline"] == "반도체 수출 석 달째 증가"
    assert article["canonical_url"].startswith("https://news.example.org/")
    assert [byline["name"] for byline in article["bylines"]] == ["김하늘"]
    assert set(article["tags"]) == {"반도체", "수출"}
    assert article["section"]["slug"]
    assert article["copyright"]["notice"].startswith("저작권자 ©")
    assert article["lead_photo"]["credit"] == "본지DB"
    kinds = [block["type"] for block in article["blocks"]]
    assert kinds == ["html", "photo", "quote", "html", "html"]
    assert article["blocks"][0] == {"type": "html", "tag": "p", "html": "<p>첫 문단.</p>"}
    assert article["blocks"][1]["photo"]["credit_line"] == "(사진: 본지DB)"
    assert article["blocks"][3]["tag"] == "h2" and article["blocks"][4]["tag"] == "ul"
    assert "(사진: 본지DB)" in article["body_html"]
    assert "body_markdown" not in article  # the stored format is the desk's; readers get HTML and blocks
    assert {rendition["name"] for rendition in article["lead_photo"]["renditions"]} <= {
        "w480",
        "w960",
        "w1600",
        "thumb160",
    }


def test_an_anonymous_sources_identity_never_leaves_the_api(client, newsroom):
    live = newsroom["live"]
    for path in (f"{ARTICLES}{live.pk}/", "/api/v1/quotes/", f"{ARTICLES}{live.pk}/ninjs/"):
        text = client.get(path).content.decode()
        assert "정부 고위 관계자" in text, path
        assert "홍길동" not in text and "차관" not in text, path


def test_a_photo_whose_rights_expired_shows_no_file(client, newsroom):
    photo = newsroom["photo"]
    type(photo).objects.filter(pk=photo.pk).update(rights_expire_at=timezone.localdate() - datetime.timedelta(days=1))
    _, listed = get(client, "/api/v1/photos/")
    shown = {item["id"]: item for item in listed["results"]}[photo.pk]
    assert shown["rights_expired"] is True and shown["renditions"] == []
    _, article = get(client, f"{ARTICLES}{newsroom['live'].pk}/")
    assert article["blocks"][1]["photo"]["renditions"] == []
    assert "/media/" not in json.dumps(article["blocks"][1])


def test_only_photos_quotes_tags_and_bylines_of_published_pieces_exist(client, newsroom, editor):
    secret_photo = factories.make_image(editor, alt_text="초안의 사진")
    draft = newsroom["draft"]
    draft.lead_image = secret_photo
    services.article_save(article=draft, user=editor, expected_version=draft.version)
    assert client.get(f"/api/v1/photos/{secret_photo.pk}/").status_code == 404
    assert client.get(f"/api/v1/photos/{newsroom['photo'].pk}/").status_code == 200
    assert client.get("/api/v1/tags/초안만의태그/").status_code == 404
    assert client.get("/api/v1/tags/반도체/").status_code == 200


def test_an_unknown_parameter_or_field_is_refused_by_name_never_ignored(client, newsroom):
    response, body = get(client, ARTICLES, sectoin="economy")
    assert response.status_code == 400 and "sectoin" in body["detail"]
    response, body = get(client, ARTICLES, fields="headline,secret")
    assert response.status_code == 400 and "secret" in json.dumps(body)
    for size in ("0", "101", "many"):
        assert client.get(ARTICLES, {"page_size": size}).status_code == 400
    assert client.get(ARTICLES, {"updated_since": "yesterday"}).status_code == 400


def test_a_client_syncs_by_following_next_in_a_stable_order(client, editor, notice):
    made = [published(editor, headline=f"기사 {n}") for n in range(5)]
    seen, url = [], f"{ARTICLES}?page_size=2"
    while url:
        response = client.get(url.removeprefix("https://news.example.org"))
        page = response.json()
        assert set(page) == {"results", "next"}
        if page["next"]:
            assert response["Link"] == f'<{page["next"]}>; rel="next"'
            assert page["next"].startswith("https://news.example.org/api/v1/")
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(article.pk for article in made) and len(seen) == len(set(seen))


def test_updated_since_lists_what_changed_oldest_first(client, editor, notice):
    old = published(editor, headline="옛 기사")
    new = published(editor, headline="새 기사")
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=2))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    _, page = get(client, ARTICLES, updated_since=since)
    assert [item["id"] for item in page["results"]] == [new.pk]


def test_sparse_fields_return_only_what_was_asked(client, newsroom):
    _, page = get(client, ARTICLES, fields="id,headline")
    assert page["results"] == [{"id": newsroom["live"].pk, "headline": "반도체 수출 석 달째 증가"}]


def test_a_repeat_with_the_etag_is_a_304_and_answers_say_when_they_changed(client, newsroom):
    first = client.get(f"{ARTICLES}{newsroom['live'].pk}/")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(f"{ARTICLES}{newsroom['live'].pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "public" in first["Cache-Control"]


def test_filters_by_section_tag_author_and_language(client, editor, notice):
    economy = factories.SectionFactory(name="경제", slug="economy")
    author = factories.AuthorFactory(name="박정우", slug="park")
    english = published(editor, headline="In English", language="en", section=economy, authors=[author])
    korean = published(editor, headline="한국어", tags=["반도체"])
    assert [i["id"] for i in get(client, ARTICLES, section="economy")[1]["results"]] == [english.pk]
    assert [i["id"] for i in get(client, ARTICLES, author="park")[1]["results"]] == [english.pk]
    assert [i["id"] for i in get(client, ARTICLES, language="en")[1]["results"]] == [english.pk]
    assert [i["id"] for i in get(client, ARTICLES, tag="반도체")[1]["results"]] == [korean.pk]
    assert get(client, ARTICLES, language="fr")[0].status_code == 400


# -- Partner keys ----------------------------------------------------------------------------


@pytest.fixture
def partner(superuser):
    record, key = keys.partner_key_issue(name="Northwind Wire", user=superuser, reads_embargoed=True)
    return record, key


def keyed(key):
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_partner_key_reads_an_embargoed_piece_with_its_minute_and_nobody_else_does(client, newsroom, partner):
    _, key = partner
    ahead = newsroom["ahead"]
    response = keyed(key).get(f"{ARTICLES}{ahead.pk}/")
    assert response.status_code == 200
    assert response.json()["embargoed_until"] == ahead.publish_at.isoformat()
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Accel-Expires" not in response
    listed = [item["id"] for item in keyed(key).get(ARTICLES).json()["results"]]
    assert ahead.pk in listed and newsroom["draft"].pk not in listed
    assert client.get(f"{ARTICLES}{ahead.pk}/").status_code == 404
    assert keyed(key).get(f"{ARTICLES}{newsroom['draft'].pk}/").status_code == 404


def test_a_key_without_the_embargo_right_sees_what_the_public_sees(newsroom, superuser):
    _, key = keys.partner_key_issue(name="Portal", user=superuser)
    assert keyed(key).get(f"{ARTICLES}{newsroom['ahead'].pk}/").status_code == 404


def test_a_wrong_revoked_or_misplaced_key_is_refused(newsroom, partner, superuser):
    record, key = partner
    assert keyed("nr_deadbeef_nope").get(ARTICLES).status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(ARTICLES).status_code == 401
    keys.partner_key_revoke(record=record, user=superuser)
    assert keyed(key).get(ARTICLES).status_code == 401


def test_a_key_is_kept_only_as_a_hash_and_shown_once(admin_client):
    response = admin_client.post("/admin/api/partnerkey/add/", {"name": "Northwind Wire", "reads_embargoed": "on"})
    assert response.status_code == 200
    record = PartnerKey.objects.get()
    key = response.content.decode().split('id="partner-key">')[1].split("<")[0]
    assert key.startswith(f"nr_{record.prefix}_")
    assert key not in json.dumps(list(PartnerKey.objects.values()), default=str)
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert keys.partner_for_key(key) == record


def test_a_rotated_key_works_beside_the_new_one_for_a_week(newsroom, partner, superuser):
    record, old_key = partner
    new, new_key = keys.partner_key_rotate(record=record, user=superuser)
    assert keyed(old_key).get(ARTICLES).status_code == 200
    assert keyed(new_key).get(ARTICLES).status_code == 200
    later = timezone.now() + datetime.timedelta(days=8)
    assert keys.partner_for_key(old_key, now=later) is None
    assert keys.partner_for_key(new_key, now=later) == new


def test_issuing_rotating_and_revoking_keys_is_in_the_audit_log(partner, superuser):
    from accounts.models import AuditEntry

    record, _ = partner
    keys.partner_key_rotate(record=record, user=superuser)
    keys.partner_key_revoke(record=record, user=superuser)
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-4:] == ["api_key_issued", "api_key_issued", "api_key_rotated", "api_key_revoked"]


def test_only_admins_manage_partner_keys(editor_client):
    assert editor_client.get("/admin/api/partnerkey/").status_code in (302, 403)
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied, whatever the wrapper
        keys.partner_key_issue(name="x", user=factories.editor(username="e2"))


def test_keyed_requests_are_rate_limited_per_key_and_logged_by_prefix(settings, newsroom, partner, caplog):
    record, key = partner
    settings.NEWSROOM_API_KEY_RATE = "3/min"
    client = keyed(key)
    codes = [client.get(ARTICLES).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    logged = [r for r in caplog.records if r.name == "newsroom.request"]
    assert any(getattr(r, "api_key", None) == record.prefix for r in logged)
    assert not any(key in r.getMessage() or key in json.dumps(r.__dict__, default=str) for r in logged)


def test_anonymous_clients_are_not_counted_by_the_app(settings, client, newsroom):
    """Their limit is the edge's (tests/api/test_api_edge.py): counting each
    anonymous answer in the shared cache would cost every uncached one."""
    settings.NEWSROOM_API_KEY_RATE = "2/min"
    assert [client.get(ARTICLES, {"fields": "id"}).status_code for _ in range(3)] == [200, 200, 200]


# -- Cost --------------------------------------------------------------------------------------


def test_list_and_detail_cost_the_same_queries_whatever_an_article_holds(client, editor, notice, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    small = published(editor, headline="작은 기사")
    photos = [factories.make_image(editor, alt_text=f"사진 {n}") for n in range(6)]
    quotes = [factories.QuoteFactory() for _ in range(4)]
    body = "\n\n".join(["문단"] + [f"[[image:{p.pk}]]" for p in photos] + [f"[[quote:{q.pk}]]" for q in quotes])
    big = published(editor, headline="큰 기사", body=body, tags=[f"태그{n}" for n in range(8)])

    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    assert count(f"{ARTICLES}{small.pk}/") == count(f"{ARTICLES}{big.pk}/")
    few = count(ARTICLES)
    for n in range(5):
        published(editor, headline=f"더 {n}", tags=["a", "b"])
    assert count(ARTICLES) == few
    assert Article.objects.filter(status=Status.PUBLISHED).count() == 7


def test_an_edit_shows_in_the_api_at_once_though_readers_answers_are_remembered(
    client, editor, notice, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = False  # the remembered parts alone, as in the bench's uncached runs
    article = published(editor, headline="처음 제목")
    for path in (f"{ARTICLES}{article.pk}/", ARTICLES):
        assert "처음 제목" in client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "고친 제목"
        services.article_save(article=article, user=editor)
    for path in (f"{ARTICLES}{article.pk}/", ARTICLES):
        text = client.get(path).content.decode()
        assert "고친 제목" in text and "처음 제목" not in text, path
