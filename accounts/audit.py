"""The audit log: one ``record()`` that every part of the project calls, and the
receivers that write what Django and its apps announce (logins, failures,
lockouts, role and permission changes, second factors added and removed).

A receiver has no request of its own; ``AuditContextMiddleware`` keeps the
current one in a context variable so that an entry written from a signal still
says who did it and from where (the way django-auditlog attributes its entries).
"""

import contextvars

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .models import AuditEntry
from .throttle import client_ip

Action = AuditEntry.Action
_request = contextvars.ContextVar("audit_request", default=None)


class AuditContextMiddleware:
    """Makes the current request known to the audit receivers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_request():
    return _request.get()


def record(action, *, actor=None, actor_name="", target="", detail="", request=None, when=None):
    """Write one audit entry. ``actor`` defaults to the current request's user;
    ``target`` is what it happened to, in words (an account, an article)."""
    request = request if request is not None else current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    return AuditEntry.objects.create(
        created_at=when or timezone.now(),
        action=action,
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        target=str(target)[:300],
        detail=str(detail),
        ip_address=(client_ip(request) or None) if request is not None else None,
    )


def account_label(user):
    return user.get_username() if user is not None else ""


# -- logins -----------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="accounts.audit.logged_in")
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, actor=user, target=account_label(user), request=request)


@receiver(user_logged_out, dispatch_uid="accounts.audit.logged_out")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, actor=user, target=account_label(user), request=request)


@receiver(user_login_failed, dispatch_uid="accounts.audit.login_failed")
def _login_failed(sender, credentials=None, request=None, **kwargs):
    tried = (credentials or {}).get("username", "")
    record(Action.LOGIN_FAILED, actor_name=tried, target=tried, request=request)


@receiver(user_locked_out, dispatch_uid="accounts.audit.locked_out")
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record(Action.LOCKOUT, actor_name=username or "", target=username or "", request=request)


# -- roles, permissions and account status -----------------------------------

User = get_user_model()
_STATUS_FIELDS = ("is_active", "is_staff", "is_superuser")


@receiver(pre_save, sender=User, dispatch_uid="accounts.audit.user_before")
def _remember_user(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    before = sender.objects.filter(pk=instance.pk).values("password", *_STATUS_FIELDS).first()
    instance._audit_before = before


@receiver(post_save, sender=User, dispatch_uid="accounts.audit.user_after")
def _user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        flags = [field for field in _STATUS_FIELDS if getattr(instance, field) and field != "is_active"]
        record(Action.ACCOUNT_CHANGED, target=account_label(instance), detail=" ".join(["created", *flags]))
        return
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if not before:
        return
    changes = [
        f"{field}: {before[field]} → {getattr(instance, field)}"
        for field in _STATUS_FIELDS
        if before[field] != getattr(instance, field)
    ]
    if changes:
        record(Action.ACCOUNT_CHANGED, target=account_label(instance), detail="; ".join(changes))
    if before["password"] != instance.password:
        record(Action.PASSWORD_CHANGED, target=account_label(instance))


def _names(model, pks):
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))
    return sorted(
        f"{app}.{codename}"
        for app, codename in model.objects.filter(pk__in=pks).values_list("content_type__app_label", "codename")
    )


def _m2m(label):
    def receiver_(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
            return
        if action == "pre_clear":
            # The names are gone after the clear: remember them now.
            if not reverse:
                instance._audit_cleared = list(getattr(instance, label).values_list("pk", flat=True))
            return
        if action == "post_clear":
            pk_set = set(getattr(instance, "_audit_cleared", []))
            if not pk_set:
                return
        sign = "+" if action == "post_add" else "−"
        if not pk_set:
            return
        if reverse:
            # group.user_set.add(user): the instance is the group or permission.
            targets = ", ".join(sorted(User.objects.filter(pk__in=pk_set).values_list("username", flat=True)))
            names = _names(type(instance), {instance.pk})
        else:
            targets = str(instance)
            names = _names(model, pk_set)
        record(Action.ROLES_CHANGED, target=targets, detail=f"{label}: " + " ".join(f"{sign}{n}" for n in names))

    return receiver_


_FIELD = {
    User.groups.through: "groups",
    User.user_permissions.through: "user_permissions",
    Group.permissions.through: "permissions",
}
for _through, _label in _FIELD.items():
    m2m_changed.connect(_m2m(_label), sender=_through, weak=False, dispatch_uid=f"accounts.audit.m2m.{_label}")


# -- second factors ----------------------------------------------------------


def _device_models():
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential

    return (TOTPDevice, WebAuthnCredential, StaticDevice)


def device_kind(device):
    from .twofactor import device_kind

    return device_kind(device)


def _device_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.confirmed:
        return
    was = getattr(instance, "_audit_was_confirmed", None)
    if created or was is False:
        if sender.__name__ == "StaticDevice":
            return  # the codes are recorded when they are made (twofactor.make_recovery_codes)
        record(Action.SECOND_FACTOR_ADDED, target=account_label(instance.user), detail=device_kind(instance))


def _device_before(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._audit_was_confirmed = sender.objects.filter(pk=instance.pk).values_list("confirmed", flat=True).first()


def _device_deleted(sender, instance, **kwargs):
    if instance.confirmed:
        record(Action.SECOND_FACTOR_REMOVED, target=account_label(instance.user), detail=device_kind(instance))


def connect_device_receivers():
    for model in _device_models():
        pre_save.connect(_device_before, sender=model, dispatch_uid=f"accounts.audit.before.{model.__name__}")
        post_save.connect(_device_saved, sender=model, dispatch_uid=f"accounts.audit.saved.{model.__name__}")
        post_delete.connect(_device_deleted, sender=model, dispatch_uid=f"accounts.audit.deleted.{model.__name__}")
