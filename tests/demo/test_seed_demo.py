"""``manage.py seed_demo``: the demo newsroom loads once, has a login per role, and
its articles have the reference shape of DESIGN.md in Korean and in English."""

import calendar
import dataclasses
import datetime
import re
import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from articles.body import embed_ids, validate_embeds
from articles.models import (
    Article,
    Author,
    Authorship,
    Citation,
    CopyrightNotice,
    Quote,
    Revision,
    Section,
    Source,
    Status,
)
from articles.models.article import RESERVED_SLUGS
from articles.roles import EDITOR, REPORTER
from demo import content as demo_content
from demo import loader as demo
from photos.models import Image

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LOGIN_LINE = re.compile(r"^\s+.+?\s+(?P<username>reporter|editor|admin)\s+(?P<password>\S+)", re.MULTILINE)
MODELS = (Article, Author, Authorship, Citation, CopyrightNotice, Image, Quote, Revision, Section, Source)

pytestmark = [pytest.mark.slow]

CONTENT = demo_content.load()


def run_seed_demo():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """The demo seeded once for the module (renditions make a run take seconds),
    inside a transaction rolled back afterwards; each test adds its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_seed_demo()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(first_run, db):
    return first_run


def printed_logins(output):
    return {match["username"]: match["password"] for match in LOGIN_LINE.finditer(output)}


def paragraphs(body):
    return [part for part in body.split("\n\n") if part.strip() and not part.startswith("[[")]


def test_seed_demo_loads_a_majority_korean_newsroom_with_at_least_four_english_articles(seeded):
    korean = Article.objects.filter(language="ko").count()
    english = Article.objects.filter(language="en").count()
    assert korean + english >= 12
    assert english >= 4
    assert korean > english
    assert Article.objects.filter(language="en", translation_of__language="ko").exists()


def test_seed_demo_leaves_exactly_one_article_scheduled_two_days_ahead_at_a_round_minute(seeded):
    now = timezone.now()
    scheduled = Article.objects.scheduled().get()
    assert now + datetime.timedelta(days=1) < scheduled.publish_at < now + datetime.timedelta(days=3)
    assert (scheduled.publish_at.second, scheduled.publish_at.microsecond) == (0, 0)
    assert not scheduled.is_published()


def test_seed_demo_leaves_one_reporter_draft_and_one_article_in_review(seeded):
    draft = Article.objects.drafts().get()
    in_review = Article.objects.in_review().get()
    assert draft.created_by.username == "reporter"
    assert in_review.created_by.username == "reporter"


def test_seed_demo_publishes_the_rest_over_the_last_three_weeks(seeded):
    now = timezone.now()
    published = Article.objects.filter(status=Status.PUBLISHED)
    assert published.count() == Article.objects.count() - 3
    assert list(published) == list(Article.objects.published())
    dates = sorted(published.values_list("publish_at", flat=True))
    assert now - datetime.timedelta(days=22) < dates[0] < dates[-1] < now
    assert dates[-1] - dates[0] > datetime.timedelta(days=14)
    # (A live page is updated by its entries: the demo's one is, on purpose.)
    assert all(not article.was_updated for article in published.filter(live_coverage__isnull=True))


def test_seed_demo_gives_each_role_a_login_with_the_printed_password(seeded, client):
    logins = printed_logins(seeded)
    assert set(logins) == {"reporter", "editor", "admin"}
    assert "/admin/" in seeded
    users = {user.username: user for user in get_user_model().objects.filter(username__in=logins)}
    assert all(user.is_staff for user in users.values())
    assert list(users["reporter"].groups.values_list("name", flat=True)) == [REPORTER]
    assert list(users["editor"].groups.values_list("name", flat=True)) == [EDITOR]
    assert users["admin"].is_superuser
    for username, password in logins.items():
        response = client.post("/admin/login/", {"username": username, "password": password})
        assert response.status_code == 302, username  # logged in, on to the desk
        client.logout()


def test_seed_demo_gives_the_reporter_and_editor_a_byline_and_adds_two_without_accounts(seeded):
    for username in ("reporter", "editor"):
        author = Author.objects.get(user__username=username)
        assert author.title == "기자"
        assert HANGUL.search(author.name)
    assert Author.objects.filter(user__isnull=True).count() >= 2


def test_seed_demo_sections_have_english_names_and_free_ascii_slugs(seeded):
    sections = list(Section.objects.all())
    assert {section.slug for section in sections} >= {"economy", "tech", "world", "society"}
    for section in sections:
        assert section.slug.isascii() and section.slug not in RESERVED_SLUGS
        assert HANGUL.search(section.name) and section.name_en


def test_seed_demo_makes_the_site_default_copyright_notice_for_the_paper(seeded):
    notice = CopyrightNotice.objects.default()
    assert notice.holder == settings.SITE_NAME
    assert notice.text_for("ko") == f"저작권자 © {settings.SITE_NAME} 무단전재 및 재배포 금지"
    # The English edition names the paper in English (SITE_NAME_EN).
    assert notice.text_for("en", 2024) == f"© 2024 {settings.SITE_NAME_EN}. All rights reserved."


def test_every_published_demo_article_renders_with_its_credit_alt_text_and_copyright_footer(seeded, client):
    footer = {
        "ko": f"저작권자 © {settings.SITE_NAME} 무단전재 및 재배포 금지",
        "en": f"{settings.SITE_NAME_EN}. All rights reserved.",
    }
    credit = {"ko": "(사진: 본지DB)", "en": f"Photo: {CONTENT.credits['en']}"}
    for article in Article.objects.published().select_related("lead_image", "section"):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.get_absolute_url()
        html = response.content.decode()
        assert credit[article.language] in html, article.headline
        assert footer[article.language] in html, article.headline
        assert article.lead_image.alt_text.replace("'", "&#x27;") in html


def test_unpublished_demo_articles_are_not_shown_to_readers(seeded, client):
    for article in Article.objects.exclude(pk__in=Article.objects.published()):
        assert client.get(article.get_absolute_url()).status_code == 404, article.status


def test_every_demo_article_has_the_reference_shape(seeded):
    first_of_language = {}
    for article in Article.objects.filter(live_coverage__isnull=True).order_by("pk"):  # a live page is entries
        first_of_language.setdefault(article.language, article.pk)
        assert validate_embeds(article.body, article=article) == []
        assert 8 <= len(paragraphs(article.body)) <= 12, article.headline
        assert article.lead_image_id and article.dek
        assert article.authorships.exists() and article.tags.exists()
        quotes = Quote.objects.filter(pk__in=embed_ids(article.body, "quote"))
        screenshots = {quote.evidence_image_id for quote in quotes if quote.evidence_image_id}
        assert screenshots, article.headline
        assert set(embed_ids(article.body, "image")) == screenshots, article.headline
        pointers = embed_ids(article.body, "article")
        if article.pk != first_of_language[article.language]:
            assert pointers and all(pk < article.pk for pk in pointers), article.headline


def test_every_demo_article_attributes_another_outlet_on_the_day_of_its_citation(seeded):
    for article in Article.objects.filter(live_coverage__isnull=True):
        citation = article.citations.select_related("source").get()
        assert citation.source.kind == Source.Kind.PUBLICATION
        assert citation.url and citation.title
        day = citation.published_on
        expected = f"{calendar.month_name[day.month]} {day.day}" if article.language == "en" else f"{day.day}일 "
        assert expected in article.body, article.headline


def test_demo_quotes_a_post_in_korean_with_its_english_original_and_a_screenshot(seeded):
    quote = Quote.objects.get(text=CONTENT.quote("whitfield-post-ko").text)
    assert quote.said_on == datetime.date(2020, 9, 24)
    assert quote.medium == Quote.Medium.POST
    assert (quote.language, quote.original_language) == ("ko", "en")
    assert quote.has_original
    assert quote.evidence_url.startswith("https://social.example.com/")
    assert quote.evidence_image.credit == "본지DB"
    assert Quote.objects.filter(language="en", embedded_in_articles__language="en").exists()


def test_demo_anonymous_source_shows_only_its_public_description(seeded):
    source = Source.objects.get(is_anonymous=True)
    assert source.public_description == "정부 고위 관계자"
    assert str(source) == "정부 고위 관계자"
    assert source.created_by.username == "reporter"


def test_demo_images_are_credited_to_the_archive_with_alt_text_in_their_articles_language(seeded):
    assert set(Image.objects.values_list("credit", flat=True)) == {"본지DB", CONTENT.credits["en"]}
    for article in Article.objects.select_related("lead_image"):
        images = [article.lead_image, *Image.objects.filter(pk__in=embed_ids(article.body, "image"))]
        for image in images:
            assert bool(HANGUL.search(image.alt_text)) == (article.language == "ko"), image.alt_text
            assert image.credit == ("본지DB" if article.language == "ko" else CONTENT.credits["en"])
            assert image.renditions


def test_seed_demo_twice_creates_and_changes_nothing(seeded):
    def state():
        return (
            {model.__name__: model.objects.count() for model in MODELS},
            list(Article.objects.order_by("pk").values_list("pk", "version", "status", "publish_at", "updated_at")),
            list(Image.objects.order_by("pk").values_list("sha256", "renditions")),
            list(get_user_model().objects.order_by("pk").values_list("username", "password")),
        )

    before = state()
    output = run_seed_demo()
    assert state() == before
    assert "nothing was changed" in output
    assert printed_logins(output) == printed_logins(seeded)


def test_seed_demo_says_when_a_demo_password_was_changed(seeded):
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("my-own-password-42")
    editor.save()
    output = run_seed_demo()
    assert re.search(r"editor\s+newsroom-editor\s+\(changed", output)
    editor.refresh_from_db()
    assert editor.check_password("my-own-password-42")


def test_seed_demo_saves_nothing_when_an_embed_names_nothing(seeded, monkeypatch):
    first = CONTENT.articles[0]
    broken = dataclasses.replace(first, key="broken", headline="깨진 기사", body=(*first.body, "[[quote:missing]]"))
    with_broken = dataclasses.replace(CONTENT, articles=(*CONTENT.articles, broken))
    monkeypatch.setattr(demo_content, "load", lambda: with_broken)
    before = {model.__name__: model.objects.count() for model in MODELS}
    with pytest.raises(CommandError, match="missing"):
        run_seed_demo()
    assert {model.__name__: model.objects.count() for model in MODELS} == before


def test_resolve_body_refuses_a_pointer_to_an_article_not_made_before(db):
    spec = dataclasses.replace(CONTENT.articles[0], body=("문단.", "[[article:later]]"))
    with pytest.raises(demo.DemoError, match="later"):
        demo.resolve_body(spec, images={}, quotes={}, articles={}, cited="16일")


# -- The data files ---------------------------------------------------------------------


@pytest.fixture
def content_copy(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(demo_content.FOLDER, folder)
    return folder


def test_an_article_added_as_a_file_is_seeded_with_the_rest(seeded, content_copy):
    (content_copy / "articles" / "99-night-shift.md").write_text(
        """+++
