"""The catalogue an article prints: sources, quotes, sections, authors,
copyright notices and tags.

Saved and deleted only here, so every change reaches readers whoever makes it
(the admin, a shell, an API, an importer): each service checks the model
permission, validates, saves, and announces the change once — naming the
articles that print the record where that is a bounded list (a source's or a
quote's, an author's bylines), or every page where the record shows on all of
them (a section in the navigation, the default copyright notice, a tag).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from photos.text import strip_invisible_fields

from ..models import Article, Source, TaggedArticle
from ..signals import notify_content_changed, pages_will_change

__all__ = [
    "articles_showing_author",
    "articles_showing_quote",
    "articles_showing_source",
    "author_delete",
    "author_save",
    "copyright_notice_delete",
    "copyright_notice_save",
    "quote_delete",
    "quote_save",
    "section_delete",
    "section_save",
    "source_delete",
    "source_save",
    "tag_delete",
    "tag_save",
    "tags_merge",
]


def articles_showing_source(source):
    return Article.objects.filter(
        Q(embedded_quotes__source=source)
        | Q(citations__source=source)
        | Q(live_entries__embedded_quotes__source=source)  # a live page's entries
    ).distinct()


def articles_showing_quote(quote):
    return Article.objects.filter(Q(embedded_quotes=quote) | Q(live_entries__embedded_quotes=quote)).distinct()


def articles_showing_author(author):
    return Article.objects.filter(Q(authorships__author=author) | Q(live_entries__author=author)).distinct()


def _require(user, record, action):
    """The model permission for ``action`` ("add", "change", "delete") on ``record``."""
    meta = record._meta
    if not (user and user.is_active and user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")):
        message = {
            "add": _("You may not add a %(what)s."),
            "change": _("You may not change this %(what)s."),
            "delete": _("You may not delete this %(what)s."),
        }[action]
        raise PermissionDenied(message % {"what": meta.verbose_name})


def _save(record, *, user, showing=None, reason, validate=True):
    """Validate and save ``record``; announce it with the articles ``showing(record)``
    prints it on (every page when ``showing`` is None)."""
    _require(user, record, "change" if record.pk else "add")
    strip_invisible_fields(record, getattr(record, "PLAIN_TEXT_FIELDS", ()))
    with transaction.atomic():
        if validate:
            record.full_clean()
        adding = record.pk is None
        if showing is not None and not adding:
            # The pages it is on before the change (an author's page under its old address).
            articles = list(showing(record).values_list("pk", flat=True))
            if articles:
                pages_will_change(articles=articles, reason=reason)
        record.save()
        if showing is not None:
            if not adding:
                notify_content_changed(articles=showing(record).values_list("pk", flat=True), reason=reason)
        else:
            notify_content_changed(reason=reason)
    return record


def _delete(record, *, user, showing=None, reason):
    """Delete ``record`` (PROTECT refuses while a page needs it) and announce it."""
    _require(user, record, "delete")
    with transaction.atomic():
        # Announced while the record exists: the pages it is on are worked out now.
        if showing is None:
            notify_content_changed(reason=reason)
        else:
            articles = list(showing(record).values_list("pk", flat=True))
            if articles:  # printed nowhere: no reader sees it go
                notify_content_changed(articles=articles, reason=reason)
        record.delete()


def source_save(*, source, user):
    """A source as typed; a new one is its adder's (who alone, with editors, sees
    an anonymous source's identity). An identity the user may not see is not theirs to change."""
    if source.pk is None:
        source.created_by = source.created_by or user
    elif not Source.objects.get(pk=source.pk).identity_visible_to(user):
        raise PermissionDenied(_("You may not change this source."))
    return _save(source, user=user, showing=articles_showing_source, reason="source changed")


def source_delete(*, source, user):
    _delete(source, user=user, showing=articles_showing_source, reason="source deleted")


def quote_save(*, quote, user):
    if quote.pk is None:
        quote.created_by = quote.created_by or user
    return _save(quote, user=user, showing=articles_showing_quote, reason="quote changed")


def quote_delete(*, quote, user):
    _delete(quote, user=user, showing=articles_showing_quote, reason="quote deleted")


def author_save(*, author, user):
    return _save(author, user=user, showing=articles_showing_author, reason="author changed")


def author_delete(*, author, user):
    _delete(author, user=user, showing=articles_showing_author, reason="author deleted")


def section_save(*, section, user):
    """Sections are in every page's navigation: every page hears of it."""
    return _save(section, user=user, reason="section changed")


def section_delete(*, section, user):
    _delete(section, user=user, reason="section deleted")


def copyright_notice_save(*, notice, user):
    return _save(notice, user=user, reason="copyright notice changed")


def copyright_notice_delete(*, notice, user):
    _delete(notice, user=user, reason="copyright notice deleted")


def tag_save(*, tag, user):
    strip_invisible_fields(tag, ("name",))  # taggit's model declares no PLAIN_TEXT_FIELDS
    # taggit fills the slug in save(); full_clean would refuse it blank first.
    return _save(tag, user=user, reason="tag changed", validate=False)


def tag_delete(*, tag, user):
    _delete(tag, user=user, reason="tag deleted")


def tags_merge(*, tags, into, user):
    """Fold ``tags`` into the tag named ``into`` (made when it does not exist):
    their articles carry it instead, and the merged tags are deleted. The pages of
    the old tags and of the articles concerned are purged. Returns the kept tag."""
    from taggit.models import Tag

    into = (into or "").strip()
    if not into:
        raise ValidationError(_("Give the name of the tag to keep."))
    _require(user, Tag(), "change")
    _require(user, Tag(), "delete")
    with transaction.atomic():
        kept = Tag.objects.filter(name=into).first() or tag_save(tag=Tag(name=into), user=user)
        merged = [tag for tag in tags if tag.pk != kept.pk]
        tagged = TaggedArticle.objects.filter(tag__in=merged)
        article_ids = sorted(set(tagged.values_list("content_object_id", flat=True)))
        pages_will_change(articles=article_ids, reason="tags merged")  # the old tags' pages, while they exist
        already = set(TaggedArticle.objects.filter(tag=kept).values_list("content_object_id", flat=True))
        TaggedArticle.objects.bulk_create(
            [TaggedArticle(content_object_id=pk, tag=kept) for pk in article_ids if pk not in already]
        )
        tagged.delete()
        Tag.objects.filter(pk__in=[tag.pk for tag in merged]).delete()
        notify_content_changed(articles=article_ids, reason="tags merged")
    return kept
