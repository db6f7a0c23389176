"""Public corrections of published articles (each told to the world outside: ``article_event``)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Article,
    Correction,
    Notification,
)
from ..signals import CORRECTED, announce_article_event, notify_content_changed
from .errors import WorkflowError
from .notifications import notify_workflow
from .permissions import require_editor
from .workflow import _record


def correction_add(*, article, user, text, now=None):
    """A public correction on a published piece: printed under it, listed on
    the corrections page, and the piece's "updated" time (``modified_at``) moves."""
    require_editor(user, _("correct articles"))
    if not (text or "").strip():
        raise WorkflowError(_("Write the correction readers will see."))
    if not article.is_published(now):
        raise WorkflowError(_("Corrections are for published articles; edit a draft directly."))
    now = now or timezone.now()
    with transaction.atomic():
        correction = Correction.objects.create(article=article, text=text.strip(), created_by=user, created_at=now)
        Article.objects.filter(pk=article.pk).update(updated_at=now, modified_at=now)
        _record(article, user=user, from_status=article.status, to_status=article.status, note=_("correction added"))
        notify_workflow(article=article, kind=Notification.Kind.CORRECTED, actor=user, note=correction.text, now=now)
        notify_content_changed(articles=[article], reason="correction")
        announce_article_event(article=article, event=CORRECTED, now=now)
    return correction
