"""The "content changed" hook: how the editorial domain tells the caches.

Services announce every change a reader could see (an article published,
edited, unpublished, expired or deleted; a byline, section, source, quote, tag
or copyright notice it prints) with ``notify_content_changed``. It sends two
signals, and nothing else sends them:

* ``content_changing``, at once, inside the transaction that makes the change,
  for receivers that must write in that same transaction (the edge purge's
  outbox: the pages to purge are never lost, whatever happens after commit);
  ``pages_will_change`` sends it alone, before a change that can move an
  article off a page (a new section, a removed tag), so that page is purged too;
* ``content_changed``, once, after the transaction commits, for receivers that
  act on committed data (the page cache's new generation, stored renderings).

``scheduler_ran`` is sent after each run of the scheduler.

Receivers get ``articles`` (the affected Article ids, possibly empty: then
something every page may print changed) and ``reason`` (a short word for logs).
The receivers live in ``delivery``; this app imports none of them.
"""

from django.db import transaction
from django.dispatch import Signal

content_changing = Signal()
content_changed = Signal()
#: Sent by ``manage.py publish_scheduled`` after each of its runs: the backstop
#: for work other processes left (the edge purge drains its outbox).
scheduler_ran = Signal()


def _ids(articles):
    return sorted({getattr(article, "pk", article) for article in articles})


def pages_will_change(*, articles=(), reason=""):
    """Tell the in-transaction receivers which pages show ``articles`` now, before they change."""
    content_changing.send(sender=pages_will_change, articles=_ids(articles), reason=reason)


def notify_content_changed(*, articles=(), reason=""):
    """Announce a change: ``content_changing`` now, ``content_changed`` on commit."""
    article_ids = _ids(articles)
    content_changing.send(sender=notify_content_changed, articles=article_ids, reason=reason)
    transaction.on_commit(
        lambda: content_changed.send(sender=notify_content_changed, articles=article_ids, reason=reason)
    )
