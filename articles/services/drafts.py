"""Autosave: a per-user draft of the article form, kept on the server.

Saving a draft changes nothing a reader or a colleague sees: no version, no
revision, no "content changed". A draft of an article is its owner's alone and
is only ever offered back to them; saving the article (or discarding the
draft) removes it. The stale-save rule still holds when a draft is restored:
the form it fills carries the version it was opened at.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..body import normalize_newlines
from ..models import Autosave
from .permissions import can_edit_article

#: Form fields never kept in a draft: the token, the workflow's buttons and inputs.
NOT_KEPT = frozenset(
    {
        "csrfmiddlewaretoken",
        "opened_version",
        "schedule_at_0",
        "schedule_at_1",
        "embargo",
        "take_down_at_0",
        "take_down_at_1",
        "workflow_note",
        "correction",
    }
)
#: A draft of a piece never saved is forgotten after this long.
NEW_PIECE_DRAFT_DAYS = 30
#: The most a draft may hold (a long feature's body is well under 1 MB).
MAX_DRAFT_CHARS = 2_000_000


def _kept(data):
    kept = {}
    size = 0
    for name, values in data.items():
        if name in NOT_KEPT or name.startswith("_"):
            continue
        # Browsers post a textarea's newlines as CRLF; the body format has plain ones.
        values = [normalize_newlines(str(value)) for value in (values if isinstance(values, list) else [values])]
        size += sum(len(value) for value in values)
        kept[name] = values
    if size > MAX_DRAFT_CHARS:
        raise ValueError(_("The draft is too large to autosave."))
    return kept


def autosave_store(*, user, data, article=None, key="", base_version=None, now=None):
    """Keep ``data`` (the form's fields, name → values) as ``user``'s draft of
    ``article``, or of the new piece ``key``; returns the draft."""
    if article is not None and not can_edit_article(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    if article is None and not key:
        raise ValueError("A draft of a new piece needs its key.")
    fields = {"data": _kept(data), "base_version": base_version, "updated_at": now or timezone.now()}
    where = {"user": user, "article": article} if article is not None else {"user": user, "article": None, "key": key}
    for _attempt in range(2):  # two tabs of the same form may race to create it
        try:
            with transaction.atomic():
                draft, _created = Autosave.objects.update_or_create(**where, defaults=fields)
                return draft
        except IntegrityError:
            continue
    raise IntegrityError("autosave race")


def autosave_for(*, user, article=None, key=""):
    """``user``'s draft of ``article`` (or of the new piece ``key``), or ``None``."""
    if article is not None:
        return Autosave.objects.filter(user=user, article=article).first()
    if key:
        return Autosave.objects.filter(user=user, article=None, key=key).first()
    return None


def autosaves_of_new_pieces(*, user, now=None):
    """``user``'s drafts of pieces never saved, newest first (older ones forgotten)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=NEW_PIECE_DRAFT_DAYS)
    Autosave.objects.filter(user=user, article=None, updated_at__lt=cutoff).delete()
    return list(Autosave.objects.filter(user=user, article=None).order_by("-updated_at"))


def autosave_discard(*, user, article=None, key=""):
    """Forget ``user``'s draft of ``article`` (or of the new piece ``key``)."""
    if article is not None:
        Autosave.objects.filter(user=user, article=article).delete()
    if key:
        Autosave.objects.filter(user=user, article=None, key=key).delete()
