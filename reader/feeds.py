"""RSS 2.0 and Atom feeds of the site, each section, tag and author. ``published()`` only.

Each item carries its full byline, its tags as categories, a description (the
dek, or the first paragraph when there is none), its own copyright notice
(``dc:rights`` in RSS, ``rights`` in Atom) and its lead photo as Media RSS with
the photo's credit and copyright; the feed's rights are the site's notice.
"""

import re
from html import unescape as html_unescape
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.body import PLACEHOLDER, markdown_to_html
from articles.editions import current_edition, site_name
from articles.models import Article, CopyrightNotice, Section
from articles.querysets import authors_in_print, tags_in_print

from .jsonld import absolute

FEED_LENGTH = 30
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
#: A description made from the body stops near here (a feed reader's preview).
DESCRIPTION_LENGTH = 300


PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def first_paragraph(body):
    """The body's first paragraph as text: not a heading, a list or an embed;
    its emphasis and links reduced to their words."""
    for match in PARAGRAPH.finditer(markdown_to_html(body)):
        if PLACEHOLDER.fullmatch(match.group(0)):
            continue
        text = " ".join(html_unescape(nh3.clean(match.group(1), tags=set())).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


class MediaRssMixin:
    """Media RSS elements, so the lead photo travels with its credit."""

    def add_media(self, handler, item):
        image = item.get("media")
        if not image:
            return
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
        handler.addQuickElement("media:credit", image["credit"])
        if image.get("copyright"):
            handler.addQuickElement("media:copyright", image["copyright"])
        if image.get("description"):
            handler.addQuickElement("media:description", image["description"])
        handler.endElement("media:content")


class MediaRss201Feed(MediaRssMixin, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NAMESPACE, "xmlns:dc": DC_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RSS 2.0 has no item-level rights: Dublin Core's (Atom's <rights> is Django's own).
        if item.get("item_copyright"):
            handler.addQuickElement("dc:rights", item["item_copyright"])
        self.add_media(handler, item)


class MediaAtomFeed(MediaRssMixin, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        self.add_media(handler, item)


class OnSiteURL:
    """The request as the feed framework sees it, on ``SITE_URL``: Django's feeds
    make their links absolute on the request's host, which a hostile ``Host`` or
    ``X-Forwarded-Host`` would then put into a page the caches keep for everyone."""

    def __init__(self, request):
        self._request = request
        site = urlsplit(settings.SITE_URL)
        self._host, self._secure = site.netloc, site.scheme == "https"

    def get_host(self):
        return self._host

    def is_secure(self):
        return self._secure

    def __getattr__(self, name):
        return getattr(self._request, name)


class LatestArticlesFeed(Feed):
    """The edition's latest articles (Korean at /feed/, English at /en/feed/)."""

    feed_type = MediaRss201Feed

    def get_feed(self, obj, request):
        return super().get_feed(obj, OnSiteURL(request))

    def title(self, obj=None):
        return site_name()

    def link(self, obj=None):
        return "/"

    def description(self, obj=None):
        return _("The latest articles of %(site)s") % {"site": site_name()}

    subtitle = description

    def feed_copyright(self, obj=None):
        notice = CopyrightNotice.objects.default()
        return notice.text_for(current_edition().code) if notice else ""

    def scope(self, articles, obj):
        return articles

    def items(self, obj=None):
        articles = Article.objects.published().in_edition(current_edition())
        found = list(
            self.scope(articles, obj)
            .select_related("section", "lead_image", "copyright_notice")
            .prefetch_related("authorships__author", "tags")
            .latest()[:FEED_LENGTH]
        )
        # The site's notice for the items without one of their own, read once per
        # feed (the feed object serves every request: nothing may be kept on it).
        default = CopyrightNotice.objects.default() if any(a.copyright_notice_id is None for a in found) else None
        for article in found:
            if article.copyright_notice_id is None:
                article.copyright_notice = default
        return found

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        # RSS's <description> and Atom's <summary type="html"> are HTML to a
        # feed reader: the dek is text, so it goes in escaped (a "<script>" a
        # reporter typed is read as those characters, not run).
        return escape(article.dek or first_paragraph(article.body))

    def item_link(self, article):
        return article.get_absolute_url()

    def item_guid(self, article):
        return absolute(f"/a/{article.pk}/")

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.date_modified

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]

    def item_copyright(self, article):
        """The article's own notice, as its page prints it (the site's by default)."""
        notice = article.copyright_notice
        moment = article.publish_at or article.created_at
        return notice.text_for(article.language, moment.year) if notice else ""

    def item_extra_kwargs(self, article):
        image = article.lead_image
        if image is None or image.rights_expired():
            return {}
        record = image.renditions.get("w960") or image.renditions.get("w480")
        if not record:
            return {}
        return {
            "media": {
                "url": absolute(image.rendition_url("w960")),
                "width": record["width"],
                "height": record["height"],
                "credit": image.credit,
                "copyright": image.copyright_holder,
                "description": article.lead_caption or image.alt_text,
            },
        }


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, section):
        return get_object_or_404(Section, slug=section)

    def title(self, section):
        return f"{section.name_for(current_edition().code)} | {site_name()}"

    def link(self, section):
        return section.get_absolute_url()

    def scope(self, articles, section):
        return articles.filter(section=section)


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(tags_in_print(), slug=slug)

    def title(self, tag):
        return f"#{tag.name} | {site_name()}"

    def link(self, tag):
        from django.urls import reverse

        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def scope(self, articles, tag):
        return articles.filter(tagged_items__tag=tag)


class AuthorFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(authors_in_print(), slug=slug)

    def title(self, author):
        return f"{author.name} | {site_name()}"

    def link(self, author):
        return author.get_absolute_url()

    def scope(self, articles, author):
        return articles.filter(authorships__author=author)


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": MediaAtomFeed})
