"""Live coverage: starting and ending it, and every write of its entries.

The desk, the demo loader and any later client call these; nothing else
creates, changes, pins or deletes an entry. Each service checks who may act,
validates an entry's body as an article body is validated (its embeds must
exist, a photo must carry its credit and alt text and rights in force, a quote
its source), renders it with the same renderer, keeps its embeds as PROTECT
relations, records the step (the entry's revision, the article's timeline) and,
when readers can see the page, moves the article's "updated" time (feeds,
sitemaps, ``dateModified``) and announces the change once, so every cache layer
forgets the page and its live fragment.

Who may do what: whoever may post on the page (an editor; a reporter who
started the piece or is on its byline) adds entries, pins one and corrects
their own; editors correct any entry, delete entries and end the coverage.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from photos.text import strip_invisible

from ..body import embed_ids, markdown_to_html, normalize_newlines, parse_embeds, validate_embeds
from ..models import Article, LiveCoverage, LiveEntry, LiveEntryImage, LiveEntryQuote, LiveEntryRevision
from ..signals import UPDATED, announce_article_event, notify_content_changed
from .errors import WorkflowError
from .permissions import can_edit_article, can_publish, require_editor, user_is_byline_author
from .workflow import _record, embed_problems

#: The embeds an entry may hold: a photo and a quote (an earlier article is a link).
ENTRY_EMBED_KINDS = ("image", "quote")


def coverage_of(article):
    """The article's live coverage, or ``None`` when it is not a live page."""
    try:
        return article.live_coverage
    except LiveCoverage.DoesNotExist:
        return None


def can_post_live(user, article):
    """Editors post on every live page; a reporter on the pages they started or are bylined on."""
    if not (user.is_active and user.is_authenticated and user.has_perm("articles.change_article")):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk or user_is_byline_author(user, article)


def can_correct_entry(user, entry):
    """Editors correct any entry; whoever may post corrects their own."""
    if can_publish(user):
        return True
    return can_post_live(user, entry.article) and entry.created_by_id == user.pk


def entry_problems(body):
    """What keeps ``body`` from being published as an entry (the body's checks)."""
    body = normalize_newlines(body)
    if not body.strip():
        return [_("Write the entry readers will see.")]
    problems = list(validate_embeds(body))
    for embed in parse_embeds(body):
        if embed.kind not in ENTRY_EMBED_KINDS:
            problems.append(
                _("[[%(kind)s:%(pk)s]]: an entry holds photos and quotes; link to an article instead.")
                % {"kind": embed.kind, "pk": embed.pk}
            )
    problems.extend(embed_problems(body, timezone.localdate()))
    return list(dict.fromkeys(str(problem) for problem in problems))


def _announce(article, *, now, reason):
    """What every visible change of a live page does: the article's "updated"
    time moves (feeds, sitemaps, JSON-LD) and every cache layer is told."""
    if article.is_published(now):
        Article.objects.filter(pk=article.pk).update(updated_at=now, modified_at=now)
        article.updated_at = article.modified_at = now
        notify_content_changed(articles=[article], reason=reason)
        announce_article_event(article=article, event=UPDATED, now=now)


def _render(entry, body):
    entry.body = strip_invisible(normalize_newlines(body)).strip()
    entry.body_html = markdown_to_html(entry.body)


def _sync_embeds(entry):
    for model, field, ids in (
        (LiveEntryImage, "image_id", embed_ids(entry.body, "image")),
        (LiveEntryQuote, "quote_id", embed_ids(entry.body, "quote")),
    ):
        existing = set(model.objects.filter(entry=entry).values_list(field, flat=True))
        wanted = set(ids)
        model.objects.filter(entry=entry, **{f"{field}__in": existing - wanted}).delete()
        model.objects.bulk_create([model(entry=entry, **{field: pk}) for pk in wanted - existing])


def _revision(entry, *, user, note, now):
    LiveEntryRevision.objects.create(
        entry=entry,
        version=entry.version,
        body=entry.body,
        correction=entry.correction,
        note=note,
        created_by=user if user and user.is_authenticated else None,
        created_at=now,
    )


def _event(article, *, user, note, now):
    _record(article, user=user, from_status=article.status, to_status=article.status, note=note, now=now)


def live_coverage_start(*, article, user, now=None):
    """Make ``article`` a live page from now (or again, after it ended)."""
    if not (can_publish(user) or can_edit_article(user, article)):
        raise PermissionDenied(_("You may not make this article a live page."))
    now = now or timezone.now()
    with transaction.atomic():
        coverage = coverage_of(article)
        if coverage is not None and coverage.is_ongoing:
            raise WorkflowError(_("This article is already a live page."))
        if coverage is None:
            coverage = LiveCoverage.objects.create(article=article, started_at=now, started_by=user)
        else:
            require_editor(user, _("resume live coverage"))
            coverage.ended_at, coverage.ended_by = None, None
            coverage.save(update_fields=["ended_at", "ended_by"])
        article.live_coverage = coverage
        _event(article, user=user, note=_("live coverage started"), now=now)
        _announce(article, now=now, reason="live coverage started")
    return coverage


