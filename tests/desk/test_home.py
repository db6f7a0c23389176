"""My desk: the desk's home page. Reporters see their own pieces by where they
stand, editors what waits for them, both their unread notifications; nobody
sees a colleague's draft; the page costs the same whatever the desk holds."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Notification, Status
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

DESK = "/admin/"
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
#: A Wednesday in Seoul: "this week" began on Monday the 9th.
WEDNESDAY_NOON = datetime.datetime(2026, 3, 11, 12, 0, tzinfo=SEOUL)
#: The most queries My desk may run, however many articles there are (session, user,
#: second factor, permissions, the lists, the header's count).
MAX_QUERIES = 14


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def section(html, name):
    """The HTML of one section of My desk (``<section id="name">``)."""
    found = re.search(rf'<section id="{name}"[^>]*>.*?</section>', html, re.S)
    assert found, f"no section {name}"
    return found.group(0)


def desk(client):
    response = client.get(DESK)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def wednesday():
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as clock:
        yield clock


@pytest.fixture
def kim(db):
    """An editor with a name: the desk prints "김편집", never the login."""
    return factories.editor(username="kim-editor", first_name="편집", last_name="김")


def at(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=SEOUL)


@pytest.fixture
def reporters_desk(wednesday, reporter, other_reporter, kim, notice):
    """A piece of the reporter's in every state, one bylined to them by a
    colleague, and the colleague's own pieces."""
    wednesday.move_to(at(10, 9))
    returned = factories.make_publishable(reporter, headline="돌려받은 기사")
    services.article_submit_for_review(article=returned, user=reporter)
    wednesday.move_to(at(10, 17, 30))
    services.article_return_to_reporter(article=returned, user=kim, note="리드 문단을 줄이세요")
    wednesday.move_to(at(11, 9))
    in_review = factories.make_article(reporter, headline="검토 중인 기사")
    services.article_submit_for_review(article=in_review, user=reporter)
    wednesday.move_to(WEDNESDAY_NOON)
    pieces = {
        "draft": factories.make_article(reporter, headline="내 초고"),
        "bylined": factories.make_article(
            other_reporter, headline="함께 쓰는 초고", authors=[factories.AuthorFactory(user=reporter)]
        ),
        "returned": returned,
        "in_review": in_review,
        "scheduled": factories.make_article(
            reporter, headline="예약된 기사", status=Status.SCHEDULED, publish_at=at(13, 7)
        ),
        "this_week": factories.make_article(
            reporter, headline="이번 주 기사", status=Status.PUBLISHED, publish_at=at(9, 0, 10)
        ),
        "last_week": factories.make_article(
            reporter, headline="지난주 기사", status=Status.PUBLISHED, publish_at=at(8, 23, 50)
        ),
        "theirs": factories.make_article(other_reporter, headline="남의 초고"),
        "theirs_published": factories.make_article(
            other_reporter, headline="남의 이번 주 기사", status=Status.PUBLISHED, publish_at=at(10, 8)
        ),
    }
    return pieces


# -- Landing -----------------------------------------------------------------------------


def test_logging_in_lands_on_my_desk(client, reporter):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "reporter", "password": "pass-word-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == DESK and response.status_code == 200
    html = response.content.decode()
    assert 'id="drafts"' in html and 'id="notifications"' in html


def test_an_anonymous_visitor_is_sent_to_the_login_not_a_404(client):
    response = client.get(DESK)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_a_staff_member_without_a_role_gets_a_desk_too(client):
    sign_in(client, factories.UserFactory(username="intern"))
    html = desk(client)
    assert 'id="notifications"' in html and 'id="drafts"' not in html and 'id="review-queue"' not in html


def test_the_admins_list_of_everything_stays_at_the_foot_of_the_desk(reporter_client):
    everything = section(desk(reporter_client), "everything")
    assert 'href="/admin/articles/article/"' in everything and 'href="/admin/photos/image/"' in everything


def test_the_desk_has_no_inline_style_or_script(editor_client):
    html = desk(editor_client)
    assert "<style" not in html and ' style="' not in html
    assert all("src=" in tag or 'type="application/json"' in tag for tag in re.findall(r"<script[^>]*>", html))
    assert "/static/desk/home.css" in html


