"""Password reset by email, on Django's views, with the admin's look.

The answer to "send me a link" is the same page whether or not an account has
that address (Django's form sends only to active accounts with a usable
password, and says nothing either way). The link is built on ``SITE_URL``, never
on the request's ``Host``, so a forged header cannot send a reset link to an
attacker's domain. A reset sets the password only: the next login still asks for
the second factor, and every other session of the account ends (Django's session
hash changes with the password).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from . import audit
from .models import AuditEntry


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        site = urlsplit(settings.SITE_URL)
        # The email's context ends with these, so they win over the request's host.
        self.extra_email_context = {"site_name": settings.SITE_NAME, "domain": site.netloc, "protocol": site.scheme}
        audit.record(AuditEntry.Action.PASSWORD_RESET_ASKED, target=form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass
