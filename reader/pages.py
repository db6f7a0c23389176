"""The article page: what it prints, rendered from the live records.

``render_article_page`` renders the article's own part of the page (bylines,
embeds with their credits, quotes with their sources, citations, corrections,
the copyright notice, JSON-LD) in the article's language. Readers all get the
same part, so ``delivery.renderings`` stores it and serves it until something
it shows changes; what changes with other articles — the related list, the
navigation — is not stored with it but remembered per content generation
(``delivery.memo``). Previews render afresh and are never stored.
"""

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import override

from articles.body import embed_ids, plain_text, reading_minutes, render_body
from articles.editions import site_name
from articles.models import Article, CopyrightNotice
from photos.renditions import LARGEST

from . import jsonld
from .live import live_context

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
    """The editor's picks first, then the most recent articles sharing a tag,
    then the latest of its section, until the box is full (compact cards:
    headline and date only). The stored page knows the picks and the tag ids; a
    fresh rendering asks."""
    from articles.models import TaggedArticle

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
    if len(picks) < limit and article.section_id:
        picks += list(
            listing.filter(language=article.language, section_id=article.section_id)
            .exclude(pk__in=[article.pk, *pick_ids, *(pick.pk for pick in picks)])
            .latest()[: limit - len(picks)]
        )
    return picks


def related_block(article, **kwargs):
    """The related articles box, rendered (in the current language)."""
    return render_to_string("reader/includes/_related.html", {"related": related_articles(article, **kwargs)})


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
    minutes = reading_minutes(plain_text(article.body), article.language)
    live = live_context(article, preview=preview)
    return {
        "article": article,
        "body": render_body(article, visible_articles=_visible_embedded_articles(article)),
        "translations": translations_of(article),
        "og_image_url": jsonld.absolute(lead.rendition_url(LARGEST)) if lead else "",
        "breadcrumbs": jsonld.breadcrumbs(article),
        "sources": sources_box(article),
        "copyright_notice": notice,
        "copyright_text": notice_text,
        "corrections": corrections,
        "reading_minutes": minutes,
        "json_ld": jsonld.live_blog_posting(
            jsonld.news_article(
                article, notice=notice, notice_text=notice_text, corrections=corrections, reading_minutes=minutes
            ),
            article,
            live,
        ),
        "live": live,
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
            "SITE_NAME": site_name(article.language),
        }
        return _render(article, context)


def _render(article, context):
    return {
        "head": render_to_string("reader/includes/_article_head.html", context),
        "main": render_to_string("reader/includes/_article_main.html", context),
        "translations": [
            {"url": other.get_absolute_url(), "language": other.language} for other in context["translations"]
        ],
        "tag_ids": [tag.pk for tag in article.tags.all()],
        "pick_ids": list(article.related_articles.values_list("pk", flat=True)),
    }


__all__ = ["article_page_context", "related_articles", "related_block", "render_article_page"]
