"""Each published article as IPTC NINJS 2.1, validated against the published
schema vendored beside these tests (``schemas/``: nothing is fetched)."""

import datetime
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.validators import validator_for
from referencing import Registry
from referencing.exceptions import NoSuchResource, Unresolvable

from api import keys
from articles import services
from articles.models import Source
from tests import factories

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "ninjs-schema_2.1.json").read_text(encoding="utf-8"))

#: The formats the schema uses. jsonschema checks "date-time" and "uri" only
#: when optional packages are installed (rfc3339-validator, rfc3987), which
#: requirements.txt does not pin; without them it would pass anything, so they
#: are checked here: RFC 3339 date-times and absolute RFC 3986 URIs (ASCII only:
#: a Korean slug must arrive percent-encoded).
FORMATS = FormatChecker()
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
RFC3986 = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*")


@FORMATS.checks("date-time", raises=ValueError)
def is_rfc3339_date_time(value):
    if not isinstance(value, str):
        return True
    return bool(RFC3339.fullmatch(value)) and datetime.datetime.fromisoformat(value.upper()) is not None


@FORMATS.checks("uri", raises=ValueError)
def is_absolute_uri(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(RFC3986.fullmatch(value)) and (parts.scheme not in ("http", "https") or bool(parts.netloc))


def refuse_to_fetch(uri):
    raise NoSuchResource(ref=uri)


#: The validator the schema's ``$schema`` names, with format checking, and a
#: registry that never fetches (the schema's one remote reference, GeoJSON for
#: ``places``, fails loudly instead of going to the network).
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FORMATS, registry=Registry(retrieve=refuse_to_fetch))


def problems(document):
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATOR.iter_errors(document)]


def ninjs_of(client, article, **headers):
    response = client.get(f"/api/v1/articles/{article.pk}/ninjs/", **headers)
    assert response.status_code == 200, response.content
    document = response.json()
    assert problems(document) == []
    return document


def named(document, name):
    found = [association for association in document.get("associations", []) if association["name"] == name]
    assert len(found) == 1, [association["name"] for association in document.get("associations", [])]
    return found[0]


def published(editor, **fields):
    article = factories.make_publishable(editor, **fields)
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    return article


@pytest.fixture(autouse=True)
def _no_stored_pages():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def story(editor):
    """The reference shape: a Korean piece with a lead photo, a screenshot whose
    rights have run out, a quote of an anonymous official, a quote printed in
    Korean beside its English original, tags, two bylines, a citation, a
    correction and an English translation."""
    factories.CopyrightNoticeFactory(
        license_name="CC BY-NC-ND 4.0", license_url="https://creativecommons.org/licenses/by-nc-nd/4.0/"
    )
    lead = factories.make_image(
        editor,
        alt_text="연단에서 발표하는 대표",
        credit="본지DB",
        caption="기조연설 중인 대표",
        creator="박사진",
        copyright_holder="뉴스룸 데일리",
        usage_terms="본지 기사에 한해 사용",
    )
    screenshot = factories.make_image(editor, alt_text="게시물 화면", credit="본지DB", caption="문제의 게시물")
    official = Source.objects.create(
        name="홍길동", role="차관", is_anonymous=True, public_description="정부 고위 관계자", kind=Source.Kind.PERSON
    )
    secret = factories.QuoteFactory(
        source=official, text="발표는 다음 주다.", original_text="", original_language="", medium="interview"
    )
    ceo = factories.SourceFactory(name="Sam Example", role="CEO of Example AI", url="https://example.ai/")
    post = factories.QuoteFactory(source=ceo)
    first, second = (
        factories.AuthorFactory(name="김하늘", slug="kim-haneul"),
        factories.AuthorFactory(name="이별", slug="lee-byeol"),
    )
    article = published(
        editor,
        headline='AI 기업 대표 "AI는 전기 같은 기술"',
        dek="소셜미디어 게시물에서 밝혀",
        lead_image=lead,
        body=(
            "첫 문단입니다.\n\n"
            f"[[quote:{post.pk}]]\n\n"
            f"[[image:{screenshot.pk}]]\n\n"
            "정부의 입장도 나왔다.\n\n"
            f"[[quote:{secret.pk}]]\n"
        ),
        tags=["인공지능", "반도체"],
        authors=[first, second],
    )
    factories.make_citation(article, url="https://ft.example.com/ai-chips", published_on=datetime.date(2020, 9, 16))
    type(screenshot).objects.filter(pk=screenshot.pk).update(
        rights_expire_at=timezone.localdate() - datetime.timedelta(days=1)
    )
    correction = services.correction_add(article=article, user=editor, text="대표의 직함을 바로잡습니다.")
    english = published(editor, headline="AI is like electricity, says CEO", language="en", translation_of=article)
    return {
        "article": article,
        "english": english,
        "lead": lead,
        "screenshot": screenshot,
        "secret": secret,
        "post": post,
        "correction": correction,
    }


