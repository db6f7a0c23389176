"""The demo's live page (``content/live.toml``): one ongoing coverage with a
pinned entry and a corrected one, made through the services like everything
the demo loads."""

import datetime
import re
import tomllib

from articles import services
from articles.models import Article
from articles.services import live as live_services

from .content import FOLDER, DemoError

_EMBED_KEY = re.compile(r"^\[\[(image|quote):([^\]\s]+)\]\]$")


def read(folder=FOLDER):
    path = folder / "live.toml"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return tomllib.load(handle)["live"]


def _body(paragraphs, *, images, quotes, where):
    lookups = {"image": images, "quote": quotes}
    out = []
    for paragraph in paragraphs:
        match = _EMBED_KEY.match(paragraph)
        if match:
            kind, key = match.groups()
            target = lookups[kind].get(key)
            if target is None:
                raise DemoError(f"Demo {where} embeds {kind} “{key}”, which the demo does not make.")
            paragraph = f"[[{kind}:{target.pk}]]"
        out.append(paragraph)
    return "\n\n".join(out)


def seed_live(spec, *, users, authors, sections, images, quotes, summary, now):
    """The live page of ``spec``, unless one with its headline exists."""
    if spec is None or Article.objects.filter(language=spec["language"], headline=spec["headline"]).exists():
        return None
    editor = users["editor"]
    where = "live page"
    started = now - datetime.timedelta(hours=spec["started_hours_ago"])
    article = services.article_save(
        article=Article(
            headline=spec["headline"],
            dek=spec["dek"],
            section=sections[spec["section"]],
            language=spec["language"],
            body=_body(spec["body"], images=images, quotes=quotes, where=where),
            lead_image=images[spec["lead"]],
        ),
        user=editor,
        bylines=[authors[slug] for slug in spec["authors"]],
        tags=spec["tags"],
    )
    services.article_publish(article=article, user=editor, now=started)
    article.refresh_from_db()
    live_services.live_coverage_start(article=article, user=editor, now=started)
    for number, entry_spec in enumerate(spec["entries"], 1):
        at = started + datetime.timedelta(minutes=entry_spec["minutes"])
        where = f"live entry #{number}"
        first = entry_spec.get("first_body", entry_spec["body"])
        entry = live_services.live_entry_add(
            article=article,
            user=editor,
            body=_body(first, images=images, quotes=quotes, where=where),
            author=authors.get(entry_spec.get("author")),
            now=at,
        )
        if entry_spec.get("correction"):
            live_services.live_entry_edit(
                entry=entry,
                user=editor,
                body=_body(entry_spec["body"], images=images, quotes=quotes, where=where),
                correction=entry_spec["correction"],
                now=at + datetime.timedelta(minutes=entry_spec.get("corrected_after", 10)),
            )
        if entry_spec.get("pinned"):
            live_services.live_entry_pin(entry=entry, user=editor, now=at)
        summary.created["live-page entry"] += 1
    summary.created["article"] += 1
    summary.states[article.status] += 1
    return article
