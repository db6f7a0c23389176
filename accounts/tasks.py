"""Mail to staff, sent by the task queue after the change that caused it commits.

Whoever clicked (an editor publishing, someone asking for a reset link) gets
their answer without waiting for the mail server, and a slow or unreachable
server never turns a done deed into an error page: a worker (``manage.py
db_worker``) sends the mail, and one that fails is logged and kept as a failed
task. Background work has one home, django-tasks; under the tests' immediate
backend a task runs at once, when the transaction commits.

A task's arguments wait in the queue's table until a worker runs it, so they
hold what a mail says and never a secret: a password reset link is made by the
worker itself, from the account's id, when it sends the mail.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

logger = logging.getLogger("newsroom.mail")


@task()
def send_mails(messages):
    """Send ``messages`` (``[subject, body, from_email or None, [recipients]]``
    each, in plain text) over one connection to the mail server."""
    try:
        send_mass_mail([(subject, body, from_email, to) for subject, body, from_email, to in messages])
    except Exception:
        logger.exception("mail not sent")
        raise  # the task is recorded as failed, with the error


def mail_after_commit(messages):
    """Queue ``messages`` (``(subject, body, from_email or None, recipients)``)
    once the current transaction commits (at once outside one). The step that
    asked is committed whatever happens to its mail."""
    messages = [[subject, body, from_email, list(to)] for subject, body, from_email, to in messages]
    if messages:
        transaction.on_commit(lambda: send_mails.enqueue(messages), robust=True)


@task()
def send_password_reset(
    *,
    user_id,
    email,
    from_email,
    subject_template_name,
    email_template_name,
    html_email_template_name,
    site,
    language,
):
    """The password reset mail for the account ``user_id``, to ``email``, with a
    link made now (``site``: its ``protocol``, ``domain`` and ``site_name``). An
    account deactivated, or left without a usable password, in between gets none."""
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    context = {
        **site,
        "email": email,
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    with translation.override(language):
        PasswordResetForm().send_mail(
            subject_template_name,
            email_template_name,
            context,
            from_email,
            email,
            html_email_template_name=html_email_template_name,
        )
