"""Preview links: a piece not yet public, for someone without an account."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    PreviewLink,
)
from .errors import WorkflowError
from .permissions import require_editor


def preview_link_create(*, article, user, expires_at, label="", now=None):
    """A link for someone without an account to read a piece before it is public."""
    require_editor(user, _("share previews"))
    now = now or timezone.now()
    if article.is_published(now):
        raise WorkflowError(_("This article is public already: share its address instead."))
    if expires_at <= now:
        raise WorkflowError(_("Choose an expiry in the future."))
    if expires_at > now + datetime.timedelta(days=30):
        raise WorkflowError(_("A preview link can last at most 30 days."))
    return PreviewLink.objects.create(article=article, created_by=user, expires_at=expires_at, label=label)


def preview_link_revoke(*, link, user):
    require_editor(user, _("share previews"))
    PreviewLink.objects.filter(pk=link.pk).update(revoked=True)
