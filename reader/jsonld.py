"""schema.org data for an article page: NewsArticle with credited ImageObjects."""

from django.conf import settings
from django.utils import timezone

from articles.body import embed_ids
from articles.editions import site_name
from photos.renditions import LARGEST
from photos.text import public_url


def absolute(path):
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def publisher(language=None):
    """The paper, by its name in the language's edition."""
    data = {"@type": "NewsMediaOrganization", "name": site_name(language), "url": settings.SITE_URL + "/"}
    if settings.SITE_LOGO_URL:
        data["logo"] = {"@type": "ImageObject", "url": absolute(settings.SITE_LOGO_URL)}
    return data


def image_object(image, caption=""):
    """What Google Images reads: the credit, creator, copyright and license."""
    if image is None or image.rights_expired():
        return None
    data = {
        "@type": "ImageObject",
        "url": absolute(image.rendition_url(LARGEST)),
        "caption": caption or image.caption or image.alt_text,
        "creditText": image.credit,
        "copyrightNotice": image.copyright_holder or image.credit,
    }
    record = image.renditions.get("w1600") or image.renditions.get("w960") or image.renditions.get("w480")
    if record:
        data["width"], data["height"] = record["width"], record["height"]
    if image.creator:
        data["creator"] = {"@type": "Person", "name": image.creator}
    if image.license_deed_url:
        data["license"] = image.license_deed_url
    if acquire := public_url(image.source_url):
        data["acquireLicensePage"] = acquire
    return data


def speaker(source):
    """Who said a quote, by the name the page prints: an anonymous source is a
    person described ("a senior official"), never named or linked."""
    if source.is_anonymous:
        return {"@type": "Person", "description": source.public_name}
    kind = "Person" if source.kind == source.Kind.PERSON else "Organization"
    data = {"@type": kind, "name": source.name}
    if source.role:
        data["jobTitle" if kind == "Person" else "description"] = source.role
    if url := public_url(source.url):
        data["url"] = url
    return data


def quotation(quote):
    """A quote of the body as schema.org's Quotation: its text and language, the
    original it translates, who said it and when, and the record it comes from."""
    data = {"@type": "Quotation", "text": quote.text, "inLanguage": quote.language, "creator": speaker(quote.source)}
    if quote.has_original:
        data["translationOfWork"] = {
            "@type": "Quotation",
            "text": quote.original_text,
            "inLanguage": quote.original_language,
        }
    if quote.said_on:
        data["dateCreated"] = quote.said_on.isoformat()
    if not quote.source.is_anonymous and (evidence := public_url(quote.evidence_url)):
        data["isBasedOn"] = evidence
    return data


def quotations(body, quotes):
    """The quotes a body embeds (``quotes``: the prefetched records), as
    Quotations in the order the body prints them."""
    found = {quote.pk: quote for quote in quotes}
    return [quotation(found[pk]) for pk in embed_ids(body, "quote") if pk in found]


def duration(minutes):
    """ISO 8601 duration of whole minutes ("PT4M"), as timeRequired takes it."""
    return f"PT{int(minutes)}M"


def news_article(article, *, notice_text="", notice=None, corrections=(), reading_minutes=None):
    """The NewsArticle of an article page (the caller checked it may be shown)."""
    images = [image_object(article.lead_image, article.lead_caption)] if article.lead_image_id else []
    images += [image_object(image) for image in article.embedded_images.all()]
    published = article.publish_at or timezone.now()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "url": absolute(article.get_absolute_url()),
        "headline": article.headline,
        "inLanguage": article.language,
        "datePublished": published.isoformat(),
        "dateModified": (article.date_modified or published).isoformat(),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in article.byline_authors
        ]
        or [{"@type": "Organization", "name": article.byline or site_name(article.language)}],
        "publisher": publisher(article.language),
        "isAccessibleForFree": True,
    }
    if article.dek:
        data["description"] = article.dek
    if reading_minutes:
        data["timeRequired"] = duration(reading_minutes)
    if article.section_id:
        data["articleSection"] = article.section_name()
    images = [image for image in images if image]
    if images:
        data["image"] = images
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    if notice is not None:
        data["copyrightHolder"] = {"@type": "Organization", "name": notice.holder_for(article.language)}
        data["copyrightYear"] = timezone.localtime(published).year
        data["copyrightNotice"] = notice_text
        if license_url := public_url(notice.license_url):
            data["license"] = license_url
    citations = [
        {
            "@type": "CreativeWork",
            **({"name": citation.title} if citation.title else {}),
            **({"url": url} if (url := public_url(citation.url)) else {}),
            "publisher": {"@type": "Organization", "name": citation.source.public_name},
            **({"datePublished": citation.published_on.isoformat()} if citation.published_on else {}),
        }
        for citation in article.citations.all()
    ]
    if citations:
        data["citation"] = citations
    if quoted := quotations(article.body, article.embedded_quotes.all()):
        data["hasPart"] = quoted
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": correction.created_at.isoformat(),
            }
            for correction in corrections
        ]
    return data


def breadcrumbs(article):
    """Home → section → article, for search results' breadcrumb trail."""
    from django.urls import reverse
    from django.utils.translation import override

    with override(article.language):
        home = absolute(reverse("articles:home"))
    items = [{"@type": "ListItem", "position": 1, "name": site_name(article.language), "item": home}]
    if article.section_id:
        items.append(
            {
                "@type": "ListItem",
                "position": 2,
                "name": article.section_name(),
                "item": absolute(article.section.get_absolute_url()),
            }
        )
    items.append({"@type": "ListItem", "position": len(items) + 1, "name": article.headline})
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def live_blog_posting(data, article, live):
    """A live page's JSON-LD: its NewsArticle (``data``) as a ``LiveBlogPosting``
    (every Article property holds for it), with the coverage's start and end and
    each entry the page prints as a ``BlogPosting`` in ``liveBlogUpdate``. Any
    other article's data comes back as it was."""
    if not live:
        return data
    from articles.body import plain_text

    coverage = live["coverage"]
    data = {**data, "@type": "LiveBlogPosting", "coverageStartTime": coverage.started_at.isoformat()}
    if coverage.ended_at:
        data["coverageEndTime"] = coverage.ended_at.isoformat()
    page_url = absolute(article.get_absolute_url())
    shown = ([live["pinned"]] if live["pinned"] else []) + live["entries"]
    updates = []
    entries = [item["entry"] for item in shown]
    newest_first = sorted(entries, key=lambda entry: (entry.created_at, entry.pk), reverse=True)
    for entry in newest_first:
        text = plain_text(entry.body)
        update = {
            "@type": "BlogPosting",
            "headline": (text.split("\n", 1)[0][:110] or article.headline),
            "articleBody": text,
            "datePublished": entry.created_at.isoformat(),
            "dateModified": (entry.corrected_at or entry.created_at).isoformat(),
            "url": f"{page_url}#{entry.anchor}",
            "inLanguage": article.language,
            "author": (
                {"@type": "Person", "name": entry.author.name}
                if entry.author
                else {"@type": "Organization", "name": site_name(article.language)}
            ),
        }
        images = [image_object(image) for image in entry.embedded_images.all()]
        if images := [image for image in images if image]:
            update["image"] = images
        if quoted := quotations(entry.body, entry.embedded_quotes.all()):  # declared like the body's
            update["hasPart"] = quoted
        if entry.correction:
            update["correction"] = {
                "@type": "CorrectionComment",
                "text": entry.correction,
                "datePublished": entry.corrected_at.isoformat(),
            }
        updates.append(update)
    data["liveBlogUpdate"] = updates
    return data
