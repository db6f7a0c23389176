"""The staff's own pages, under the desk: the second step of a login, the
account's security page and what it offers, and the password reset by email.

The reset pages keep Django's names (``admin_password_reset``,
``password_reset_confirm``…), which the admin's login page and Django's email
template look for."""

from django.urls import include, path

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

passkey_urls = include("django_otp_webauthn.urls", namespace="otp_webauthn")
