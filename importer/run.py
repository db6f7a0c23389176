"""One import from start to end, for the command and the admin's page alike."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.services import on_behalf_of_import
from articles.signals import announcing_once

from .parsed import ParseProblem
from .writer import Report, Writer


def default_user():
    """Who an import acts as when nobody is named: the first superuser."""
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def run_import(sources, *, user, commit=False, publish=False, default_section=None, run=None, progress=None):
    """Read every piece of ``sources`` (``importer.sources.Sources``) and write it
    (``commit``) or say what would be written; returns the ``Report``.

    Every change is an import's (webhooks and the news sitemap ignore it) and
    the caches hear of it once, at the end. ``progress(done, total, piece)`` is
    called after each piece; with a ``run`` (an ``ImportRun``) its counters
    move too, for the admin's page.
    """
    report = Report()
    total = sources.total
    done = 0
    with on_behalf_of_import(), announcing_once(reason="import"):
        for source in sources:
            writer = Writer(
                user=user,
                commit=commit,
                publish=publish,
                namespace=source.namespace,
                default_section=default_section,
                run=run,
                report=report,
            )
            try:
                for parsed in source.pieces():
                    piece = writer.write(parsed)
                    done += 1
                    if progress is not None:
                        progress(done, total, piece)
                    if run is not None and (done % 25 == 0 or done == total):
                        type(run).objects.filter(pk=run.pk).update(
                            processed=done, total=total or done, updated_at=timezone.now()
                        )
            except Exception as error:  # the file itself broke off (malformed XML): the rest is reported
                writer.write(ParseProblem(file=source.label, position="", message=str(error)))
    if run is not None:
        type(run).objects.filter(pk=run.pk).update(processed=done, total=total or done)
    return report


def report_lines(report_json, *, everything=False):
    """The report as text lines for a terminal: the totals, then each piece that
    needs a person (all pieces with ``everything``)."""
    counts = report_json["counts"]
    lines = [
        "Created {create}, updated {update}, unchanged {unchanged}, left as edited here {kept}, "
        "failed {error}; published {published}.".format(**counts),
        f"New: {counts['new_photos']} photos, {counts['new_quotes']} quotes"
        + "".join(
            f", {label} {', '.join(names)}"
            for label, names in (
                ("sections", counts["new_sections"]),
                ("authors", counts["new_authors"]),
                ("copyright notices", counts["new_notices"]),
            )
            if names
        )
        + ".",
        f"{counts['need_a_person']} pieces need a person ({counts['todos']} to-dos, {counts['blocking']} blocking).",
    ]
    for piece in report_json["pieces"]:
        needs = piece["error"] or piece["todos"] or piece["notes"]
        if not (everything or needs):
            continue
        where = piece["file"] + (f", {piece['position']}" if piece["position"] else "")
        title = piece["headline"] or "(no headline)"
        article = f" → #{piece['article_id']}" if piece["article_id"] else ""
        lines.append("")
        lines.append(f"{where}: {title} [{piece['action']}, {piece['state']}]{article}")
        if piece["error"]:
            lines.append(f"  ERROR: {piece['error']}")
        for item in piece["recognised"]:
            lines.append(f"  recognised: {item}")
        for item in piece["creates"]:
            lines.append(f"  creates: {item}")
        for todo in piece["todos"]:
            lines.append(f"  TO DO{' (blocks publication)' if todo['blocking'] else ''}: {todo['message']}")
        for note in piece["notes"]:
            lines.append(f"  note: {note}")
    return lines


def finished(run, report, *, state):
    run.report = report.as_json()
    run.state = state
    run.finished_at = timezone.now()
    run.save(update_fields=["report", "state", "finished_at"])
