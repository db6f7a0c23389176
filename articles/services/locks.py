"""Soft edit locks: "being edited by …" while a change page is open."""

from django.db import transaction
from django.utils import timezone

from ..models import (
    EditLock,
)


def edit_lock_touch(*, article, user, now=None):
    """Record that ``user`` has the article open. Returns the other holder's lock
    when someone else is editing it now (then it stays theirs), else ``None``."""
    now = now or timezone.now()
    with transaction.atomic():
        lock = EditLock.objects.select_for_update().filter(article=article).first()
        if lock and lock.user_id != user.pk and lock.is_active(now):
            return lock
        if lock and lock.user_id == user.pk and lock.is_active(now):
            EditLock.objects.filter(pk=lock.pk).update(seen_at=now)
        else:
            EditLock.objects.update_or_create(article=article, defaults={"user": user, "since": now, "seen_at": now})
    return None


def edit_lock_release(*, article, user):
    EditLock.objects.filter(article=article, user=user).delete()
