"""RSS feeds: what readers and aggregators subscribe to. ``published()`` only."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .jsonld import absolute
from .models import Article, CopyrightNotice
from .templatetags.newsroom import rendition_url
from .views import edition_language

FEED_LENGTH = 30


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS, so the lead photo travels with its credit."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": "http://search.yahoo.com/mrss/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        image = item.get("media")
        if image:
            handler.startElement(
                "media:content",
                {
                    "url": image["url"],
                    "medium": "image",
                    "type": "image/jpeg",
                    "width": str(image["width"]),
                    "height": str(image["height"]),
                },
            )
            handler.addQuickElement(
                "media:credit", image["credit"], {"role": "photographer"} if image.get("creator") else {}
            )
            if image.get("copyright"):
                handler.addQuickElement("media:copyright", image["copyright"])
            if image.get("description"):
                handler.addQuickElement("media:description", image["description"])
            handler.endElement("media:content")


class LatestArticlesFeed(Feed):
    feed_type = MediaRssFeed

    def title(self):
        return settings.SITE_NAME

    def link(self):
        return "/"

    def description(self):
        return _("The latest articles of %(site)s") % {"site": settings.SITE_NAME}

    def feed_copyright(self):
        notice = CopyrightNotice.objects.default()
        return notice.text_for(edition_language()) if notice else ""

    def items(self):
        return (
            Article.objects.published()
            .filter(language=edition_language())
            .for_listing()
            .prefetch_related("tags")
            .latest()[:FEED_LENGTH]
        )

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        return article.dek

    def item_link(self, article):
        return article.get_absolute_url()

    def item_guid(self, article):
        return absolute(f"/a/{article.pk}/")

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return max(article.updated_at, article.publish_at)

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]

    def item_extra_kwargs(self, article):
        image = article.lead_image
        if image is None or image.rights_expired():
            return {}
        record = image.renditions.get("w960") or image.renditions.get("w480")
        if not record:
            return {}
        return {
            "media": {
                "url": absolute(rendition_url(image, "w960")),
                "width": record["width"],
                "height": record["height"],
                "credit": image.credit,
                "creator": image.creator,
                "copyright": image.copyright_holder,
                "description": article.lead_caption or image.alt_text,
            }
        }
