"""Each published article as IPTC NINJS 2.1 (``/api/v1/articles/<id>/ninjs/``).

The document says what the article's page and the JSON API say, in the wire
format: the same bylines, rights, photos and quotes, under the same rules. Its
``uri`` is the article's stable short address (``/a/<id>/``), which no change of
slug or section moves; the canonical URL is among its ``altids``. An anonymous
source is named by its public description only; a photo whose rights have
expired keeps its credit and rights but lists no file (and is marked
``withheld``); ``embargoed`` appears only on a piece a partner key reads before
its minute. Every address is absolute, on ``SITE_URL``.

NINJS 2.1 names things its own way, and this module keeps to the published
schema (``tests/api/schemas/ninjs-schema_2.1.json`` validates every document):
the byline is ``by`` (a statement) with the authors in ``people`` (``rel``
"author"); the notice and holder are ``copyrightnotice``/``copyrightholder``
and ``rightsinfo`` is only the link to a licence (the schema requires
``linkedrights`` or ``encodedrights`` in it); photos, quotes, corrections and
linked articles are ``associations``, each a NINJS object of its own.
"""

import datetime

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.fields import DateTimeField
from rest_framework.response import Response

from articles.body import body_blocks
from articles.models import Source
from photos.text import public_url

from .serializers import ArticleDetailSerializer, absolute, api_url, renditions_of
from .views import ApiView, article_detail_context, visible_articles

STANDARD = {
    "name": "ninjs",
    "version": "2.1",
    "schema": "https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
}

#: The association that carries the article's lead photo (the name Superdesk
#: and other NINJS producers give the featured picture).
FEATURED = "featuremedia"

_moment = DateTimeField()


def moment(value):
    """A date and time as the rest of the API writes it (ISO 8601 in the site's zone)."""
    return _moment.to_representation(value) if value else None


def day_moment(day):
    """A date as a NINJS date-time (which has no date-only form): the start of
    that day in the site's zone, the precision being the day."""
    return moment(datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone()))


def _text(role, value, contenttype="text/plain"):
    return {"role": role, "contenttype": contenttype, "value": value}


def _without_empty(data):
    """``data`` without the properties that have nothing to say (NINJS leaves
    an absent fact out rather than sending an empty string or list)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def picture(image, *, name, language, caption=""):
    """A photo as a NINJS picture: its credit, creator, rights and usage terms,
    and its files, none once its rights have expired."""
    with override(language):
        license_name = str(image.get_license_display())
    expired = image.rights_expired()
    return _without_empty(
        {
            "name": name,
            "uri": api_url("photo-detail", pk=image.pk),
            "type": "picture",
            # A partner must not use a photo whose rights ran out, even from its own copy.
            "pubstatus": "withheld" if expired else "usable",
            # The credit is what prints beside the photo ("본지DB", "Reuters").
            "by": image.credit,
            "descriptions": [
                *([_text("caption", caption)] if caption else []),
                _text("alt", image.alt_text),
            ],
            # Who made it, beside who is credited (the photographer of an agency picture).
            "infosources": [{"name": image.creator, "role": "creator"}] if image.creator else [],
            "copyrightholder": image.copyright_holder,
            # The same fact the page's JSON-LD gives: the holder, else the credit.
            "copyrightnotice": image.copyright_holder or image.credit,
            "usageterms": " · ".join(part for part in (license_name, image.usage_terms.strip()) if part),
            "rightsinfo": {"linkedrights": image.license_deed_url} if image.license_deed_url else None,
            "renditions": [
                {
                    "name": f"{rendition['name']}-{rendition['format']}",
                    "href": rendition["url"],
                    "contenttype": f"image/{rendition['format']}",
                    "width": rendition["width"],
                    "height": rendition["height"],
                }
                for rendition in renditions_of(image)
            ],
        }
    )


def speaker(source):
    """The source of a quote under ``people`` or ``organisations``: by its public
    name, with its address only when it is not anonymous."""
    entry = {"name": source.public_name, "rel": "speaker"}
    if not source.is_anonymous and (url := public_url(source.url)):
        entry["uri"] = url
    return ("people" if source.kind == Source.Kind.PERSON else "organisations"), entry


def attribution(source):
    """The speaker as the page prints it: "name, role", or only the public
    description of an anonymous source."""
    if source.is_anonymous or not source.role:
        return source.public_name
    return f"{source.public_name}, {source.role}"


def quotation(quote, *, name, language):
    """A quote as a NINJS text: the words as published, the speaker by public
    name, the day said, the medium, and the original wording in its own
    language as an association of its own."""
    uri = api_url("quote-detail", pk=quote.pk)
    source = quote.source
    kind, entry = speaker(source)
    with override(language):
        medium = str(quote.get_medium_display())
    associations = []
    if quote.has_original:
        associations.append(
            {
                "name": "original",
                "uri": f"{uri}#original",
                "type": "text",
                "language": quote.original_language,
                "bodies": [_text("original", quote.original_text)],
            }
        )
    if quote.evidence_image_id:
        associations.append(
            picture(quote.evidence_image, name="evidence", language=language, caption=quote.evidence_image.caption)
        )
    evidence = public_url(quote.evidence_url)
    return _without_empty(
        {
            "name": name,
            "uri": uri,
            "type": "text",
            "language": quote.language,
            "by": attribution(source),
            "contentcreated": day_moment(quote.said_on) if quote.said_on else None,
            "bodies": [_text("quote", quote.text)],
            "genres": [{"name": medium, "literal": quote.medium}],
            kind: [entry],
            "infosources": [{"name": source.public_name, "role": "evidence", "uri": evidence}] if evidence else [],
            "associations": associations,
        }
    )


def article_link(article, *, name):
    """Another article named by this one (a translation, an embedded report):
    its NINJS identifier (its stable address), language and headline."""
    return {
        "name": name,
        "uri": stable_uri(article),
        "type": "text",
        "representationtype": "partial",
        "language": article.language,
        "headlines": [{"role": "main", "value": article.headline}],
    }


def correction(item, *, canonical, language):
    """A correction printed under the article, dated."""
    return {
        "name": f"correction-{item.pk}",
        "uri": f"{canonical}#correction-{item.pk}",
        "type": "text",
        "language": language,
        "firstcreated": moment(item.created_at),
        "versioncreated": moment(item.created_at),
        "bodies": [_text("correction", item.text)],
    }


def stable_uri(article):
    """The article's short address in its own edition, which no edit changes."""
    with override(article.language):
        return absolute(reverse("articles:short", kwargs={"pk": article.pk}))


