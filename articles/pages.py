"""The article page: what it prints, and its stored rendering.

Rendering an article page means some dozen queries and templates (bylines,
embeds with their credits, quotes with their sources, citations, corrections,
the copyright notice, JSON-LD). Readers all get the same page, so its article
part is rendered once and stored (``ArticleRendering``) and served from there
until something it shows changes: the "content changed" hook deletes the
renderings of the articles concerned (and of those that embed or translate
them), a newer article version makes it stale, and ``valid_until`` ends it when
something it shows changes by itself (a photo's rights running out, an
embedded article going live or expiring). What changes with other articles —
the related list, the navigation — is not stored with it: each app process
remembers it per content generation (``memo.py``).

The stored page is read with one hand-written query (``stored_page``): it runs
on every article view, and building it with the ORM took a quarter of the
page's time.

Previews are always rendered afresh and never stored.
"""

import functools
import json

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Min, Q
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from . import jsonld
from .models import PUBLIC_STATUSES, Article, ArticleRendering, CopyrightNotice, EmbeddedArticle, Image, Section
from .rendering import embed_ids, render_body
from .signals import content_changed
from .templatetags.newsroom import rendition_url

RELATED_LIMIT = 5


RELATED_FIELDS = (
    "pk",
    "headline",
    "slug",
    "language",
    "publish_at",
    "section__slug",
    "section__name",
    "section__name_en",
)


def related_articles(article, limit=RELATED_LIMIT, *, tag_ids=None, pick_ids=None):
    """The editor's picks first, then the most recent articles sharing a tag
    (compact cards: headline and date only). The stored page knows the picks and
    the tag ids; a fresh rendering asks."""
    from .models import TaggedArticle

    if pick_ids is None:
        pick_ids = list(article.related_articles.values_list("pk", flat=True))
    if tag_ids is None:
        tag_ids = [tag.pk for tag in article.tags.all()]
    listing = Article.objects.published().select_related("section").only(*RELATED_FIELDS)
    picks = list(listing.filter(pk__in=pick_ids).latest()[:limit]) if pick_ids else []
    if len(picks) < limit and tag_ids:
        # Newest first down the "latest published" index, stopping at the first
        # few that share a tag: no scan of everything sharing a popular tag.
        sharing = TaggedArticle.objects.filter(tag_id__in=tag_ids).values("content_object_id")
        picks += list(
            listing.filter(language=article.language, pk__in=sharing)
            .exclude(pk__in=[article.pk, *pick_ids])
            .latest()[: limit - len(picks)]
        )
    return picks


def related_block(article, **kwargs):
    """The related articles box, rendered (in the current language)."""
    return render_to_string("articles/includes/_related.html", {"related": related_articles(article, **kwargs)})


def sources_box(article):
    """The quoted sources a reader may check, each once; an anonymous one by its
    public description only. Cited reports are listed beside them (citations)."""
    sources = {}
    for quote in article.embedded_quotes.all():
        sources.setdefault(quote.source_id, quote.source)
    return list(sources.values())


def translations_of(article):
    """The published versions of this story in the other language (for hreflang
    and the language switch): its original, or the translations of it."""
    query = Q(translation_of=article)
    if article.translation_of_id:
        query |= Q(pk=article.translation_of_id)
    return list(
        Article.objects.published()
        .select_related("section")
        .exclude(pk=article.pk)
        .filter(query)
        .exclude(language=article.language)[:3]
    )


def copyright_notice_for(article):
    return article.copyright_notice if article.copyright_notice_id else CopyrightNotice.objects.default()


def _visible_embedded_articles(article):
    target_ids = embed_ids(article.body, "article")
    if not target_ids:
        return {}
    return {t.pk: t for t in Article.objects.published().filter(pk__in=target_ids).select_related("section")}