# -- Reporters ---------------------------------------------------------------------------


def test_a_reporter_sees_their_pieces_by_where_they_stand(client, reporter, reporters_desk):
    sign_in(client, reporter)
    html = desk(client)
    expected = {
        "drafts": ["내 초고", "함께 쓰는 초고"],
        "returned": ["돌려받은 기사"],
        "in-review": ["검토 중인 기사"],
        "scheduled": ["예약된 기사"],
        "published": ["이번 주 기사"],
    }
    for name, headlines in expected.items():
        part = section(html, name)
        for headline in headlines:
            assert headline in part, (name, headline)
    for key in ("draft", "returned", "in_review", "scheduled", "this_week"):
        assert f'href="{change_url(reporters_desk[key])}"' in html
    assert "돌려받은 기사" not in section(html, "drafts")  # a returned draft is listed once, as returned


def test_a_returned_piece_shows_the_editors_note_who_returned_it_and_when(client, reporter, reporters_desk):
    sign_in(client, reporter)
    returned = section(desk(client), "returned")
    assert "리드 문단을 줄이세요" in returned
    assert "김편집" in returned and "kim-editor" not in returned
    assert "2026-03-10 17:30" in returned  # Seoul time


def test_a_reporter_never_sees_a_colleagues_draft_nor_their_published_pieces(client, reporter, reporters_desk):
    sign_in(client, reporter)
    html = desk(client)
    assert "남의 초고" not in html and "남의 이번 주 기사" not in html
    assert "지난주 기사" not in html  # published, but before Monday
    assert 'id="review-queue"' not in html and 'id="rights"' not in html


# -- Editors -----------------------------------------------------------------------------


def test_the_review_queue_lists_the_longest_waiting_first_with_how_long(
    wednesday, client, editor, reporter, other_reporter, notice
):
    wednesday.move_to(at(9, 10))
    old = factories.make_article(reporter, headline="이틀 기다린 기사")
    services.article_submit_for_review(article=old, user=reporter)
    wednesday.move_to(at(11, 10))
    new = factories.make_article(other_reporter, headline="두 시간 기다린 기사")
    services.article_submit_for_review(article=new, user=other_reporter)
    factories.make_article(other_reporter, headline="아직 초고")
    wednesday.move_to(WEDNESDAY_NOON)
    sign_in(client, editor)
    queue = section(desk(client), "review-queue")
    assert queue.index("이틀 기다린 기사") < queue.index("두 시간 기다린 기사")
    assert "아직 초고" not in queue
    old_line, new_line = re.findall(r"<li class=\"desk-item[^\"]*\">.*?</li>", queue, re.S)
    assert "desk-waited-long" in old_line and "desk-waited-long" not in new_line
    assert "2026-03-09 10:00" in old_line and "2026-03-11 10:00" in new_line
    assert re.search(r"<strong class=\"desk-waiting\">[^<]*2[^<]*</strong>", old_line)  # two days


def test_today_and_tomorrow_are_the_newsrooms_days_not_utcs(client, editor, notice):
    # 23:30 in Seoul is 14:30 UTC: "tomorrow" in Seoul begins in half an hour.
    with time_machine.travel(at(11, 23, 30), tick=False):
        for headline, when in [
            ("오늘 밤 기사", at(11, 23, 45)),
            ("내일 새벽 기사", at(12, 0, 30)),
            ("모레 기사", at(13, 0, 30)),
        ]:
            factories.make_article(editor, headline=headline, status=Status.SCHEDULED, publish_at=when)
        sign_in(client, editor)
        html = desk(client)
    schedule = section(html, "schedule")
    today, tomorrow = re.split(r'<h3 class="desk-day">', schedule)[1:]
    assert "2026-03-11" in today and "오늘 밤 기사" in today and "23:45" in today
    assert "2026-03-12" in tomorrow and "내일 새벽 기사" in tomorrow and "00:30" in tomorrow
    assert "모레 기사" not in schedule
    assert "Asia/Seoul" in html