def live_coverage_end(*, article, user, now=None):
    """End the coverage (editors): the page is frozen as an ordinary article,
    its entries kept, and readers' pages stop looking for new ones."""
    require_editor(user, _("end live coverage"))
    now = now or timezone.now()
    with transaction.atomic():
        coverage = _locked_coverage(article)
        if coverage is None or not coverage.is_ongoing:
            raise WorkflowError(_("This article's live coverage is not running."))
        updated = LiveCoverage.objects.filter(pk=coverage.pk, ended_at__isnull=True).update(
            ended_at=max(now, coverage.started_at), ended_by=user
        )
        if updated != 1:  # someone else ended it at the same moment
            raise WorkflowError(_("This article's live coverage is not running."))
        coverage.refresh_from_db()
        article.live_coverage = coverage
        _event(article, user=user, note=_("live coverage ended"), now=now)
        _announce(article, now=now, reason="live coverage ended")
    return coverage


def _locked_coverage(article):
    """The article's coverage, its row locked until the transaction ends: adds,
    pins, edits and the end of the coverage happen one at a time per page (two
    editors pinning at once, an entry posted as the coverage ends)."""
    return LiveCoverage.objects.select_for_update().filter(article=article).first()


def live_entry_add(*, article, user, body, author=None, now=None):
    """A new entry at the top of the live page, timed now."""
    if not can_post_live(user, article):
        raise PermissionDenied(_("You may not post on this live page."))
    coverage = coverage_of(article)
    if coverage is None or not coverage.is_ongoing:
        raise WorkflowError(_("This article's live coverage is not running: start it first."))
    problems = entry_problems(body)
    if problems:
        raise WorkflowError(problems)
    now = now or timezone.now()
    with transaction.atomic():
        coverage = _locked_coverage(article)
        if coverage is None or not coverage.is_ongoing:  # ended meanwhile
            raise WorkflowError(_("This article's live coverage is not running: start it first."))
        entry = LiveEntry(article=article, author=author, created_by=user, created_at=now)
        _render(entry, body)
        entry.full_clean(exclude=["article", "author"])
        entry.save()
        _sync_embeds(entry)
        _revision(entry, user=user, note=_("added"), now=now)
        _event(article, user=user, note=_("live entry #%(pk)s added") % {"pk": entry.pk}, now=now)
        _announce(article, now=now, reason="live entry added")
    return entry


def live_entry_edit(*, entry, user, body=None, correction="", expected_version=None, now=None):
    """Change an entry's text, or correct it. Once readers may have seen it
    (the page is public), a change needs a correction: readers see that the
    entry was corrected, what and when."""
    article = entry.article
    if not can_correct_entry(user, entry):
        raise PermissionDenied(_("You may not change this entry."))
    now = now or timezone.now()
    correction = strip_invisible(correction or "").strip()
    public = article.is_published(now)
    if public and not correction:
        raise WorkflowError(_("Readers may have seen this entry: write the correction they will see."))
    if body is not None:
        problems = entry_problems(body)
        if problems:
            raise WorkflowError(problems)
    with transaction.atomic():
        _locked_coverage(article)
        current = LiveEntry.objects.select_for_update().get(pk=entry.pk)
        if expected_version is not None and current.version != expected_version:
            raise WorkflowError(_("Someone changed this entry after you opened it; open it again."))
        if public and correction in current.correction.splitlines():
            raise WorkflowError(_("Write what this change corrects: that correction is already printed."))
        if body is not None:
            _render(entry, body)
        if correction:
            # Every correction stays printed, the newest last (readers see what changed, and when last).
            entry.correction = f"{current.correction}\n{correction}" if current.correction else correction
            entry.corrected_at = now
        entry.version = current.version + 1
        entry.pinned = current.pinned
        entry.save()
        _sync_embeds(entry)
        note = _("corrected") if correction else _("edited")
        _revision(entry, user=user, note=note, now=now)
        _event(article, user=user, note=_("live entry #%(pk)s: %(what)s") % {"pk": entry.pk, "what": note}, now=now)
        _announce(article, now=now, reason="live entry changed")
    return entry


def live_entry_pin(*, entry, user, pinned=True, now=None):
    """Pin ``entry`` on top of the page (unpinning any other), or unpin it."""
    article = entry.article
    if not can_post_live(user, article):
        raise PermissionDenied(_("You may not post on this live page."))
    now = now or timezone.now()
    with transaction.atomic():
        _locked_coverage(article)
        if pinned:
            LiveEntry.objects.filter(article=article, pinned=True).exclude(pk=entry.pk).update(pinned=False)
        LiveEntry.objects.filter(pk=entry.pk).update(pinned=pinned)
        entry.pinned = pinned
        note = _("live entry #%(pk)s pinned") if pinned else _("live entry #%(pk)s unpinned")
        _event(article, user=user, note=note % {"pk": entry.pk}, now=now)
        _announce(article, now=now, reason="live entry pinned")
    return entry


def live_entry_delete(*, entry, user, now=None):
    """Delete an entry for good (editors). The article's timeline keeps what it said."""
    require_editor(user, _("delete live entries"))
    article = entry.article
    now = now or timezone.now()
    with transaction.atomic():
        _locked_coverage(article)
        note = _("live entry #%(pk)s deleted: %(text)s") % {"pk": entry.pk, "text": entry.body[:120]}
        entry.delete()
        _event(article, user=user, note=note, now=now)
        _announce(article, now=now, reason="live entry deleted")


__all__ = [
    "can_correct_entry",
    "can_post_live",
    "coverage_of",
    "entry_problems",
    "live_coverage_end",
    "live_coverage_start",
    "live_entry_add",
    "live_entry_delete",
    "live_entry_edit",
    "live_entry_pin",
]
