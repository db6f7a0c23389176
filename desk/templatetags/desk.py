"""Template filters of the desk's pages."""

from django import template

from accounts.names import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user):
    """A staff member's name as the newsroom prints it (``accounts.names``), never a login name where a name exists."""
    return _person_name(user)
