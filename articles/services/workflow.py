"""The workflow: submit, return, schedule, publish, unpublish, expiry, top story.

Every transition is a compare-and-set on the status, recorded as an event (marked
as an import's within ``on_behalf_of_import``), and announces the change when
readers see a difference; a publication and a live piece taken down are told to
the world outside too (``article_event``)."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from photos.models import Image

from ..body import embed_ids, validate_embeds
from ..models import (
    Article,
    ArticleEvent,
    ArticleTodo,
    CopyrightNotice,
    Notification,
    Quote,
    Status,
)
from ..signals import PUBLISHED, UNPUBLISHED, announce_article_event, current_origin, notify_content_changed
from .errors import STATUS_CHANGED_MESSAGE, WorkflowError
from .notifications import notify_workflow
from .permissions import can_edit_article, require_editor


def site_default_notice():
    return CopyrightNotice.objects.default()


def publication_problems(article, *, now=None, archive=False):
    """What must be fixed before ``article`` may be scheduled or published.

    ``archive``: for a piece an import brings over already published, whose
    old home may have printed it without a photo, a missing lead image is no
    problem; everything else (credits, rights, sources, open to-dos) still is.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    problems = []
    if not article.headline.strip():
        problems.append(_("The headline is missing."))
    if article.section_id is None:
        problems.append(_("Choose a section."))
    if not article.body.strip():
        problems.append(_("The body is empty."))
    if article.lead_image_id is None and not archive:
        problems.append(_("Choose a lead image."))
    if article.copyright_notice_id is None and site_default_notice() is None:
        problems.append(_("Choose a copyright notice (the site has no default one)."))
    problems.extend(validate_embeds(article.body, article=article))
    problems.extend(
        embed_problems(article.body, today, lead_image=article.lead_image if article.lead_image_id else None)
    )
    if article.pk is not None:
        for todo in ArticleTodo.objects.blocking().filter(article=article):
            problems.append(_("To do first: %(todo)s") % {"todo": todo.message})
    return list(dict.fromkeys(str(problem) for problem in problems))


def embed_problems(body, today, *, lead_image=None):
    """What keeps a body's photos (and a lead photo) and quotes from being
    printed: alt text, credit, rights in force, a source. An article's and a
    live entry's text are held to the same."""
    problems = []
    images = list(Image.objects.filter(pk__in=embed_ids(body, "image")))
    if lead_image is not None:
        images.insert(0, lead_image)
    for image in images:
        if not image.alt_text.strip():
            problems.append(_("Image #%(pk)s has no alt text.") % {"pk": image.pk})
        if not image.credit.strip():
            problems.append(_("Image #%(pk)s has no credit.") % {"pk": image.pk})
        if image.rights_expired(today):
            problems.append(
                _("The rights to image #%(pk)s (“%(credit)s”) expired on %(date)s.")
                % {"pk": image.pk, "credit": image.credit, "date": image.rights_expire_at}
            )
    for quote in Quote.objects.filter(pk__in=embed_ids(body, "quote")):
        if quote.source_id is None:
            problems.append(_("Quote #%(pk)s has no source.") % {"pk": quote.pk})
    return problems


def _record(article, *, user, from_status, to_status, note="", now=None, publication=None):
    """The event on the article's timeline, and the same step in the audit log
    (where an admin reads it beside the logins and role changes)."""
    actor = user if user and user.is_authenticated else None
    when = now or timezone.now()
    event = ArticleEvent.objects.create(
        article=article,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        publication=publication,
        origin=current_origin(),
        created_at=when,
    )
    audit.record(
        audit.Action.WORKFLOW,
        actor=actor,
        actor_name="" if actor else "scheduler",
        target=f"#{article.pk} {article.headline}",
        detail=f"{from_status or '—'} → {to_status}" + (f": {note}" if note else ""),
        when=when,
    )
    return event


def _compare_and_set(article, *, from_status, **changes):
    """Change the row only if it is still in ``from_status`` (and, for a
    publication, still at the same count); True when this call changed it."""
    guard = {"pk": article.pk, "status": from_status}
    if "publication_count" in changes:
        guard["publication_count"] = article.publication_count
    changed = Article.objects.filter(**guard).update(**changes)
    if changed:
        article.refresh_from_db()
    return changed == 1


