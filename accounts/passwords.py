"""Password reset by email, on Django's views, with the admin's look.

The answer to "send me a link" is the same page whether or not an account has
that address (Django's form sends only to active accounts with a usable
password, and says nothing either way). The link is built on ``SITE_URL``, never
on the request's ``Host``, so a forged header cannot send a reset link to an
attacker's domain. A reset sets the password only: the next login still asks for
the second factor, and every other session of the account ends (Django's session
hash changes with the password).

The mail goes out after the answer, from the task queue (``accounts.tasks``), so
the answer never waits for the mail server, whether or not the address has an
account; the link itself is made by the worker that sends it, so no queued task
ever holds one. An address (or a mailbox) asking too often gets the same answer
and no more mail, so nobody can flood a colleague's inbox from the login page.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils import translation

from . import audit
from .models import AuditEntry
from .tasks import send_password_reset
from .throttle import client_ip, count

#: Reset mails one address may ask for, and one mailbox may receive, an hour.
ASKS_PER_ADDRESS = 10
MAILS_PER_MAILBOX = 3
HOUR = 60 * 60


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Queue the mail; the worker makes the link again (``context``'s token is dropped here)."""
        if not count(f"password-reset:mailbox:{to_email.lower()}", limit=MAILS_PER_MAILBOX, seconds=HOUR):
            return
        send_password_reset.enqueue(
            user_id=context["user"].pk,
            email=to_email,
            from_email=from_email,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            site={name: context[name] for name in ("protocol", "domain", "site_name")},
            language=translation.get_language(),
        )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        if not count(f"password-reset:address:{client_ip(self.request)}", limit=ASKS_PER_ADDRESS, seconds=HOUR):
            audit.record(AuditEntry.Action.PASSWORD_RESET_ASKED, target=form.cleaned_data["email"], detail="refused")
            return super(auth_views.PasswordResetView, self).form_valid(form)  # the same page, no mail
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
