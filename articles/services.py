"""Writes: every change of an article's state goes through these functions.

Admin views, actions, buttons and management commands call them; nothing else
assigns ``status`` or ``publish_at``. Each service checks who may act, validates,
sets timestamps, saves, records the event, and sends the "content changed" hook
on commit (Wagtail's ``PublishRevisionAction``: one path, so the admin, the API
and code calling in programmatically behave identically).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import (
    PUBLIC_STATUSES,
    Article,
    ArticleEvent,
    CopyrightNotice,
    EmbeddedArticle,
    EmbeddedImage,
    EmbeddedQuote,
    Status,
)
from .rendering import embed_ids, markdown_to_html
from .signals import notify_content_changed

SLUG_MAX_LENGTH = 80


class WorkflowError(Exception):
    """A transition that cannot happen now; ``messages`` says what to fix."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(str(message) for message in self.messages))


# -- Who may do what ------------------------------------------------------------


def user_is_byline_author(user, article):
    if not article.pk or not user.is_authenticated:
        return False
    return article.authorships.filter(author__user=user).exists()


def can_edit_article(user, article):
    """Editors edit every article; a reporter edits their own while it is a draft."""
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
    return user.is_active and user.has_perm("articles.publish_article")


# -- Saving ----------------------------------------------------------------------


def unique_slug_for(article):
    """A readable slug from the headline (Korean kept); the id in the URL makes it unique."""
    return slugify(article.headline, allow_unicode=True)[:SLUG_MAX_LENGTH].strip("-") or "article"


def article_save(*, article, user):
    """Save an article's fields as the reporter or editor typed them.

    Renders the body to sanitised HTML, keeps the embeds as relations (so what a
    page shows cannot be deleted under it), and tells the caches when a live
    article changed. Status and ``publish_at`` are never touched here.
    """
    if not can_edit_article(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    with transaction.atomic():
        if article.pk is None:
            article.created_by = user
        if not article.slug:
            article.slug = unique_slug_for(article)
        article.body_html = markdown_to_html(article.body)
        if article.pk is not None:
            article.version = (Article.objects.filter(pk=article.pk).values_list("version", flat=True).first() or 0) + 1
        article.save()
        sync_embeds(article)
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
    from .rendering import validate_embeds

    problems.extend(validate_embeds(article.body, article=article))
    images = list(article.embedded_images.all())
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
    for quote in article.embedded_quotes.select_related("source"):
        if quote.source_id is None:
            problems.append(_("Quote #%(pk)s has no source.") % {"pk": quote.pk})
    return list(dict.fromkeys(str(problem) for problem in problems))


def _record(article, *, user, from_status, to_status, note="", now=None):
    return ArticleEvent.objects.create(
        article=article,
        actor=user if user and user.is_authenticated else None,
        from_status=from_status,
        to_status=to_status,
        note=note,
        created_at=now or timezone.now(),
    )


def _compare_and_set(article, *, from_status, **changes):
    """Change the row only if it is still in ``from_status``; True when it was."""
    changed = Article.objects.filter(pk=article.pk, status=from_status).update(**changes)
    if changed:
        article.refresh_from_db()
    return changed == 1


def article_publish(*, article, user, now=None):
    """Publish now. The piece goes live this minute (or keeps its original date
    when it was live before); ``first_published_at`` is set once."""
    if not can_publish(user):
        raise PermissionDenied(_("Only editors can publish."))
    now = now or timezone.now()
    if article.status == Status.PUBLISHED:
        raise WorkflowError(_("This article is already published."))
    problems = publication_problems(article, now=now)
    if problems:
        raise WorkflowError(problems)
    from_status = article.status
    publish_at = article.publish_at if article.publish_at and article.publish_at <= now else now
    with transaction.atomic():
        if not _compare_and_set(
            article,
            from_status=from_status,
            status=Status.PUBLISHED,
            publish_at=publish_at,
            first_published_at=Coalesce("first_published_at", now),
            embargoed=False,
        ):
            raise WorkflowError(_("Someone else changed this article's status just now; reload and try again."))
        _record(article, user=user, from_status=from_status, to_status=Status.PUBLISHED, now=now)
        notify_content_changed(articles=[article], reason="published")
    return article


def article_schedule(*, article, user, publish_at, now=None):
    """Schedule the piece for ``publish_at`` (a future time). It goes live at that
    minute through ``published()`` with no worker running."""
    if not can_publish(user):
        raise PermissionDenied(_("Only editors can schedule."))
    now = now or timezone.now()
    if publish_at is None:
        raise WorkflowError(_("Choose when the article goes live."))
    if publish_at <= now:
        raise WorkflowError(_("That time has already passed: choose a later time, or publish now."))
    if article.status == Status.PUBLISHED and article.is_published(now):
        raise WorkflowError(_("This article is already live; unpublish it first to schedule it again."))
    problems = publication_problems(article, now=now)
    if problems:
        raise WorkflowError(problems)
    from_status = article.status
    with transaction.atomic():
        if not _compare_and_set(article, from_status=from_status, status=Status.SCHEDULED, publish_at=publish_at):
            raise WorkflowError(_("Someone else changed this article's status just now; reload and try again."))
        _record(
            article,
            user=user,
            from_status=from_status,
            to_status=Status.SCHEDULED,
            note=_("for %(time)s") % {"time": timezone.localtime(publish_at).strftime("%Y-%m-%d %H:%M %Z")},
            now=now,
        )
    return article


def article_submit_for_review(*, article, user, now=None):
    """A reporter hands a draft to the editors."""
    if not can_edit_article(user, article):
        raise PermissionDenied(_("You may not submit this article."))
    if article.status != Status.DRAFT:
        raise WorkflowError(_("Only a draft can be submitted for review."))
    with transaction.atomic():
        if not _compare_and_set(article, from_status=Status.DRAFT, status=Status.REVIEW):
            raise WorkflowError(_("Someone else changed this article's status just now; reload and try again."))
        _record(article, user=user, from_status=Status.DRAFT, to_status=Status.REVIEW, now=now)
    return article


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
    "PUBLIC_STATUSES",
    "WorkflowError",
    "article_publish",
    "article_save",
    "article_schedule",
    "article_submit_for_review",
    "can_edit_article",
    "can_publish",
    "publication_problems",
]
