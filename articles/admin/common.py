"""Helpers shared by the desk's admin pages."""

from django.db import transaction

from photos.admin import thumbnail

__all__ = ["CatalogueAdminMixin", "thumbnail"]


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
