"""Sources and quotes; an anonymous source's identity stays with those allowed to see it."""

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import (
    Article,
    Quote,
    Source,
)


class AddedByMixin:
    """Records who added a record, and tells the caches when a record that
    published articles show is edited (``articles_showing``)."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change:
            services.notify_content_changed(
                articles=self.articles_showing(obj).values_list("pk", flat=True),
                reason=f"{obj._meta.model_name} changed",
            )


def identity_safe_search(request, queryset, search_term, *, text_fields, prefix=""):
    """Search that matches an anonymous source's real name only for those allowed
    to see it, so a search cannot reveal who "a senior official" is."""
    if not search_term:
        return queryset, False
    user = request.user
    query = Q()
    for word in search_term.split():
        word_query = Q()
        for field in text_fields:
            word_query |= Q(**{f"{field}__icontains": word})
        name_match = Q(**{f"{prefix}name__icontains": word}) | Q(**{f"{prefix}role__icontains": word})
        if not user.has_perm("articles.view_source_identity"):
            name_match &= Q(**{f"{prefix}is_anonymous": False}) | Q(**{f"{prefix}created_by": user})
        query &= word_query | name_match
    return queryset.filter(query), False


@admin.register(Source)
class SourceAdmin(AddedByMixin, admin.ModelAdmin):
    list_display = ["display_name", "kind", "role_or_hidden", "is_anonymous", "created_by"]
    list_filter = ["kind", "is_anonymous"]
    search_fields = ["public_description"]  # the name is searched in get_search_results
    fields = ["name", "kind", "role", "url", "is_anonymous", "public_description"]

    def get_list_display(self, request):
        self._request = request
        return super().get_list_display(request)

    @admin.display(description=_("name"), ordering="name")
    def display_name(self, source):
        return source.name_for(getattr(self, "_request", None) and self._request.user)

    @admin.display(description=_("role or affiliation"))
    def role_or_hidden(self, source):
        user = getattr(self, "_request", None) and self._request.user
        return source.role if source.identity_visible_to(user) else "—"

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not obj.identity_visible_to(request.user):
            return [field for field in fields if field not in {"name", "role", "url"}]
        return fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.identity_visible_to(request.user))

    def get_search_results(self, request, queryset, search_term):
        return identity_safe_search(request, queryset, search_term, text_fields=["public_description"])

    def articles_showing(self, source):
        return Article.objects.filter(Q(embedded_quotes__source=source) | Q(citations__source=source)).distinct()


@admin.register(Quote)
class QuoteAdmin(AddedByMixin, admin.ModelAdmin):
    list_display = ["short_text", "source", "medium", "said_on", "embed"]
    list_filter = ["medium", "language", "said_on"]
    list_select_related = ["source"]
    search_fields = ["text", "original_text"]
    autocomplete_fields = ["source", "evidence_image"]
    readonly_fields = ["embed", "where_used"]
    fieldsets = [
        (None, {"fields": ["source", "text", "language", "embed"]}),
        (_("Original wording"), {"fields": ["original_text", "original_language"]}),
        (_("When and where"), {"fields": ["said_on", "medium", "evidence_url", "evidence_image"]}),
        (_("Use"), {"fields": ["where_used"]}),
    ]

    @admin.display(description=_("quote"))
    def short_text(self, quote):
        return quote.text if len(quote.text) <= 80 else quote.text[:79] + "…"

    @admin.display(description=_("embed code"))
    def embed(self, quote):
        return format_html('<code class="nr-embed-code">{}</code>', quote.embed_code) if quote.pk else "—"

    @admin.display(description=_("used in"))
    def where_used(self, quote):
        if not quote.pk:
            return "—"
        articles = quote.embedded_in_articles.order_by("-pk")
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:articles_article_change", args=[a.pk]), a) for a in articles),
        ) or gettext("Not used in any article.")

    def get_search_results(self, request, queryset, search_term):
        return identity_safe_search(
            request,
            queryset,
            search_term,
            text_fields=["text", "original_text", "source__public_description"],
            prefix="source__",
        )

    def articles_showing(self, quote):
        return quote.embedded_in_articles.all()
