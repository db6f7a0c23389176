"""Readable differences between two versions of an article, for editors."""

import difflib
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def diff_text(old, new):
    """Word-by-word difference as HTML: ``<del>`` for removed, ``<ins>`` for added.
    Paragraph breaks are kept, so a long body stays readable."""
    old_tokens = _TOKENS.findall(old or "")
    new_tokens = _TOKENS.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = "".join(old_tokens[a1:a2]), "".join(new_tokens[b1:b2])
        if tag == "equal":
            parts.append(format_html("{}", removed))
        if tag in ("delete", "replace") and removed:
            parts.append(format_html("<del>{}</del>", removed))
        if tag in ("insert", "replace") and added:
            parts.append(format_html("<ins>{}</ins>", added))
    return mark_safe('<div class="nr-diff">' + "".join(parts) + "</div>")  # noqa: S308 - every part went through format_html


def changed_fields(old, new, labels=None):
    """``[(label, old value, new value)]`` for every key whose value differs."""
    labels = labels or {}
    rows = []
    for key in dict.fromkeys([*old.keys(), *new.keys()]):
        if old.get(key) != new.get(key):
            rows.append((labels.get(key, key), old.get(key), new.get(key)))
    return rows


def field_table(rows):
    if not rows:
        return ""
    return format_html(
        '<table class="nr-field-diff"><tbody>{}</tbody></table>',
        format_html_join("", "<tr><th>{}</th><td><del>{}</del></td><td><ins>{}</ins></td></tr>", rows),
    )
