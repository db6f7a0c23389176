#!/usr/bin/env python3
"""Newsroom against the Wagtail peer, from the raw wrk outputs of one run.

    python3 bench/summarize.py OUTDIR

Reads OUTDIR/LABEL.SCENARIO.repN.txt (the peers' lib/wrkbench.sh naming: wagtail-postgres.*,
newsroom-nocache.*, newsroom-cache.*), the statuses of pages that were not measured
(LABEL.SCENARIO.status) and the query counts (queries-*.txt). Prints Markdown: one table of
medians with our figures as ratios to Wagtail's (only ratios from one run mean anything on a
shared machine), the issue's targets with PASS/MISS, and the SQL queries per page.
Standard library only.
"""

import json
import re
import statistics
import sys
from pathlib import Path

UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
WAGTAIL = "wagtail-postgres"
OFF, ON = "newsroom-nocache", "newsroom-cache"
#: scenario -> (page, the Wagtail scenario it is compared with)
PAGES = {
    "article": ("one article", "article"),
    "list200": ("200 rotating articles", "list200"),
    "index": ("home (Wagtail: news index)", "index"),
    "section": ("section page", None),
    "search": ("search", None),
    "feed": ("site feed (RSS)", None),
    "sitemap": ("sitemap index /sitemap.xml", None),
    "sitemap_articles": ("article sitemap, 1st page (5 000 URLs)", None),
    "api_article": ("API: one article (/api/v1/articles/<id>/)", None),
    "api_list": ("API: article list, 1st page", None),
    "live": ("live page (60 entries, 20 printed)", None),
    "live_fragment": ("live page's polled fragment (/live/<id>/)", None),
    "tag": ("tag page (the busiest tag)", None),
    "author": ("author page (the busiest author)", None),
    "archive": ("archive month", None),
    "section_feed": ("section feed (RSS)", None),
    "news_sitemap": ("news sitemap", None),
}
QUERY_NAMES = {"home": "index"}


def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return float(m.group(1)) * UNIT[m.group(2)] if m else float("nan")


