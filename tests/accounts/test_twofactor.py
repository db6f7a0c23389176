"""Two-factor authentication: editors and admins must give a second factor
before the desk; a reporter may add one; the codes are throttled and the
recovery codes work once."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEntry
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


code_for = factories.totp_code
phone_for = factories.phone


def password_only(user):
    """Logged in with the password, the second factor not given yet."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_an_editor_with_only_a_password_is_sent_to_add_a_second_factor(editor):
    client = password_only(editor)
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and response["Location"] == "/admin/account/"
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert "Your role needs a second factor" in page.content.decode()
    # Nothing of the desk, not even its staff preview or its autocomplete.
    article = factories.make_article(editor)
    assert client.get(f"/admin/articles/article/{article.pk}/preview/").status_code == 302
    assert client.get("/admin/autocomplete/", {"app_label": "articles", "model_name": "article"}).status_code == 302


def test_an_enrolled_editor_gives_the_code_before_the_desk(editor):
    device = phone_for(editor)
    client = password_only(editor)
    response = client.get("/admin/articles/article/?status=draft")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/account/verify/?next=")

    wrong = client.post("/admin/account/verify/", {"code": "000000", "next": "/admin/articles/article/"})
    assert wrong.status_code == 400
    assert client.get("/admin/articles/article/").status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wait after a wrong code is tested below
    device.save()
    right = client.post("/admin/account/verify/", {"code": code_for(device), "next": "/admin/articles/article/"})
    assert right.status_code == 302 and right["Location"] == "/admin/articles/article/"
    assert client.get("/admin/articles/article/").status_code == 200
    actions = list(AuditEntry.objects.filter(actor=editor).values_list("action", flat=True))
    assert "second_factor_failed" in actions and "second_factor_passed" in actions


def test_the_verify_page_refuses_an_outside_next(editor):
    device = phone_for(editor)
    client = password_only(editor)
    response = client.post("/admin/account/verify/", {"code": code_for(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_wrong_codes_in_a_row_make_the_next_try_wait(editor):
    device = phone_for(editor)
    client = password_only(editor)
    for _ in range(3):
        client.post("/admin/account/verify/", {"code": "000000"})
    refused = client.post("/admin/account/verify/", {"code": code_for(device)})
    assert refused.status_code == 400
    assert "Too many wrong codes in a row" in refused.content.decode()


def test_a_recovery_code_works_once(editor):
    phone_for(editor)
    from accounts.twofactor import make_recovery_codes

    codes = make_recovery_codes(editor)
    assert len(codes) == 10 and len(set(codes)) == 10
    first = password_only(editor)
    typed = f"{codes[0][:4]}-{codes[0][4:]}".upper()  # as printed, in capitals: still good
    assert first.post("/admin/account/verify/", {"code": typed})["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200
    again = password_only(editor)
    assert again.post("/admin/account/verify/", {"code": codes[0]}).status_code == 400


def test_a_reporter_may_work_without_a_second_factor_but_once_added_it_is_asked(reporter):
    client = password_only(reporter)
    assert client.get("/admin/articles/article/").status_code == 200
    phone_for(reporter)
    later = password_only(reporter)
    assert later.get("/admin/articles/article/").status_code == 302


def test_under_make_run_an_unenrolled_editor_works(editor, settings):
    settings.NEWSROOM_REQUIRE_TWO_FACTOR = False
    assert password_only(editor).get("/admin/articles/article/").status_code == 200


def test_adding_an_authenticator_app_confirms_it_with_a_code_then_offers_recovery_codes(editor):
    client = password_only(editor)
    page = client.get("/admin/account/app/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = re.search(r'class="account-secret">([A-Z2-7 ]+)<', html).group(1)
    assert secret.replace(" ", "") in device.config_url

    assert client.post("/admin/account/app/", {"code": "123"}).status_code == 400
    done = client.post("/admin/account/app/", {"code": code_for(device), "name": "Galaxy"})
    assert done.status_code == 302 and done["Location"] == "/admin/account/recovery-codes/"
    device.refresh_from_db()
    assert device.confirmed and device.name == "Galaxy"
    assert client.get("/admin/articles/article/").status_code == 200  # this session counts as verified

    shown = client.post("/admin/account/recovery-codes/")
    codes = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4})</code>", shown.content.decode())
    assert len(codes) == 10
    assert StaticDevice.objects.get(user=editor).token_set.count() == 10
    actions = set(AuditEntry.objects.filter(target="editor").values_list("action", flat=True))
    assert {"second_factor_added", "recovery_codes_made"} <= actions


def test_a_session_that_owes_its_code_cannot_add_another_factor(editor):
    phone_for(editor)
    client = password_only(editor)
    response = client.get("/admin/account/app/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/account/verify/")
    begin = client.post("/admin/account/passkeys/registration/begin/")
    assert begin.status_code == 302


def test_the_last_second_factor_of_an_editor_cannot_be_removed(editor):
    client = sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), editor)
    device = TOTPDevice.objects.get(user=editor)
    refused = client.post(f"/admin/account/remove/app/{device.pk}/", follow=True)
    assert "add another one before you remove this one" in refused.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    second = phone_for(editor)
    client.post(f"/admin/account/remove/app/{device.pk}/")
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEntry.objects.filter(action="second_factor_removed", target="editor").exists()
    assert TOTPDevice.objects.filter(pk=second.pk).exists()


def test_nobody_removes_anothers_second_factor_from_the_account_page(editor, reporter):
    theirs = phone_for(editor)
    client = sign_in(Client(), reporter)
    client.post(f"/admin/account/remove/app/{theirs.pk}/")
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_an_admin_removes_a_lost_phone_in_the_admin_and_the_editor_enrols_again(editor, admin_client):
    device = phone_for(editor)
    admin_client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert password_only(editor).get("/admin/")["Location"] == "/admin/account/"


def test_after_login_the_desk_never_a_404(client, editor):
    editor.set_password("pass-word-123")
    editor.save()
    phone = phone_for(editor)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": "pass-word-123"}, follow=True
    )
    assert response.status_code == 200 and response.redirect_chain[-1][0].startswith("/admin/account/verify/")
    desk = client.post("/admin/account/verify/", {"code": code_for(phone), "next": "/admin/"}, follow=True)
    assert desk.status_code == 200 and desk.redirect_chain[-1][0] == "/admin/"
