"""The workflow as the desk drives it: buttons, crafted POSTs, conflicts, previews, the calendar."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, PreviewLink, Status
from tests import factories
from tests.articles.test_admin import article_form, change_url
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def complete_form(article, **overrides):
    return article_form(
        headline=article.headline,
        section=article.section_id or "",
        lead_image=article.lead_image_id or "",
        body=article.body,
        opened_version=article.version,
        **overrides,
    )


def test_editor_schedules_in_seoul_time_across_the_utc_day_boundary(editor_client, editor, notice):
    article = factories.make_publishable(editor)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = editor_client.post(
        change_url(article),
        complete_form(article, schedule_at_0=tomorrow.isoformat(), schedule_at_1="08:30", _schedule="1"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED
    expected = datetime.datetime.combine(tomorrow, datetime.time(8, 30), tzinfo=zoneinfo.ZoneInfo("Asia/Seoul"))
    assert article.publish_at == expected
    assert article.publish_at.astimezone(datetime.UTC).date() == tomorrow - datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "time"),
    [("2026-03-08", "02:30"), ("2026-11-01", "01:30")],  # a minute that never happens; one that happens twice
)
def test_a_time_that_does_not_exist_or_is_ambiguous_in_new_york_is_a_form_error(client, settings, notice, day, time):
    settings.TIME_ZONE = "America/New_York"
    editor = factories.editor(username="nyc-editor")
    sign_in(client, editor)
    article = factories.make_publishable(editor)
    response = client.post(
        change_url(article), complete_form(article, schedule_at_0=day, schedule_at_1=time, _schedule="1")
    )
    assert response.status_code == 200
    assert "schedule_at" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_dst_spring_forward_schedules_at_the_right_instant(client, settings, notice):
    settings.TIME_ZONE = "America/New_York"
    editor = factories.editor(username="nyc-editor2")
    sign_in(client, editor)
    article = factories.make_publishable(editor)
    later = timezone.now() + datetime.timedelta(days=400)
    day = datetime.date(later.year, 3, 8) if later.month > 3 else datetime.date(later.year + 1, 3, 8)
    client.post(
        change_url(article), complete_form(article, schedule_at_0=day.isoformat(), schedule_at_1="03:30", _schedule="1")
    )
    article.refresh_from_db()
    local = article.publish_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert (local.hour, local.minute) == (3, 30)


def test_reporter_cannot_schedule_by_posting_the_editors_fields(reporter_client, reporter, notice):
    article = factories.make_publishable(reporter)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    reporter_client.post(
        change_url(article),
        complete_form(article, schedule_at_0=tomorrow.isoformat(), schedule_at_1="09:00", embargo="on", _schedule="1"),
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT and article.publish_at is None and not article.embargoed


def test_reporter_cannot_return_unpublish_or_correct_by_post(reporter_client, reporter, notice):
    article = factories.make_publishable(reporter)
    for button in ("_return", "_unpublish", "_correct", "_set_expiry"):
        reporter_client.post(
            change_url(article), complete_form(article, workflow_note="x", correction="x", **{button: "1"})
        )
        article.refresh_from_db()
        article_version = article.version
        assert article.status == Status.DRAFT, button
    assert not article.corrections.exists()
    assert article_version >= 1


def test_reporter_cannot_change_another_reporters_byline(reporter_client, reporter, other_reporter):
    colleague = factories.AuthorFactory(name="다른기자", user=other_reporter)
    article = factories.make_article(reporter, authors=[factories.AuthorFactory(user=reporter), colleague])
    rows = list(article.authorships.order_by("position"))
    data = complete_form(
        article,
        **{
            "authorships-TOTAL_FORMS": "2",
            "authorships-INITIAL_FORMS": "2",
            "authorships-0-id": rows[0].pk,
            "authorships-0-article": article.pk,
            "authorships-0-author": rows[0].author_id,
            "authorships-0-position": "0",
            "authorships-1-id": rows[1].pk,
            "authorships-1-article": article.pk,
            "authorships-1-author": rows[1].author_id,
            "authorships-1-position": "1",
            "authorships-1-DELETE": "on",
        },
    )
    response = reporter_client.post(change_url(article), data)
    assert response.status_code == 200
    assert article.authorships.filter(author=colleague).exists()


def test_editor_returns_with_a_note_the_reporter_sees_and_readers_never_do(client, reporter, editor, notice):
    article = factories.make_publishable(reporter)
    services.article_submit_for_review(article=article, user=reporter)
    sign_in(client, editor)
    client.post(change_url(article), complete_form(article, workflow_note="리드 문단을 줄이세요", _return="1"))
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    sign_in(client, reporter)
    assert "리드 문단을 줄이세요" in client.get(change_url(article)).content.decode()
    services.article_publish(article=article, user=editor)
    client.logout()
    for url in [article.get_absolute_url(), "/", "/feed/", "/sitemap-articles.xml", "/corrections/"]:
        assert "리드 문단을 줄이세요" not in client.get(url).content.decode(), url


def test_second_editor_save_is_refused_with_their_text_kept_and_the_difference_shown(client, notice):
    first, second = factories.editor(username="first"), factories.editor(username="second")
    article = factories.make_publishable(first, body="원래 본문입니다.")
    opened = complete_form(article)
    sign_in(client, first)
    assert client.post(change_url(article), {**opened, "body": "첫 편집자의 본문입니다."}).status_code == 302
    sign_in(client, second)
    response = client.post(change_url(article), {**opened, "body": "두 번째 편집자의 본문입니다.", "_continue": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "first" in html  # who saved in between
    assert "두 번째 편집자의 본문입니다." in html  # their text is still in the form
    assert "<del>" in html and "<ins>" in html
    assert Article.objects.get(pk=article.pk).body == "첫 편집자의 본문입니다."
    # Having seen the difference, saving again replaces it knowingly.
    retry = dict(opened, body="두 번째 편집자의 본문입니다.")
    retry["opened_version"] = re.search(r'name="opened_version" value="(\d+)"', html).group(1)
    assert client.post(change_url(article), retry).status_code == 302
    assert Article.objects.get(pk=article.pk).body == "두 번째 편집자의 본문입니다."


def test_others_see_who_is_editing(client, notice):
    first, second = factories.editor(username="first"), factories.editor(username="second")
    article = factories.make_publishable(first)
    sign_in(client, first)
    client.get(change_url(article))
    sign_in(client, second)
    messages = [str(m) for m in client.get(change_url(article)).context["messages"]]
    assert any("first" in message for message in messages)


def test_correction_button_prints_under_the_article_in_json_ld_and_on_the_corrections_page(
    editor_client, editor, notice
):
    client = editor_client
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    editor_client.post(
        change_url(article), complete_form(article, correction="사진 설명의 이름을 바로잡습니다.", _correct="1")
    )
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "사진 설명의 이름을 바로잡습니다." in page
    assert '"correction":[{"@type":"CorrectionComment"' in page
    listing = client.get("/corrections/").content.decode()
    assert "사진 설명의 이름을 바로잡습니다." in listing and article.get_absolute_url() in listing


def test_revisions_page_diffs_and_restores(editor_client, editor):
    article = factories.make_article(editor, headline="첫 제목", body="하나 둘 셋")
    article.headline, article.body = "둘째 제목", "하나 넷 셋"
    services.article_save(article=article, user=editor)
    page = editor_client.get(reverse("admin:articles_article_revisions", args=[article.pk])).content.decode()
    assert "<del>둘</del>" in page and "<ins>넷</ins>" in page
    assert "첫 제목" in page and "둘째 제목" in page
    first = article.revisions.get(version=1)
    editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    article.refresh_from_db()
    assert article.headline == "첫 제목" and article.version == 3


def test_reporter_cannot_restore_another_reporters_revision_by_post(reporter_client, other_reporter):
    article = factories.make_article(other_reporter, headline="원본")
    first = article.revisions.get()
    article.headline = "바뀜"
    services.article_save(article=article, user=other_reporter)
    response = reporter_client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    assert response.status_code == 404  # another reporter's draft is not on their desk
    assert Article.objects.get(pk=article.pk).headline == "바뀜"


def test_preview_link_shows_an_embargoed_piece_to_a_partner_and_nothing_else_does(client, editor, notice):
    article = factories.make_publishable(editor, headline="엠바고 기사 제목", tags=["엠바고태그"])
    services.article_schedule(
        article=article, user=editor, publish_at=timezone.now() + datetime.timedelta(hours=3), embargoed=True
    )
    link = services.preview_link_create(
        article=article, user=editor, expires_at=timezone.now() + datetime.timedelta(hours=2), label="partner"
    )
    response = client.get(f"/preview/{link.key}/")
    assert response.status_code == 200
    assert "엠바고 기사 제목" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    for url in [
        "/",
        "/feed/",
        "/sitemap-articles.xml",
        article.section.get_absolute_url(),
        "/tag/엠바고태그/",
        article.get_absolute_url(),
    ]:
        page = client.get(url)
        assert "엠바고 기사 제목" not in page.content.decode(), url
        assert article.slug not in page.content.decode(), url


@pytest.mark.parametrize("case", ["expired", "revoked", "tampered", "published"])
def test_preview_link_stops_working(client, editor, notice, case):
    article = factories.make_publishable(editor)
    link = services.preview_link_create(
        article=article, user=editor, expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    key = link.key
    if case == "expired":
        PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif case == "revoked":
        services.preview_link_revoke(link=link, user=editor)
    elif case == "tampered":
        key = key[:-2] + ("AA" if not key.endswith("AA") else "BB")
    else:
        services.article_publish(article=article, user=editor)
    assert client.get(f"/preview/{key}/").status_code == 404


def test_editor_creates_a_preview_link_in_the_admin(editor_client, editor, notice):
    article = factories.make_publishable(editor)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    url = reverse("admin:articles_article_share", args=[article.pk])
    editor_client.post(url, {"label": "제휴사", "expires_at_0": tomorrow.isoformat(), "expires_at_1": "12:00"})
    link = PreviewLink.objects.get()
    assert f"/preview/{link.key}/" in editor_client.get(url).content.decode()


def test_calendar_shows_scheduled_pieces_on_their_seoul_day(client, editor, reporter, notice):
    sign_in(client, editor)
    editor_client = client
    article = factories.make_publishable(editor, headline="달력에 뜰 기사")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    seoul_morning = datetime.datetime.combine(tomorrow, datetime.time(7, 0), tzinfo=zoneinfo.ZoneInfo("Asia/Seoul"))
    services.article_schedule(article=article, user=editor, publish_at=seoul_morning)
    html = editor_client.get(reverse("admin:articles_article_calendar")).content.decode()
    day = re.search(rf'<time datetime="{tomorrow.isoformat()}">.*?</ul>', html, re.S).group(0)
    assert "달력에 뜰 기사" in day and "07:00" in day
    month = editor_client.get(reverse("admin:articles_article_calendar") + "?view=month").content.decode()
    assert "달력에 뜰 기사" in month
    sign_in(client, reporter)
    assert client.get(reverse("admin:articles_article_calendar")).status_code == 403
