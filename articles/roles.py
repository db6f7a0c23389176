"""The newsroom's roles as Django groups with model permissions.

The admin role is the superuser. ``setup_roles()`` is idempotent: it runs after
every ``migrate`` (permissions only exist after the last migration) and as
``manage.py setup_roles``. A group's permissions are set to exactly this list, so
a permission removed here is removed from the group too.
"""

from django.contrib.auth.models import Group, Permission

REPORTER = "Reporter"
EDITOR = "Editor"

_REPORTER = [
    "articles.view_article",
    "articles.add_article",
    "articles.change_article",  # own drafts only: the admin checks ownership and state
    "photos.view_image",
    "photos.add_image",
    "photos.change_image",
    "articles.view_source",
    "articles.add_source",
    "articles.change_source",
    "articles.view_quote",
    "articles.add_quote",
    "articles.change_quote",
    "articles.view_citation",
    "articles.add_citation",
    "articles.change_citation",
    "articles.delete_citation",
    "articles.view_authorship",
    "articles.add_authorship",
    "articles.change_authorship",
    "articles.delete_authorship",
    "articles.view_author",
    "articles.view_section",
    "articles.view_copyrightnotice",
    "taggit.view_tag",
]

_EDITOR = [
    *_REPORTER,
    "articles.delete_article",
    "articles.publish_article",
    "articles.edit_any_article",
    "articles.view_desk_drafts",
    "articles.view_source_identity",
    "photos.delete_image",
    "articles.delete_source",
    "articles.delete_quote",
    "articles.add_author",
    "articles.change_author",
    "articles.view_articleevent",
    "taggit.add_tag",
    "taggit.change_tag",
]

ROLE_PERMISSIONS = {REPORTER: _REPORTER, EDITOR: _EDITOR}


def _permissions(names):
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _, codename in wanted]
        )
    }
    missing = sorted(f"{app}.{codename}" for app, codename in wanted - found.keys())
    if missing:
        raise LookupError(f"Permissions not found (run migrate first): {', '.join(missing)}")
    return [found[key] for key in sorted(wanted)]


def role_permissions():
    """The permissions of each role; reporters also see the whole desk's drafts
    where the paper chooses so (``NEWSROOM_REPORTERS_SEE_ALL_DRAFTS``)."""
    from django.conf import settings

    roles = {name: list(names) for name, names in ROLE_PERMISSIONS.items()}
    if settings.NEWSROOM_REPORTERS_SEE_ALL_DRAFTS:
        roles[REPORTER].append("articles.view_desk_drafts")
    return roles


def setup_roles():
    """Create or update the Reporter and Editor groups; return them by name."""
    groups = {}
    for name, permission_names in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(permission_names))
        groups[name] = group
    return groups


def setup_roles_after_migrate(sender, using="default", **kwargs):
    setup_roles()
