"""RSS 2.0 and Atom feeds of the site, each section, tag and author. ``published()`` only.

Each item carries its full byline, its tags as categories, a description (the
dek, or the first paragraph when there is none), its own copyright notice
(``dc:rights`` in RSS, ``rights`` in Atom) and its lead photo as Media RSS with
the photo's credit and copyright; the feed's rights are the site's notice.
"""

import contextvars
import io
import re
from dataclasses import dataclass
from html import unescape as html_unescape
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from articles.body import PLACEHOLDER
from articles.editions import current_edition, site_name
from articles.models import Article, CopyrightNotice, Section
from articles.querysets import authors_in_print, tags_in_print
from delivery.memo import remember_many

from .jsonld import absolute

FEED_LENGTH = 30
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
#: A description made from the body stops near here (a feed reader's preview).
DESCRIPTION_LENGTH = 300


PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def first_paragraph(body_html):
    """The body's first paragraph as text: not a heading, a list or an embed;
    its emphasis and links reduced to their words. Read from the HTML stored at
    save (``Article.body_html``): rendering 30 bodies' Markdown again was most of
    an uncached feed's time."""
    for match in PARAGRAPH.finditer(body_html or ""):
        if PLACEHOLDER.fullmatch(match.group(0)):
            continue
        text = " ".join(html_unescape(nh3.clean(match.group(1), tags=set())).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


#: The request a feed is being written for (``items`` remembers per its content generation).
_request = contextvars.ContextVar("feed_request")
#: The items ``get_feed`` is to make entries of (``feed_with_items``).
_listed = contextvars.ContextVar("feed_listed")


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed, as every feed that lists the piece prints it."""

    title: str
    description: str
    link: str
    guid: str
    pubdate: object
    updateddate: object
    author_name: str | None
    categories: tuple
    copyright: str
    media: dict | None


def feed_item(article, default_notice):
    notice = article.copyright_notice or default_notice
    moment = article.publish_at or article.created_at
    return FeedItem(
        title=article.headline,
        # RSS's <description> and Atom's <summary type="html"> are HTML to a
        # feed reader: the dek is text, so it goes in escaped (a "<script>" a
        # reporter typed is read as those characters, not run).
        description=escape(article.dek or first_paragraph(article.body_html)),
        link=article.get_absolute_url(),
        guid=absolute(f"/a/{article.pk}/"),
        pubdate=article.publish_at,
        updateddate=article.date_modified,
        author_name=article.byline or None,
        categories=tuple(sorted(tag.name for tag in article.tags.all())),  # in a stable order
        # The article's own notice, as its page prints it (the site's by default).
        copyright=notice.text_for(article.language, moment.year) if notice else "",
        media=lead_media(article),
    )


def lead_media(article):
    """The lead photo as Media RSS carries it, with its credit; None once its rights ended."""
    image = article.lead_image
    if image is None or image.rights_expired():
        return None
    record = image.renditions.get("w960") or image.renditions.get("w480")
    if not record:
        return None
    return {
        "url": absolute(image.rendition_url("w960")),
        "width": record["width"],
        "height": record["height"],
        "credit": image.credit,
        "copyright": image.copyright_holder,
        "description": article.lead_caption or image.alt_text,
    }


def feed_items(keys):
    """``{("feed-item", pk): FeedItem}`` for the pieces of ``keys``, in one query and its prefetches."""
    articles = list(
        Article.objects.filter(pk__in=[pk for _kind, pk in keys])
        .select_related("section", "lead_image", "copyright_notice")
        .prefetch_related("authorships__author", "tags")
        .defer("body")  # the description reads the stored HTML
    )
    default = CopyrightNotice.objects.default() if any(a.copyright_notice_id is None for a in articles) else None
    return {("feed-item", article.pk): feed_item(article, default) for article in articles}


class MediaRssMixin:
    """Media RSS elements, so the lead photo travels with its credit; and each
    item's XML written once per content generation in each process (every feed
    that lists the piece prints the same item), then copied into the feed."""

    item_element = "item"

    def write_items(self, handler):
        keys = [("feed-xml", type(self).__name__, item["unique_id"]) for item in self.items]
        by_key = dict(zip(keys, self.items, strict=True))
        found = remember_many(_request.get(None), keys, lambda missing: {k: self.item_xml(by_key[k]) for k in missing})
        for key in keys:
            handler.ignorableWhitespace(found[key])  # written as it is: already XML

    def item_xml(self, item):
        out = io.StringIO()
        handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
        handler.startElement(self.item_element, self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement(self.item_element)
        return out.getvalue()

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
    item_element = "entry"

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

    def __call__(self, request, *args, **kwargs):
        """Django's, writing the feed into a buffer first: the XML writer's
        thousands of small writes straight into the response were a third of
        the time."""
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as error:
            raise Http404("Feed object does not exist.") from error
        # For items() and the items' XML: the feed object is shared by every request.
        token = _request.set(request)
        try:
            feedgen = self.feed_with_items(obj, OnSiteURL(request))
            out = io.StringIO()
            feedgen.write(out, "utf-8")
        finally:
            _request.reset(token)
        response = HttpResponse(out.getvalue(), content_type=feedgen.content_type)
        response.headers["Last-Modified"] = http_date(feedgen.latest_post_date().timestamp())
        return response

    def feed_with_items(self, obj, request):
        """Django's ``get_feed``, with each item's entry (what Django's feed makes
        of it, two dozen lookups an item) remembered per content generation: the
        feed itself is made with no items, then given the remembered entries."""
        listed = self.items(obj)
        keys = [("feed-entry", self.feed_type.__name__, item.guid) for item in listed]
        by_key = dict(zip(keys, listed, strict=True))

        def entries(missing):
            made = self.made_with([by_key[key] for key in missing], obj, request).items
            return dict(zip(missing, made, strict=True))

        found = remember_many(_request.get(None), keys, entries)
        feed = self.made_with([], obj, request)
        feed.items = [found[key] for key in keys]
        return feed

    def made_with(self, listed, obj, request):
        token = _listed.set(listed)
        try:
            return self.get_feed(obj, request)
        finally:
            _listed.reset(token)

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
        """The latest pieces in scope: their ids read on every request (one
        indexed query), each item's fields remembered by this process for the
        content generation, like the lists' cards (``delivery.memo``)."""
        listed = _listed.get(None)
        if listed is not None:  # feed_with_items() is making these
            return listed
        articles = Article.objects.published().in_edition(current_edition())
        ids = list(self.scope(articles, obj).latest().values_list("pk", flat=True)[:FEED_LENGTH])
        keys = [("feed-item", pk) for pk in ids]
        found = remember_many(_request.get(None), keys, feed_items)
        return [found[key] for key in keys if key in found]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.pubdate

    def item_updateddate(self, item):
        return item.updateddate

    def item_author_name(self, item):
        return item.author_name

    def item_categories(self, item):
        return item.categories

    def item_copyright(self, item):
        return item.copyright

    def item_extra_kwargs(self, item):
        return {"media": item.media} if item.media else {}


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
