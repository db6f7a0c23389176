"""Every receiver of "content changed", in one place: what each cache layer
does when something a reader could see changes (the table is in README.md).

* in the transaction of the change (``content_changing``): the pages the
  articles are on go to the edge purge's outbox;
* in the same transaction, the page cache's versions of those pages (and of
  the related boxes showing the articles' sections and tags) are noted, and
  given new ones after commit: only those pages are stored again;
* after it commits (``content_changed``): a new content generation (every
  remembered part is ignored from then on; every stored page too when the
  change named no article), the stored renderings of the articles concerned
  are dropped, and this process's purge thread is woken;
* a photo changed (``photos.signals.image_changed``): announced as a change of
  every article that prints it.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver

from articles.models import Article, ArticleRendering, Author, EmbeddedArticle, TaggedArticle
from articles.signals import content_changed, content_changing, notify_content_changed, scheduler_ran
from photos.signals import image_changed

from . import purge
from .pagecache import new_versions, path_version_key, related_pools_of
from .state import new_generation

#: A change of more articles than this at once (an import, an author of many) empties the
#: page cache instead of working out each article's pages.
TARGETED_AT_MOST = 50


def is_targeted(articles):
    return 0 < len(articles) <= TARGETED_AT_MOST


def related_pools(article_ids):
    """The version keys of the groups whose newest pieces an article's related
    box shows (``reader.pages.related_articles``): the sections and tags of these
    articles, as they are now."""
    sections = Article.objects.filter(pk__in=article_ids).values_list("section_id", flat=True)
    tags = TaggedArticle.objects.filter(content_object_id__in=article_ids).values_list("tag_id", flat=True)
    keys = [key for section_id in set(sections) for key in related_pools_of(section_id, ())]
    return keys + related_pools_of(None, set(tags))


@receiver(content_changing, dispatch_uid="delivery.pages.changing")
def pages_changing(sender, articles=(), **kwargs):
    """In the change's transaction (before it, for ``pages_will_change``): the
    pages that show these articles now. They go to the edge purge's outbox,
    and after commit get new versions in the page cache; a change that names no
    article (or too many) is the site's, and ``content_changed`` takes it."""
    articles = list(articles)
    targeted = is_targeted(articles)
    edges = bool(settings.NEWSROOM_EDGE_PURGE_URLS)
    if not (targeted or edges):
        return
    paths = purge.paths_for_articles(articles)
    if edges:
        purge.enqueue(paths)
    if targeted and settings.NEWSROOM_PAGE_CACHE:
        keys = [path_version_key(path) for path in paths] + related_pools(articles)
        transaction.on_commit(lambda: forget_pages(keys))


def forget_pages(keys):
    """A new generation first, then the pages' new versions: a request that
    reads a new version reads the new generation too, so it never stores a page
    from parts remembered before the change under the new version."""
    new_generation()
    new_versions(keys)


@receiver(content_changed, dispatch_uid="delivery.state.new_generation")
def start_new_generation(sender, articles=(), **kwargs):
    new_generation(site=not is_targeted(list(articles)))


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
    if Author.objects.filter(photo=image).exists():
        # An author's portrait is on their page, which no article's change names.
        notify_content_changed(reason="author photo changed")
        return
    # showing_image counts a live page's entries too.
    articles = sorted(set(Article.objects.showing_image(image).values_list("pk", flat=True)))
    if not articles:
        # Printed nowhere yet (a photo an import just stored, whose renditions the
        # queue made): no page to change, and no reason to empty every cache.
        return
    notify_content_changed(articles=articles, reason="image changed")
