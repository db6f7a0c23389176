"""In a real Chromium: an editor with only a password is asked to add a second
factor, adds an authenticator app and a passkey (the DevTools protocol's
virtual authenticator stands in for the phone's), then logs in with each."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import AuditEntry
from tests import factories
from tests.browser import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def relying_party(live_server, settings):
    """The live server is the site: WebAuthn's relying party is SITE_URL's host."""
    assert live_server.url.startswith("http://localhost:"), live_server.url
    settings.SITE_URL = live_server.url
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return live_server.url


def virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


def password_step(page, base):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")


def test_an_editor_enrols_an_app_and_a_passkey_and_logs_in_with_each(page, relying_party):
    base = relying_party
    chief = factories.editor(username="chief")
    virtual_authenticator(page)

    # A password alone: the desk sends the editor to add a second factor.
    password_step(page, base)
    page.wait_for_url(f"{base}/admin/account/")
    assert "역할상 2단계 인증이 필요합니다" in page.content()
    page.goto(f"{base}/admin/articles/article/")
    page.wait_for_url(f"{base}/admin/account/")

    # The authenticator app: the key as shown, the code the app would show.
    page.click("a.button:has-text('인증 앱 추가')")
    page.wait_for_selector("img.account-qr")
    shown = page.inner_text(".account-secret").replace(" ", "")
    device = TOTPDevice.objects.get(user=chief, confirmed=False)
    assert shown in device.config_url
    page.fill("#id_code", factories.totp_code(device))
    page.fill("#id_name", "Galaxy S30")
    page.click("input[type=submit][value='앱 추가']")
    page.wait_for_url(f"{base}/admin/account/recovery-codes/")
    page.click("input[type=submit]")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.set_viewport_size(PHONE)
    screenshot(page, "account-recovery-codes-phone")
    page.set_viewport_size(DESKTOP)

    # The passkey, made by the browser's (virtual) authenticator.
    page.goto(f"{base}/admin/account/")
    page.click("#passkey-register-button")
    page.wait_for_selector(".account-devices li:has-text('패스키')", timeout=15000)  # the page reloads
    assert WebAuthnCredential.objects.filter(user=chief, confirmed=True).count() == 1
    screenshot(page, "account-security-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "account-security-phone")
    page.set_viewport_size(DESKTOP)

    # Log in again: password, then the passkey.
    password_step(page, base)
    page.wait_for_url(re.compile(r".*/admin/account/verify/.*"))
    screenshot(page, "account-verify-desktop")
    page.click("#passkey-verification-button")
    page.wait_for_url(f"{base}/admin/")
    page.goto(f"{base}/admin/articles/article/")
    assert page.url == f"{base}/admin/articles/article/"

    # And once more: password, then the app's code.
    password_step(page, base)
    page.wait_for_url(re.compile(r".*/admin/account/verify/.*"))
    page.fill("#id_code", factories.totp_code(TOTPDevice.objects.get(user=chief)))
    page.click("input[type=submit][value='계속']")
    page.wait_for_url(f"{base}/admin/")

    passed = AuditEntry.objects.filter(actor=chief, action="second_factor_passed").values_list("detail", flat=True)
    assert sorted(passed) == ["authenticator app", "passkey"]
    added = AuditEntry.objects.filter(target="chief", action="second_factor_added").values_list("detail", flat=True)
    assert sorted(added) == ["authenticator app", "passkey"]