language = "ko"
section = "society"
headline = "야간 근무 기자들의 하루"
dek = "마감 직전의 편집국"
lead = "demo-skyline-dusk.jpg"
authors = ["yoon-seojin"]
tags = ["편집국"]
published = [1, "22:10"]

[citation]
outlet = "ledger"
title = "Night desks"
url = "https://global-ledger.example/night-desks"
days_ago = 2
+++

편집국의 밤은 길다. 글로벌 레저는 {cited} 야간 편집국을 다뤘다.

[[article:northwind-lab]]
""",
        encoding="utf-8",
    )
    summary = demo.seed(content=demo_content.load(content_copy))

    assert summary.created == {"article": 1}
    article = Article.objects.get(headline="야간 근무 기자들의 하루")
    assert article.is_published() and list(article.tags.names()) == ["편집국"]
    assert embed_ids(article.body, "article") == [Article.objects.get(headline=CONTENT.articles[0].headline).pk]


def test_a_data_file_with_an_unknown_field_names_the_file_and_the_field(content_copy):
    path = content_copy / "articles" / "01-northwind-lab.md"
    path.write_text(path.read_text(encoding="utf-8").replace("dek = ", "deck = ", 1), encoding="utf-8")
    with pytest.raises(demo.DemoError, match=r"01-northwind-lab\.md: unknown field deck"):
        demo_content.load(content_copy)


def test_a_quote_of_a_source_the_demo_does_not_make_stops_the_seed(seeded, content_copy):
    path = content_copy / "quotes.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[quotes]]\nkey = "ghost"\nsource = "nobody"\ntext = "유령의 말"\n',
        encoding="utf-8",
    )
    before = Quote.objects.count()
    with pytest.raises(demo.DemoError, match="names source “nobody”"):
        demo.seed(content=demo_content.load(content_copy))
    assert Quote.objects.count() == before
