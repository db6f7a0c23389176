"""Writes: every change of an article's state goes through these functions.

Admin views, actions, buttons and management commands call them; nothing else
assigns ``status`` or ``publish_at``. Each service checks who may act, validates,
sets timestamps, saves, records the event, and sends the "content changed" hook
on commit (Wagtail's ``PublishRevisionAction``: one path, so the admin, the API
and code calling in programmatically behave identically).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .edgecache import paths_for_articles
from .models import (
    Article,
    ArticleEvent,
    Author,
    Authorship,
    Citation,
    CopyrightNotice,
    Correction,
    EditLock,
    EmbeddedArticle,
    EmbeddedImage,
    EmbeddedQuote,
    Image,
    PreviewLink,
    Quote,
    Revision,
    Status,
)
from .rendering import embed_ids, markdown_to_html, normalize_newlines, validate_embeds
from .signals import notify_content_changed

SLUG_MAX_LENGTH = 80
STATUS_CHANGED_MESSAGE = "Someone else changed this article's status just now; reload and try again."


class WorkflowError(Exception):
    """A transition that cannot happen now; ``messages`` says what to fix."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else [str(message) for message in messages]
        super().__init__("; ".join(self.messages))


class EditConflict(Exception):
    """Someone saved the article after this editor opened it."""

    def __init__(self, *, current, expected_version, changed_by=None, changed_at=None):
        self.current = current
        self.expected_version = expected_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(f"article {current.pk} is at version {current.version}, not {expected_version}")


# -- Who may do what ------------------------------------------------------------


def user_is_byline_author(user, article):
    if not article.pk or not user.is_authenticated:
        return False
    return article.authorships.filter(author__user=user).exists()


def can_edit_article(user, article):
    """Editors edit every article; a reporter edits their own (created by them or
    bylined to them) while it is a draft, including one returned to them."""
    if not (user.is_active and user.is_authenticated):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    if not user.has_perm("articles.change_article"):
        return False
    if article.pk is None:
        return user.has_perm("articles.add_article")
    return article.status == Status.DRAFT and (article.created_by_id == user.pk or user_is_byline_author(user, article))


def can_publish(user):
    """Schedule, publish, unpublish, return, correct: the editor's powers."""
    return user.is_active and user.has_perm("articles.publish_article")


def _require_editor(user, action):
    if not can_publish(user):
        raise PermissionDenied(_("Only editors can %(action)s.") % {"action": action})


# -- Saving ----------------------------------------------------------------------


def unique_slug_for(article):
    """A readable slug from the headline (Korean kept); the id in the URL makes it unique."""
    return slugify(article.headline, allow_unicode=True)[:SLUG_MAX_LENGTH].strip("-") or "article"


def latest_revision(article):
    return article.revisions.select_related("created_by").order_by("-version", "-pk").first()


