"""Stored renderings: the article's own part of its page, rendered once.

Readers all get the same article part (``reader.pages.render_article_page``),
so it is stored (``ArticleRendering``) and served from there until something
it shows changes: the "content changed" hook deletes the renderings of the
articles concerned and of those that embed or translate them
(``delivery.receivers``), a newer article version or other code (a deploy:
``code_build``) makes one stale, and ``valid_until`` ends it when something it
shows changes by itself (a photo's rights running out, an embedded article
going live or expiring). A page rendered while a change commits is not stored.

The stored page is read with one hand-written query (``stored_page``): it runs
on every article view, and building it with the ORM took a quarter of the
page's time. Its WHERE is the publication rule (``published_q``) written out;
``tests/delivery/test_renderings.py`` runs the rule's full status × time matrix
over it, so the two cannot drift apart.
"""

import functools
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Q
from django.utils import timezone

from articles.body import embed_ids
from articles.models import PUBLIC_STATUSES, Article, ArticleRendering, LiveEntryImage, LiveEntryQuote, Section
from photos.models import Image


def valid_until(article, now):
    """When the stored page stops being right by itself, or ``None``."""
    image_ids = [article.lead_image_id, *embed_ids(article.body, "image")]
    shown = Image.objects.filter(
        Q(pk__in=[pk for pk in image_ids if pk])
        | Q(evidence_for_quotes__pk__in=embed_ids(article.body, "quote"))
        # A live page's entries: their photos and their quotes' screenshots.
        | Q(pk__in=LiveEntryImage.objects.filter(entry__article=article).values("image_id"))
        | Q(evidence_for_quotes__pk__in=LiveEntryQuote.objects.filter(entry__article=article).values("quote_id"))
    )
    moments = [shown.next_rights_end(now)]
    target_ids = embed_ids(article.body, "article")
    if target_ids:
        moments.append(Article.objects.filter(pk__in=target_ids).next_visibility_change(now))
    moments = [moment for moment in moments if moment]
    return min(moments) if moments else None


#: What shapes a stored page besides the records: the templates, the compiled
#: translations and the code of the apps that render it.
BUILD_SOURCES = (
    ("templates", ("*.html", "*.xml", "*.txt")),
    ("locale", ("*.mo",)),
    ("reader", ("*.py",)),
    ("articles", ("*.py",)),
    ("photos", ("*.py",)),
)


@functools.cache
def code_build():
    """A fingerprint of the code that renders pages, read once per process.

    A stored page is good only for the code that rendered it: after a deploy
    (new templates, translations, JSON-LD) every page is rendered anew on its
    next view, and a page an old worker renders while the new code rolls out is
    not taken for the new one's."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder, patterns in BUILD_SOURCES:
        paths = sorted({path for pattern in patterns for path in (root / folder).rglob(pattern)})
        for path in paths:
            if "migrations" in path.parts:
                continue
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


@functools.cache
def _stored_page_sql():
    """The hot query of the reader's site, written out: the published article
    with its section and, when still good, its stored page. It runs on every
    article view; building it with the ORM took a quarter of the page's time."""
    statuses = ", ".join(["%s"] * len(PUBLIC_STATUSES))
    return (
        "SELECT a.id, a.slug, a.language, a.version, a.headline, a.translation_of_id, a.status, a.section_id,"  # noqa: S608 - table names from _meta, every value bound
        " s.slug, s.name, s.name_en, r.head, r.main, r.translations, r.tag_ids, r.pick_ids,"
        " CASE WHEN r.version = a.version AND r.build = %s AND (r.valid_until IS NULL OR r.valid_until > %s)"
        " THEN 1 ELSE 0 END"
        f" FROM {Article._meta.db_table} a"
        f" LEFT JOIN {Section._meta.db_table} s ON s.id = a.section_id"
        f" LEFT JOIN {ArticleRendering._meta.db_table} r ON r.article_id = a.id"
        f" WHERE a.id = %s AND a.status IN ({statuses})"
        " AND a.publish_at <= %s AND (a.expire_at IS NULL OR a.expire_at > %s)"
    )


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _partial(model, alias, values):
    """A model instance with only these field values; the others are deferred
    (``from_db`` wants them in the model's field order)."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(alias, names, [values[name] for name in names])


def stored_page(article_id, now):
    """``(article, stored page or None)`` for a published article, ``None``
    otherwise. The article carries what the view needs (address, title,
    language, version); its other fields are deferred, loaded if touched."""
    connection = connections[router.db_for_read(Article)]
    moment = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(_stored_page_sql(), [code_build(), moment, article_id, *PUBLIC_STATUSES, moment, moment])
        row = cursor.fetchone()
    if row is None:
        return None
    (pk, slug, language, version, headline, translation_of_id, status, section_id,
     section_slug, section_name, section_name_en, head, main, translations, tag_ids, pick_ids, fresh) = row  # fmt: skip
    article = _partial(
        Article,
        connection.alias,
        {
            "id": pk, "slug": slug, "language": language, "version": version, "headline": headline,
            "translation_of_id": translation_of_id, "status": status, "section_id": section_id,
        },
    )  # fmt: skip
    if section_id is not None:
        article.section = _partial(
            Section,
            connection.alias,
            {"id": section_id, "slug": section_slug, "name": section_name, "name_en": section_name_en},
        )
    if not fresh:
        return article, None
    page = _partial(
        ArticleRendering,
        connection.alias,
        {
            "article_id": pk, "head": head, "main": main, "translations": _json(translations),
            "tag_ids": _json(tag_ids), "pick_ids": _json(pick_ids),
        },
    )  # fmt: skip
    return article, page


def article_page(article_id, *, render, now=None):
    """The stored page of a published article (rendered by ``render(article)``
    and stored when missing or stale), with its article: ``(article, page)``, or
    ``None`` when the article is not published."""
    now = now or timezone.now()
    found = stored_page(article_id, now)
    if found is None:
        return None
    if found[1] is not None:
        return found
    full = Article.objects.for_detail().get(pk=article_id)
    rendered = render(full)
    record = ArticleRendering(
        article_id=article_id, version=full.version, build=code_build(), valid_until=valid_until(full, now), **rendered
    )
    database = router.db_for_write(ArticleRendering)
    try:
        with transaction.atomic(using=database):
            # A change that committed while this page was rendered (a live entry, a
            # correction: they move modified_at, not the version) has already dropped
            # the stored pages; storing this one would bring the old text back until
            # the next change. The row lock waits for a change in progress to commit.
            now_stamp = (
                Article.objects.using(database)
                .select_for_update()
                .filter(pk=article_id)
                .values_list("version", "modified_at")
                .first()
            )
            if now_stamp != (full.version, full.modified_at):
                return full, record  # this reader gets it; the next one renders afresh
            ArticleRendering.objects.using(database).update_or_create(
                article_id=article_id,
                defaults={key: getattr(record, key) for key in ("version", "build", "valid_until", *rendered)},
            )
    except IntegrityError:  # another worker stored it at the same moment: theirs is as good
        pass
    return full, record