def test_a_korean_article_is_a_valid_ninjs_2_1_text_with_its_stable_uri_and_dates(client, story):
    article = story["article"]
    article.refresh_from_db()
    document = ninjs_of(client, article)
    assert document["standard"] == {
        "name": "ninjs",
        "version": "2.1",
        "schema": "https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
    }
    assert document["uri"] == f"https://news.example.org/a/{article.pk}/"
    assert {"role": "canonical", "value": f"https://news.example.org{article.get_absolute_url()}"} in document["altids"]
    assert document["type"] == "text" and document["language"] == "ko"
    assert document["headlines"] == [
        {"role": "main", "value": 'AI 기업 대표 "AI는 전기 같은 기술"'},
        {"role": "subhead", "value": "소셜미디어 게시물에서 밝혀"},
    ]
    assert document["descriptions"][0]["value"] == "소셜미디어 게시물에서 밝혀"
    assert datetime.datetime.fromisoformat(document["firstcreated"]) == article.first_published_at
    assert datetime.datetime.fromisoformat(document["versioncreated"]) == article.updated_at
    assert "embargoed" not in document
    [body] = document["bodies"]
    assert body["role"] == "main" and body["contenttype"] == "text/html"
    assert body["value"].startswith("<p>첫 문단입니다.</p>")
    assert "(사진: 본지DB)" in body["value"]


def test_the_lead_photo_is_a_featured_picture_with_its_credit_rights_and_files(client, story):
    lead = story["lead"]
    picture = named(ninjs_of(client, story["article"]), "featuremedia")
    assert picture["type"] == "picture" and picture["pubstatus"] == "usable"
    assert picture["uri"] == f"https://news.example.org/api/v1/photos/{lead.pk}/"
    assert picture["by"] == "본지DB"
    assert {"role": "creator", "name": "박사진"} in picture["infosources"]
    assert picture["copyrightholder"] == "뉴스룸 데일리"
    assert "본지 기사에 한해 사용" in picture["usageterms"]
    assert {"role": "caption", "contenttype": "text/plain", "value": "기조연설 중인 대표"} in picture["descriptions"]
    assert {"role": "alt", "contenttype": "text/plain", "value": "연단에서 발표하는 대표"} in picture["descriptions"]
    types = {rendition["contenttype"] for rendition in picture["renditions"]}
    assert types == {"image/webp", "image/jpeg"}
    for rendition in picture["renditions"]:
        assert rendition["href"].startswith("https://news.example.org/media/")
        assert rendition["width"] > 0 and rendition["height"] > 0


def test_a_photo_whose_rights_expired_keeps_its_credit_but_lists_no_file(client, story):
    screenshot = story["screenshot"]
    document = ninjs_of(client, story["article"])
    picture = named(document, f"photo-{screenshot.pk}")
    assert picture["by"] == "본지DB"
    assert picture["pubstatus"] == "withheld"
    assert "renditions" not in picture
    assert "/media/" not in json.dumps(picture)


