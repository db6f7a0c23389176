"""Who may do what: one rule per power, used by the services, the admin and every later client."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..models import (
    Status,
)


def user_is_byline_author(user, article):
    if not article.pk or not user.is_authenticated:
        return False
    return article.authorships.filter(author__user=user).exists()


def can_edit_article(user, article):
    """Editors edit every article; a reporter edits their own (created by them or
    bylined to them) while it is a draft, including one returned to them."""
    if not (user.is_active and user.is_authenticated):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    if not user.has_perm("articles.change_article"):
        return False
    if article.pk is None:
        return user.has_perm("articles.add_article")
    return article.status == Status.DRAFT and (article.created_by_id == user.pk or user_is_byline_author(user, article))


def can_publish(user):
    """Schedule, publish, unpublish, return, correct: the editor's powers."""
    return user.is_active and user.has_perm("articles.publish_article")


def require_editor(user, action):
    if not can_publish(user):
        raise PermissionDenied(_("Only editors can %(action)s.") % {"action": action})
