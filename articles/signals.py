"""The "content changed" hook.

Sent once, after the transaction commits, for every change a reader could see:
an article published, edited, unpublished or expired, or an image credit, quote,
source, author, section or copyright notice one shows. The page cache and the
edge cache listen to it; services send it, nothing else does.

Receivers get ``articles`` (the affected Article ids, possibly empty),
``reason`` (a short word for logs) and ``paths`` (public addresses to purge
that the articles can no longer tell, e.g. those of deleted articles).
"""

from django.db import transaction
from django.dispatch import Signal

content_changed = Signal()


def notify_content_changed(*, articles=(), reason="", paths=()):
    """Send ``content_changed`` when the current transaction commits."""
    article_ids = sorted({getattr(article, "pk", article) for article in articles})
    paths = sorted(set(paths))
    transaction.on_commit(
        lambda: content_changed.send(sender=notify_content_changed, articles=article_ids, reason=reason, paths=paths)
    )