def test_an_anonymous_sources_identity_appears_nowhere_in_the_document(client, story):
    article = story["article"]
    response = client.get(f"/api/v1/articles/{article.pk}/ninjs/")
    text = response.content.decode()
    document = response.json()
    assert problems(document) == []
    for leak in ("홍길동", "차관"):
        assert leak not in text
        assert leak not in json.dumps(document, ensure_ascii=False)
    quote = named(document, f"quote-{story['secret'].pk}")
    assert quote["by"] == "정부 고위 관계자"
    assert quote["people"] == [{"name": "정부 고위 관계자", "rel": "speaker"}]


def test_a_quote_carries_its_english_original_speaker_day_and_medium(client, story):
    post = story["post"]
    quote = named(ninjs_of(client, story["article"]), f"quote-{post.pk}")
    assert quote["type"] == "text" and quote["language"] == "ko"
    assert quote["uri"] == f"https://news.example.org/api/v1/quotes/{post.pk}/"
    assert quote["bodies"] == [{"role": "quote", "contenttype": "text/plain", "value": post.text}]
    assert quote["by"] == "Sam Example, CEO of Example AI"
    assert quote["people"] == [{"name": "Sam Example", "rel": "speaker", "uri": "https://example.ai/"}]
    assert quote["contentcreated"].startswith("2020-09-24T00:00:00")
    assert quote["genres"][0]["literal"] == "post"
    assert {"name": "Sam Example", "role": "evidence", "uri": "https://social.example.com/post/1"} in quote[
        "infosources"
    ]
    original = named(quote, "original")
    assert original["language"] == "en"
    assert original["bodies"][0]["value"] == "AI will be a technology like electricity."


def test_two_bylines_are_the_by_line_and_the_authors_in_byline_order(client, story):
    document = ninjs_of(client, story["article"])
    assert document["by"] == "김하늘, 이별"
    assert document["people"] == [
        {
            "name": "김하늘",
            "rel": "author",
            "uri": "https://news.example.org/api/v1/authors/kim-haneul/",
            "literal": "kim-haneul",
        },
        {
            "name": "이별",
            "rel": "author",
            "uri": "https://news.example.org/api/v1/authors/lee-byeol/",
            "literal": "lee-byeol",
        },
    ]


def test_tags_and_the_section_are_named_subjects(client, story):
    article = story["article"]
    subjects = ninjs_of(client, article)["subjects"]
    assert subjects[0]["rel"] == "section"
    assert subjects[0]["name"] == article.section.name and subjects[0]["literal"] == article.section.slug
    tags = {subject["name"]: subject for subject in subjects if subject["rel"] == "tag"}
    assert set(tags) == {"인공지능", "반도체"}
    # The address of a Korean tag arrives percent-encoded (a URI, not an IRI).
    assert tags["인공지능"]["uri"].startswith("https://news.example.org/api/v1/tags/%EC%")


def test_the_copyright_notice_is_the_rights_of_the_article_with_its_licence_linked(client, story):
    document = ninjs_of(client, story["article"])
    assert document["copyrightholder"] == "뉴스룸 데일리"
    assert document["copyrightnotice"] == "저작권자 © 뉴스룸 데일리 무단전재 및 재배포 금지"
    assert document["usageterms"] == "CC BY-NC-ND 4.0"
    assert document["rightsinfo"] == {"linkedrights": "https://creativecommons.org/licenses/by-nc-nd/4.0/"}


def test_a_correction_is_a_dated_association(client, story):
    correction = story["correction"]
    item = named(ninjs_of(client, story["article"]), f"correction-{correction.pk}")
    assert item["bodies"] == [
        {"role": "correction", "contenttype": "text/plain", "value": "대표의 직함을 바로잡습니다."}
    ]
    assert datetime.datetime.fromisoformat(item["firstcreated"]) == correction.created_at


