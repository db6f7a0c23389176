"""Two-factor authentication for the desk, on django-otp.

Three kinds of second factor: an authenticator app (TOTP), a passkey or
security key (WebAuthn, through django-otp-webauthn, whose relying party is the
host of ``SITE_URL``), and ten single-use recovery codes for the day the phone
is lost. The password comes first (the admin's login form, throttled by axes);
a staff member who has a second factor is then asked for it before any page of
the desk. Editors and admins — whoever may publish — must have one when
``NEWSROOM_REQUIRE_TWO_FACTOR`` is on (always in production); a reporter may
add one, and then is asked for it too. Under ``make run`` it is optional, so the
demo's accounts work unenrolled and the demo editor can enrol in the browser.
"""

import base64
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import CompleteCredentialAuthenticationView

from . import audit
from .models import AuditEntry

Action = AuditEntry.Action

#: Who must have a second factor when it is required: whoever may publish.
PUBLISHER_PERMISSION = "articles.publish_article"
RECOVERY_CODES = 10

KIND_LABELS = {
    TOTPDevice: gettext_lazy("Authenticator app"),
    WebAuthnCredential: gettext_lazy("Passkey"),
    StaticDevice: gettext_lazy("Recovery codes"),
}


#: The same kinds as the audit log writes them: in one language, whoever's
#: request wrote the entry.
KIND_NAMES = {TOTPDevice: "authenticator app", WebAuthnCredential: "passkey", StaticDevice: "recovery codes"}


def device_kind_label(device):
    return str(KIND_LABELS.get(type(device), type(device).__name__))


def device_kind(device):
    return KIND_NAMES.get(type(device), type(device).__name__)


# -- the rule ----------------------------------------------------------------


def must_have_second_factor(user):
    """Does this account need a second factor to use the desk?"""
    if not settings.NEWSROOM_REQUIRE_TWO_FACTOR or not user.is_authenticated:
        return False
    return user.is_superuser or user.has_perm(PUBLISHER_PERMISSION)


def has_second_factor(user):
    """A confirmed app or passkey (recovery codes alone do not count: they are
    the way back, not a factor of their own)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_has_second_factor", None)
    if cached is None:
        cached = any(
            model.objects.filter(user=user, confirmed=True).exists() for model in (TOTPDevice, WebAuthnCredential)
        )
        user._has_second_factor = cached
    return cached


def what_is_missing(request):
    """``None`` when the session may use the desk; ``"verify"`` when it must
    give its second factor first; ``"enrol"`` when the account must add one."""
    user = request.user
    if not user.is_authenticated or not user.is_staff:
        return None
    if user.is_verified():
        return None
    if has_second_factor(user):
        return "verify"
    if must_have_second_factor(user):
        return "enrol"
    return None


def passes(request):
    return what_is_missing(request) is None


def relying_party_id(request):
    """WebAuthn's relying party: the host of ``SITE_URL`` (``localhost`` under
    ``make run``; browsers refuse an IP address)."""
    return urlsplit(settings.SITE_URL).hostname


def relying_party_name(request):
    return settings.SITE_NAME


# -- the gate ----------------------------------------------------------------


class TwoFactorMiddleware:
    """No page of the desk for a session that still owes its second factor:
    it is sent to give it (or, where one is required and none exists yet, to add
    one). Goes after django-otp's ``OTPMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")):
            missing = what_is_missing(request)
            if missing and self.url_name(request) not in self.OPEN[missing]:
                return self.send_to(request, missing)
        return self.get_response(request)

    #: What a session that owes its second factor may still reach.
    OPEN = {
        "verify": {
            "accounts:verify",
            "admin:logout",
            "admin:jsi18n",
            "otp_webauthn:credential-authentication-begin",
            "otp_webauthn:credential-authentication-complete",
            "otp_webauthn:js-i18n-catalog",
        },
        "enrol": {
            "accounts:security",
            "accounts:totp_add",
            "admin:logout",
            "admin:jsi18n",
            "otp_webauthn:credential-registration-begin",
            "otp_webauthn:credential-registration-complete",
            "otp_webauthn:js-i18n-catalog",
        },
    }

    @staticmethod
    def url_name(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name

    @staticmethod
    def send_to(request, missing):
        if missing == "verify":
            return redirect_to_login(request.get_full_path(), reverse("accounts:verify"))
        messages.warning(
            request,
            _("Your role needs a second factor before you can use the desk: add an authenticator app or a passkey."),
        )
        return HttpResponseRedirect(reverse("accounts:security"))


# -- pages -------------------------------------------------------------------


def _context(request, **extra):
    return {**admin.site.each_context(request), **extra}


def _next_url(request, fallback="admin:index"):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(fallback)


def _normalise(code):
    return "".join(code.split()).replace("-", "").lower()


def verify_code(user, code):
    """The device that accepts this code, if any: six digits are tried against
    the user's authenticator apps, anything else against the recovery codes.
    django-otp throttles each device (a wrong code makes the next try wait)."""
    code = _normalise(code)
    models = (TOTPDevice,) if code.isdigit() and len(code) == 6 else (StaticDevice,)
    with transaction.atomic():
        for model in models:
            for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
                allowed, _info = device.verify_is_allowed()
                if allowed and device.verify_token(code):
                    return device
    return None


def _too_fast(user, code):
    code = _normalise(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    devices = list(model.objects.devices_for_user(user, confirmed=True))
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)


@never_cache
@login_required(login_url="admin:login")
def verify_view(request):
    """The second step of a login: a code from the app, a recovery code, or the passkey."""
    user = request.user
    if user.is_verified() or not has_second_factor(user):
        return redirect(_next_url(request))
    error = None
    if request.method == "POST":
        code = request.POST.get("code", "")
        device = verify_code(user, code) if code.strip() else None
        if device is not None:
            otp_login(request, device)
            audit.record(Action.SECOND_FACTOR_PASSED, target=user.get_username(), detail=device_kind(device))
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("You used a recovery code; %(left)d are left. Make new ones on your account page.")
                    % {"left": left},
                )
            return redirect(_next_url(request))
        audit.record(Action.SECOND_FACTOR_FAILED, target=user.get_username())
        if code.strip() and _too_fast(user, code):
            error = _("Too many wrong codes in a row. Wait a moment, then try again.")
        else:
            error = _("That code is not right. Type the six digits your app shows now, or one of your recovery codes.")
    context = _context(
        request,
        title=_("Second step of your login"),
        error=error,
        next=request.POST.get("next") or request.GET.get("next", ""),
        has_passkey=WebAuthnCredential.objects.filter(user=user, confirmed=True).exists(),
        has_app=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
    )
    return TemplateResponse(request, "accounts/verify.html", context, status=200 if error is None else 400)