def article_save(*, article, user, expected_version=None, record_revision=True, note=""):
    """Save an article's fields as the reporter or editor typed them.

    ``expected_version`` is the version the form was opened at: when someone
    saved in between, nothing is written and ``EditConflict`` says who and when
    (the caller keeps the user's text). Renders the body to sanitised HTML, keeps
    the embeds as relations (so what a page shows cannot be deleted under it),
    records a revision, and tells the caches when a live article changed.
    Status and ``publish_at`` are never touched here.
    """
    if not can_edit_article(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    with transaction.atomic():
        if article.pk is None:
            article.created_by = user
            article.version = 1
        else:
            # Lock the row (PostgreSQL; SQLite's IMMEDIATE transaction already
            # serialises writers) so two saves cannot both pass the check.
            current = Article.objects.select_for_update().get(pk=article.pk)
            if expected_version is not None and current.version != expected_version:
                revision = latest_revision(current)
                raise EditConflict(
                    current=current,
                    expected_version=expected_version,
                    changed_by=revision.created_by if revision else None,
                    changed_at=revision.created_at if revision else current.updated_at,
                )
            # Fields only services change keep the database's values, whatever
            # the instance in hand says.
            for name in ("status", "publish_at", "expire_at", "embargoed", "first_published_at", "created_by_id"):
                setattr(article, name, getattr(current, name))
            article.publication_count = current.publication_count
            article.version = current.version + 1
        if not article.slug:
            article.slug = unique_slug_for(article)
        article.body = normalize_newlines(article.body)
        article.body_html = markdown_to_html(article.body)
        article.save()
        sync_embeds(article)
        if record_revision:
            article_record_revision(article=article, user=user, note=note)
        if article.is_published():
            notify_content_changed(articles=[article], reason="article edited")
    return article


def sync_embeds(article):
    """Make the embed relations match the body's ``[[kind:id]]`` lines."""
    for model, field, ids in (
        (EmbeddedImage, "image_id", embed_ids(article.body, "image")),
        (EmbeddedQuote, "quote_id", embed_ids(article.body, "quote")),
        (EmbeddedArticle, "target_id", embed_ids(article.body, "article")),
    ):
        existing = set(model.objects.filter(article=article).values_list(field, flat=True))
        wanted = set(ids)
        model.objects.filter(article=article, **{f"{field}__in": existing - wanted}).delete()
        model.objects.bulk_create([model(article=article, **{field: pk}) for pk in wanted - existing])


# -- Revisions ---------------------------------------------------------------------

#: The article's own fields a revision keeps and a restore puts back.
REVISION_FIELDS = (
    "headline",
    "dek",
    "slug",
    "section_id",
    "language",
    "body",
    "lead_image_id",
    "lead_image_caption",
    "byline_override",
    "copyright_notice_id",
    "translation_of_id",
)


def article_snapshot(article):
    """Everything a revision keeps: the fields, the body and the relations."""
    data = {name: getattr(article, name) for name in REVISION_FIELDS}
    data["authors"] = [
        {"id": authorship.author_id, "name": authorship.author.name}
        for authorship in article.authorships.select_related("author").order_by("position", "pk")
    ]
    data["tags"] = sorted(article.tags.names())
    data["related_articles"] = sorted(article.related_articles.values_list("pk", flat=True))
    data["citations"] = [
        {
            "source_id": citation.source_id,
            "title": citation.title,
            "url": citation.url,
            "published_on": citation.published_on.isoformat() if citation.published_on else None,
        }
        for citation in article.citations.order_by("position", "pk")
    ]
    data["status"] = article.status
    data["publish_at"] = article.publish_at.isoformat() if article.publish_at else None
    return data


def article_record_revision(*, article, user, note=""):
    """Store the article as it now is (call after its relations are saved)."""
    data = article_snapshot(article)
    revision, _created = Revision.objects.update_or_create(
        article=article,
        version=article.version,
        defaults={"created_by": user if user and user.is_authenticated else None, "data": data, "note": note},
    )
    return revision


def revision_problems(revision):
    """What a restore of ``revision`` would point at that no longer exists."""
    data = revision.data
    problems = list(validate_embeds(data.get("body", "")))
    if data.get("lead_image_id") and not Image.objects.filter(pk=data["lead_image_id"]).exists():
        problems.append(
            _("Its lead image #%(pk)s has been deleted since; choose another lead image first.")
            % {"pk": data["lead_image_id"]}
        )
    author_ids = [author["id"] for author in data.get("authors", [])]
    missing_authors = set(author_ids) - set(Author.objects.filter(pk__in=author_ids).values_list("pk", flat=True))
    for author in data.get("authors", []):
        if author["id"] in missing_authors:
            problems.append(_("The byline “%(name)s” has been deleted since.") % {"name": author["name"]})
    return problems


def article_restore_revision(*, article, revision, user, expected_version=None):
    """Put an earlier revision's content back, as a new revision. Refused with a
    clear message when something it used (a photo, a quote) has been deleted."""
    if revision.article_id != article.pk:
        raise WorkflowError(_("That revision belongs to another article."))
    if not can_edit_article(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    problems = revision_problems(revision)
    if problems:
        raise WorkflowError(problems)
    data = revision.data
    with transaction.atomic():
        for name in REVISION_FIELDS:
            setattr(article, name, data.get(name, getattr(article, name)))
        article_save(
            article=article,
            user=user,
            expected_version=expected_version,
            record_revision=False,
        )
        Authorship.objects.filter(article=article).delete()
        Authorship.objects.bulk_create(
            [
                Authorship(article=article, author_id=author["id"], position=position)
                for position, author in enumerate(data.get("authors", []))
            ]
        )
        article.tags.set(data.get("tags", []))
        article.related_articles.set(Article.objects.filter(pk__in=data.get("related_articles", [])))
        article.citations.all().delete()
        Citation.objects.bulk_create(
            [
                Citation(
                    article=article,
                    source_id=citation["source_id"],
                    title=citation["title"],
                    url=citation["url"],
                    published_on=citation["published_on"],
                    position=position,
                )
                for position, citation in enumerate(data.get("citations", []))
            ]
        )
        article_record_revision(
            article=article, user=user, note=_("restored from version %(version)s") % {"version": revision.version}
        )
    return article


# -- Publication ----------------------------------------------------------------


def site_default_notice():
    return CopyrightNotice.objects.default()


def publication_problems(article, *, now=None):
    """What must be fixed before ``article`` may be scheduled or published."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    problems = []
    if not article.headline.strip():
        problems.append(_("The headline is missing."))
    if article.section_id is None:
        problems.append(_("Choose a section."))
    if not article.body.strip():
        problems.append(_("The body is empty."))
    if article.lead_image_id is None:
        problems.append(_("Choose a lead image."))
    if article.copyright_notice_id is None and site_default_notice() is None:
        problems.append(_("Choose a copyright notice (the site has no default one)."))
    problems.extend(validate_embeds(article.body, article=article))
    images = list(Image.objects.filter(pk__in=embed_ids(article.body, "image")))
    if article.lead_image_id:
        images.insert(0, article.lead_image)
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
    for quote in Quote.objects.filter(pk__in=embed_ids(article.body, "quote")):
        if quote.source_id is None:
            problems.append(_("Quote #%(pk)s has no source.") % {"pk": quote.pk})
    return list(dict.fromkeys(str(problem) for problem in problems))


def _record(article, *, user, from_status, to_status, note="", now=None, publication=None):
    return ArticleEvent.objects.create(
        article=article,
        actor=user if user and user.is_authenticated else None,
        from_status=from_status,
        to_status=to_status,
        note=note,
        publication=publication,
        created_at=now or timezone.now(),
    )


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


def _publish(article, *, user, now, from_status, publish_at, note=""):
    """The side effects of a publication, exactly once (shared by the button and
    the scheduler): status, first_published_at set once, the event, the hook."""
    with transaction.atomic():
        won = _compare_and_set(
            article,
            from_status=from_status,
            status=Status.PUBLISHED,
            publish_at=publish_at,
            first_published_at=Coalesce("first_published_at", now),
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
        notify_content_changed(articles=[article], reason="published")
    return True


def article_publish(*, article, user, now=None):
    """Publish now. The piece goes live this minute (or keeps its original date
    when it was live before); ``first_published_at`` is set once."""
    _require_editor(user, _("publish"))
    now = now or timezone.now()
    if article.status == Status.PUBLISHED and article.is_published(now):
        raise WorkflowError(_("This article is already published."))
    problems = publication_problems(article, now=now)
    if problems:
        raise WorkflowError(problems)
    keeps_date = article.first_published_at is not None and article.publish_at and article.publish_at <= now
    publish_at = article.publish_at if keeps_date else now
    if not _publish(article, user=user, now=now, from_status=article.status, publish_at=publish_at):
        raise WorkflowError(_(STATUS_CHANGED_MESSAGE))
    return article


def article_schedule(*, article, user, publish_at, embargoed=False, now=None):
    """Schedule the piece for ``publish_at`` (a future time). It goes live at that
    minute through ``published()`` with no worker running; an embargoed piece
    can be read before then only through a preview link."""
    _require_editor(user, _("schedule"))
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
            raise WorkflowError(_(STATUS_CHANGED_MESSAGE))
        note = _("for %(time)s") % {"time": timezone.localtime(publish_at).strftime("%Y-%m-%d %H:%M %Z")}
        if embargoed:
            note += " · " + _("embargoed")
        _record(article, user=user, from_status=from_status, to_status=Status.SCHEDULED, note=note, now=now)
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
            raise WorkflowError(_(STATUS_CHANGED_MESSAGE))
        _record(article, user=user, from_status=Status.DRAFT, to_status=Status.REVIEW, now=now)
    return article


def article_return_to_reporter(*, article, user, note, now=None):
    """An editor sends a piece in review (or scheduled) back to its reporter, with
    a note that stays internal."""
    _require_editor(user, _("return articles"))
    if not (note or "").strip():
        raise WorkflowError(_("Write a note telling the reporter what to change."))
    if article.status not in (Status.REVIEW, Status.SCHEDULED):
        raise WorkflowError(_("Only an article in review or scheduled can be returned."))
    from_status = article.status
    with transaction.atomic():
        if not _compare_and_set(article, from_status=from_status, status=Status.DRAFT, embargoed=False):
            raise WorkflowError(_(STATUS_CHANGED_MESSAGE))
        _record(article, user=user, from_status=from_status, to_status=Status.DRAFT, note=note.strip(), now=now)
        if from_status == Status.SCHEDULED and article.publish_at and article.publish_at <= (now or timezone.now()):
            notify_content_changed(articles=[article], reason="returned")
    return article


def article_unpublish(*, article, user, reason, now=None):
    """Take a piece down (or cancel a schedule), with a reason for the record."""
    _require_editor(user, _("unpublish"))
    if not (reason or "").strip():
        raise WorkflowError(_("Give a reason for taking the article down."))
    if article.status not in (Status.PUBLISHED, Status.SCHEDULED):
        raise WorkflowError(_("Only a published or scheduled article can be unpublished."))
    from_status = article.status
    was_visible = article.is_published(now)
    with transaction.atomic():
        if not _compare_and_set(article, from_status=from_status, status=Status.UNPUBLISHED, embargoed=False):
            raise WorkflowError(_(STATUS_CHANGED_MESSAGE))
        _record(article, user=user, from_status=from_status, to_status=Status.UNPUBLISHED, note=reason.strip(), now=now)
        if was_visible:
            notify_content_changed(articles=[article], reason="unpublished")
    return article


def articles_delete(*, articles, user):
    """Delete articles for good (editors only). Readers stop seeing them at
    once: the caches are told, and the edge forgets the pages they were on,
    worked out before the rows go."""
    _require_editor(user, _("delete"))
    articles = list(articles)
    ids = [article.pk for article in articles]
    paths = paths_for_articles(ids) if settings.NEWSROOM_EDGE_PURGE_URLS else []
    with transaction.atomic():
        for article in articles:
            article.delete()
        notify_content_changed(articles=ids, reason="deleted", paths=paths)


def article_set_expiry(*, article, user, expire_at, now=None):
    """Set (or clear, with ``None``) the minute the piece comes down by itself."""
    _require_editor(user, _("set an expiry"))
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


def publish_due_articles(*, now=None, dry_run=False):
    """The scheduler's work: for every scheduled article whose minute has come,
    the side effects of its publication, exactly once even when several
    schedulers run at the same moment; and expired pieces taken down.
    Returns ``(published, expired)`` lists of articles this call handled."""
    now = now or timezone.now()
    published, expired = [], []
    for article in Article.objects.due_for_publication(now).order_by("publish_at", "pk"):
        if dry_run:
            published.append(article)
            continue
        if _publish(
            article, user=None, now=now, from_status=Status.SCHEDULED, publish_at=article.publish_at, note="scheduled"
        ):
            published.append(article)
    for article in Article.objects.filter(status=Status.PUBLISHED, expire_at__lte=now).order_by("expire_at", "pk"):
        if dry_run:
            expired.append(article)
            continue
        with transaction.atomic():
            if _compare_and_set(article, from_status=Status.PUBLISHED, status=Status.UNPUBLISHED):
                _record(
                    article,
                    user=None,
                    from_status=Status.PUBLISHED,
                    to_status=Status.UNPUBLISHED,
                    note=_("expired"),
                    now=now,
                )
                notify_content_changed(articles=[article], reason="expired")
                expired.append(article)
    return published, expired


def article_feature(*, article, user, now=None):
    """Make a live article its edition's top story on the home page."""
    _require_editor(user, _("choose the top story"))
    now = now or timezone.now()
    if not article.is_published(now):
        raise WorkflowError(_("Only a published article can be the top story."))
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(featured_at=now)
        article.featured_at = now
        _record(article, user=user, from_status=article.status, to_status=article.status, note=_("made top story"))
        notify_content_changed(articles=[article], reason="top story")
    return article


# -- Corrections and preview links -------------------------------------------------


def correction_add(*, article, user, text, now=None):
    """A public correction on a published piece: printed under it, listed on
    the corrections page, and the piece's "updated" time moves."""
    _require_editor(user, _("correct articles"))
    if not (text or "").strip():
        raise WorkflowError(_("Write the correction readers will see."))
    if not article.is_published(now):
        raise WorkflowError(_("Corrections are for published articles; edit a draft directly."))
    now = now or timezone.now()
    with transaction.atomic():
        correction = Correction.objects.create(article=article, text=text.strip(), created_by=user, created_at=now)
        Article.objects.filter(pk=article.pk).update(updated_at=now)
        _record(article, user=user, from_status=article.status, to_status=article.status, note=_("correction added"))
        notify_content_changed(articles=[article], reason="correction")
    return correction


def preview_link_create(*, article, user, expires_at, label="", now=None):
    """A link for someone without an account to read a piece before it is public."""
    _require_editor(user, _("share previews"))
    now = now or timezone.now()
    if article.is_published(now):
        raise WorkflowError(_("This article is public already: share its address instead."))
    if expires_at <= now:
        raise WorkflowError(_("Choose an expiry in the future."))
    if expires_at > now + datetime.timedelta(days=30):
        raise WorkflowError(_("A preview link can last at most 30 days."))
    return PreviewLink.objects.create(article=article, created_by=user, expires_at=expires_at, label=label)


def preview_link_revoke(*, link, user):
    _require_editor(user, _("share previews"))
    PreviewLink.objects.filter(pk=link.pk).update(revoked=True)


# -- Soft edit locks -------------------------------------------------------------------


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


# -- Images -----------------------------------------------------------------------

#: Fields whose change must reach the renditions (the XMP packet or the crops).
RENDITION_FIELDS = (
    "credit",
    "creator",
    "copyright_holder",
    "license",
    "license_url",
    "source_url",
    "focal_x",
    "focal_y",
)


class DuplicateImage(Exception):
    def __init__(self, existing):
        self.existing = existing
        super().__init__(f"duplicate of image #{existing.pk}")


def image_save(*, image, user, upload=None, upload_info=None):
    """Save an image; with ``upload`` (checked by ``images.inspect_upload``) store
    the original privately and make the public renditions before the row exists.

    Either everything is saved or nothing is: a failure removes the files it
    wrote and leaves no row. Renditions are remade when the file, the focal
    point or the rights printed into them change; the old files go once the new
    ones are committed.
    """
    from .images import apply_suggestions, delete_rendition_files, generate_renditions, inspect_upload
    from .models import Image

    previous = Image.objects.filter(pk=image.pk).first() if image.pk else None
    if previous is None and upload is None:
        raise ValueError("A new image needs a file.")
    if upload is not None and upload_info is None:
        upload_info = inspect_upload(upload)
    if upload_info is not None:
        existing = Image.objects.filter(sha256=upload_info.sha256).exclude(pk=image.pk).first()
        if existing:
            raise DuplicateImage(existing)
    written_original = None
    new_renditions = {}
    try:
        with transaction.atomic():
            if upload is not None:
                image.original_filename = (getattr(upload, "name", "") or "")[-255:]
                image.width, image.height = upload_info.width, upload_info.height
                image.format, image.sha256, image.file_size = upload_info.format, upload_info.sha256, upload_info.size
                image.embedded_metadata = upload_info.metadata
                apply_suggestions(image, upload_info.metadata)
                upload.seek(0)
                image.file.save(upload.name or "upload", upload, save=False)
                written_original = image.file.name
            if image.pk is None:
                image.uploaded_by = user if user and user.is_authenticated else None
            renditions_stale = (
                previous is None
                or upload is not None
                or any(getattr(previous, name) != getattr(image, name) for name in RENDITION_FIELDS)
            )
            if renditions_stale:
                new_renditions = generate_renditions(image)
                image.renditions = new_renditions
            image.full_clean(exclude=["file"])
            image.save()
            if previous is not None and renditions_stale:
                old_renditions, old_original = previous.renditions, previous.file.name
                replaced_original = upload is not None and old_original != image.file.name
                transaction.on_commit(lambda: delete_rendition_files(old_renditions))
                if replaced_original:
                    transaction.on_commit(lambda: image.file.storage.delete(old_original))
            if previous is not None:
                notify_content_changed(articles=articles_using_image(image), reason="image changed")
    except BaseException:
        from .images import delete_rendition_files as cleanup

        cleanup(new_renditions)
        if written_original:
            image.file.storage.delete(written_original)
        raise
    return image


def articles_using_image(image):
    """Every article that shows ``image``: as lead, in the body, or as quote evidence."""
    return list(
        Article.objects.filter(
            Q(lead_image=image) | Q(embedded_images=image) | Q(embedded_quotes__evidence_image=image)
        )
        .distinct()
        .values_list("pk", flat=True)
    )


def image_delete(*, image, user):
    """Delete an image no article uses, with its original and renditions."""
    from .images import delete_rendition_files

    renditions, original = image.renditions, image.file.name
    with transaction.atomic():
        image.delete()  # PROTECT refuses while an article or quote uses it
        transaction.on_commit(lambda: delete_rendition_files(renditions))
        transaction.on_commit(lambda: image.file.storage.delete(original))


__all__ = [
    "DuplicateImage",
    "EditConflict",
    "WorkflowError",
    "article_feature",
    "article_publish",
    "article_record_revision",
    "article_restore_revision",
    "article_return_to_reporter",
    "article_save",
    "article_schedule",
    "article_set_expiry",
    "article_submit_for_review",
    "article_unpublish",
    "can_edit_article",
    "can_publish",
    "correction_add",
    "edit_lock_touch",
    "image_delete",
    "image_save",
    "notify_content_changed",
    "preview_link_create",
    "publication_problems",
    "publish_due_articles",
]
