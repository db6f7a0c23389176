"""Bylines, sections and copyright notices."""

from django.contrib import admin
from taggit.admin import TagAdmin
from taggit.models import Tag

from .. import services
from ..models import Author, CopyrightNotice, Section
from .common import CatalogueAdminMixin


@admin.register(Author)
class AuthorAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    save_service, delete_service, record_argument = services.author_save, services.author_delete, "author"
    list_display = ["name", "title", "email", "user"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    raw_id_fields = ["user"]


@admin.register(Section)
class SectionAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    save_service, delete_service, record_argument = services.section_save, services.section_delete, "section"
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(CopyrightNotice)
class CopyrightNoticeAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    save_service, delete_service = services.copyright_notice_save, services.copyright_notice_delete
    record_argument = "notice"
    list_display = ["name", "holder", "is_default", "license_name"]
    search_fields = ["name", "holder", "text_ko", "text_en"]


admin.site.unregister(Tag)


@admin.register(Tag)
class NewsroomTagAdmin(CatalogueAdminMixin, TagAdmin):
    """taggit's tag admin, saving and deleting through the catalogue's services."""

    save_service, delete_service, record_argument = services.tag_save, services.tag_delete, "tag"
