"""Staff sessions end after a spell without activity (the desk's background
requests do not count), and a staff member ends their other sessions."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import AuditEntry, StaffSession
from tests import factories

pytestmark = pytest.mark.django_db


def logged_in(username="kim", address="192.0.2.10", agent="Firefox"):
    client = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_USER_AGENT=agent)
    response = client.post("/admin/login/", {"username": username, "password": "pass-word-123"}, REMOTE_ADDR=address)
    assert response.status_code == 302
    return client


def test_a_session_idle_longer_than_the_limit_ends_and_the_login_says_why(settings):
    settings.NEWSROOM_STAFF_IDLE_MINUTES = 30
    factories.reporter(username="kim")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = logged_in()
        clock.move_to(start + datetime.timedelta(minutes=25))
        assert client.get("/admin/articles/article/").status_code == 200  # activity: the clock starts again
        clock.move_to(start + datetime.timedelta(minutes=50))
        assert client.get("/admin/articles/article/").status_code == 200
        clock.move_to(start + datetime.timedelta(minutes=81))
        response = client.get("/admin/articles/article/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=/admin/articles/article/"
        page = client.get(response["Location"])
        assert "You were logged out after 30 minutes without activity" in page.content.decode()
    assert "session_expired" in AuditEntry.objects.values_list("action", flat=True)


def test_background_requests_do_not_keep_a_session_alive(settings):
    settings.NEWSROOM_STAFF_IDLE_MINUTES = 30
    factories.reporter(username="kim")
    article = factories.make_article(factories.reporter(username="kim"))
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = logged_in()
        for minutes in (10, 20):
            clock.move_to(start + datetime.timedelta(minutes=minutes))
            assert client.get("/admin/", HTTP_X_NEWSROOM_BACKGROUND="1").status_code == 200  # the autosave
            assert client.get(f"/admin/articles/article/{article.pk}/preview/").status_code == 200
        clock.move_to(start + datetime.timedelta(minutes=31))
        assert client.get("/admin/").status_code == 302


def test_log_out_my_other_sessions(settings):
    factories.reporter(username="kim")
    factories.reporter(username="lee")
    laptop = logged_in(agent="Firefox on the laptop")
    phone = logged_in(agent="Safari on the phone", address="198.51.100.7")
    colleague = logged_in(username="lee")
    page = laptop.get("/admin/account/")
    html = page.content.decode()
    assert "This browser" in html and "Safari on the phone" in html and "198.51.100.7" in html
    done = laptop.post("/admin/account/sessions/end-others/", follow=True)
    assert "1 other session was logged out." in done.content.decode()
    assert phone.get("/admin/").status_code == 302  # back to the login
    assert laptop.get("/admin/").status_code == 200
    assert colleague.get("/admin/").status_code == 200  # only kim's own
    assert list(StaffSession.objects.filter(user__username="kim").values_list("user_agent", flat=True)) == [
        "Firefox on the laptop"
    ]
    assert AuditEntry.objects.filter(action="sessions_ended", target="kim", detail="1").exists()


def test_logging_out_forgets_the_session():
    factories.reporter(username="kim")
    client = logged_in()
    assert StaffSession.objects.count() == 1
    client.post("/admin/logout/")
    assert StaffSession.objects.count() == 0


# -- password reset ------------------------------------------------------------


def test_a_password_reset_says_the_same_for_an_unknown_address_and_mails_only_a_known_one(client):
    factories.reporter(username="kim", email="kim@example.org")
    known = client.post("/admin/password-reset/", {"email": "kim@example.org"})
    unknown = client.post("/admin/password-reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password-reset/sent/"
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    assert [message.to for message in mail.outbox] == [["kim@example.org"]]


def test_the_reset_link_is_on_site_url_whatever_host_the_request_named(client, settings):
    factories.reporter(username="kim", email="kim@example.org")
    client.post("/admin/password-reset/", {"email": "kim@example.org"}, HTTP_HOST="localhost")
    body = mail.outbox[0].body
    assert "https://news.example.org/admin/reset/" in body and "localhost" not in body


def test_the_login_page_offers_the_reset():
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/admin/login/")
    assert 'href="/admin/password-reset/"' in page.content.decode()


def test_a_reset_sets_the_password_but_the_second_factor_is_still_asked(client):
    import re

    chief = factories.editor(username="chief", email="chief@example.org")
    factories.phone(chief)
    client.post("/admin/password-reset/", {"email": "chief@example.org"})
    link = re.search(r"https://news.example.org(/admin/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = {"new_password1": "a-fresh-long-pass-word", "new_password2": "a-fresh-long-pass-word"}
    done = client.post(form.redirect_chain[-1][0], new)
    assert done.status_code == 302 and done["Location"] == "/admin/reset/done/"
    chief.refresh_from_db()
    assert chief.check_password("a-fresh-long-pass-word")
    client.post("/admin/login/", {"username": "chief", "password": "a-fresh-long-pass-word"})
    assert client.get("/admin/")["Location"].startswith("/admin/account/verify/")
    assert "password_changed" in AuditEntry.objects.filter(target="chief").values_list("action", flat=True)
    assert AuditEntry.objects.filter(action="password_reset_asked", target="chief@example.org").exists()


def test_nobody_floods_a_mailbox_or_the_mail_server_from_the_login_page(client):
    factories.reporter(username="kim", email="kim@example.org")
    answers = [client.post("/admin/password-reset/", {"email": "kim@example.org"}) for _ in range(5)]
    assert len(mail.outbox) == 3  # a mailbox gets three an hour
    assert {answer["Location"] for answer in answers} == {"/admin/password-reset/sent/"}
    factories.reporter(username="lee", email="lee@example.org")
    for n in range(5):  # ten asks an hour from one address, whatever the mailboxes
        client.post("/admin/password-reset/", {"email": f"someone{n}@example.org"})
    refused = client.post("/admin/password-reset/", {"email": "lee@example.org"})
    assert refused["Location"] == "/admin/password-reset/sent/"
    assert [message.to for message in mail.outbox[3:]] == []
    assert AuditEntry.objects.filter(action="password_reset_asked", detail="refused").count() == 1
