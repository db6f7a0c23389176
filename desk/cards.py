"""What the body editor shows of an embed, and what its pickers find.

A card describes a photo (thumbnail, caption, credit, alt text), a quote
(text, speaker, date, medium, original wording) or an article (headline,
status) as plain data; the editor draws it with ``textContent``. A quote's
speaker is the source's public name (``Source.__str__``): never an anonymous
source's identity, whoever looks. The pickers search what the user may see on
the desk and answer with the same cards.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article, Quote
from articles.models.source import identity_safe_search_q
from photos.models import Image
from photos.renditions import THUMBNAIL

#: How many results a picker shows at once: the reporter types more to narrow it.
PICKER_LIMIT = 20
#: How many embeds one request may describe (a body has a few dozen at most).
CARDS_LIMIT = 200


def image_card(image):
    return {
        "kind": "image",
        "id": image.pk,
        "thumb": image.rendition_url(THUMBNAIL, "webp"),
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "rights_expired": image.rights_expired(),
        "label": str(image),
    }


def quote_card(quote):
    return {
        "kind": "quote",
        "id": quote.pk,
        "text": quote.text,
        "original": quote.original_text,
        "original_language": quote.original_language if quote.original_text else "",
        "speaker": str(quote.source),
        "medium": quote.get_medium_display(),
        "said_on": date_format(quote.said_on, "DATE_FORMAT") if quote.said_on else "",
        "label": quote.text,
    }


def article_card(article):
    return {
        "kind": "article",
        "id": article.pk,
        "headline": str(article),
        "status_label": article.get_status_display(),
        "when": date_format(timezone.localtime(article.publish_at), "DATE_FORMAT") if article.publish_at else "",
        "label": str(article),
    }


def parse_embed_ids(value):
    """``"image:1,quote:2"`` → ``{"image": {1}, "quote": {2}}``; anything else is ignored."""
    wanted = {"image": set(), "quote": set(), "article": set()}
    for item in (value or "").split(",")[:CARDS_LIMIT]:
        kind, _, pk = item.strip().partition(":")
        if kind in wanted and pk.isdigit() and len(pk) <= 18:
            wanted[kind].add(int(pk))
    return wanted


def cards_for(user, wanted):
    """The cards of the embeds asked for, keyed ``"kind:id"``: three queries at most.
    An article the user may not see on the desk is left out, like a deleted one."""
    cards = {}
    if wanted["image"]:
        for image in Image.objects.filter(pk__in=wanted["image"]):
            cards[f"image:{image.pk}"] = image_card(image)
    if wanted["quote"]:
        for quote in Quote.objects.filter(pk__in=wanted["quote"]).select_related("source"):
            cards[f"quote:{quote.pk}"] = quote_card(quote)
    if wanted["article"]:
        for article in (
            Article.objects.on_desk_of(user)
            .filter(pk__in=wanted["article"])
            .only("pk", "headline", "status", "publish_at")
        ):
            cards[f"article:{article.pk}"] = article_card(article)
    return cards


def _id_term(term):
    term = term.strip().lstrip("#")
    return int(term) if term.isdigit() and len(term) <= 18 else None


def pick(user, kind, term):
    """What the picker of ``kind`` lists for ``term``: newest first, at most ``PICKER_LIMIT``."""
    term = (term or "").strip()[:200]
    pk = _id_term(term)
    if kind == "image":
        found = Image.objects.all()
        if pk is not None:
            found = found.filter(pk=pk)
        elif term:
            for word in term.split():
                found = found.filter(
                    Q(alt_text__icontains=word)
                    | Q(caption__icontains=word)
                    | Q(credit__icontains=word)
                    | Q(creator__icontains=word)
                    | Q(original_filename__icontains=word)
                )
        return [image_card(image) for image in found.order_by("-uploaded_at", "-pk")[:PICKER_LIMIT]]
    if kind == "quote":
        found = Quote.objects.select_related("source")
        if pk is not None:
            found = found.filter(pk=pk)
        elif term:
            found = found.filter(
                identity_safe_search_q(
                    user, term, text_fields=["text", "original_text", "source__public_description"], prefix="source__"
                )
            ).distinct()
        return [quote_card(quote) for quote in found.order_by("-created_at", "-pk")[:PICKER_LIMIT]]
    if kind == "article":
        found = Article.objects.on_desk_of(user).only("pk", "headline", "status", "publish_at")
        if pk is not None:
            found = found.filter(pk=pk)
        elif term:
            for word in term.split():
                found = found.filter(Q(headline__icontains=word) | Q(dek__icontains=word))
        return [article_card(article) for article in found.order_by("-updated_at", "-pk")[:PICKER_LIMIT]]
    return []
