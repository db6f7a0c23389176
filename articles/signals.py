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

``article_event`` tells the world outside the site (webhooks) of a step in a
published piece's life: one of ``ARTICLE_EVENTS``, sent with
``announce_article_event`` by the service that takes the step, once per step,
inside its transaction (so a receiver's records share the step's fate, and a
deleted piece is still there to be described). Receivers get ``article``,
``event``, ``origin`` (an ``Origin``) and ``occurred_at``. A service called
within ``on_behalf_of_import()`` marks its steps as an import's: the events
say so and the timeline records it; webhooks and the news sitemap ignore them.
"""

import contextvars
from contextlib import contextmanager

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .models.status import Origin

content_changing = Signal()
content_changed = Signal()
#: Sent by ``manage.py publish_scheduled`` after each of its runs: the backstop
#: for work other processes left (the edge purge drains its outbox).
scheduler_ran = Signal()
#: A step in a published piece's life, for the world outside (see above).
article_event = Signal()

#: What ``article_event`` tells of: a piece went live (by an editor, or by the
#: scheduler at its minute), was edited while live, corrected, taken down, deleted.
PUBLISHED, UPDATED, CORRECTED, UNPUBLISHED, DELETED = "published", "updated", "corrected", "unpublished", "deleted"
ARTICLE_EVENTS = (PUBLISHED, UPDATED, CORRECTED, UNPUBLISHED, DELETED)

_origin = contextvars.ContextVar("article_change_origin", default=Origin.NEWSROOM)


@contextmanager
def on_behalf_of_import():
    """Within this block, every change a service makes is an import's."""
    token = _origin.set(Origin.IMPORT)
    try:
        yield
    finally:
        _origin.reset(token)


def current_origin():
    """On whose behalf the services act now: an ``Origin``."""
    return _origin.get()


def announce_article_event(*, article, event, now=None):
    """Send ``article_event`` for ``article`` (as it stands, inside the step's transaction)."""
    article_event.send(
        sender=announce_article_event,
        article=article,
        event=event,
        origin=current_origin(),
        occurred_at=now or timezone.now(),
    )


def _ids(articles):
    return sorted({getattr(article, "pk", article) for article in articles})


def pages_will_change(*, articles=(), reason=""):
    """Tell the in-transaction receivers which pages show ``articles`` now, before they change."""
    content_changing.send(sender=pages_will_change, articles=_ids(articles), reason=reason)


_batch = contextvars.ContextVar("content_changes_batch", default=None)


@contextmanager
def announcing_once(reason="import"):
    """Within this block ``notify_content_changed`` only notes what changed; at
    its end the change is announced once, for every article noted (for an
    import of thousands of pieces: one new content generation, one purge).

    Each article's own transaction has committed by then, so the pages to
    purge are written to the outbox in a transaction of their own: a process
    killed inside the block leaves the caches to their expiry for what it
    changed. Nested blocks announce with the outermost.
    """
    if _batch.get() is not None:
        yield
        return
    noted = {"ids": set(), "any": False, "everything": False}
    token = _batch.set(noted)
    try:
        yield
    finally:
        _batch.reset(token)
        if noted["any"]:
            with transaction.atomic():
                notify_content_changed(articles=() if noted["everything"] else noted["ids"], reason=reason)


def notify_content_changed(*, articles=(), reason=""):
    """Announce a change: ``content_changing`` now, ``content_changed`` on commit
    (within ``announcing_once``: once, at the block's end)."""
    article_ids = _ids(articles)
    noted = _batch.get()
    if noted is not None:
        noted["any"] = True
        noted["everything"] = noted["everything"] or not article_ids
        noted["ids"].update(article_ids)
        return
    content_changing.send(sender=notify_content_changed, articles=article_ids, reason=reason)
    transaction.on_commit(
        lambda: content_changed.send(sender=notify_content_changed, articles=article_ids, reason=reason)
    )
