"""Bylines, sections and copyright notices."""

from django.contrib import admin
from taggit.admin import TagAdmin
from taggit.models import Tag

from ..models import Author, CopyrightNotice, Section
from .common import ReadersSeeThisMixin


@admin.register(Author)
class AuthorAdmin(ReadersSeeThisMixin, admin.ModelAdmin):
    list_display = ["name", "title", "email", "user"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    raw_id_fields = ["user"]


@admin.register(Section)
class SectionAdmin(ReadersSeeThisMixin, admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(CopyrightNotice)
class CopyrightNoticeAdmin(ReadersSeeThisMixin, admin.ModelAdmin):
    list_display = ["name", "holder", "is_default", "license_name"]
    search_fields = ["name", "holder", "text_ko", "text_en"]


admin.site.unregister(Tag)


@admin.register(Tag)
class NewsroomTagAdmin(ReadersSeeThisMixin, TagAdmin):
    """taggit's tag admin, telling the caches when a tag is renamed or merged."""
