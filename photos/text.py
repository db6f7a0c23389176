"""Text that reads as it is: the invisible formatting characters a headline,
a name or a caption must not carry.

Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
and the marks U+200E/U+200F reorder what is displayed around them without
being seen ("‮gnp.exe" shows as "exe.png"); zero-width spaces, word joiners
and the byte-order mark (U+200B, U+2060–U+2064, U+FEFF) hide inside words, so
a name no longer matches itself in search. Zero-width joiners and non-joiners
(U+200C, U+200D) stay: emoji sequences and several scripts need them.

And links that go where they say: ``public_url`` prints a stored address only
when it is http(s), whatever the database holds (an import or a shell can write
what the forms would refuse, e.g. ``javascript:``).

It lives here, at the bottom of the apps' order, because both the photo
library (captions, credits) and the editorial domain (headlines, names) use it.
"""

from urllib.parse import urlsplit

INVISIBLE = frozenset("\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
                      "\u2066\u2067\u2068\u2069\ufeff")  # fmt: skip
_DELETE = dict.fromkeys(map(ord, INVISIBLE))


def strip_invisible(text):
    """``text`` without the invisible formatting characters (``None`` stays ``None``)."""
    return text.translate(_DELETE) if isinstance(text, str) else text


def strip_invisible_fields(record, fields):
    """Strip them from each of ``fields`` of ``record``, in place."""
    for name in fields:
        setattr(record, name, strip_invisible(getattr(record, name)))
    return record


#: The schemes a stored link is printed with.
PUBLIC_URL_SCHEMES = ("http", "https")


def public_url(value):
    """``value`` when it is an http(s) address, else ``""`` (never printed)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    value = value.strip()
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        return ""
    return value if scheme in PUBLIC_URL_SCHEMES and not any(c in value for c in "\r\n\t") else ""
