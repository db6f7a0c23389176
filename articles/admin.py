"""The newsroom desk: the admin reporters and editors work in.

Every change of state calls ``articles.services``; no form here has a status or
publication-time field, so nothing typed or posted can publish.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import services
from .images import inspect_upload, suggested_fields
from .models import (
    Article,
    Author,
    Authorship,
    Citation,
    CopyrightNotice,
    Image,
    Quote,
    Section,
    Source,
    Status,
)
from .templatetags.newsroom import rendition_url
from .views import article_page_context

admin.site.empty_value_display = "—"


def thumbnail(image, size=80):
    url = rendition_url(image, "thumb160", "webp") if image else ""
    if not url:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="nr-thumb" loading="lazy">',
        url,
        size,
        size,
        image.alt_text,
    )


# -- Articles ----------------------------------------------------------------------


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = _("byline")
    verbose_name_plural = _("bylines (in printed order)")

    def has_change_permission(self, request, obj=None):
        return obj is None or services.can_edit_article(request.user, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "title", "url", "published_on", "position"]
    verbose_name_plural = _("citations (“according to …”)")

    def has_change_permission(self, request, obj=None):
        return obj is None or services.can_edit_article(request.user, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class ArticleAdminForm(forms.ModelForm):
    insert_image = forms.ModelChoiceField(
        Image.objects.all(),
        required=False,
        label=_("Find a photo"),
        widget=AutocompleteSelect(
            Article._meta.get_field("lead_image"), admin.site, attrs={"data-embed-picker": "image"}
        ),
        help_text=_("Type to search the library; its embed code appears, to put on a line of its own in the body."),
    )
    insert_quote = forms.ModelChoiceField(
        Quote.objects.all(),
        required=False,
        label=_("Find a quote"),
        widget=AutocompleteSelect(
            Article._meta.get_field("embedded_quotes"), admin.site, attrs={"data-embed-picker": "quote"}
        ),
        help_text=_("Type to search quotes by text or source; its embed code appears below."),
    )

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField nr-headline", "autocomplete": "off"}),
            "dek": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 28, "class": "nr-body", "spellcheck": "true"}),
            "lead_image_caption": forms.Textarea(attrs={"rows": 2}),
        }


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "headline_or_untitled",
        "section",
        "language",
        "status_label",
        "is_published",
        "byline_list",
        "publish_at",
        "updated_at",
    ]
    list_display_links = ["headline_or_untitled"]
    list_filter = ["status", "section", "language", ("authors", admin.RelatedOnlyFieldListFilter), "publish_at"]
    list_select_related = ["section", "created_by"]
    search_fields = ["headline", "dek", "slug", "=id"]
    date_hierarchy = "publish_at"
    ordering = ["-updated_at"]
    list_per_page = 50
    autocomplete_fields = ["section", "lead_image", "related_articles", "copyright_notice", "translation_of"]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [AuthorshipInline, CitationInline]
    actions = ["submit_selected_for_review", "publish_selected"]
    readonly_fields = [
        "status_panel",
        "lead_image_preview",
        "embeds_panel",
        "timeline",
    ]
    fieldsets = [
        (None, {"fields": ["status_panel"]}),
        (_("Story"), {"fields": ["headline", "dek", "section", "language", "body"]}),
        (_("Photos and quotes for the body"), {"fields": ["insert_image", "insert_quote", "embeds_panel"]}),
        (_("Lead image"), {"fields": ["lead_image", "lead_image_preview", "lead_image_caption"]}),
        (_("Tags and related"), {"fields": ["tags", "related_articles"]}),
        (_("Rights"), {"fields": ["copyright_notice"]}),
        (
            _("Advanced"),
            {"classes": ["collapse"], "fields": ["slug", "byline_override", "translation_of"]},
        ),
        (_("History"), {"classes": ["collapse"], "fields": ["timeline"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("authorships", queryset=Authorship.objects.select_related("author")))
        )

    # Columns

    @admin.display(description=_("headline"), ordering="headline")
    def headline_or_untitled(self, article):
        return str(article)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        return format_html(
            '<span class="nr-status nr-status-{}">{}</span>', article.status, article.get_status_display()
        )

    @admin.display(description=_("bylines"))
    def byline_list(self, article):
        return article.byline

    # Read-only panels

    @admin.display(description=_("status"))
    def status_panel(self, article):
        if article.pk is None:
            return gettext("New draft: save it, then submit it for review.")
        parts = [
            format_html('<span class="nr-status nr-status-{}">{}</span>', article.status, article.get_status_display())
        ]
        if article.publish_at:
            parts.append(
                format_html(
                    "{} {}",
                    gettext("goes live") if article.publish_at > timezone.now() else gettext("live since"),
                    timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M %Z"),
                )
            )
        if article.created_by:
            parts.append(format_html("{} {}", gettext("owner:"), article.created_by.get_username()))
        parts.append(format_html("{} {}", gettext("version"), article.version))
        return format_html_join(" · ", "{}", ((part,) for part in parts))

    @admin.display(description=_("preview"))
    def lead_image_preview(self, article):
        if not article.lead_image_id:
            return gettext("No lead image yet.")
        image = article.lead_image
        return format_html("{} <span>{}</span>", thumbnail(image, 120), image.credit_line(article.language))

    @admin.display(description=_("in the body now"))
    def embeds_panel(self, article):
        if article.pk is None:
            return gettext("Embeds appear here once the article is saved.")
        rows = []
        for image in article.embedded_images.all():
            rows.append((thumbnail(image, 48), image.embed_code, image.credit_line(article.language)))
        for quote in article.embedded_quotes.select_related("source"):
            rows.append(("", quote.embed_code, str(quote)))
        for target in article.embedded_articles.all():
            rows.append(("", f"[[article:{target.pk}]]", f"{target} ({target.get_status_display()})"))
        if not rows:
            return gettext("No embeds. Put [[image:42]], [[quote:7]] or [[article:123]] on a line of its own.")
        return format_html(
            '<ul class="nr-embeds">{}</ul>',
            format_html_join("", "<li>{} <code>{}</code> {}</li>", rows),
        )

    @admin.display(description=_("timeline"))
    def timeline(self, article):
        if article.pk is None:
            return "—"
        events = article.events.select_related("actor").order_by("-created_at", "-pk")[:50]
        if not events:
            return gettext("No status changes yet.")
        return format_html(
            '<ol class="nr-timeline">{}</ol>',
            format_html_join(
                "",
                "<li><time>{}</time> {} → <strong>{}</strong> {} <q>{}</q></li>",
                (
                    (
                        timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M"),
                        event.get_from_status_display() or "—",
                        event.get_to_status_display(),
                        event.actor.get_username() if event.actor else gettext("(scheduler)"),
                        event.note,
                    )
                    for event in events
                ),
            ),
        )

    # Permissions: reporters edit their own drafts, editors everything.

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("articles.delete_article") and (
            obj is None or request.user.has_perm("articles.edit_any_article")
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not services.can_publish(request.user):
            actions.pop("publish_selected", None)
        return actions

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_published() else None

    # Saving goes through the services.

    def save_model(self, request, obj, form, change):
        services.article_save(article=obj, user=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.is_published():
            services.notify_content_changed(articles=[form.instance], reason="article edited")

    def _run_workflow_button(self, request, article):
        for name, service, done in (
            ("_submit_review", services.article_submit_for_review, _("Submitted for review.")),
            ("_publish", services.article_publish, _("Published. It is live now.")),
        ):
            if name in request.POST:
                try:
                    service(article=article, user=request.user)
                except services.WorkflowError as error:
                    self._workflow_refused(request, error)
                except PermissionDenied as error:
                    self.message_user(request, str(error) or gettext("You may not do that."), messages.ERROR)
                else:
                    self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return None

    def _workflow_refused(self, request, error):
        self.message_user(
            request,
            format_html(
                "{}<ul>{}</ul>",
                gettext("Not done. Fix these first:"),
                format_html_join("", "<li>{}</li>", ((message,) for message in error.messages)),
            ),
            messages.ERROR,
        )

    def response_change(self, request, obj):
        return self._run_workflow_button(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._run_workflow_button(request, obj) or super().response_add(request, obj, post_url_continue)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            can_submit=obj is None or (obj.status == Status.DRAFT and services.can_edit_article(request.user, obj)),
            can_publish=services.can_publish(request.user) and (obj is None or obj.status != Status.PUBLISHED),
            preview_url=reverse("admin:articles_article_preview", args=[obj.pk]) if obj and obj.pk else None,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

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
                service(article=article, user=request.user)
                done += 1
            except (services.WorkflowError, PermissionDenied) as error:
                messages.error(
                    request,
                    format_html(
                        "“{}”: {}",
                        article,
                        (getattr(error, "messages", None) and "; ".join(error.messages)) or str(error),
                    ),
                )
        if done:
            messages.success(
                request,
                ngettext("%(count)d article %(verb)s.", "%(count)d articles %(verb)s.", done)
                % {"count": done, "verb": verb},
            )

    # The staff preview: the public template, for any state, never cached.

    def get_urls(self):
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        article = get_object_or_404(Article.objects.for_detail(), pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        response = TemplateResponse(
            request, "articles/article_detail.html", article_page_context(article, preview=True)
        )
        # admin_view() already marks it never_cache (private, no-store).
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


# -- Images ------------------------------------------------------------------------


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = "__all__"
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 2}),
            "usage_terms": forms.Textarea(attrs={"rows": 2}),
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_info = None
        if "credit" in self.fields:
            # The photo may carry its credit (IPTC/XMP): checked in clean().
            self.fields["credit"].required = False
        if "file" in self.fields and not self.instance.pk:
            self.fields["file"].required = True

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            self.upload_info = inspect_upload(upload)
            existing = Image.objects.filter(sha256=self.upload_info.sha256).exclude(pk=self.instance.pk).first()
            if existing:
                raise ValidationError(
                    format_html(
                        '{} <a href="{}">{}</a> — <code>{}</code>',
                        gettext("This photo is already in the library:"),
                        reverse("admin:articles_image_change", args=[existing.pk]),
                        str(existing),
                        existing.embed_code,
                    ),
                    code="duplicate",
                )
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.upload_info:
            for name, value in suggested_fields(self.upload_info.metadata).items():
                if name in self.fields and not cleaned.get(name):
                    cleaned[name] = value[: Image._meta.get_field(name).max_length or None]
        if "credit" in self.fields and not (cleaned.get("credit") or "").strip() and not self.errors.get("file"):
            self.add_error(
                "credit",
                ValidationError(
                    gettext("Every photo needs a credit (the file carries none): e.g. “our archive”, “Reuters”."),
                    code="required",
                ),
            )
        return cleaned


class ImageUsageFilter(admin.SimpleListFilter):
    title = _("rights")
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        return [("expiring", _("expire within 30 days")), ("expired", _("expired"))]

    def queryset(self, request, queryset):
        if self.value() == "expiring":
            return queryset.rights_expiring(30)
        if self.value() == "expired":
            return queryset.rights_expired()
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ["thumb", "alt_text", "credit", "license", "rights_expire_at", "uploaded_at", "embed"]
    list_display_links = ["thumb", "alt_text"]
    list_filter = [ImageUsageFilter, "license", "uploaded_at"]
    search_fields = ["alt_text", "credit", "caption", "creator", "copyright_holder", "original_filename", "=id"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    readonly_fields = ["preview", "embed", "file_facts", "metadata_read", "where_used"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "embed", "alt_text", "credit", "caption"]}),
        (
            _("Rights"),
            {
                "fields": [
                    "creator",
                    "copyright_holder",
                    "license",
                    "license_url",
                    "source_url",
                    "usage_terms",
                    "rights_expire_at",
                ]
            },
        ),
        (_("Crop"), {"fields": ["focal_x", "focal_y"]}),
        (_("About the file"), {"fields": ["file_facts", "metadata_read", "where_used"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin.js"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": ["file", "alt_text", "credit", "caption"],
                        "description": gettext(
                            "Credit, creator, copyright and caption are read from the photo when it carries them; "
                            "you can correct them after saving."
                        ),
                    },
                ),
                (
                    _("Rights"),
                    {
                        "fields": [
                            "creator",
                            "copyright_holder",
                            "license",
                            "license_url",
                            "source_url",
                            "usage_terms",
                            "rights_expire_at",
                        ]
                    },
                ),
            ]
        return super().get_fieldsets(request, obj)

    @admin.display(description=_("photo"))
    def thumb(self, image):
        return thumbnail(image)

    @admin.display(description=_("embed code"))
    def embed(self, image):
        return format_html('<code class="nr-embed-code">{}</code>', image.embed_code) if image.pk else "—"

    @admin.display(description=_("preview"))
    def preview(self, image):
        url = rendition_url(image, "w960", "webp")
        if not url:
            return "—"
        return format_html(
            '<div class="nr-focal" data-focal-x="{}" data-focal-y="{}"><img src="{}" alt="{}" class="nr-preview">'
            '<span class="nr-focal-dot" aria-hidden="true"></span></div>'
            '<p class="help">{}</p>',
            image.focal_x,
            image.focal_y,
            url,
            image.alt_text,
            gettext("Click the picture to set the focal point the crops keep in view, then save."),
        )

    @admin.display(description=_("file"))
    def file_facts(self, image):
        return format_html(
            "{} · {} × {} px · {} KB · SHA-256 <code>{}</code>",
            image.original_filename or "—",
            image.width,
            image.height,
            image.file_size // 1024,
            image.sha256[:16],
        )

    @admin.display(description=_("read from the photo"))
    def metadata_read(self, image):
        if not image.embedded_metadata:
            return gettext("The file carried no credit, creator, copyright or caption.")
        return format_html(
            '<dl class="nr-metadata">{}</dl>',
            format_html_join(
                "",
                "<dt>{} · {}</dt><dd>{}</dd>",
                (
                    (origin.upper(), name, value)
                    for origin, values in image.embedded_metadata.items()
                    for name, value in values.items()
                ),
            ),
        )

    @admin.display(description=_("used in"))
    def where_used(self, image):
        if not image.pk:
            return "—"
        articles = Article.objects.filter(pk__in=services.articles_using_image(image)).order_by("-pk")
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

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("file") if "file" in form.changed_data else None
        try:
            services.image_save(image=obj, user=request.user, upload=upload, upload_info=form.upload_info)
        except services.DuplicateImage as duplicate:  # a race with another upload of the same file
            raise ValidationError(
                gettext("This photo is already in the library (#%s).") % duplicate.existing.pk
            ) from duplicate
        if upload is not None and obj.embedded_metadata:
            read = suggested_fields(obj.embedded_metadata)
            if read:
                messages.info(
                    request,
                    gettext("Read from the photo: %s. Check them.")
                    % ", ".join(f"{name} “{value}”" for name, value in read.items()),
                )

    def delete_model(self, request, obj):
        services.image_delete(image=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            services.image_delete(image=image, user=request.user)


# -- Sources and quotes --------------------------------------------------------------


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
class SourceAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change:
            services.notify_content_changed(
                articles=Article.objects.filter(Q(embedded_quotes__source=obj) | Q(citations__source=obj))
                .distinct()
                .values_list("pk", flat=True),
                reason="source changed",
            )


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change:
            services.notify_content_changed(
                articles=obj.embedded_in_articles.values_list("pk", flat=True), reason="quote changed"
            )


# -- Bylines, sections, rights ---------------------------------------------------------


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
