"""What the accounts app keeps: the audit log and the staff's open sessions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One thing that happened to the newsroom's trust: a login, a lockout, a
    second factor added, a role changed, a story published. Written once by
    ``accounts.audit.record`` and never changed: the admin shows it read-only."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Login failed")
        LOGOUT = "logout", _("Logged out")
        LOCKOUT = "lockout", _("Locked out")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        SESSIONS_ENDED = "sessions_ended", _("Other sessions ended")
        SECOND_FACTOR_PASSED = "second_factor_passed", _("Second factor passed")
        SECOND_FACTOR_FAILED = "second_factor_failed", _("Second factor failed")
        SECOND_FACTOR_ADDED = "second_factor_added", _("Second factor added")
        SECOND_FACTOR_REMOVED = "second_factor_removed", _("Second factor removed")
        RECOVERY_CODES_MADE = "recovery_codes_made", _("Recovery codes made")
        PASSWORD_RESET_ASKED = "password_reset_asked", _("Password reset asked")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        ROLES_CHANGED = "roles_changed", _("Roles or permissions changed")
        ACCOUNT_CHANGED = "account_changed", _("Account status changed")
        API_KEY_ISSUED = "api_key_issued", _("API key issued")
        API_KEY_REVOKED = "api_key_revoked", _("API key revoked")
        API_KEY_ROTATED = "api_key_rotated", _("API key rotated")
        WORKFLOW = "workflow", _("Workflow transition")
        AUDIT_EXPORTED = "audit_exported", _("Audit log exported")

    created_at = models.DateTimeField(_("when"), db_index=True)
    action = models.CharField(_("what"), max_length=32, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The actor's username when it happened (kept if the account is deleted
    #: or renamed; for a failed login, the name that was tried).
    actor_name = models.CharField(_("username"), max_length=150, blank=True)
    target = models.CharField(_("on"), max_length=300, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.actor_name}"


class StaffSession(models.Model):
    """A logged-in session of a staff member, so that "log out my other
    sessions" can find them (the session store itself cannot be searched by user)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(_("logged in"))
    last_seen_at = models.DateTimeField(_("last active"))
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("staff session")
        verbose_name_plural = _("staff sessions")
        ordering = ["-last_seen_at"]
        default_permissions = ()

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
