"""What an article carries over from its old home: to-dos and old addresses.

An importer leaves to-dos for what it could not finish (``todos_replace``); an
editor ticks them off on the change form (``todo_done``). Old addresses are
kept with ``old_address_add`` and followed by the reader's redirect fallback.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, ArticleRedirect, ArticleTodo
from .permissions import can_edit_article


def todos_replace(*, article, todos, origin):
    """Replace the open to-dos ``origin`` left on ``article`` with ``todos``
    (dicts of ``kind``, ``message``, ``blocking``, ``data``). Done ones stay:
    a re-import never reopens what a person finished (a to-do with the same
    message that is already done is not added again)."""
    with transaction.atomic():
        ArticleTodo.objects.filter(article=article, origin=origin, done_at__isnull=True).delete()
        done = set(ArticleTodo.objects.filter(article=article, origin=origin).values_list("message", flat=True))
        ArticleTodo.objects.bulk_create(
            ArticleTodo(
                article=article,
                origin=origin,
                kind=todo["kind"] if todo["kind"] in ArticleTodo.Kind.values else ArticleTodo.Kind.OTHER,
                message=todo["message"],
                blocking=bool(todo.get("blocking")),
                data=todo.get("data") or {},
            )
            for todo in todos
            if todo["message"] not in done
        )


def todo_done(*, todo, user, done=True):
    """Tick a to-do off (or, with ``done=False``, open it again)."""
    if not can_edit_article(user, todo.article):
        raise PermissionDenied(_("You may not edit this article."))
    todo.done_at = timezone.now() if done else None
    todo.done_by = user if done else None
    todo.save(update_fields=["done_at", "done_by"])
    return todo


def old_path(address):
    """The path a browser asks for when it follows ``address`` (a URL or a path):
    percent-decoded, with the query string kept (``/?p=123``), without the site."""
    parts = urlsplit(address.strip())
    path = unquote(parts.path or "/")
    if not path.startswith("/"):
        path = "/" + path
    return f"{path}?{unquote(parts.query)}" if parts.query else path


def old_address_add(*, article, address):
    """Keep ``address`` as an old address of ``article`` (idempotent). An address
    another article already holds is refused with a ``ValidationError``."""
    path = old_path(address)[: ArticleRedirect._meta.get_field("old_path").max_length]
    if path in {"", "/"}:
        raise ValidationError(_("The site's front page cannot be an old address of an article."))
    redirect, created = ArticleRedirect.objects.get_or_create(old_path=path, defaults={"article": article})
    if not created and redirect.article_id != article.pk:
        raise ValidationError(
            _("The old address %(path)s already leads to article #%(pk)s.") % {"path": path, "pk": redirect.article_id}
        )
    return redirect


def old_address_lookup(path, query=""):
    """``(known, article)``: whether ``path`` (with its query string) is an old
    address at all, and the published article it leads to — None while that
    article is not live (then the address leads nowhere, and must not fall
    through to whatever else the path looks like).

    Tried with WordPress's own parameter alone (``/?p=123`` out of
    ``/?p=123&utm_source=x``), with the whole query string, then without it,
    with and without a trailing slash."""
    candidates = []
    if query:
        params = parse_qs(query)
        candidates += [f"{path}?{key}={params[key][0]}" for key in ("p", "page_id") if params.get(key)]
        candidates.append(f"{path}?{unquote(query)}")
    candidates.append(path)
    candidates.append(path[:-1] if path.endswith("/") and len(path) > 1 else path + "/")
    found = {
        redirect.old_path: redirect.article_id
        for redirect in ArticleRedirect.objects.filter(old_path__in=candidates).only("old_path", "article_id")
    }
    for candidate in candidates:
        if candidate in found:
            return True, Article.objects.published().select_related("section").filter(pk=found[candidate]).first()
    return False, None
