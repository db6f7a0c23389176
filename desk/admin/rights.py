"""Bylines, sections and copyright notices."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from taggit.admin import TagAdmin
from taggit.forms import MergeTagsForm
from taggit.models import Tag

from articles import services
from articles.models import Author, CopyrightNotice, Section

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

    actions = ["render_tag_form"]

    @admin.action(description=_("Merge the selected tags"))
    def render_tag_form(self, request, queryset):
        """taggit's action, without its bug: it appended "merge-tags/" to the full
        path, so from a searched or filtered list it landed back on the list."""
        request.session["selected_tag_ids"] = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect("admin:taggit_tag_merge_tags")

    def merge_tags_view(self, request):
        """taggit's merge moves only its own ``TaggedItem`` rows (not our articles'
        tags) and tells no cache: this one merges through ``tags_merge``."""
        ids = [pk for pk in request.session.get("selected_tag_ids", "").split(",") if pk.isdigit()]
        tags = list(Tag.objects.filter(pk__in=ids).annotate(article_count=Count("articles_taggedarticle_items")))
        if request.method == "POST" and tags:
            form = MergeTagsForm(request.POST)
            if form.is_valid():
                try:
                    kept = services.tags_merge(tags=tags, into=form.cleaned_data["new_tag_name"], user=request.user)
                except (PermissionDenied, ValidationError) as error:
                    self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
                else:
                    request.session.pop("selected_tag_ids", None)
                    self.message_user(
                        request,
                        _("%(count)d tags merged into “%(tag)s”.") % {"count": len(tags), "tag": kept.name},
                        messages.SUCCESS,
                    )
                    return redirect("admin:taggit_tag_changelist")
        else:
            form = MergeTagsForm(initial={"new_tag_name": tags[0].name if tags else ""})
        context = {**self.admin_site.each_context(request), "opts": self.opts, "form": form, "tags": tags}
        return TemplateResponse(request, "admin/taggit/tag/merge.html", context)
