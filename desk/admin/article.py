"""Articles on the desk: writing, the workflow buttons, revisions, the preview."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.names import person_name
from articles import services
from articles.diff import changed_fields, diff_text, field_table
from articles.models import Article, Author, Authorship, Citation, Status
from articles.querysets import RETURNED_FROM

from .calendar import calendar_view
from .common import thumbnail
from .editor import DeskEditorMixin
from .live import LiveDeskMixin
from .snapshots import readable_snapshots

SNAPSHOT_LABELS = {
    "headline": _("headline"),
    "dek": _("dek"),
    "slug": _("slug"),
    "section_id": _("section"),
    "language": _("language"),
    "lead_image_id": _("lead image"),
    "lead_image_caption": _("lead image caption"),
    "byline_override": _("byline override"),
    "copyright_notice_id": _("copyright notice"),
    "translation_of_id": _("translation of"),
    "authors": _("bylines"),
    "tags": _("tags"),
    "related_articles": _("related articles"),
    "citations": _("citations"),
    "status": _("status"),
    "publish_at": _("publication time"),
}


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def short_local(moment):
    """A list's time: the day and minute in the newsroom's zone, the year when it is not this one."""
    moment = timezone.localtime(moment)
    return moment.strftime("%m.%d %H:%M" if moment.year == timezone.localdate().year else "%Y.%m.%d %H:%M")


class CappedCountPaginator(Paginator):
    """Counts at most ``CAP`` matches (then says "more than"): a count of every
    article on each page of a search or a reporter's list read tens of thousands
    of rows; a page never needs more than to know there are more."""

    CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.CAP + 1].count()


# -- Inlines -----------------------------------------------------------------------------


class BylineFormSet(BaseInlineFormSet):
    """A reporter may byline themselves or people without an account (freelancers,
    wire services), but cannot add, change or remove another reporter's byline."""

    def clean(self):
        super().clean()
        user = self.request_user
        if user is None or user.has_perm("articles.edit_any_article"):
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            initial_author = form.instance.author if form.instance.pk else None
            new_author = form.cleaned_data.get("author")
            deleting = form.cleaned_data.get("DELETE")
            for author in {initial_author, new_author} - {None}:
                touched = deleting or form.has_changed() or not form.instance.pk
                if touched and author.user_id and author.user_id != user.pk:
                    raise ValidationError(
                        gettext("Only an editor can add, change or remove the byline of %(name)s.")
                        % {"name": author.name},
                        code="foreign_byline",
                    )


class ArticlePartInline(admin.TabularInline):
    """Rows of an article (bylines, citations): editable by whoever may edit it."""

    def has_change_permission(self, request, obj=None):
        return obj is None or services.can_edit_article(request.user, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class AuthorshipInline(ArticlePartInline):
    model = Authorship
    formset = BylineFormSet
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = _("byline")
    verbose_name_plural = _("bylines (in printed order)")

    def get_extra(self, request, obj=None, **kwargs):
        # A new piece starts with its writer on the byline (one row, removable).
        return 1 if obj is None and own_author(request.user) else 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user
        return formset


def own_author(user):
    """The byline of ``user``'s own account, if they have one (``Author.user``)."""
    return Author.objects.filter(user=user).first() if user.is_authenticated else None


class CitationInline(ArticlePartInline):
    model = Citation
    # A plain URL box: the admin's "currently: <link>" made the row wider than a laptop.
    formfield_overrides = {models.URLField: {"widget": forms.URLInput(attrs={"class": "vURLField"})}}
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "title", "url", "published_on", "position"]
    verbose_name_plural = _("citations (“according to …”)")


# -- The form ----------------------------------------------------------------------------