def parse(path):
    text = path.read_text(errors="replace")
    result = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    result["rps"] = float(m.group(1)) if m else float("nan")
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M)
        result["p" + pct] = ms(m.group(1)) if m else float("nan")
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result["bad"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["err"] = sum(map(int, m.groups())) if m else 0
    return result


def medians(out):
    runs = {}
    for path in sorted(out.glob("*.rep*.txt")):
        if path.name.startswith("warmup."):
            continue
        m = re.match(r"(.+)\.(\w+)\.rep(\d+)\.txt$", path.name)
        if m:
            runs.setdefault((m.group(1), m.group(2)), []).append(parse(path))
    summary = {}
    for key, results in runs.items():
        summary[key] = {k: statistics.median(r[k] for r in results) for k in ("rps", "p50", "p99")}
        summary[key]["bad"] = sum(r["bad"] for r in results)
        summary[key]["err"] = sum(r["err"] for r in results)
        summary[key]["n"] = len(results)
    return summary


def statuses(out):
    found = {}
    for path in out.glob("*.status"):
        m = re.match(r"(.+)\.(\w+)\.status$", path.name)
        if m:
            found[(m.group(1), m.group(2))] = path.read_text().split()[0]
    return found


def query_counts(out):
    counts = {}
    for path in out.glob("queries-*.txt"):
        if path.name.endswith(".sql.txt"):
            continue
        label = path.stem.removeprefix("queries-")
        for line in path.read_text().splitlines():
            fields = line.split("\t")
            if len(fields) < 4:
                continue
            values = dict(field.split("=", 1) for field in fields[2:] if "=" in field)
            name = QUERY_NAMES.get(fields[0], fields[0])
            counts[(label, name)] = values
    return counts


def fmt(value, digits=1):
    return "–" if value is None or value != value else f"{value:,.{digits}f}"


def cell(summary, status, label, scen):
    if (label, scen) in summary:
        s = summary[(label, scen)]
        note = " ⚠" if s["bad"] or s["err"] else ""
        return [fmt(s["rps"]) + note, fmt(s["p50"], 2), fmt(s["p99"], 2)]
    if (label, scen) in status:
        return [f"HTTP {status[(label, scen)]}", "–", "–"]
    return ["–", "–", "–"]


def ratio(summary, label, scen, wagtail_scen):
    ours, theirs = summary.get((label, scen)), summary.get((WAGTAIL, wagtail_scen)) if wagtail_scen else None
    if not ours or not theirs or not theirs["rps"]:
        return None
    return ours["rps"] / theirs["rps"]


def report(out):
    summary, status, counts = medians(out), statuses(out), query_counts(out)
    has_wagtail = any(label == WAGTAIL for label, _ in summary)
    reps = max((s["n"] for s in summary.values()), default=0)
    lines = [
        f"Run `{out.resolve().name}`: wrk medians of {reps} run(s) per page (req/s; p50 and p99 latency in ms). "
        "× = our req/s over Wagtail's for the same page in the same run.",
        "",
        "| page | Wagtail req/s | p50 | p99 | ours, cache off req/s | p50 | p99 | × Wagtail "
        "| ours, cache on req/s | p50 | p99 | × Wagtail |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scen, (page, wagtail_scen) in PAGES.items():
        wagtail = cell(summary, status, WAGTAIL, wagtail_scen) if wagtail_scen else ["–", "–", "–"]
        off, on = cell(summary, status, OFF, scen), cell(summary, status, ON, scen)
        if off[0] == "–" and on[0] == "–":
            continue
        r_off, r_on = ratio(summary, OFF, scen, wagtail_scen), ratio(summary, ON, scen, wagtail_scen)
        lines.append(
            f"| {page} | {' | '.join(wagtail)} | {' | '.join(off)} | {fmt(r_off, 2) + '×' if r_off else '–'} "
            f"| {' | '.join(on)} | {fmt(r_on, 2) + '×' if r_on else '–'} |"
        )
    troubled = [
        f"{label}.{scen}: {s['bad']} non-2xx/3xx, {s['err']} socket errors"
        for (label, scen), s in sorted(summary.items())
        if s["bad"] or s["err"]
    ]
    if troubled:
        lines += ["", "⚠ errors during the runs: " + "; ".join(troubled)]
    missing = [f"{label} {scen}: HTTP {code} (not measured)" for (label, scen), code in sorted(status.items())]
    if missing:
        lines += ["", "Not measured: " + "; ".join(missing)]

    lines += ["", "**Targets** (issue 5, item 7; anonymous reader, same run):", ""]

    def target(text, value, goal, unit="×", higher=True):
        if value is None:
            return f"- {text}: not measured"
        ok = value >= goal if higher else value < goal
        goal_text = f"{'≥' if higher else '<'} {goal:g}{unit}"
        return f"- {text}: **{fmt(value, 2)}{unit}** (goal {goal_text}) — {'PASS' if ok else 'MISS'}"

    if has_wagtail:
        for text, label, scen, goal in (
            ("article page, page cache off, vs Wagtail's article", OFF, "article", 2.5),
            ("article page, page cache on, vs Wagtail's article", ON, "article", 10),
            ("home page, page cache off, vs Wagtail's news index", OFF, "index", 2.5),
            ("home page, page cache on, vs Wagtail's news index", ON, "index", 2.5),
        ):
            lines.append(target(text, ratio(summary, label, scen, scen), goal))
    else:
        lines.append("- ratios: Wagtail not measured in this run (SKIP_WAGTAIL=1)")
    for text, label in (("page cache off", OFF), ("page cache on", ON)):
        page, api = summary.get((label, "article")), summary.get((label, "api_article"))
        value = api["rps"] / page["rps"] if page and api and page["rps"] else None
        lines.append(target(f"API article vs the article page, {text} (issue 11, item 7)", value, 1.0))
    lines += live_cost(summary)
    lines += issue15_targets(out, summary, has_wagtail, target)
    cached = summary.get((ON, "article"))
    lines.append(
        target(
            "p99 of the cached article page at 16 connections",
            cached["p99"] if cached else None,
            20,
            unit=" ms",
            higher=False,
        )
    )

    if counts:
        lines += [
            "",
            "**SQL queries per request** (test Client + CaptureQueriesContext; cold = 1st request of a "
            "fresh process, warm = 3rd request, what a warm gunicorn worker does):",
            "",
            "| page | ours, cache off: cold / warm | ours, cache on: cold / warm | Wagtail: cold / warm | bytes |",
            "|---|---:|---:|---:|---:|",
        ]
        for scen, (page, wagtail_scen) in PAGES.items():
            off, on = counts.get(("newsroom-nocache", scen)), counts.get(("newsroom-cache", scen))
            wagtail = counts.get(("postgres", wagtail_scen)) if wagtail_scen else None
            if not off and not on:
                continue

            def pair(values):
                if not values:
                    return "–"
                text = f"{values['cold']} / {values['warm']}"
                return text + (f" (HTTP {values['status']})" if "status" in values else "")

            size = (off or on).get("bytes", "–")
            lines.append(f"| {page} | {pair(off)} | {pair(on)} | {pair(wagtail)} | {size} |")
    return "\n".join(lines)


NEWSDAY = "newsroom-newsday"
#: The gunicorn the bench serves with: req/s over this is one request's service time.
WORKERS = 2


def issue15_targets(out, summary, has_wagtail, target):
    """Issue 15's figures: cold lists and feeds, the sitemap, the cached hit, the news day."""
    lines = []
    home = summary.get((OFF, "index"))
    for scen in ("section", "tag", "author", "archive"):
        page = summary.get((OFF, scen))
        if home and page and page["rps"]:
            lines.append(
                target(
                    f"{scen} page, page cache off: its cost over the home page's (issue 15, item 1)",
                    home["rps"] / page["rps"],
                    1.5,
                    higher=False,
                )
            )
    for scen in ("feed", "section_feed"):
        page = summary.get((OFF, scen))
        if page:
            lines.append(target(f"{scen}, page cache off (issue 15, item 1)", page["rps"], 300, unit=" req/s"))
    for scen in ("sitemap_articles", "sitemap", "news_sitemap"):
        page = summary.get((OFF, scen))
        if page and page["rps"]:
            lines.append(
                target(
                    f"{scen}, page cache off: one request's service time ({WORKERS} workers / req/s) "
                    "(issue 15, item 1)",
                    WORKERS / page["rps"],
                    0.3,
                    unit=" s",
                    higher=False,
                )
            )
    if has_wagtail:
        lines.append(
            target(
                "article page, page cache on, vs Wagtail's article (issue 15, item 2)",
                ratio(summary, ON, "article", "article"),
                12,
            )
        )
    tally_path = out / f"{NEWSDAY}.editor.json"
    for scen, name in (("article", "the cached article"), ("index", "the home page"), ("list200", "200 rotating")):
        quiet, busy = summary.get((ON, scen)), summary.get((NEWSDAY, scen))
        if quiet and busy and quiet["rps"]:
            value = busy["rps"] / quiet["rps"]
            text = f"news day, {name}: req/s while an editor works over read-only (issue 15, item 3)"
            if scen == "list200":
                lines.append(f"- {text}: {fmt(value, 2)}× ({fmt(busy['rps'])} req/s, p99 {fmt(busy['p99'], 2)} ms)")
            else:
                lines.append(target(text, value, 0.8))
    if tally_path.exists():
        tally = json.loads(tally_path.read_text())
        saves = tally.get("save_seconds") or [0]
        lines.append(
            target(
                f"news day: stale pages after {tally['saves']} saves and {tally['went_live']} scheduled pieces "
                f"going live, past the app's purge time ({tally.get('stale_at_once', 0)} saves not yet seen by "
                f"the first request, right after the save; a save took {fmt(statistics.median(saves) * 1000, 0)} ms "
                f"median; {len(tally['errors'])} errors)",
                len(tally["stale"]),
                1,
                unit="",
                higher=False,
            )
        )
    return lines


#: A reader following a live page for ten minutes: the page, then a poll every 15 s.
LIVE_POLLS = 40


def live_cost(summary):
    """A live page's cost per reader next to an article's (issue 14): the server
    time one reader takes, from the throughput of two workers (1 / req/s is the
    capacity one request uses)."""
    lines = []
    for text, label in (("page cache off", OFF), ("page cache on", ON)):
        article, page, poll = (summary.get((label, scen)) for scen in ("article", "live", "live_fragment"))
        if not (article and page and poll and article["rps"] and page["rps"] and poll["rps"]):
            continue
        one_article = 1000 / article["rps"]
        reader = 1000 / page["rps"] + LIVE_POLLS * 1000 / poll["rps"]
        lines.append(
            f"- live page, {text}: the page {fmt(page['rps'] / article['rps'], 2)}× the article's req/s; "
            f"a reader following it for 10 minutes (the page + {LIVE_POLLS} polls) uses "
            f"{fmt(reader, 1)} ms of the app against {fmt(one_article, 1)} ms for an article "
            f"({fmt(reader / one_article, 1)}×), before the edge: the shipped nginx keeps the fragment "
            "5 s, so behind it the app sees one poll per 5 s whatever the number of readers"
        )
    return lines


if __name__ == "__main__":
    print(report(Path(sys.argv[1])))
