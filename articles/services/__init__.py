"""Writes: every change of an article, its catalogue and its state goes through here.

Admin views, actions, buttons, management commands, the demo loader and the
bench call these; nothing else assigns ``status`` or ``publish_at``, and nothing
else announces a change to the caches. Each service checks who may act,
validates, sets timestamps, saves, records the event, and announces the change
once (Wagtail's ``PublishRevisionAction``: one path, so the admin, an API and
code calling in programmatically behave identically).

One module per concern, re-exported here: ``permissions`` (who may do what),
``editing`` (the one article save, restore, delete), ``revisions``,
``workflow`` (the transitions), ``scheduler``, ``corrections``, ``previews``,
``drafts`` (autosave), ``locks``, ``notifications`` (telling people of a step of their piece)
and ``catalogue`` (sources, quotes, sections, authors, notices, tags).

An importer calls the same services within ``on_behalf_of_import()``: what they
change is then marked as an import's, and webhooks and the news sitemap ignore it.
"""

from ..signals import on_behalf_of_import
from . import catalogue
from .carryover import old_address_add, old_address_lookup, old_path, todo_done, todos_replace
from .catalogue import *  # noqa: F403
from .corrections import correction_add
from .drafts import autosave_discard, autosave_for, autosave_store, autosaves_of_new_pieces
from .editing import (
    SLUG_MAX_LENGTH,
    article_check_version,
    article_restore_revision,
    article_save,
    article_staged,
    articles_delete,
    sync_embeds,
    unique_slug_for,
)
from .errors import STATUS_CHANGED_MESSAGE, EditConflict, WorkflowError
from .locks import edit_lock_release, edit_lock_touch
from .notifications import notifications_mark_read, notify_workflow
from .permissions import can_edit_article, can_publish, require_editor, user_is_byline_author
from .previews import preview_link_create, preview_link_revoke
from .revisions import REVISION_FIELDS, article_record_revision, article_snapshot, latest_revision, revision_problems
from .scheduler import publish_due_articles, scheduler_lateness
from .workflow import (
    article_feature,
    article_publish,
    article_publish_archived,
    article_return_to_reporter,
    article_schedule,
    article_set_expiry,
    article_submit_for_review,
    article_unpublish,
    publication_problems,
    site_default_notice,
)

__all__ = [
    "REVISION_FIELDS",
    "SLUG_MAX_LENGTH",
    "STATUS_CHANGED_MESSAGE",
    "EditConflict",
    "WorkflowError",
    "article_check_version",
    "article_feature",
    "article_publish",
    "article_publish_archived",
    "article_record_revision",
    "article_restore_revision",
    "article_return_to_reporter",
    "article_save",
    "article_schedule",
    "article_set_expiry",
    "article_snapshot",
    "article_staged",
    "article_submit_for_review",
    "article_unpublish",
    "articles_delete",
    "autosave_discard",
    "autosave_for",
    "autosave_store",
    "autosaves_of_new_pieces",
    "can_edit_article",
    "can_publish",
    "correction_add",
    "edit_lock_release",
    "edit_lock_touch",
    "latest_revision",
    "notifications_mark_read",
    "notify_workflow",
    "old_address_add",
    "old_address_lookup",
    "old_path",
    "on_behalf_of_import",
    "preview_link_create",
    "preview_link_revoke",
    "publication_problems",
    "publish_due_articles",
    "require_editor",
    "revision_problems",
    "scheduler_lateness",
    "site_default_notice",
    "sync_embeds",
    "todo_done",
    "todos_replace",
    "unique_slug_for",
    "user_is_byline_author",
]
__all__ += catalogue.__all__