def test_photos_whose_rights_run_out_are_listed_with_the_published_articles_printing_them(client, editor, notice):
    today = timezone.localdate()
    soon = factories.make_image(editor, alt_text="곧 만료될 사진", rights_expire_at=today + datetime.timedelta(days=10))
    later = factories.make_image(
        editor, alt_text="나중에 만료될 사진", rights_expire_at=today + datetime.timedelta(days=45)
    )
    live = timezone.now() - datetime.timedelta(hours=1)
    lead = factories.make_publishable(
        editor, headline="대표 사진으로 쓴 기사", lead_image=soon, status=Status.PUBLISHED, publish_at=live
    )
    embedded = factories.make_publishable(
        editor,
        headline="본문에 넣은 기사",
        body=f"문단.\n\n[[image:{soon.pk}]]",
        status=Status.PUBLISHED,
        publish_at=live,
    )
    factories.make_publishable(editor, headline="초고에만 쓴 기사", lead_image=soon)
    factories.make_publishable(editor, headline="다른 사진 기사", status=Status.PUBLISHED, publish_at=live)
    sign_in(client, editor)
    rights = section(desk(client), "rights")
    assert "곧 만료될 사진" in rights and "나중에 만료될 사진" not in rights
    assert f'href="{change_url(lead)}"' in rights and f'href="{change_url(embedded)}"' in rights
    assert "초고에만 쓴 기사" not in rights and "다른 사진 기사" not in rights
    assert reverse("admin:photos_image_change", args=[soon.pk]) in rights
    assert reverse("admin:photos_image_change", args=[later.pk]) not in rights


def test_recent_corrections_show_their_text_and_who_made_them(client, kim, notice):
    article = factories.make_publishable(
        kim, headline="정정한 기사", status=Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(hours=2)
    )
    services.correction_add(article=article, user=kim, text="회사 이름을 바로잡았습니다.")
    sign_in(client, kim)
    corrections = section(desk(client), "corrections")
    assert "정정한 기사" in corrections and "회사 이름을 바로잡았습니다." in corrections and "김편집" in corrections
    assert f'href="{change_url(article)}"' in corrections


def test_an_editor_does_not_get_the_reporters_lists(editor_client):
    html = desk(editor_client)
    assert 'id="review-queue"' in html and 'id="drafts"' not in html


# -- Notifications -----------------------------------------------------------------------


@pytest.fixture
def returned_note(reporter, kim, notice):
    article = factories.make_publishable(reporter, headline="돌아온 기사")
    services.article_submit_for_review(article=article, user=reporter)
    services.article_return_to_reporter(article=article, user=kim, note="사진 설명을 고치세요")
    return reporter.notifications.get()


def test_unread_notifications_are_on_the_desk_with_the_note_and_who(client, reporter, returned_note):
    sign_in(client, reporter)
    notifications = section(desk(client), "notifications")
    assert "돌아온 기사" in notifications and "사진 설명을 고치세요" in notifications and "김편집" in notifications
    assert reverse("admin:desk_notification_open", args=[returned_note.pk]) in notifications
    assert 'name="csrfmiddlewaretoken"' in notifications


def test_mark_as_read_is_a_post_and_takes_it_off_the_desk(client, reporter, returned_note):
    sign_in(client, reporter)
    url = reverse("admin:desk_notifications_read")
    assert client.get(url, {"notification": returned_note.pk}).status_code == 405
    response = client.post(url, {"notification": returned_note.pk})
    assert response.status_code == 302 and response["Location"] == "/admin/#notifications"
    returned_note.refresh_from_db()
    assert returned_note.read_at is not None
    assert "돌아온 기사" not in section(desk(client), "notifications")


def test_mark_as_read_refuses_a_post_without_the_csrf_token(reporter, returned_note):
    from django.test import Client

    client = sign_in(Client(enforce_csrf_checks=True), reporter)
    response = client.post(reverse("admin:desk_notifications_read"), {"all": "1"})
    assert response.status_code == 403
    assert Notification.objects.unread().count() == 1


