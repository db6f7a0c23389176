"""schema.org data for an article page: NewsArticle with credited ImageObjects."""

from django.conf import settings
from django.utils import timezone

from photos.renditions import LARGEST
from photos.text import public_url


def absolute(path):
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def publisher():
    data = {"@type": "NewsMediaOrganization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"}
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


def news_article(article, *, notice_text="", notice=None, corrections=()):
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
        "dateModified": max(article.updated_at or published, published).isoformat(),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in article.byline_authors
        ]
        or [{"@type": "Organization", "name": article.byline or settings.SITE_NAME}],
        "publisher": publisher(),
        "isAccessibleForFree": True,
    }
    if article.dek:
        data["description"] = article.dek
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
    items = [{"@type": "ListItem", "position": 1, "name": settings.SITE_NAME, "item": home}]
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
