"""Bylines, sections and copyright notices."""

from django.contrib import admin

from ..models import (
    Author,
    CopyrightNotice,
    Section,
)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "email", "user"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    raw_id_fields = ["user"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(CopyrightNotice)
class CopyrightNoticeAdmin(admin.ModelAdmin):
    list_display = ["name", "holder", "is_default", "license_name"]
    search_fields = ["name", "holder", "text_ko", "text_en"]