class PasskeyLoginView(CompleteCredentialAuthenticationView):
    """django-otp-webauthn's last step of a passkey login, recorded in the audit log."""

    def complete_auth(self, device):
        super().complete_auth(device)
        audit.record(Action.SECOND_FACTOR_PASSED, target=device.user.get_username(), detail=device_kind(device))


@never_cache
@login_required(login_url="admin:login")
def security_view(request):
    """The account page: second factors, recovery codes, sessions, password."""
    from .sessions import sessions_of

    user = request.user
    context = _context(
        request,
        title=_("Your account's security"),
        apps=TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at"),
        passkeys=WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at"),
        recovery_left=StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
        required=must_have_second_factor(user),
        enrolled=has_second_factor(user),
        verified=user.is_verified(),
        sessions=sessions_of(request),
    )
    return TemplateResponse(request, "accounts/security.html", context)


def _qr_data_url(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


@never_cache
@login_required(login_url="admin:login")
def totp_add_view(request):
    """Add an authenticator app: scan the code (or type the key), then type the
    six digits it shows, which confirms it."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(KIND_LABELS[TOTPDevice]), confirmed=False)
    error = None
    if request.method == "POST":
        code = _normalise(request.POST.get("code", ""))
        if code.isdigit() and len(code) == 6 and device.verify_token(code):
            device.confirmed = True
            device.name = (request.POST.get("name") or "").strip()[:64] or device.name
            device.save()
            user._has_second_factor = True
            if not user.is_verified():
                otp_login(request, device)
            messages.success(request, _("The authenticator app is added. From now on a login asks for its code."))
            if not StaticToken.objects.filter(device__user=user).exists():
                return redirect("accounts:recovery_codes")
            return redirect("accounts:security")
        error = _("That code is not right. Check that the phone's clock is right and type the code it shows now.")
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = _context(
        request,
        title=_("Add an authenticator app"),
        qr=_qr_data_url(device.config_url),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        error=error,
    )
    return TemplateResponse(request, "accounts/totp_add.html", context, status=200 if error is None else 400)


def make_recovery_codes(user):
    """Ten new single-use codes; the old ones stop working."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": str(KIND_LABELS[StaticDevice]), "confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        audit.record(Action.RECOVERY_CODES_MADE, target=user.get_username())
    return codes


@never_cache
@login_required(login_url="admin:login")
def recovery_codes_view(request):
    """Show the offer (GET) or make new codes and show them once (POST)."""
    user = request.user
    if not has_second_factor(user):
        messages.error(request, _("Add an authenticator app or a passkey first; recovery codes stand in for them."))
        return redirect("accounts:security")
    codes = make_recovery_codes(user) if request.method == "POST" else None
    context = _context(
        request,
        title=_("Recovery codes"),
        codes=[f"{code[:4]}-{code[4:]}" for code in codes] if codes else None,
        existing=StaticToken.objects.filter(device__user=user).count(),
    )
    return TemplateResponse(request, "accounts/recovery_codes.html", context)


@require_POST
@login_required(login_url="admin:login")
def device_remove_view(request, kind, pk):
    """Remove one of your own second factors (not the last one, where the
    role needs one: add the new phone first, then remove the old)."""
    model = {"app": TOTPDevice, "passkey": WebAuthnCredential}.get(kind)
    user = request.user
    device = model.objects.filter(user=user, pk=pk, confirmed=True).first() if model else None
    if device is None:
        messages.error(request, _("That second factor is not among yours."))
        return redirect("accounts:security")
    others = sum(
        m.objects.filter(user=user, confirmed=True).exclude(pk=device.pk if m is model else None).count()
        for m in (TOTPDevice, WebAuthnCredential)
    )
    if others == 0 and must_have_second_factor(user):
        messages.error(request, _("Your role needs a second factor: add another one before you remove this one."))
        return redirect("accounts:security")
    device.delete()
    if others == 0:
        StaticDevice.objects.filter(user=user).delete()
    messages.success(request, _("%(kind)s removed.") % {"kind": device_kind_label(device)})
    return redirect("accounts:security")