def ninjs_document(article, *, context):
    """The NINJS 2.1 document of ``article``, which the caller has checked the
    asker may read; ``context`` is ``api.views.article_detail_context``'s."""
    language = article.language
    canonical = absolute(article.get_absolute_url())
    rights = ArticleDetailSerializer(context=context).get_copyright(article) or {}
    published = article.first_published_at or article.publish_at

    associations = []
    if article.lead_image_id:
        associations.append(picture(article.lead_image, name=FEATURED, language=language, caption=article.lead_caption))
    for block in body_blocks(article, visible_articles=context["visible_embedded"]):
        if block.kind == "image":
            associations.append(
                picture(block.record, name=f"photo-{block.record.pk}", language=language, caption=block.record.caption)
            )
        elif block.kind == "quote":
            associations.append(quotation(block.record, name=f"quote-{block.record.pk}", language=language))
        elif block.kind == "article":
            associations.append(article_link(block.record, name=f"article-{block.record.pk}"))
    for other in context["translations"].get(article.pk, []):
        associations.append(
            article_link(other, name="original" if other.pk == article.translation_of_id else "translation")
        )
    associations += [correction(item, canonical=canonical, language=language) for item in article.corrections.all()]

    subjects = []
    if article.section_id:
        subjects.append(
            {
                "name": article.section_name(),
                "rel": "section",
                "uri": api_url("section-detail", slug=article.section.slug),
                "literal": article.section.slug,
            }
        )
    subjects += [
        {"name": tag.name, "rel": "tag", "uri": api_url("tag-detail", slug=tag.slug), "literal": tag.slug}
        for tag in article.tags.all()
    ]

    return _without_empty(
        {
            # The stable address (/a/<id>/): the canonical one changes with the slug
            # or section, and a wire client would take a new uri for a new item.
            "uri": stable_uri(article),
            "standard": STANDARD,
            "type": "text",
            "representationtype": "full",
            "pubstatus": "usable",
            "altids": [{"role": "id", "value": str(article.pk)}, {"role": "canonical", "value": canonical}],
            "slugline": article.slug,
            "language": language,
            "firstcreated": moment(published),
            "versioncreated": moment(article.updated_at),
            "contentcreated": moment(published),
            # Only a partner key reads a piece before its minute: the minute it may run.
            "embargoed": None if article.is_published() else moment(article.publish_at),
            "expires": moment(article.expire_at),
            "headlines": [
                {"role": "main", "value": article.headline},
                *([{"role": "subhead", "value": article.dek}] if article.dek else []),
            ],
            "descriptions": [_text("summary", article.dek)] if article.dek else [],
            "by": article.byline,
            "people": [
                {
                    "name": author.name,
                    "rel": "author",
                    "uri": api_url("author-detail", slug=author.slug),
                    "literal": author.slug,
                }
                for author in article.byline_authors
            ],
            "subjects": subjects,
            "infosources": [
                _without_empty({"name": citation.source.public_name, "role": "cited", "uri": public_url(citation.url)})
                for citation in article.citations.all()
            ],
            "bodies": [_text("main", context["rendered_bodies"].get(article.pk, ""), contenttype="text/html")],
            "copyrightholder": rights.get("holder"),
            "copyrightnotice": rights.get("notice"),
            "usageterms": rights.get("license"),
            "rightsinfo": {"linkedrights": rights["license_url"]} if rights.get("license_url") else None,
            "associations": associations,
        }
    )


class NinjsView(ApiView):
    """One published article as an IPTC NINJS 2.1 document."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        article = visible_articles(request).for_detail().filter(pk=pk).first()
        if article is None:
            raise Http404
        self.last_modified = article.updated_at
        return Response(ninjs_document(article, context=article_detail_context(request, [article])))
