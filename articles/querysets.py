"""Reads: the domain states of an article as composable QuerySet methods.

``published()`` is the one definition of "a reader may see this". Every public
view, feed, sitemap, search, related list and template tag starts from it.
"""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from .models.status import PUBLIC_STATUSES, Status


def published_q(now=None, prefix=""):
    """The publication rule as a ``Q`` object, usable across relations."""
    now = now or timezone.now()
    return (
        Q(**{f"{prefix}status__in": PUBLIC_STATUSES})
        & Q(**{f"{prefix}publish_at__lte": now})
        & (Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now}))
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What a reader may see: published or scheduled, due, not expired."""
        return self.filter(published_q(now))

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def in_review(self):
        return self.filter(status=Status.REVIEW)

    def scheduled(self):
        return self.filter(status=Status.SCHEDULED)

    def due_for_publication(self, now=None):
        """Scheduled articles whose minute has come but whose side effects
        (status flip, first_published_at, event) have not run yet."""
        return self.filter(status=Status.SCHEDULED, publish_at__lte=now or timezone.now())

    def latest(self):
        return self.order_by("-publish_at", "-pk")

    def for_listing(self):
        """What a card in a list shows: section, lead image, bylines."""
        from .models import Authorship

        # Cards print no body: leave the article's long text in the database.
        return (
            self.defer("body", "body_html")
            .select_related("section", "lead_image")
            .prefetch_related(
                Prefetch(
                    "authorships",
                    queryset=Authorship.objects.select_related("author").order_by("position"),
                )
            )
        )

    def for_detail(self):
        """Everything the article page prints, in a bounded number of queries."""
        from .models import Authorship, Citation, Quote

        return self.select_related("section", "lead_image", "copyright_notice", "translation_of").prefetch_related(
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("author", "author__photo").order_by("position"),
            ),
            "tags",
            "embedded_images",
            Prefetch(
                "embedded_quotes",
                queryset=Quote.objects.select_related("source", "evidence_image"),
            ),
            Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("position")),
            "corrections",
        )
