"""Every receiver of "content changed", in one place: what each cache layer
does when something a reader could see changes (the table is in README.md).

* in the transaction of the change (``content_changing``): the pages the
  articles are on go to the edge purge's outbox;
* after it commits (``content_changed``): a new content generation (every
  stored page and remembered part is ignored from then on), the stored
  renderings of the articles concerned are dropped, and this process's purge
  thread is woken;
* a photo changed (``photos.signals.image_changed``): announced as a change of
  every article that prints it.
"""

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver

from articles.models import Article, ArticleRendering, Author, EmbeddedArticle
from articles.signals import content_changed, content_changing, notify_content_changed, scheduler_ran
from photos.signals import image_changed

from . import purge
from .state import new_generation


@receiver(content_changing, dispatch_uid="delivery.purge.enqueue")
def enqueue_edge_purges(sender, articles=(), **kwargs):
    if settings.NEWSROOM_EDGE_PURGE_URLS:
        purge.enqueue(purge.paths_for_articles(list(articles)))


@receiver(content_changed, dispatch_uid="delivery.state.new_generation")
def start_new_generation(sender, **kwargs):
    new_generation()


@receiver(content_changed, dispatch_uid="delivery.renderings.forget")
def forget_renderings(sender, articles=(), **kwargs):
    """Drop the stored pages a change shows on: the articles themselves, those
    that embed them, and their translations; every page when no article is named
    (a section, author, notice or tag changed)."""
    if not articles:
        ArticleRendering.objects.all().delete()
        return
    ids = set(articles)
    ids |= set(EmbeddedArticle.objects.filter(target_id__in=ids).values_list("article_id", flat=True))
    ids |= set(
        Article.objects.filter(Q(translation_of_id__in=ids) | Q(translations__pk__in=ids)).values_list("pk", flat=True)
    )
    ArticleRendering.objects.filter(article_id__in=ids).delete()


@receiver(content_changed, dispatch_uid="delivery.purge.wake")
def wake_purge_thread(sender, **kwargs):
    purge.drainer.poke()


@receiver(scheduler_ran, dispatch_uid="delivery.purge.backstop")
def drain_after_scheduler(sender, **kwargs):
    """The backstop: purges a process left in the outbox (it died, or its edge was down)."""
    purge.drain()


@receiver(image_changed, dispatch_uid="delivery.photos.image_changed")
def announce_image_change(sender, image, **kwargs):
    # showing_image counts a live page's entries too.
    articles = sorted(set(Article.objects.showing_image(image).values_list("pk", flat=True)))
    if not articles and not Author.objects.filter(photo=image).exists():
        # Printed nowhere yet (a photo an import just stored, whose renditions the
        # queue made): no page to change, and no reason to empty every cache.
        return
    notify_content_changed(articles=articles, reason="image changed")