def _publish(article, *, user, now, from_status, publish_at, note="", seen_at=None, notify=True):
    """The side effects of a publication, exactly once (shared by the button,
    the scheduler and an archive's import): status, first_published_at set once
    (``seen_at``: the minute readers first saw it, when that was before ``now``),
    the event, the hook; the people of the piece are told unless ``notify`` is
    off (an archive's piece, published years ago)."""
    with transaction.atomic():
        won = _compare_and_set(
            article,
            from_status=from_status,
            status=Status.PUBLISHED,
            publish_at=publish_at,
            first_published_at=Coalesce("first_published_at", Value(seen_at or now)),
            publication_count=F("publication_count") + 1,
            embargoed=False,
        )
        if not won:
            return False
        try:
            with transaction.atomic():
                _record(
                    article,
                    user=user,
                    from_status=from_status,
                    to_status=Status.PUBLISHED,
                    note=note,
                    now=now,
                    publication=article.publication_count,
                )
        except IntegrityError:
            # Another process recorded this very publication: undo ours.
            transaction.set_rollback(True)
            return False
        if notify:
            notify_workflow(article=article, kind=Notification.Kind.PUBLISHED, actor=user, now=now)
        notify_content_changed(articles=[article], reason="published")
        announce_article_event(article=article, event=PUBLISHED, now=now)
    return True


def article_publish(*, article, user, now=None):
    """Publish now. The piece goes live this minute (or keeps its original date
    when it was live before); ``first_published_at`` is set once."""
    require_editor(user, _("publish"))
    now = now or timezone.now()
    if article.status == Status.PUBLISHED and article.is_published(now):
        raise WorkflowError(_("This article is already published."))
    problems = publication_problems(article, now=now)
    if problems:
        raise WorkflowError(problems)
    keeps_date = article.first_published_at is not None and article.publish_at and article.publish_at <= now
    publish_at = article.publish_at if keeps_date else now
    if not _publish(article, user=user, now=now, from_status=article.status, publish_at=publish_at):
        raise WorkflowError(STATUS_CHANGED_MESSAGE)
    return article


def article_publish_archived(*, article, user, published_at, now=None):
    """Publish a piece brought over from another system with the date it was
    first published there: ``publish_at`` and ``first_published_at`` take that
    date, nobody is notified, and within ``on_behalf_of_import()`` the step is an
    import's (webhooks and the news sitemap ignore it). The checks are those of
    a publication, but a missing lead image is allowed (``archive``). A piece
    live already keeps its state."""
    require_editor(user, _("publish"))
    now = now or timezone.now()
    if published_at is None or published_at > now:
        raise WorkflowError(_("An archived piece needs its original publication date, in the past."))
    if article.is_published(now):
        return article
    if article.status not in (Status.DRAFT, Status.REVIEW) or article.first_published_at is not None:
        # Taken down, scheduled or embargoed here: an editor's decision an import never undoes.
        raise WorkflowError(_("This piece was published or scheduled here before: an editor decides its state now."))
    if article.expire_at and article.expire_at <= now:
        raise WorkflowError(_("The article's expiry has passed: it would come down at once."))
    problems = publication_problems(article, now=now, archive=True)
    if problems:
        raise WorkflowError(problems)
    note = _("archive, first published %(time)s") % {
        "time": timezone.localtime(published_at).strftime("%Y-%m-%d %H:%M %Z")
    }
    # The compare-and-set guards the status and the publication count: a piece
    # published meanwhile by anyone fails it, as it fails a button's publication.
    if not _publish(
        article,
        user=user,
        now=now,
        from_status=article.status,
        publish_at=published_at,
        note=note,
        seen_at=published_at,
        notify=False,
    ):
        raise WorkflowError(STATUS_CHANGED_MESSAGE)
    return article


def article_schedule(*, article, user, publish_at, embargoed=False, now=None):
    """Schedule the piece for ``publish_at`` (a future time). It goes live at that
    minute through ``published()`` with no worker running; an embargoed piece
    can be read before then only through a preview link."""
    require_editor(user, _("schedule"))
    now = now or timezone.now()
    if publish_at is None:
        raise WorkflowError(_("Choose when the article goes live."))
    if publish_at <= now:
        raise WorkflowError(_("That time has already passed: choose a later time, or publish now."))
    if article.is_published(now):
        raise WorkflowError(_("This article is already live; unpublish it first to schedule it again."))
    if article.expire_at and article.expire_at <= publish_at:
        raise WorkflowError(_("The article would expire before it goes live; change its expiry first."))
    problems = publication_problems(article, now=now)
    if problems:
        raise WorkflowError(problems)
    from_status = article.status
    with transaction.atomic():
        if not _compare_and_set(
            article, from_status=from_status, status=Status.SCHEDULED, publish_at=publish_at, embargoed=embargoed
        ):
            raise WorkflowError(STATUS_CHANGED_MESSAGE)
        note = _("for %(time)s") % {"time": timezone.localtime(publish_at).strftime("%Y-%m-%d %H:%M %Z")}
        if embargoed:
            note += " · " + _("embargoed")
        _record(article, user=user, from_status=from_status, to_status=Status.SCHEDULED, note=note, now=now)
        notify_workflow(article=article, kind=Notification.Kind.SCHEDULED, actor=user, now=now)
        # Nothing changes for readers yet, but caches must learn the new minute
        # at which something will.
        notify_content_changed(articles=[article], reason="scheduled")
    return article


