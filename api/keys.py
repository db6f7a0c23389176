"""Issuing, rotating, revoking and checking partner keys (the only writers of PartnerKey).

A key is ``nr_<prefix>_<secret>``: 8 characters of prefix to find it and name it
in logs, 32 bytes of randomness as its secret. Only the SHA-256 of the whole key
is stored (a random 256-bit secret needs no slow hash); the key itself is shown
once. Every issue, rotation and revocation is written to the audit log.
"""

import datetime
import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit

from .models import PartnerKey

#: How long a rotated key keeps working beside its replacement, so the partner can switch.
ROTATION_GRACE = datetime.timedelta(days=7)
#: How often a key's "last used" is written (not on every request).
LAST_USED_EVERY = datetime.timedelta(minutes=5)


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def _require_admin(user):
    if not (user and user.is_superuser):
        raise PermissionDenied(_("Only an admin may issue or revoke partner keys."))


def partner_key_issue(*, name, user, reads_embargoed=False):
    """A new key for ``name``: ``(record, key)``; the key is never shown again."""
    _require_admin(user)
    prefix = secrets.token_hex(4)
    while PartnerKey.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    key = f"nr_{prefix}_{secrets.token_urlsafe(32)}"
    record = PartnerKey.objects.create(
        name=name, prefix=prefix, key_hash=_hash(key), reads_embargoed=reads_embargoed, created_by=user
    )
    audit.record(audit.Action.API_KEY_ISSUED, actor=user, target=str(record), detail=name)
    return record, key


def partner_key_revoke(*, record, user, now=None):
    """Stop ``record`` now (for good)."""
    _require_admin(user)
    now = now or timezone.now()
    PartnerKey.objects.filter(pk=record.pk).update(expires_at=now)
    record.refresh_from_db()
    audit.record(audit.Action.API_KEY_REVOKED, actor=user, target=str(record))
    return record


def partner_key_rotate(*, record, user, now=None):
    """A new key for the same partner and rights; the old one works for
    ``ROTATION_GRACE`` more, then stops. ``(new record, new key)``."""
    _require_admin(user)
    now = now or timezone.now()
    with transaction.atomic():
        new, key = partner_key_issue(name=record.name, user=user, reads_embargoed=record.reads_embargoed)
        ends = now + ROTATION_GRACE
        if record.expires_at is None or record.expires_at > ends:
            record.expires_at = ends
        record.replaced_by = new
        record.save(update_fields=["expires_at", "replaced_by"])
        audit.record(audit.Action.API_KEY_ROTATED, actor=user, target=str(record), detail=str(new))
    return new, key


def partner_for_key(key, now=None):
    """The live ``PartnerKey`` of ``key``, or ``None`` (unknown, malformed, revoked or expired)."""
    parts = key.split("_", 2)  # the secret itself may hold underscores
    if len(parts) != 3 or parts[0] != "nr" or len(parts[1]) != 8:
        return None
    record = PartnerKey.objects.filter(prefix=parts[1]).first()
    if record is None or not hmac.compare_digest(record.key_hash, _hash(key)):
        return None
    now = now or timezone.now()
    if record.expires_at is not None and record.expires_at <= now:
        return None
    if record.last_used_at is None or now - record.last_used_at > LAST_USED_EVERY:
        PartnerKey.objects.filter(pk=record.pk).update(last_used_at=now)
    return record
