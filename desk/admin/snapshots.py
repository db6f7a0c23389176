"""A revision's values as an editor reads them: names instead of ids, local times."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from articles.models import Article, CopyrightNotice, Section, Source, Status
from photos.models import Image

#: Snapshot keys holding the id of a record, and the model whose name prints.
REFERENCES = {
    "section_id": Section,
    "lead_image_id": Image,
    "copyright_notice_id": CopyrightNotice,
    "translation_of_id": Article,
}


def readable_snapshots(*snapshots):
    """The snapshots with each value put as it prints: a section's name for its
    id, a photo's description, headlines of related articles, bylines by name,
    citations as "outlet: title", statuses in words, times in the newsroom's
    zone. The records named in all of them are read in one query per kind."""
    wanted = {key: set() for key in REFERENCES}
    wanted["related_articles"] = set()
    wanted["citations"] = set()
    for data in snapshots:
        for key in REFERENCES:
            if data.get(key):
                wanted[key].add(data[key])
        wanted["related_articles"].update(data.get("related_articles") or [])
        wanted["citations"].update(citation.get("source_id") for citation in data.get("citations") or [])
    names = {key: _names(model, wanted[key]) for key, model in REFERENCES.items()}
    related = _names(Article, wanted["related_articles"])
    sources = _names(Source, wanted["citations"] - {None})
    statuses = dict(Status.choices)
    readable = []
    for data in snapshots:
        out = {}
        for key, value in data.items():
            if key in REFERENCES:
                out[key] = names[key].get(value, f"#{value}") if value else "—"
            elif key == "authors":
                out[key] = ", ".join(author.get("name", "") for author in value or []) or "—"
            elif key == "tags":
                out[key] = ", ".join(value or []) or "—"
            elif key == "related_articles":
                out[key] = ", ".join(related.get(pk, f"#{pk}") for pk in value or []) or "—"
            elif key == "citations":
                out[key] = (
                    "; ".join(
                        f"{sources.get(citation.get('source_id'), '—')}: {citation.get('title', '')}"
                        for citation in value or []
                    )
                    or "—"
                )
            elif key == "status":
                out[key] = str(statuses.get(value, value))
            elif key == "publish_at":
                out[key] = _local(value)
            else:
                out[key] = value
        readable.append(out)
    return readable


def _names(model, ids):
    return {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)} if ids else {}


def _local(value):
    moment = parse_datetime(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime.datetime):
        return "—"
    return (
        f"{date_format(timezone.localtime(moment), 'SHORT_DATETIME_FORMAT')} ({timezone.get_current_timezone_name()})"
    )