def article_submit_for_review(*, article, user, now=None):
    """A reporter hands a draft to the editors."""
    if not can_edit_article(user, article):
        raise PermissionDenied(_("You may not submit this article."))
    if article.status != Status.DRAFT:
        raise WorkflowError(_("Only a draft can be submitted for review."))
    with transaction.atomic():
        if not _compare_and_set(article, from_status=Status.DRAFT, status=Status.REVIEW):
            raise WorkflowError(STATUS_CHANGED_MESSAGE)
        _record(article, user=user, from_status=Status.DRAFT, to_status=Status.REVIEW, now=now)
    return article


def article_return_to_reporter(*, article, user, note, now=None):
    """An editor sends a piece in review (or scheduled) back to its reporter, with
    a note that stays internal."""
    require_editor(user, _("return articles"))
    if not (note or "").strip():
        raise WorkflowError(_("Write a note telling the reporter what to change."))
    if article.status not in (Status.REVIEW, Status.SCHEDULED):
        raise WorkflowError(_("Only an article in review or scheduled can be returned."))
    from_status = article.status
    with transaction.atomic():
        if not _compare_and_set(article, from_status=from_status, status=Status.DRAFT, embargoed=False):
            raise WorkflowError(STATUS_CHANGED_MESSAGE)
        _record(article, user=user, from_status=from_status, to_status=Status.DRAFT, note=note.strip(), now=now)
        notify_workflow(article=article, kind=Notification.Kind.RETURNED, actor=user, note=note.strip(), now=now)
        if from_status == Status.SCHEDULED and article.publish_at and article.publish_at <= (now or timezone.now()):
            notify_content_changed(articles=[article], reason="returned")
    return article


def article_unpublish(*, article, user, reason, now=None):
    """Take a piece down (or cancel a schedule), with a reason for the record."""
    require_editor(user, _("unpublish"))
    if not (reason or "").strip():
        raise WorkflowError(_("Give a reason for taking the article down."))
    if article.status not in (Status.PUBLISHED, Status.SCHEDULED):
        raise WorkflowError(_("Only a published or scheduled article can be unpublished."))
    from_status = article.status
    was_visible = article.is_published(now)
    with transaction.atomic():
        if not _compare_and_set(article, from_status=from_status, status=Status.UNPUBLISHED, embargoed=False):
            raise WorkflowError(STATUS_CHANGED_MESSAGE)
        _record(article, user=user, from_status=from_status, to_status=Status.UNPUBLISHED, note=reason.strip(), now=now)
        if was_visible:
            notify_content_changed(articles=[article], reason="unpublished")
            announce_article_event(article=article, event=UNPUBLISHED, now=now)
    return article


def article_set_expiry(*, article, user, expire_at, now=None):
    """Set (or clear, with ``None``) the minute the piece comes down by itself."""
    require_editor(user, _("set an expiry"))
    if expire_at is not None and article.publish_at and expire_at <= article.publish_at:
        raise WorkflowError(_("The expiry time must come after the publication time."))
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(expire_at=expire_at)
        article.expire_at = expire_at
        _record(
            article,
            user=user,
            from_status=article.status,
            to_status=article.status,
            note=(
                _("expires %(time)s") % {"time": timezone.localtime(expire_at).strftime("%Y-%m-%d %H:%M %Z")}
                if expire_at
                else _("expiry removed")
            ),
            now=now,
        )
        notify_content_changed(articles=[article], reason="expiry changed")
    return article


def article_feature(*, article, user, now=None):
    """Make a live article its edition's top story on the home page."""
    require_editor(user, _("choose the top story"))
    now = now or timezone.now()
    if not article.is_published(now):
        raise WorkflowError(_("Only a published article can be the top story."))
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(featured_at=now)
        article.featured_at = now
        _record(article, user=user, from_status=article.status, to_status=article.status, note=_("made top story"))
        notify_content_changed(articles=[article], reason="top story")
    return article
