"""A staff member's name as the newsroom prints it, never the login name where a name exists."""

import re

from django.core.exceptions import ObjectDoesNotExist

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def person_name(user):
    """The byline name of the account's author profile ("김하늘"), else the full
    name in its language's order (Korean family name first, no space), else the
    login name; "—" for nobody."""
    if user is None:
        return "—"
    try:
        author = user.author  # the byline linked to this account (articles.Author), if any
    except (ObjectDoesNotExist, AttributeError):
        author = None
    if author is not None and author.name:
        return author.name
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if first and last and _HANGUL.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part) or user.get_username()
