"""Sources and quotes; an anonymous source's identity stays with those allowed to see it."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.models import Quote, Source
from articles.models.source import identity_safe_search_q

from .common import CatalogueAdminMixin, WhereUsedMixin


def identity_safe_search(request, queryset, search_term, *, text_fields, prefix=""):
    """The admin's search, by the model's identity-safe rule."""
    if not search_term:
        return queryset, False
    query = identity_safe_search_q(request.user, search_term, text_fields=text_fields, prefix=prefix)
    return queryset.filter(query), False


@admin.register(Source)
class SourceAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    save_service, delete_service, record_argument = services.source_save, services.source_delete, "source"
    list_filter = ["kind", "is_anonymous"]
    search_fields = ["public_description"]  # the name is searched in get_search_results
    fields = ["name", "kind", "role", "url", "is_anonymous", "public_description"]

    def get_list_display(self, request):
        """The columns, made for this request's user: what a row shows of an
        anonymous source depends on who looks (nothing is kept on the admin,
        which every request of the process shares)."""
        user = request.user

        @admin.display(description=_("name"), ordering="name")
        def display_name(source):
            return source.name_for(user)

        @admin.display(description=_("role or affiliation"))
        def role_or_hidden(source):
            return source.role if source.identity_visible_to(user) else "—"

        return [display_name, "kind", role_or_hidden, "is_anonymous", "created_by"]

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


@admin.register(Quote)
class QuoteAdmin(WhereUsedMixin, CatalogueAdminMixin, admin.ModelAdmin):
    save_service, delete_service, record_argument = services.quote_save, services.quote_delete, "quote"
    list_display = ["short_text", "source", "medium", "said_on", "embed"]
    list_filter = ["medium", "language", "said_on"]
    list_select_related = ["source"]
    search_fields = ["text", "original_text"]
    autocomplete_fields = ["source", "evidence_image"]
    readonly_fields = ["embed"]
    change_form_template = "admin/articles/quote/change_form.html"
    fieldsets = [
        (None, {"fields": ["source", "text", "language", "embed"]}),
        (_("Original wording"), {"fields": ["original_text", "original_language"]}),
        (_("When and where"), {"fields": ["said_on", "medium", "evidence_url", "evidence_image"]}),
    ]

    @admin.display(description=_("quote"))
    def short_text(self, quote):
        return quote.text if len(quote.text) <= 80 else quote.text[:79] + "…"

    @admin.display(description=_("embed code"))
    def embed(self, quote):
        return format_html('<code class="nr-embed-code">{}</code>', quote.embed_code) if quote.pk else "—"

    def articles_using(self, quote):
        return quote.embedded_in_articles.all()

    def get_search_results(self, request, queryset, search_term):
        return identity_safe_search(
            request,
            queryset,
            search_term,
            text_fields=["text", "original_text", "source__public_description"],
            prefix="source__",
        )
