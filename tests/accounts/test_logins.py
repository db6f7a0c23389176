"""Staff logins resist guessing: an account locks for an address after 10 wrong
passwords in a row from it (and only there), an address after 50 failures on
any accounts; both end by themselves, an admin can unlock, and the page says so."""

import datetime

import pytest
from axes.models import AccessAttempt

from accounts.throttle import client_ip
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
HERE, ELSEWHERE = "198.51.100.7", "203.0.113.9"


@pytest.fixture
def desk_editor(db):
    return factories.editor(username="chief")


def login(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_ten_wrong_passwords_in_a_row_lock_the_account_from_that_address_only(client, desk_editor):
    for _ in range(9):
        assert login(client, "chief", "guess", ELSEWHERE).status_code == 200  # the form again, with its error
    locked = login(client, "chief", "guess", ELSEWHERE)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "이 주소에서 이 계정의 로그인이 잠겼습니다" in page and "15분 뒤에" in page and "관리자" in page
    assert login(client, "chief", "pass-word-123", ELSEWHERE).status_code == 429  # even the right password

    # The editor-in-chief, in the newsroom, is not locked out.
    assert login(client, "chief", "pass-word-123", HERE).status_code == 302


def test_a_good_login_clears_the_count(client, desk_editor):
    for _ in range(9):
        login(client, "chief", "guess", HERE)
    assert login(client, "chief", "pass-word-123", HERE).status_code == 302
    client.logout()
    for _ in range(9):
        login(client, "chief", "guess", HERE)
    assert login(client, "chief", "pass-word-123", HERE).status_code == 302


def test_a_lockout_ends_by_itself(client, desk_editor):
    for _ in range(10):
        login(client, "chief", "guess", ELSEWHERE)
    assert login(client, "chief", "pass-word-123", ELSEWHERE).status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    assert login(client, "chief", "pass-word-123", ELSEWHERE).status_code == 302


def test_an_admin_unlocks_an_account_in_the_admin(client, admin_client, desk_editor):
    for _ in range(10):
        login(client, "chief", "guess", ELSEWHERE)
    attempt = AccessAttempt.objects.get(username="chief")
    admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert login(client, "chief", "pass-word-123", ELSEWHERE).status_code == 302


def test_one_address_trying_many_accounts_is_stopped(client, desk_editor, settings):
    settings.NEWSROOM_ADDRESS_FAILURE_LIMIT = 12
    for n in range(12):
        login(client, f"user{n}", "guess", ELSEWHERE)
    refused = login(client, "chief", "pass-word-123", ELSEWHERE)
    assert refused.status_code == 429 and "이 주소에서 로그인 실패가 너무 많았습니다" in refused.content.decode()
    assert login(client, "chief", "pass-word-123", HERE).status_code == 302


def test_the_client_address_is_the_one_the_trusted_proxy_saw(rf, settings):
    settings.NEWSROOM_TRUSTED_PROXIES = ["127.0.0.1"]
    through_nginx = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.9")
    assert client_ip(through_nginx) == "203.0.113.9"  # nginx appends what it saw; earlier hops are the client's word
    direct = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(direct) == "198.51.100.7"