def article_page_context(article, *, preview=False):
    """Everything the article template prints. Used by the public page and by the
    staff preview, so a preview is exactly what readers will get."""
    notice = copyright_notice_for(article)
    corrections = list(article.corrections.all())
    moment = article.publish_at or article.created_at
    notice_text = notice.text_for(article.language, moment.year if moment else None) if notice else ""
    lead = article.lead_image if article.lead_image_id and not article.lead_image.rights_expired() else None
    return {
        "article": article,
        "body": render_body(article, visible_articles=_visible_embedded_articles(article)),
        "translations": translations_of(article),
        "og_image_url": jsonld.absolute(rendition_url(lead, "w1600")) if lead else "",
        "breadcrumbs": jsonld.breadcrumbs(article),
        "sources": sources_box(article),
        "copyright_notice": notice,
        "copyright_text": notice_text,
        "corrections": corrections,
        "json_ld": jsonld.news_article(article, notice=notice, notice_text=notice_text, corrections=corrections),
        "canonical_url": jsonld.absolute(article.get_absolute_url()),
        "preview": preview,
    }


def render_article_page(article, *, preview=False):
    """The article's own part of the page, rendered now from the live records,
    in the article's language (its edition's)."""
    with override(article.language):
        context = {
            **article_page_context(article, preview=preview),
            "SITE_URL": settings.SITE_URL,
            "SITE_NAME": settings.SITE_NAME,
        }
        return _render(article, context)


def _render(article, context):
    return {
        "head": render_to_string("articles/includes/_article_head.html", context),
        "main": render_to_string("articles/includes/_article_main.html", context),
        "translations": [
            {"url": other.get_absolute_url(), "language": other.language} for other in context["translations"]
        ],
        "tag_ids": [tag.pk for tag in article.tags.all()],
        "pick_ids": list(article.related_articles.values_list("pk", flat=True)),
    }


def valid_until(article, now):
    """When the stored page stops being right by itself, or ``None``."""
    image_ids = [article.lead_image_id, *embed_ids(article.body, "image")]
    shown = Image.objects.filter(
        Q(pk__in=[pk for pk in image_ids if pk]) | Q(evidence_for_quotes__pk__in=embed_ids(article.body, "quote"))
    )
    moments = [shown.next_rights_end(now)]
    target_ids = embed_ids(article.body, "article")
    if target_ids:
        targets = Article.objects.filter(pk__in=target_ids, status__in=PUBLIC_STATUSES)
        moments.append(targets.filter(publish_at__gt=now).aggregate(m=Min("publish_at"))["m"])
        moments.append(targets.filter(expire_at__gt=now).aggregate(m=Min("expire_at"))["m"])
    moments = [moment for moment in moments if moment]
    return min(moments) if moments else None


@functools.cache
def _stored_page_sql():
    """The hot query of the reader's site, written out: the published article
    with its section and, when still good, its stored page. It runs on every
    article view; building it with the ORM took a quarter of the page's time."""
    statuses = ", ".join(["%s"] * len(PUBLIC_STATUSES))
    return (
        "SELECT a.id, a.slug, a.language, a.version, a.headline, a.translation_of_id, a.status, a.section_id,"
        " s.slug, s.name, s.name_en, r.head, r.main, r.translations, r.tag_ids, r.pick_ids,"
        " CASE WHEN r.version = a.version AND (r.valid_until IS NULL OR r.valid_until > %s) THEN 1 ELSE 0 END"
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
        cursor.execute(_stored_page_sql(), [moment, article_id, *PUBLIC_STATUSES, moment, moment])
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


def article_page(article_id, *, now=None):
    """The stored page of a published article (rendering and storing it when
    missing or stale), with its article: ``(article, page)``, or ``None`` when
    the article is not published."""
    now = now or timezone.now()
    found = stored_page(article_id, now)
    if found is None:
        return None
    if found[1] is not None:
        return found
    full = Article.objects.for_detail().get(pk=article_id)
    rendered = render_article_page(full)
    record = ArticleRendering(
        article_id=article_id, version=full.version, valid_until=valid_until(full, now), **rendered
    )
    try:
        with transaction.atomic():
            ArticleRendering.objects.update_or_create(
                article_id=article_id,
                defaults={key: getattr(record, key) for key in ("version", "valid_until", *rendered)},
            )
    except IntegrityError:  # another worker stored it at the same moment: theirs is as good
        pass
    return full, record


@receiver(content_changed, dispatch_uid="articles.pages.forget")
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


__all__ = ["article_page", "article_page_context", "related_articles", "related_block", "render_article_page"]
