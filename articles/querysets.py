"""Reads: the domain states of an article as composable QuerySet methods.

``published()`` is the one definition of "a reader may see this". Every public
view, feed, sitemap, search, related list and template tag starts from it.
"""

from django.db import models
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from .models.status import PUBLIC_STATUSES, Status

#: The states an editor returns a piece from (``article_return_to_reporter``).
RETURNED_FROM = (Status.REVIEW, Status.SCHEDULED)


def published_q(now=None, prefix=""):
    """The publication rule as a ``Q`` object, usable across relations."""
    now = now or timezone.now()
    return (
        Q(**{f"{prefix}status__in": PUBLIC_STATUSES})
        & Q(**{f"{prefix}publish_at__lte": now})
        & (Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now}))
    )


def owned_q(user, prefix=""):
    """The pieces that are ``user``'s own, as a ``Q``: those they started
    (``created_by``) or are bylined on. The one definition of "mine". Two
    separate conditions, each answered from an index (a join of every article
    with its bylines, filtered afterwards, cost a reporter's list a second at
    100 000 articles)."""
    from .models import Authorship

    bylined = Authorship.objects.filter(author__user=user).values("article_id")
    return Q(**{f"{prefix}created_by": user}) | Q(**{f"{prefix}pk__in": bylined})


def on_desk_q(user, prefix=""):
    """What ``user`` finds on the desk as a ``Q`` object, usable across relations:
    every article, except other people's drafts unless they may see the whole
    desk's drafts (editors; reporters where the paper chooses,
    ``NEWSROOM_REPORTERS_SEE_ALL_DRAFTS``)."""
    if user.has_perm("articles.view_desk_drafts"):
        return Q()
    return ~Q(**{f"{prefix}status": Status.DRAFT}) | owned_q(user, prefix)


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What a reader may see: published or scheduled, due, not expired."""
        return self.filter(published_q(now))

    def next_visibility_change(self, now=None):
        """The next moment one of these articles appears or disappears by itself
        (a scheduled piece reaching its minute, a live one expiring), or ``None``:
        the moment ``published(now)`` next gives another answer without a write."""
        now = now or timezone.now()
        moments = self.filter(status__in=PUBLIC_STATUSES).aggregate(
            appears=Min("publish_at", filter=Q(publish_at__gt=now)),
            expires=Min("expire_at", filter=Q(expire_at__gt=now)),
        )
        found = [moment for moment in moments.values() if moment is not None]
        return min(found) if found else None

    def in_edition(self, edition):
        """The articles of one edition (a code of ``articles.editions``, or an ``Edition``)."""
        return self.filter(language=getattr(edition, "code", edition))

    def showing_image(self, image):
        """Every article that prints ``image``: as lead, in the body, or as a quote's evidence."""
        return self.showing_images([image])

    def showing_images(self, images):
        """Every article that prints one of ``images`` (``showing_image``'s rule for several)."""
        ids = [getattr(image, "pk", image) for image in images]
        shown = Q(lead_image__in=ids) | Q(embedded_images__in=ids) | Q(embedded_quotes__evidence_image__in=ids)
        # A live page prints its entries' photos and their quotes' screenshots too.
        shown |= Q(live_entries__embedded_images__in=ids) | Q(live_entries__embedded_quotes__evidence_image__in=ids)
        return self.filter(pk__in=self.model.objects.filter(shown).values("pk"))

    def on_desk_of(self, user):
        """What ``user`` finds on the desk (``on_desk_q``): every article, except
        other people's drafts unless they may see the whole desk's drafts. A draft
        is the reporter's own while it is bylined to them or they started it."""
        return self.filter(on_desk_q(user))

    def owned_by(self, user):
        """The pieces that are ``user``'s own: started by them or bylined to them."""
        return self.filter(owned_q(user))

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def in_review(self):
        return self.filter(status=Status.REVIEW)

    def scheduled(self):
        return self.filter(status=Status.SCHEDULED)

    def returned(self):
        """Drafts an editor sent back to their reporter (from review or the
        schedule), until they are submitted again."""
        from .models import ArticleEvent

        returns = ArticleEvent.objects.filter(
            article=OuterRef("pk"), to_status=Status.DRAFT, from_status__in=RETURNED_FROM
        )
        return self.filter(Exists(returns), status=Status.DRAFT)

    def with_returns(self):
        """Each article's returns, newest first, as ``article.returns`` (who sent
        it back, when, with which note), in one more query."""
        from .models import ArticleEvent

        returns = (
            ArticleEvent.objects.filter(to_status=Status.DRAFT, from_status__in=RETURNED_FROM)
            .select_related("actor__author")
            .order_by("-created_at", "-pk")
        )
        return self.prefetch_related(Prefetch("events", queryset=returns, to_attr="returns"))

    def with_submitted_at(self):
        """``submitted_at``: when the piece last went into review (how long the
        review queue has kept it waiting)."""
        from .models import ArticleEvent

        submitted = ArticleEvent.objects.filter(article=OuterRef("pk"), to_status=Status.REVIEW).order_by(
            "-created_at", "-pk"
        )
        return self.annotate(submitted_at=Subquery(submitted.values("created_at")[:1]))

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

    def for_desk_list(self):
        """What a line on My desk prints: headline, section, status, times and
        the owner's name (``person_name`` reads the account's byline)."""
        return self.defer("body", "body_html").select_related("section", "created_by__author")

    def for_detail(self):
        """Everything the article page prints, in a bounded number of queries."""
        from .models import Authorship, Citation, Quote

        return self.select_related(
            "section", "lead_image", "copyright_notice", "translation_of", "live_coverage"
        ).prefetch_related(
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


def tags_in_print(now=None):
    """The tags readers can reach: those a published article carries. A tag only
    drafts or scheduled pieces carry does not exist for them (its page would
    tell what is coming)."""
    from taggit.models import Tag

    from .models import TaggedArticle

    live = TaggedArticle.objects.filter(published_q(now, prefix="content_object__"), tag=OuterRef("pk"))
    return Tag.objects.filter(Exists(live))


def authors_in_print(now=None):
    """The authors readers can reach: those with a byline on a published article."""
    from .models import Article, Author

    live = Article.objects.published(now).filter(authorships__author=OuterRef("pk"))
    return Author.objects.filter(Exists(live))
