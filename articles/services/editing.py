"""Writing an article: the one save of an article and its relations, a staged
copy for previews, and deleting it."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from photos.text import strip_invisible, strip_invisible_fields

from ..body import embed_ids, markdown_to_html, normalize_newlines
from ..models import (
    Article,
    Authorship,
    Citation,
    EmbeddedArticle,
    EmbeddedImage,
    EmbeddedQuote,
)
from ..signals import DELETED, UPDATED, announce_article_event, notify_content_changed, pages_will_change
from .errors import EditConflict, WorkflowError
from .permissions import can_edit_article, require_editor
from .revisions import (
    REVISION_FIELDS,
    article_record_revision,
    latest_revision,
    reader_view,
    relations_of_revision,
    revision_problems,
)

SLUG_MAX_LENGTH = 80


def unique_slug_for(article):
    """A readable slug from the headline (Korean kept); the id in the URL makes it unique."""
    return slugify(article.headline, allow_unicode=True)[:SLUG_MAX_LENGTH].strip("-") or "article"


def article_check_version(article, expected_version):
    """Lock the article's row and refuse with ``EditConflict`` (who saved it, and
    when) when it is no longer at ``expected_version``; the current row otherwise.

    The lock (PostgreSQL; SQLite's IMMEDIATE transaction already serialises
    writers) holds until the caller's transaction ends, so two saves opened at
    the same version cannot both pass. The admin's form calls it to show the
    difference with the user's text kept; ``article_save`` calls it again.
    """
    current = Article.objects.select_for_update().get(pk=article.pk)
    if expected_version is not None and current.version != expected_version:
        revision = latest_revision(current)
        raise EditConflict(
            current=current,
            expected_version=expected_version,
            changed_by=revision.created_by if revision else None,
            changed_at=revision.created_at if revision else current.updated_at,
        )
    return current


#: Fields only the workflow's services change: a save keeps the database's values.
WORKFLOW_FIELDS = ("status", "publish_at", "expire_at", "embargoed", "first_published_at", "created_by_id")


def article_save(
    *,
    article,
    user,
    expected_version=None,
    bylines=None,
    tags=None,
    related=None,
    citations=None,
    note="",
):
    """Save an article and its relations as the reporter or editor typed them:
    the one write path of the admin, the demo loader, the bench and importers.

    ``bylines`` (authors or their ids, in printed order), ``tags`` (names),
    ``related`` (articles or ids) and ``citations`` (dicts of ``source`` or
    ``source_id``, ``title``, ``url``, ``published_on``) replace what the article
    has; ``None`` leaves that relation as it is. ``expected_version`` is the
    version the form was opened at: when someone saved in between, nothing is
    written and ``EditConflict`` says who and when (the caller keeps the user's
    text). The article is validated (``full_clean``: an embed of nothing is a
    ``ValidationError``), its body rendered to sanitised HTML, its embeds kept as
    relations (so what a page shows cannot be deleted under it), a revision
    recorded, and the change announced once when readers can see it (to the
    caches, and as ``updated`` to the world outside). Status and ``publish_at``
    are never touched here.
    """
    if not can_edit_article(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    with transaction.atomic():
        was_live = False
        if article.pk is None:
            # A new article starts as a draft, whatever the instance in hand says.
            for name in WORKFLOW_FIELDS:
                field = Article._meta.get_field(name.removesuffix("_id"))
                setattr(article, field.attname, field.get_default())
            article.created_by = user
            article.version = 1
        else:
            current = article_check_version(article, expected_version)
            for name in WORKFLOW_FIELDS:
                setattr(article, name, getattr(current, name))
            article.publication_count = current.publication_count
            article.version = current.version + 1
            was_live = current.is_published()
            before = latest_revision(current) if was_live else None
        _prepare(article)
        article.full_clean(exclude=["tags"])
        if was_live:
            # The pages it was on before the change (an old section, a removed tag).
            pages_will_change(articles=[article])
        article.save()
        _save_relations(article, bylines=bylines, tags=tags, related=related, citations=citations)
        sync_embeds(article)
        revision = article_record_revision(article=article, user=user, note=note)
        if was_live and (before is None or reader_view(before.data) != reader_view(revision.data)):
            # Readers see the change: the "updated" line and dateModified move.
            article.modified_at = revision.created_at
            Article.objects.filter(pk=article.pk).update(modified_at=article.modified_at)
        if was_live:  # a save never changes visibility: only the workflow's services do
            notify_content_changed(articles=[article], reason="article edited")
            announce_article_event(article=article, event=UPDATED)
    return article


def _prepare(article):
    """What every save of the typed fields does: the slug, invisible characters
    out, the body's newlines and its rendered HTML."""
    if not article.slug:
        article.slug = unique_slug_for(article)
    strip_invisible_fields(article, Article.PLAIN_TEXT_FIELDS)
    article.body = normalize_newlines(article.body)
    article.body_html = markdown_to_html(article.body)


