"""The staff's own pages, under the desk: the second step of a login, the
account's security page and what it offers, and the password reset by email.

The reset pages keep Django's names (``admin_password_reset``,
``password_reset_confirm``…), which the admin's login page and Django's email
template look for."""

from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as webauthn

from . import passwords, sessions, twofactor

app_name = "accounts"

urlpatterns = [
    path("verify/", twofactor.verify_view, name="verify"),
    path("", twofactor.security_view, name="security"),
    path("app/", twofactor.totp_add_view, name="totp_add"),
    path("recovery-codes/", twofactor.recovery_codes_view, name="recovery_codes"),
    path("remove/<str:kind>/<int:pk>/", twofactor.device_remove_view, name="device_remove"),
    path("sessions/end-others/", sessions.end_other_sessions_view, name="end_other_sessions"),
]

#: Included without a namespace (see the module's docstring).
password_reset_urls = [
    path("password-reset/", passwords.PasswordResetView.as_view(), name="admin_password_reset"),
    path("password-reset/sent/", passwords.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", passwords.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", passwords.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

#: django-otp-webauthn's endpoints under their own names (its scripts look them
#: up), the completed login written to the audit log like a typed code.
passkey_urls = include(
    (
        [
            path(
                "registration/begin/",
                webauthn.BeginCredentialRegistrationView.as_view(),
                name="credential-registration-begin",
            ),
            path(
                "registration/complete/",
                webauthn.CompleteCredentialRegistrationView.as_view(),
                name="credential-registration-complete",
            ),
            path(
                "authentication/begin/",
                webauthn.BeginCredentialAuthenticationView.as_view(),
                name="credential-authentication-begin",
            ),
            path(
                "authentication/complete/",
                twofactor.PasskeyLoginView.as_view(),
                name="credential-authentication-complete",
            ),
            path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
        ],
        "otp_webauthn",
    ),
    namespace="otp_webauthn",
)
