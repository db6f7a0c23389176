"""Revisions: a full snapshot of an article at each save; restoring one is a new save."""

from django.utils.translation import gettext as _

from photos.models import Image

from ..body import validate_embeds
from ..models import (
    Author,
    Revision,
)

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


def reader_view(data):
    """What readers see of a revision's snapshot: all of it but the workflow's state."""
    return {name: value for name, value in data.items() if name not in ("status", "publish_at")}


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


def latest_revision(article):
    return article.revisions.select_related("created_by").order_by("-version", "-pk").first()


def relations_of_revision(revision):
    """A revision's relations in the form ``article_save`` takes them."""
    data = revision.data
    return {
        "bylines": [author["id"] for author in data.get("authors", [])],
        "tags": data.get("tags", []),
        "related": data.get("related_articles", []),
        "citations": [
            {
                "source_id": citation["source_id"],
                "title": citation["title"],
                "url": citation["url"],
                "published_on": citation["published_on"],
            }
            for citation in data.get("citations", [])
        ],
    }