@contextmanager
def article_staged(*, article, user, bylines=None, tags=None, related=None, citations=None):
    """The article as typed, with its relations, in a transaction that is always
    rolled back: for rendering a preview of what has not been saved.

    What the reader's code reads (bylines, tags, embeds, citations) is there as
    it would be after a save, but nothing is kept: no version, no revision, no
    announcement (``content_changed`` waits for a commit that never comes), no
    row, even when rendering fails. A draft may be incomplete, so nothing is
    validated beyond what the database itself refuses; an embed of a record that
    does not exist simply prints nothing."""
    if not can_edit_article(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    with transaction.atomic():
        try:
            if article.pk is None:
                article.created_by = user
            else:
                current = Article.objects.get(pk=article.pk)
                for name in WORKFLOW_FIELDS:
                    setattr(article, name, getattr(current, name))
            _prepare(article)
            article.save()
            _save_relations(article, bylines=bylines, tags=tags, related=related, citations=citations)
            sync_embeds(article)
            yield article
        finally:
            transaction.set_rollback(True)


def _save_relations(article, *, bylines, tags, related, citations):
    if bylines is not None:
        Authorship.objects.filter(article=article).delete()
        Authorship.objects.bulk_create(
            [
                Authorship(article=article, author_id=getattr(author, "pk", author), position=position)
                for position, author in enumerate(dict.fromkeys(bylines))
            ]
        )
    if tags is not None:
        article.tags.set([strip_invisible(tag) for tag in tags])
    if related is not None:
        article.related_articles.set([getattr(other, "pk", other) for other in related])
    if citations is not None:
        article.citations.all().delete()
        Citation.objects.bulk_create(
            [
                Citation(
                    article=article,
                    source_id=citation.get("source_id") or getattr(citation.get("source"), "pk", None),
                    title=strip_invisible(citation.get("title", "")),
                    url=citation.get("url", ""),
                    published_on=citation.get("published_on"),
                    position=position,
                )
                for position, citation in enumerate(citations)
            ]
        )


def article_restore_revision(*, article, revision, user, expected_version=None):
    """Put an earlier revision's content back, as a new save (and revision).
    Refused with a clear message when something it used (a photo, a quote, a
    byline) has been deleted since."""
    if revision.article_id != article.pk:
        raise WorkflowError(_("That revision belongs to another article."))
    if not can_edit_article(user, article):
        raise PermissionDenied(_("You may not edit this article."))
    problems = revision_problems(revision)
    if problems:
        raise WorkflowError(problems)
    for name in REVISION_FIELDS:
        setattr(article, name, revision.data.get(name, getattr(article, name)))
    return article_save(
        article=article,
        user=user,
        expected_version=expected_version,
        note=_("restored from version %(version)s") % {"version": revision.version},
        **relations_of_revision(revision),
    )


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


def articles_delete(*, articles, user):
    """Delete articles for good (editors only). Readers stop seeing them at
    once: the caches are told, and the edge forgets the pages they were on,
    worked out before the rows go. A piece that was ever published is told to
    the world outside as ``deleted``, described as it last was."""
    require_editor(user, _("delete"))
    articles = list(articles)
    ids = [article.pk for article in articles]
    with transaction.atomic():
        # Announced while the rows exist: the pages they were on are worked out now.
        notify_content_changed(articles=ids, reason="deleted")
        for article in articles:
            if article.first_published_at is not None:
                announce_article_event(article=article, event=DELETED)
            article.delete()
