from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: login throttling, two-factor, sessions, password reset, the audit log."""

    default = True
    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        # The receivers: failed logins counted per address; the audit log's.
        from . import audit, sessions, throttle  # noqa: F401

        audit.connect_device_receivers()