def test_opening_the_article_from_a_notification_marks_it_read(client, reporter, returned_note):
    sign_in(client, reporter)
    response = client.get(reverse("admin:desk_notification_open", args=[returned_note.pk]))
    assert response.status_code == 302 and response["Location"] == change_url(returned_note.article)
    returned_note.refresh_from_db()
    assert returned_note.read_at is not None


def test_nobody_reads_or_marks_another_persons_notification(client, other_reporter, returned_note):
    sign_in(client, other_reporter)
    assert client.get(reverse("admin:desk_notification_open", args=[returned_note.pk])).status_code == 404
    client.post(reverse("admin:desk_notifications_read"), {"notification": returned_note.pk})
    client.post(reverse("admin:desk_notifications_read"), {"all": "1"})
    returned_note.refresh_from_db()
    assert returned_note.read_at is None
    assert "돌아온 기사" not in desk(client)


def test_a_notification_about_a_piece_no_longer_on_the_desk_is_not_shown(client, reporter, other_reporter, kim, notice):
    author = factories.AuthorFactory(user=reporter)
    article = factories.make_publishable(other_reporter, headline="빠진 바이라인", authors=[author])
    services.article_submit_for_review(article=article, user=other_reporter)
    services.article_return_to_reporter(article=article, user=kim, note="바이라인을 정리하세요")
    services.article_save(article=article, user=other_reporter, bylines=[])  # the reporter is off the piece
    sign_in(client, reporter)
    assert "빠진 바이라인" not in desk(client)
    assert Notification.objects.filter(recipient=reporter).count() == 1


def test_the_header_counts_the_unread_notifications_on_every_desk_page(client, reporter, returned_note):
    sign_in(client, reporter)
    page = client.get("/admin/articles/article/").content.decode()
    assert 'href="/admin/#notifications"' in page
    services.notifications_mark_read(user=reporter)
    assert 'href="/admin/#notifications"' not in client.get("/admin/articles/article/").content.decode()


# -- Cost --------------------------------------------------------------------------------


def queries_for(client):
    with CaptureQueriesContext(connection) as queries:
        desk(client)
    return len(queries)


def fill_reporters_desk(reporter, editor, count):
    for n in range(count):
        factories.make_article(reporter, headline=f"초고 {n}")
        review = factories.make_article(reporter, headline=f"검토 {n}")
        services.article_submit_for_review(article=review, user=reporter)
        returned = factories.make_article(reporter, headline=f"반려 {n}")
        services.article_submit_for_review(article=returned, user=reporter)
        services.article_return_to_reporter(article=returned, user=editor, note=f"메모 {n}")
        factories.make_article(
            reporter, status=Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(minutes=n + 1)
        )
        factories.make_article(
            reporter, status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(hours=n + 1)
        )


def test_my_desk_costs_the_same_for_a_reporter_with_few_or_many_pieces(
    client, reporter, kim, notice, django_assert_max_num_queries
):
    sign_in(client, reporter)
    fill_reporters_desk(reporter, kim, 1)
    few = queries_for(client)
    fill_reporters_desk(reporter, kim, 24)
    with django_assert_max_num_queries(MAX_QUERIES):
        many = queries_for(client)
    assert few == many


def test_my_desk_costs_the_same_for_an_editor_with_few_or_many_pieces(
    client, editor, reporter, kim, notice, django_assert_max_num_queries
):
    sign_in(client, editor)
    today = timezone.localdate()

    def fill(count):
        for n in range(count):
            image = factories.make_image(kim, rights_expire_at=today + datetime.timedelta(days=n % 20))
            article = factories.make_publishable(
                reporter,
                lead_image=image,
                body=f"문단.\n\n[[image:{image.pk}]]",
                status=Status.PUBLISHED,
                publish_at=timezone.now() - datetime.timedelta(minutes=n + 1),
            )
            services.correction_add(article=article, user=kim, text=f"정정 {n}")
            review = factories.make_article(reporter, headline=f"검토 {n}")
            services.article_submit_for_review(article=review, user=reporter)
            factories.make_article(
                reporter, status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(minutes=n + 1)
            )

    fill(1)
    few = queries_for(client)
    fill(22)
    with django_assert_max_num_queries(MAX_QUERIES):
        many = queries_for(client)
    assert few == many
