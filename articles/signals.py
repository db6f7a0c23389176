"""The "content changed" hook.

Sent once, after the transaction commits, for every change a reader could see:
an article published, edited, unpublished or expired, or an image credit, quote,
source, author, section or copyright notice one shows. The page cache and the
edge cache listen to it; services send it, nothing else does.

Receivers get ``articles`` (the affected Article ids, possibly empty) and
``reason`` (a short word for logs).
"""

from django.db import transaction
from django.dispatch import Signal

content_changed = Signal()


def notify_content_changed(*, articles=(), reason=""):
    """Send ``content_changed`` when the current transaction commits."""
    article_ids = sorted({getattr(article, "pk", article) for article in articles})
    transaction.on_commit(
        lambda: content_changed.send(sender=notify_content_changed, articles=article_ids, reason=reason)
    )