class ArticleAdminForm(forms.ModelForm):
    """The article as typed, plus the version it was opened at (so a save never
    silently overwrites someone else's) and the editor's workflow inputs."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    autosave_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    schedule_at = forms.SplitDateTimeField(
        required=False,
        label=_("Go live at"),
        widget=AdminSplitDateTime,
        help_text=_("Date and time in the newsroom's time zone; then press “Save and schedule”."),
    )
    embargo = forms.BooleanField(
        required=False,
        label=_("Embargoed"),
        help_text=_(
            "Nothing of it appears anywhere public before its minute; partners read it through a preview link."
        ),
    )
    take_down_at = forms.SplitDateTimeField(
        required=False,
        label=_("Take down at"),
        widget=AdminSplitDateTime,
        help_text=_("Optional: the piece comes down by itself at this minute. Press “Save and set expiry”."),
    )
    workflow_note = forms.CharField(
        required=False,
        label=_("Note to the reporter / reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Internal, never shown to readers: why it goes back to the reporter, or why it comes down."),
    )
    correction = forms.CharField(
        required=False,
        label=_("Public correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Printed under the article with today's date and listed on the corrections page."),
    )

    class Meta:
        model = Article
        fields = "__all__"
        help_texts = {
            "body": _(
                "Write it as it will be printed. Photos, quotes and earlier articles go in with the buttons "
                "above the text and show as cards; drag a card or use its arrows to move it."
            ),
        }
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField nr-headline", "autocomplete": "off"}),
            "dek": forms.Textarea(attrs={"rows": 2}),
            # The desk's editor takes the textarea's place (desk/editor/); the
            # textarea stays the field the form posts, and the page without script.
            "body": forms.Textarea(attrs={"rows": 28, "class": "nr-body desk-body", "spellcheck": "true"}),
            "lead_image_caption": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        zone = timezone.get_current_timezone_name()
        for name, text in (
            ("schedule_at", _("Date and time in the newsroom's time zone (%(zone)s); then press “Save and schedule”.")),
            ("take_down_at", _("Optional, in %(zone)s: the piece comes down by itself at this minute.")),
        ):
            if name in self.fields:
                field = self.fields[name]
                field.help_text = text % {"zone": zone}
                # The split widget prints "date:"/"time:" as text, not as labels.
                for part, word in zip(field.widget.widgets, (gettext("date"), gettext("time")), strict=True):
                    part.attrs["aria-label"] = f"{field.label}: {word}"
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version
            self.fields["embargo"].initial = self.instance.embargoed
            self.fields["take_down_at"].initial = self.instance.expire_at
            if self.instance.status == Status.SCHEDULED:
                self.fields["schedule_at"].initial = self.instance.publish_at

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("opened_version") is not None:
            # The service's own check, inside the admin's transaction: its row lock
            # (PostgreSQL) or the IMMEDIATE transaction (SQLite) keeps anyone from
            # saving in between, and the save checks the same version again.
            try:
                services.article_check_version(self.instance, cleaned["opened_version"])
            except services.EditConflict as conflict:
                self._refuse_stale_save(conflict, cleaned)
        return cleaned

    def _refuse_stale_save(self, conflict, cleaned):
        current = conflict.current
        who = person_name(conflict.changed_by) if conflict.changed_by else gettext("someone")
        when = local(conflict.changed_at)
        mine = {name: cleaned.get(name) for name in ("headline", "dek")}
        theirs = {"headline": current.headline, "dek": current.dek}
        self.conflict = {
            "who": who,
            "when": when,
            "version": current.version,
            "fields": field_table(changed_fields(theirs, {k: v or "" for k, v in mine.items()}, SNAPSHOT_LABELS)),
            "body": diff_text(current.body, cleaned.get("body") or ""),
        }
        # Saving again, having seen the difference, replaces their version knowingly.
        data = self.data.copy()
        data["opened_version"] = str(current.version)
        self.data = data
        raise ValidationError(
            gettext(
                "Not saved: %(who)s saved this article at %(when)s (version %(version)s) after you opened it. "
                "Your text is still below; the difference from their version is shown. Save again to replace "
                "their version with yours, or reload to start from theirs."
            )
            % {"who": who, "when": when, "version": current.version},
            code="edit_conflict",
        )


# -- The admin ---------------------------------------------------------------------------

#: Buttons of the change form → (service call, success message). Each runs after
#: the article's own fields were saved; a refusal leaves the status as it was.
WORKFLOW_BUTTONS = (
    "_submit_review",
    "_publish",
    "_schedule",
    "_return",
    "_unpublish",
    "_set_expiry",
    "_correct",
    "_feature",
)


@admin.register(Article)
class ArticleAdmin(LiveDeskMixin, DeskEditorMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["lead_thumb", "headline_or_untitled", "status_label", "is_published", "byline_list", "times"]
    list_display_links = ["headline_or_untitled"]
    # Every byline, not only those in use: "only those in use" joins every
    # article to its bylines on each list page (seconds at a newspaper's size).
    list_filter = ["status", "section", "language", ("authors", admin.RelatedFieldListFilter), "publish_at"]
    list_select_related = ["section", "created_by", "lead_image"]
    # Headline and dek, from trigram indexes on PostgreSQL (articles 0011); a
    # number also finds that article (get_search_results).
    search_fields = ["headline", "dek"]
    # No date_hierarchy: it costs two passes over every match on each page at a
    # newspaper's size; the calendar and the publication-time filter do its job.
    show_full_result_count = False
    paginator = CappedCountPaginator
    ordering = ["-updated_at"]
    list_per_page = 50
    autocomplete_fields = ["section", "lead_image", "related_articles", "copyright_notice", "translation_of"]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [AuthorshipInline, CitationInline]
    actions = ["submit_selected_for_review", "publish_selected"]
    readonly_fields = ["status_panel", "lead_image_preview", "timeline", "corrections_list", "live_panel"]

    class Media:
        css = {"all": ["css/admin.css", "desk/desk.css"]}
        js = ["js/admin.js", "desk/desk.js"]

    def get_fieldsets(self, request, obj=None):
        """The story and what goes with it; the fieldsets marked ``desk-panel``
        sit in the panel beside the text (change_form.html): the status and
        everything an editor needs to publish, never below the body."""
        fieldsets = [
            (None, {"fields": ["opened_version", "autosave_key"]}),
            (_("Story"), {"fields": ["headline", "dek", "body"]}),
            (_("Section and tags"), {"fields": ["section", "language", "tags", "related_articles"]}),
            (_("Lead image"), {"fields": ["lead_image", "lead_image_preview", "lead_image_caption"]}),
            (_("Rights"), {"fields": ["copyright_notice"]}),
            (_("Advanced"), {"classes": ["collapse"], "fields": ["slug", "byline_override", "translation_of"]}),
            (_("Status"), {"classes": ["desk-panel", "desk-status"], "fields": ["status_panel"]}),
        ]
        if services.can_publish(request.user) and self.has_change_permission(request, obj):
            publishing = ["schedule_at", "embargo", "take_down_at", "workflow_note"]
            if obj is not None and obj.is_published():
                publishing.append("correction")
            fieldsets.append((_("Publishing (editors)"), {"classes": ["desk-panel"], "fields": publishing}))
        if obj is not None:
            fieldsets.append((_("Corrections"), {"fields": ["corrections_list"]}))
            fieldsets.append((_("Live coverage"), {"fields": ["live_panel"]}))
            fieldsets.append((_("History"), {"fields": ["timeline"]}))
        return fieldsets

    def get_queryset(self, request):
        # Another reporter's draft is not on this user's desk: the list, the
        # change page, revisions, sharing and the related-articles search
        # answer as for an article that does not exist.
        articles = (
            super()
            .get_queryset(request)
            .on_desk_of(request.user)
            .prefetch_related(Prefetch("authorships", queryset=Authorship.objects.select_related("author")))
        )
        match = getattr(request, "resolver_match", None)
        if match and match.url_name in ("articles_article_changelist", "autocomplete"):
            # Lists print no body: leave the long text in the database.
            articles = articles.defer("body", "body_html")
        return articles

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        number = search_term.strip().lstrip("#")
        if number.isdigit() and len(number) <= 18:
            found = found | queryset.filter(pk=int(number))
        return found, duplicates

    # Columns

    @admin.display(description=_("photo"))
    def lead_thumb(self, article):
        return thumbnail(article.lead_image, 56) if article.lead_image_id else ""

    @admin.display(description=_("headline"), ordering="headline")
    def headline_or_untitled(self, article):
        meta = [article.section.name if article.section_id else gettext("no section")]
        if article.language != settings.LANGUAGE_CODE:
            meta.append(article.get_language_display())
        return format_html(
            '<span class="desk-list-headline">{}</span><span class="desk-list-meta">{}</span>',
            str(article),
            " · ".join(meta),
        )

    @admin.display(description=_("times"), ordering="updated_at")
    def times(self, article):
        """When it goes or went live, and when it was last saved, in the newsroom's zone."""
        lines = []
        if article.publish_at:
            label = gettext("goes live") if article.publish_at > timezone.now() else gettext("live")
            lines.append(format_html("<span>{} <time>{}</time></span>", label, short_local(article.publish_at)))
        lines.append(format_html("<span>{} <time>{}</time></span>", gettext("saved"), short_local(article.updated_at)))
        return format_html(
            '<span class="desk-list-times">{}</span>', format_html_join("", "{}", ((line,) for line in lines))
        )

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        label = format_html(
            '<span class="nr-status nr-status-{}">{}</span>', article.status, article.get_status_display()
        )
        if article.embargoed:
            label = format_html('{} <span class="nr-embargo">{}</span>', label, gettext("embargo"))
        return label

    @admin.display(description=_("bylines"))
    def byline_list(self, article):
        return article.byline

    # Read-only panels

    @admin.display(description=_("status"))
    def status_panel(self, article):
        if article.pk is None:
            return gettext("New draft: save it, then submit it for review.")
        lines = [
            format_html('<span class="nr-status nr-status-{}">{}</span>', article.status, article.get_status_display())
        ]
        if article.embargoed:
            lines.append(format_html('<span class="nr-embargo">{}</span>', gettext("embargoed")))
        zone = timezone.get_current_timezone_name()
        if article.publish_at:
            live_label = gettext("Goes live") if article.publish_at > timezone.now() else gettext("Live since")
            lines.append(format_html("{} {} ({})", live_label, local(article.publish_at), zone))
        if article.expire_at:
            lines.append(format_html("{} {} ({})", gettext("Comes down"), local(article.expire_at), zone))
        if article.created_by:
            lines.append(format_html("{} {}", gettext("Owner:"), person_name(article.created_by)))
        lines.append(format_html("{} {}", gettext("Version"), article.version))
        return format_html(
            '<ul class="desk-status">{}</ul>', format_html_join("", "<li>{}</li>", ((line,) for line in lines))
        )

    @admin.display(description=_("preview"))
    def lead_image_preview(self, article):
        if not article.lead_image_id:
            return gettext("No lead image yet.")
        image = article.lead_image
        return format_html("{} <span>{}</span>", thumbnail(image, 120), image.credit_line(article.language))

    @admin.display(description=_("timeline"))
    def timeline(self, article):
        if article.pk is None:
            return "—"
        events = article.events.select_related("actor__author").order_by("-created_at", "-pk")[:50]
        if not events:
            return gettext("No status changes yet.")
        return format_html(
            '<ol class="nr-timeline">{}</ol>',
            format_html_join(
                "",
                "<li><time>{}</time> {} → <strong>{}</strong> · {} {}</li>",
                (
                    (
                        local(event.created_at),
                        event.get_from_status_display() or "—",
                        event.get_to_status_display(),
                        person_name(event.actor) if event.actor else gettext("(scheduler)"),
                        format_html("<q>{}</q>", event.note) if event.note else "",
                    )
                    for event in events
                ),
            ),
        )

    @admin.display(description=_("published corrections"))
    def corrections_list(self, article):
        corrections = list(article.corrections.all()) if article.pk else []
        if not corrections:
            return gettext("None.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><time>{}</time> {}</li>", ((local(c.created_at), c.text) for c in corrections)),
        )

    # Permissions: reporters edit their own drafts, editors everything.

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("articles.delete_article") and request.user.has_perm("articles.edit_any_article")

    def delete_model(self, request, obj):
        services.articles_delete(articles=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        services.articles_delete(articles=queryset, user=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not services.can_publish(request.user):
            actions.pop("publish_selected", None)
        return actions

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_published() else None

    # Saving goes through the services.

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, AuthorshipInline) and obj.pk is None and request.method == "GET":
            author = own_author(request.user)
            if author:
                kwargs["initial"] = [{"author": author.pk, "position": 0}]
        return kwargs

    def save_model(self, request, obj, form, change):
        """Nothing yet: ``save_related`` saves the article with its relations in one call."""

    def save_related(self, request, form, formsets, change):
        services.article_save(
            article=form.instance,
            user=request.user,
            expected_version=form.cleaned_data.get("opened_version") if change else None,
            **relations_from_forms(form, formsets),
        )
        # To-dos ticked off on the form (an import's), recorded with the save.
        ticked = request.POST.getlist("todo_done")
        if ticked:
            for todo in form.instance.todos.open().filter(pk__in=[pk for pk in ticked if pk.isdigit()]):
                services.todo_done(todo=todo, user=request.user)
        # What was autosaved is now saved: the draft is not offered again.
        services.autosave_discard(
            user=request.user, article=form.instance, key=form.cleaned_data.get("autosave_key") or ""
        )
        # The workflow button (if one was pressed) runs after the save with what
        # the editor typed; kept on this request, never on the shared admin.
        request.article_workflow_input = form.cleaned_data

    def _run_workflow_button(self, request, article):
        pressed = next((name for name in WORKFLOW_BUTTONS if name in request.POST), None)
        if pressed is None:
            return None
        data = getattr(request, "article_workflow_input", None) or {}
        note = data.get("workflow_note", "")
        user = request.user
        service, arguments, done = {
            "_submit_review": (services.article_submit_for_review, {}, _("Submitted for review.")),
            "_publish": (services.article_publish, {}, _("Published. It is live now.")),
            "_schedule": (
                services.article_schedule,
                {"publish_at": data.get("schedule_at"), "embargoed": bool(data.get("embargo"))},
                _("Scheduled. It goes live at its minute by itself."),
            ),
            "_return": (
                services.article_return_to_reporter,
                {"note": note},
                _("Returned to the reporter with your note."),
            ),
            "_unpublish": (services.article_unpublish, {"reason": note}, _("Taken down. Readers no longer see it.")),
            "_set_expiry": (services.article_set_expiry, {"expire_at": data.get("take_down_at")}, _("Expiry saved.")),
            "_feature": (services.article_feature, {}, _("It is now the top story of its edition.")),
            "_correct": (
                services.correction_add,
                {"text": data.get("correction", "")},
                _("Correction published under the article."),
            ),
        }[pressed]
        try:
            with transaction.atomic():
                service(article=article, user=user, **arguments)
        except services.WorkflowError as error:
            self._workflow_refused(request, error)
        except PermissionDenied as error:
            self.message_user(request, str(error) or gettext("You may not do that."), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _workflow_refused(self, request, error):
        self.message_user(
            request,
            format_html(
                "{}<ul>{}</ul>",
                gettext("Saved, but not done. Fix these first:"),
                format_html_join("", "<li>{}</li>", ((message,) for message in error.messages)),
            ),
            messages.ERROR,
        )

    def response_change(self, request, obj):
        return self._run_workflow_button(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._run_workflow_button(request, obj) or super().response_add(request, obj, post_url_continue)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None and request.method == "GET":
            if self.has_change_permission(request, article):
                holder = services.edit_lock_touch(article=article, user=request.user)
                if holder:
                    self.message_user(
                        request,
                        gettext(
                            "Being edited by %(user)s since %(since)s. Your save will be refused if theirs comes first."
                        )
                        % {"user": person_name(holder.user), "since": local(holder.since)},
                        messages.WARNING,
                    )
                extra_context["lock_url"] = reverse("admin:articles_article_lock", args=[article.pk])
            # The last return from review or the schedule (not any step back to a draft).
            returned = (
                article.events.filter(to_status=Status.DRAFT, from_status__in=RETURNED_FROM)
                .exclude(note="")
                .select_related("actor__author")
                .order_by("-created_at", "-pk")
                .first()
            )
            if article.status == Status.DRAFT and returned:
                extra_context["returned_note"] = returned
                extra_context["returned_by"] = person_name(returned.actor) if returned.actor else "—"
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        editor = services.can_publish(request.user)
        can_edit = obj is None or services.can_edit_article(request.user, obj)
        status = obj.status if obj else Status.DRAFT
        adminform = context.get("adminform")
        context.update(
            can_submit=can_edit and status == Status.DRAFT,
            can_publish=editor and can_edit and not (obj and obj.is_published()),
            can_schedule=editor and can_edit and not (obj and obj.is_published()),
            can_return=editor and status in (Status.REVIEW, Status.SCHEDULED),
            can_unpublish=editor and status in (Status.PUBLISHED, Status.SCHEDULED),
            can_correct=editor and obj is not None and obj.is_published(),
            can_feature=editor and obj is not None and obj.is_published(),
            can_set_expiry=editor and obj is not None,
            preview_url=reverse("staff_preview", args=[obj.pk]) if obj and obj.pk else None,
            revisions_url=reverse("admin:articles_article_revisions", args=[obj.pk]) if obj and obj.pk else None,
            share_url=(
                reverse("admin:articles_article_share", args=[obj.pk])
                if obj and obj.pk and editor and not obj.is_published()
                else None
            ),
            calendar_url=reverse("admin:articles_article_calendar") if editor else None,
            conflict=getattr(adminform.form, "conflict", None) if adminform else None,
            desk_config=self.editor_config(request, obj) if can_edit else None,
            site_zone=timezone.localtime().tzname(),
            todos=self._todos(obj),
        )
        if adminform and not adminform.form.is_bound and obj is None:
            adminform.form.initial["autosave_key"] = context["desk_config"]["autosaveKey"]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _todos(self, article):
        """What a person must finish (an import's to-dos): open ones first."""
        if article is None or article.pk is None:
            return []
        todos = list(article.todos.select_related("done_by").order_by("done_at", "-blocking", "pk"))
        for todo in todos:
            todo.done_by_name = person_name(todo.done_by) if todo.done_by else "—"
        return todos

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context.setdefault("title", capfirst(self.opts.verbose_name_plural))
        if services.can_publish(request.user):
            extra_context["calendar_url"] = reverse("admin:articles_article_calendar")
            late, oldest = services.scheduler_lateness()
            if late and request.method == "GET":
                messages.warning(
                    request,
                    _(
                        "The scheduler is late: %(count)d scheduled article(s) due since %(since)s are live for "
                        "readers but were not processed (publication record, notifications). Check that "
                        "“manage.py publish_scheduled” runs every minute."
                    )
                    % {"count": late, "since": date_format(timezone.localtime(oldest), "SHORT_DATETIME_FORMAT")},
                )
        return super().changelist_view(request, extra_context)

    # Actions

    @admin.action(description=_("Submit selected drafts for review"))
    def submit_selected_for_review(self, request, queryset):
        self._bulk(request, queryset, services.article_submit_for_review, _("submitted for review"))

    @admin.action(description=_("Publish selected articles now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, services.article_publish, _("published"))

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def _bulk(self, request, queryset, service, verb):
        done = 0
        for article in queryset:
            try:
                with transaction.atomic():
                    service(article=article, user=request.user)
                done += 1
            except (services.WorkflowError, PermissionDenied) as error:
                reason = "; ".join(error.messages) if isinstance(error, services.WorkflowError) else str(error)
                messages.error(request, format_html("“{}”: {}", article, reason))
        if done:
            messages.success(
                request,
                ngettext("%(count)d article %(verb)s.", "%(count)d articles %(verb)s.", done)
                % {"count": done, "verb": verb},
            )

    # Extra pages: preview, revisions, preview links, the soft lock, the calendar.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("calendar/", view(self.calendar), name="articles_article_calendar"),
            path("<path:object_id>/revisions/", view(self.revisions_view), name="articles_article_revisions"),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path("<path:object_id>/share/", view(self.share_view), name="articles_article_share"),
            path("<path:object_id>/lock/", view(self.lock_view), name="articles_article_lock"),
            *self.editor_urls(),
            *self.live_urls(),
            *super().get_urls(),
        ]

    def calendar(self, request):
        if not services.can_publish(request.user):
            raise PermissionDenied
        return calendar_view(request, self.admin_site.each_context(request))

    def _article_or_404(self, request, object_id):
        article = get_object_or_404(Article.objects.on_desk_of(request.user), pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        revisions = list(article.revisions.select_related("created_by__author").order_by("-version"))
        by_id = {revision.pk: revision for revision in revisions}
        older = by_id.get(_int(request.GET.get("a")))
        newer = by_id.get(_int(request.GET.get("b")))
        if older is None and newer is None and len(revisions) >= 2:
            newer, older = revisions[0], revisions[1]
        comparison = None
        if older and newer:
            if older.version > newer.version:
                older, newer = newer, older
            comparison = {
                "older": older,
                "newer": newer,
                "fields": field_table(
                    changed_fields(
                        *readable_snapshots(
                            {k: v for k, v in older.data.items() if k != "body"},
                            {k: v for k, v in newer.data.items() if k != "body"},
                        ),
                        SNAPSHOT_LABELS,
                    )
                ),
                "body": diff_text(older.data.get("body", ""), newer.data.get("body", "")),
            }
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Revisions of “%(article)s”") % {"article": article},
            "opts": self.opts,
            "article": article,
            "revisions": revisions,
            "comparison": comparison,
            "can_restore": services.can_edit_article(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return HttpResponse(status=405)
        article = self._article_or_404(request, object_id)
        revision = get_object_or_404(article.revisions, pk=revision_id)
        try:
            with transaction.atomic():
                services.article_restore_revision(article=article, revision=revision, user=request.user)
        except services.WorkflowError as error:
            self.message_user(
                request,
                format_html(
                    "{}<ul>{}</ul>",
                    gettext("This revision cannot be restored:"),
                    format_html_join("", "<li>{}</li>", ((m,) for m in error.messages)),
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[article.pk]))
        except PermissionDenied:
            raise
        self.message_user(
            request,
            gettext("Version %(version)s restored as a new revision.") % {"version": revision.version},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def share_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        if not services.can_publish(request.user):
            raise PermissionDenied
        form = PreviewLinkForm(request.POST or None)
        if request.method == "POST" and "revoke" in request.POST:
            link = get_object_or_404(article.preview_links, pk=_int(request.POST.get("revoke")))
            services.preview_link_revoke(link=link, user=request.user)
            self.message_user(request, gettext("Preview link revoked."), messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        if request.method == "POST" and form.is_valid():
            try:
                services.preview_link_create(
                    article=article,
                    user=request.user,
                    expires_at=form.cleaned_data["expires_at"],
                    label=form.cleaned_data["label"],
                )
            except services.WorkflowError as error:
                form.add_error(None, error.messages)
            else:
                self.message_user(request, gettext("Preview link created."), messages.SUCCESS)
                return HttpResponseRedirect(request.path)
        links = [
            (link, request.build_absolute_uri(reverse("preview_link", args=[link.key])))
            for link in article.preview_links.order_by("-created_at")
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Preview links for “%(article)s”") % {"article": article},
            "opts": self.opts,
            "article": article,
            "form": form,
            "links": links,
            "now": timezone.now(),
        }
        return TemplateResponse(request, "admin/articles/article/share.html", context)

    def lock_view(self, request, object_id):
        """The change page checks in here while it is open (and says goodbye)."""
        article = self._article_or_404(request, object_id)
        if request.method != "POST" or not self.has_change_permission(request, article):
            raise Http404
        if request.POST.get("release"):
            services.edit_lock_release(article=article, user=request.user)
            return JsonResponse({"released": True})
        holder = services.edit_lock_touch(article=article, user=request.user)
        return JsonResponse(
            {"holder": person_name(holder.user) if holder else None, "since": local(holder.since) if holder else None}
        )


def relations_from_forms(form, formsets):
    """What the change form says of the article's relations, as ``article_save``
    takes them; a relation whose inline is not on the form stays as it is. The
    formsets learn what changed, for the admin's history message."""
    relations = {"tags": form.cleaned_data.get("tags"), "related": form.cleaned_data.get("related_articles")}
    for formset in formsets:
        kept = []
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            data = getattr(row, "cleaned_data", None) or {}
            if not data:
                continue
            if data.get("DELETE"):
                if row.instance.pk:
                    formset.deleted_objects.append(row.instance)
                continue
            if row.instance.pk is None:
                formset.new_objects.append(row.instance)
            elif row.has_changed():
                formset.changed_objects.append((row.instance, row.changed_data))
            kept.append(data)
        kept.sort(key=lambda data: data.get("position") or 0)
        if formset.model is Authorship:
            relations["bylines"] = [data["author"] for data in kept if data.get("author")]
        elif formset.model is Citation:
            relations["citations"] = [
                {name: data.get(name) for name in ("source", "title", "url", "published_on")} for data in kept
            ]
    return relations


class PreviewLinkForm(forms.Form):
    label = forms.CharField(label=_("For whom"), max_length=200, required=False)
    expires_at = forms.SplitDateTimeField(label=_("Expires at"), widget=AdminSplitDateTime)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