def test_the_english_translation_and_its_korean_original_point_at_each_other(client, story):
    article, english = story["article"], story["english"]
    korean = ninjs_of(client, article)
    link = named(korean, "translation")
    assert link["uri"] == f"https://news.example.org/en/a/{english.pk}/"
    assert link["language"] == "en" and link["headlines"] == [
        {"role": "main", "value": "AI is like electricity, says CEO"}
    ]
    back = ninjs_of(client, english)
    assert back["language"] == "en"
    assert named(back, "original")["uri"] == korean["uri"]


def test_a_citation_names_the_outlet_as_an_information_source(client, story):
    document = ninjs_of(client, story["article"])
    assert document["infosources"] == [
        {"name": "Financial Times", "role": "cited", "uri": "https://ft.example.com/ai-chips"}
    ]


def test_a_draft_is_a_404_exactly_like_an_unknown_id(client, editor):
    draft = factories.make_publishable(editor, headline="아직 초안")
    unknown = client.get("/api/v1/articles/999999/ninjs/")
    response = client.get(f"/api/v1/articles/{draft.pk}/ninjs/")
    assert response.status_code == 404 == unknown.status_code
    assert response.content == unknown.content
    assert "아직 초안" not in response.content.decode()


def test_only_a_partner_key_reading_a_scheduled_piece_sees_it_marked_embargoed(client, editor, superuser):
    ahead = factories.make_publishable(editor, headline="엠바고 기사")
    minute = (timezone.now() + datetime.timedelta(hours=3)).replace(second=0, microsecond=0)
    services.article_schedule(article=ahead, user=editor, publish_at=minute, embargoed=True)
    live = published(editor, headline="공개된 기사")
    _, key = keys.partner_key_issue(name="Wire partner", user=superuser, reads_embargoed=True)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    assert client.get(f"/api/v1/articles/{ahead.pk}/ninjs/").status_code == 404
    document = ninjs_of(client, ahead, **bearer)
    assert datetime.datetime.fromisoformat(document["embargoed"]) == minute
    assert "embargoed" not in ninjs_of(client, live, **bearer)


def test_the_document_takes_as_many_queries_whatever_its_photos_quotes_and_tags(client, editor):
    def piece(count):
        images = [factories.make_image(editor) for _ in range(count)]
        quotes = [factories.QuoteFactory(evidence_image=factories.make_image(editor)) for _ in range(count)]
        body = "\n\n".join([f"[[image:{image.pk}]]" for image in images] + [f"[[quote:{q.pk}]]" for q in quotes])
        return published(
            editor,
            body=f"문단.\n\n{body}\n",
            tags=[f"태그{n}-{count}" for n in range(count)],
            authors=[factories.AuthorFactory() for _ in range(count)],
        )

    def queries(article):
        cache.clear()  # counted as built, not as stored
        with CaptureQueriesContext(connection) as captured:
            ninjs_of(client, article)
        return len(captured)

    small, large = piece(1), piece(4)
    queries(small)  # the first request fills what the process keeps
    assert queries(large) == queries(small)


def test_the_vendored_schema_is_ninjs_2_1_and_is_never_fetched():
    assert validator_for(SCHEMA) is Draft202012Validator
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#"
    assert SCHEMA["title"].startswith("IPTC ninjs - News in JSON - version 2.1")
    # The one remote reference is refused, not downloaded.
    with pytest.raises(Unresolvable):
        VALIDATOR.validate({"uri": "https://news.example.org/a/1", "places": [{"geojson": {"type": "Point"}}]})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("versioncreated", "yesterday"),
        ("versioncreated", "2026-05-01 09:00"),
        ("uri", "/a/1/"),
        ("uri", "https://news.example.org/경제/1/"),
        ("type", "article"),
    ],
)
def test_the_validator_refuses_what_ninjs_2_1_does_not_allow(field, value):
    assert problems({"uri": "https://news.example.org/a/1", field: value})
