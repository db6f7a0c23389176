"""Live coverage on the desk: the live page of an article, where editors and
reporters start the coverage, add entries, pin one, correct one and end it.

Every button calls ``articles.services.live``; this page only shows and posts.
An entry's text (a new one, a correction) is written in the body's editor
(``desk/editor/``, mounted from ``#desk-live-config``): paragraphs, links,
photos and quotes as cards, from the same pickers and photo upload. Without the
script it is a textarea of the body format, with the photo and quote pickers of
``static/js/admin.js`` beside it (the picked embed goes in at the cursor).
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import display
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Author, LiveEntryImage, LiveEntryQuote
from articles.services import WorkflowError, can_publish
from articles.services.live import (
    can_correct_entry,
    can_post_live,
    coverage_of,
    live_coverage_end,
    live_coverage_start,
    live_entry_add,
    live_entry_delete,
    live_entry_edit,
    live_entry_pin,
)
from reader.live import render_entry

from ..strings import editor_strings

#: Entries listed on the desk's live page (the newest; older ones stay on the reader's pages).
DESK_ENTRIES = 50


class LiveEntryForm(forms.Form):
    body = forms.CharField(
        label=_("Entry"),
        widget=forms.Textarea(attrs={"rows": 6, "data-desk-editor": "entry"}),
        help_text=_(
            "Written like an article body: photos and quotes come from the buttons above the text (without "
            "the desk's script: Markdown, a photo or quote on a line of its own, e.g. [[image:42]], [[quote:7]])."
        ),
    )
    author = forms.ModelChoiceField(
        label=_("Byline"), queryset=Author.objects.all(), required=False, help_text=_("Printed with the entry.")
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # The desk's pickers (static/js/admin.js): what is picked is shown with
        # its embed line and a button that puts it in at the cursor.
        for name, model, field, label in (
            ("image", LiveEntryImage, "image", _("Photo")),
            ("quote", LiveEntryQuote, "quote", _("Quote")),
        ):
            self.fields[name] = forms.ModelChoiceField(
                label=label,
                queryset=model._meta.get_field(field).remote_field.model.objects.all(),
                required=False,
                widget=AutocompleteSelect(
                    model._meta.get_field(field), admin_site, attrs={"data-embed-picker": name, "data-width": "24em"}
                ),
                help_text=_("Pick one, then put it in the entry at the cursor."),
            )


class LiveDeskMixin:
    """The live page of an article on the desk (mixed into ``ArticleAdmin``)."""

    def live_urls(self):
        return [
            path("<path:object_id>/live/", self.admin_site.admin_view(self.live_view), name="articles_article_live")
        ]

    @display(description=_("Live coverage"))
    def live_panel(self, article):
        """The change form's way to the live page, with the coverage's state."""
        if article is None or article.pk is None:
            return "—"
        coverage = coverage_of(article)
        url = reverse("admin:articles_article_live", args=[article.pk])
        if coverage is None:
            state = gettext("Not a live page.")
        elif coverage.is_ongoing:
            state = gettext("Live coverage is running.")
        else:
            state = gettext("Live coverage has ended.")
        return format_html('{} <a class="button" href="{}">{}</a>', state, url, gettext("Open the live desk"))

    @staticmethod
    def live_editor_config(article):
        """What the desk's script needs to put the body's editor on the entries."""
        return {
            "strings": editor_strings(),
            "language": article.language,
            "urls": {
                "embeds": reverse("admin:articles_article_embeds"),
                "pick": reverse("admin:articles_article_pick", args=["KIND"]),
                "photoInspect": reverse("admin:photos_image_desk_inspect"),
                "photoUpload": reverse("admin:photos_image_desk_upload"),
            },
        }

    def live_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        user = request.user
        if request.method == "POST":
            form = LiveEntryForm(request.POST, admin_site=self.admin_site)
            if self._live_action(request, article, form):
                return HttpResponseRedirect(request.path)
        else:
            form = LiveEntryForm(admin_site=self.admin_site)
        coverage = coverage_of(article)
        entries = list(article.live_entries.for_page().select_related("created_by").newest_first()[:DESK_ENTRIES])
        for entry in entries:
            entry.article = article
            entry.may_correct = can_correct_entry(user, entry)
            entry.rendered = render_entry(entry, article)  # as readers see it, credits and all
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Live desk"),
            "article": article,
            "coverage": coverage,
            "entries": entries,
            "form": form,
            "media": self.media + form.media,
            "live_editor_config": self.live_editor_config(article),
            "may_post": can_post_live(user, article),
            "is_editor": can_publish(user),
            "public": article.is_published(),
            "reader_url": article.get_absolute_url() if article.is_published() else "",
        }
        return TemplateResponse(request, "admin/articles/article/live.html", context)

    def _live_action(self, request, article, form):
        """Run the posted button through its service; True when it went through."""
        user = request.user
        post = request.POST
        try:
            if "_start" in post:
                live_coverage_start(article=article, user=user)
                messages.success(request, gettext("Live coverage started."))
            elif "_end" in post:
                live_coverage_end(article=article, user=user)
                messages.success(request, gettext("Live coverage ended: the page is now an ordinary article."))
            elif "_add" in post:
                if not form.is_valid():
                    return False
                live_entry_add(
                    article=article, user=user, body=form.cleaned_data["body"], author=form.cleaned_data["author"]
                )
                messages.success(request, gettext("Entry published."))
            else:
                entry = self._entry(article, post.get("entry"))
                if "_pin" in post:
                    live_entry_pin(entry=entry, user=user, pinned=True)
                    messages.success(request, gettext("Entry pinned."))
                elif "_unpin" in post:
                    live_entry_pin(entry=entry, user=user, pinned=False)
                    messages.success(request, gettext("Entry unpinned."))
                elif "_correct" in post:
                    live_entry_edit(
                        entry=entry,
                        user=user,
                        body=post.get("entry_body") or None,
                        correction=post.get("correction", ""),
                        expected_version=_int(post.get("version")),
                    )
                    messages.success(request, gettext("Entry corrected."))
                elif "_delete" in post:
                    live_entry_delete(entry=entry, user=user)
                    messages.success(request, gettext("Entry deleted."))
                else:
                    return False
        except (WorkflowError, PermissionDenied) as error:
            for message in getattr(error, "messages", None) or [str(error) or gettext("You may not do that.")]:
                messages.error(request, message)
            return "_add" not in post  # keep what was typed in the new entry
        return True

    @staticmethod
    def _entry(article, pk):
        entry = article.live_entries.filter(pk=_int(pk)).first()
        if entry is None:
            raise WorkflowError(gettext("That entry no longer exists."))
        entry.article = article
        return entry


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


__all__ = ["LiveDeskMixin", "LiveEntryForm"]
