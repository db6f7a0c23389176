"""Helpers shared by the desk's admin pages."""

from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from photos.admin import thumbnail

__all__ = ["CatalogueAdminMixin", "WhereUsedMixin", "thumbnail"]


class WhereUsedMixin:
    """A "used in" panel under the form: the articles on this user's desk that
    print the record (``articles_using(obj)``), so a reporter never reads the
    headline of a colleague's draft there. Made per request in ``render_change_form``
    (the ModelAdmin is shared by every request) and shown by the model's
    ``change_form.html`` (``{% include "admin/includes/where_used.html" %}``)."""

    def articles_using(self, obj):
        raise NotImplementedError

    def where_used_html(self, request, obj):
        articles = self.articles_using(obj).on_desk_of(request.user).order_by("-pk")
        if not articles:
            return gettext("Not used in any article.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (reverse("admin:articles_article_change", args=[article.pk]), article, article.get_status_display())
                    for article in articles
                ),
            ),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context = {**context, "where_used": self.where_used_html(request, obj)}
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class CatalogueAdminMixin:
    """Saves and deletes through the catalogue's services (``save_service``,
    ``delete_service``, taking the record as ``record_argument``), so a change
    in the admin reaches readers exactly as one from anywhere else."""

    save_service = delete_service = None
    record_argument = "record"

    def save_model(self, request, obj, form, change):
        type(self).save_service(**{self.record_argument: obj, "user": request.user})

    def delete_model(self, request, obj):
        type(self).delete_service(**{self.record_argument: obj, "user": request.user})

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)
