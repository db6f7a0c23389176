"""The article form's helpers beside the editor: cards and pickers for embeds,
the live preview, autosave and the difference of a draft.

``DeskEditorMixin`` adds them to the article admin as its own URLs, so each
runs behind the admin's login, second factor and never-cache wrapper, with the
same desk visibility (``on_desk_of``) as the change page. They answer JSON to
the page's script; none changes an article.
"""

import secrets

from csp.constants import SELF
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from articles import services
from articles.diff import diff_text
from articles.models import Article, CopyrightNotice, Section, Status
from photos.models import Image
from reader.previews import preview_response

from ..cards import cards_for, parse_embed_ids, pick
from ..strings import editor_strings

#: Fields a restored draft fills: the text, the language and the tags as typed,
#: and the records it points at (offered back with their names, for the pickers).
#: Bylines and citations (the form's inline rows) are not autosaved.
RESTORED_TEXT_FIELDS = ("headline", "dek", "body", "lead_image_caption", "byline_override", "slug", "tags", "language")
RESTORED_CHOICES = {
    "section": Section,
    "lead_image": Image,
    "copyright_notice": CopyrightNotice,
    "translation_of": Article,
    "related_articles": Article,
}
#: The most a background request may carry (a very long body and its form).
MAX_FORM_BYTES = 4_000_000


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _frameable(response):
    """Only this response may sit in a frame, and only in the desk's own pages."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_replace = {"frame-ancestors": [SELF]}
    return _no_store(response)


def _posted(request):
    """The posted form as ``{name: [values]}``."""
    return {name: request.POST.getlist(name) for name in request.POST}


class DeskEditorMixin:
    """The article admin's editor endpoints (see the module's docstring)."""

    def editor_urls(self):
        view = self.admin_site.admin_view
        return [
            path("embeds/", view(self.embeds_view), name="articles_article_embeds"),
            path("pick/<str:kind>/", view(self.pick_view), name="articles_article_pick"),
            path("preview/live/", view(self.live_preview_view), name="articles_article_live_preview_new"),
            path("autosave/", view(self.autosave_view), name="articles_article_autosave_new"),
            path("draft-difference/", view(self.draft_difference_view), name="articles_article_draft_difference"),
            path("<path:object_id>/preview/live/", view(self.live_preview_view), name="articles_article_live_preview"),
            path("<path:object_id>/autosave/", view(self.autosave_view), name="articles_article_autosave"),
        ]

    # -- Embeds --------------------------------------------------------------------------

    @staticmethod
    def _json(data, status=200):
        return _no_store(JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}))

    def embeds_view(self, request):
        """``?ids=image:1,quote:2`` → the cards the editor draws for those embeds."""
        if request.method != "GET":
            return HttpResponse(status=405)
        return self._json({"embeds": cards_for(request.user, parse_embed_ids(request.GET.get("ids")))})

    def pick_view(self, request, kind):
        """A picker's search: ``?q=`` → cards of what the user may embed."""
        if request.method != "GET":
            return HttpResponse(status=405)
        if kind not in ("image", "quote", "article"):
            raise Http404
        return self._json({"results": pick(request.user, kind, request.GET.get("q", ""))})

    # -- Live preview --------------------------------------------------------------------

    def _editable_or_404(self, request, object_id):
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = get_object_or_404(Article.objects.on_desk_of(request.user), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def live_preview_view(self, request, object_id=None):
        """GET: the page as saved (a frame the desk shows beside the editor).
        POST the form: ``{"html": the page as typed, "problems": [...]}``,
        rendered by the reader's own code from a copy that is never kept."""
        article = self._editable_or_404(request, object_id)
        if request.method == "GET":
            if article is None:
                with services.article_staged(
                    article=Article(language=request.GET.get("language") or "ko"), user=request.user
                ) as staged:
                    response = preview_response(request, Article.objects.for_detail().get(pk=staged.pk), unsaved=True)
            else:
                response = preview_response(request, Article.objects.for_detail().get(pk=article.pk))
            return _frameable(response)
        if request.method != "POST":
            return HttpResponse(status=405)
        typed = self._typed_article(request, article)
        with services.article_staged(article=typed["article"], user=request.user, **typed["relations"]) as staged:
            fresh = Article.objects.for_detail().get(pk=staged.pk)
            problems = services.publication_problems(fresh)
            html = preview_response(request, fresh, unsaved=True).content.decode()
        return self._json({"html": html, "problems": problems})

    def _typed_article(self, request, article):
        """The article and its relations as the posted form has them, without
        validating a draft's completeness or its version (nothing is saved)."""
        data = request.POST.copy()
        data.pop("opened_version", None)
        change = article is not None
        instance = Article.objects.get(pk=article.pk) if change else Article()
        form_class = self.get_form(request, instance if change else None, change=change)
        form = form_class(data, request.FILES, instance=instance)
        form.is_valid()
        formsets, _inlines = self._create_formsets(request, form.instance, change=change)
        for formset in formsets:
            formset.is_valid()
        from .article import relations_from_forms

        return {"article": form.instance, "relations": relations_from_forms(form, formsets)}

    # -- Autosave ------------------------------------------------------------------------

    def autosave_view(self, request, object_id=None):
        """POST the form: keep it as the user's draft (``key`` names a new piece's);
        DELETE (or POST ``discard``): forget it. Saves nothing of the article."""
        article = self._editable_or_404(request, object_id)
        if request.method not in ("POST", "DELETE"):
            return HttpResponse(status=405)
        key = (request.POST.get("autosave_key") or request.GET.get("key") or "")[:40]
        if request.method == "DELETE" or request.POST.get("_discard"):
            services.autosave_discard(user=request.user, article=article, key=key)
            return self._json({"discarded": True})
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_FORM_BYTES:
            return self._json({"error": gettext("The draft is too large to autosave.")}, status=413)
        try:
            draft = services.autosave_store(
                user=request.user,
                article=article,
                key=key,
                data=_posted(request),
                base_version=_int(request.POST.get("opened_version")),
            )
        except ValueError as error:
            return self._json({"error": str(error)}, status=400)
        return self._json({"saved_at": draft.updated_at.isoformat(), "label": _local_time(draft.updated_at)})

    def draft_difference_view(self, request):
        """POST ``old_*`` and ``new_*`` text fields: their difference as HTML."""
        if request.method != "POST":
            return HttpResponse(status=405)
        parts = []
        for name in ("headline", "dek", "body"):
            old, new = request.POST.get(f"old_{name}", ""), request.POST.get(f"new_{name}", "")
            if old != new:
                parts.append(
                    {"field": str(Article._meta.get_field(name).verbose_name), "html": str(diff_text(old, new))}
                )
        return self._json({"fields": parts})

    # -- The page's configuration --------------------------------------------------------

    def editor_config(self, request, article):
        """What the form's script needs: its words, its URLs, the draft to offer."""
        key = ""
        draft = None
        if article is None:
            offered = services.autosaves_of_new_pieces(user=request.user)
            draft = offered[0] if offered else None
            key = draft.key if draft else secrets.token_urlsafe(16)
        else:
            draft = services.autosave_for(user=request.user, article=article)
        pk_args = [article.pk] if article is not None else []
        urls = {
            "embeds": reverse("admin:articles_article_embeds"),
            "pick": reverse("admin:articles_article_pick", args=["KIND"]),
            "preview": reverse(
                "admin:articles_article_live_preview" if article else "admin:articles_article_live_preview_new",
                args=pk_args,
            ),
            "autosave": reverse(
                "admin:articles_article_autosave" if article else "admin:articles_article_autosave_new", args=pk_args
            ),
            "difference": reverse("admin:articles_article_draft_difference"),
            "photoInspect": reverse("admin:photos_image_desk_inspect"),
            "photoUpload": reverse("admin:photos_image_desk_upload"),
            "login": reverse("admin:login"),
        }
        return {
            "strings": editor_strings(),
            "urls": urls,
            "user": request.user.pk,
            "article": article.pk if article else None,
            "version": article.version if article else None,
            "status": article.status if article else Status.DRAFT,
            "autosaveKey": key,
            "draft": _draft_offer(draft, request.user),
            "restoredFields": [*RESTORED_TEXT_FIELDS, *RESTORED_CHOICES],
        }


def _draft_offer(draft, user):
    if draft is None:
        return None
    choices = {}
    for name, model in RESTORED_CHOICES.items():
        ids = [value for value in draft.data.get(name) or [] if str(value).isdigit()]
        found = model.objects.filter(pk__in=ids)
        if model is Article:
            found = found.on_desk_of(user)  # never the headline of a draft the user may not see
        labels = {str(obj.pk): str(obj) for obj in found}
        choices[name] = [{"value": value, "label": labels[value]} for value in ids if value in labels]
    return {
        "savedAt": draft.updated_at.isoformat(),
        "label": _local_time(draft.updated_at),
        "baseVersion": draft.base_version,
        "fields": {name: draft.value(name) for name in RESTORED_TEXT_FIELDS if name in draft.data},
        "choices": choices,
    }


def _local_time(moment):
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
