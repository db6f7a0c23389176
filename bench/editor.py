"""An editor at work while readers read (issue 15, item 3): the "news day" scenario.

Every ``--save-every`` seconds (10) it saves a published article through the
services, as the desk does (a new last paragraph), picking in turn from the 200
articles the rotating scenario reads; every ``--schedule-every`` seconds (60) it
schedules a copy of a published piece to go live at the next whole minute. After
each save it asks the app for the article's page at once (and again after the
app's purge time, ``NEWSROOM_PAGE_CACHE_LOCAL_SECONDS``, if another worker still
had the page in its memory), and after each go-live for the home page that long
after the minute: a page that does not show the change then is counted stale.
It runs until ``--duration`` seconds pass or it is stopped (SIGTERM), then
writes its tally as JSON to ``--out``.

    bench/editor.py --base http://127.0.0.1:8002 --urls bench/var/urls/urls.txt --out editor.json

Run with the bench's environment (``bench/var/env.sh``), in the served copy.
"""

import argparse
import datetime
import json
import random
import signal
import sys
import time
import urllib.request
from pathlib import Path

import django

sys.path.insert(0, str(Path.cwd()))
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles import services  # noqa: E402
from articles.models import Article  # noqa: E402

stop = False


def stopping(*_):
    global stop
    stop = True


def fetch(base, path):
    started = time.monotonic()
    with urllib.request.urlopen(base + path, timeout=30) as response:
        body = response.read().decode()
        return body, response.headers.get("X-Page-Cache", ""), time.monotonic() - started


def article_ids(urls_file):
    ids = []
    for line in Path(urls_file).read_text().split():
        parts = line.strip("/").split("/")
        if len(parts) >= 2 and parts[1].isdigit():
            ids.append(int(parts[1]))
    return ids


def save_one(editor, pk, count, base, tally):
    article = Article.objects.get(pk=pk)
    marker = f"편집 {count} ({timezone.now():%H:%M:%S})"
    article.body = article.body.rsplit("\n\n(편집 ", 1)[0] + f"\n\n({marker})"
    started = time.monotonic()
    services.article_save(article=article, user=editor, expected_version=article.version)
    tally["save_seconds"].append(round(time.monotonic() - started, 4))
    tally["saves"] += 1
    body, cache, _ = fetch(base, article.get_absolute_url())
    if marker in body:
        return
    # Another worker may replay what it served within its local time (the app's purge time).
    tally["stale_at_once"] += 1
    time.sleep(settings.NEWSROOM_PAGE_CACHE_LOCAL_SECONDS + 0.1)
    body, cache, _ = fetch(base, article.get_absolute_url())
    if marker not in body:
        tally["stale"].append({"page": article.get_absolute_url(), "change": marker, "cache": cache})


def schedule_one(editor, count, tally):
    source = Article.objects.published().filter(language="ko").order_by("-publish_at")[count % 50]
    piece = Article(
        headline=f"예약 기사 {count} {timezone.now():%H%M%S}",
        dek=source.dek,
        body=source.body,
        section=source.section,
        lead_image=source.lead_image,
        copyright_notice=source.copyright_notice,
        language="ko",
    )
    services.article_save(article=piece, user=editor, bylines=list(source.authors.all()))
    now = timezone.now()
    at = (now + datetime.timedelta(minutes=1)).replace(second=0, microsecond=0)
    services.article_schedule(article=piece, user=editor, publish_at=at)
    tally["created"].append(piece.pk)
    return piece.headline, at


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--urls", required=True, help="the rotating scenario's URL file (paths of articles)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--duration", type=float, default=3600)
    parser.add_argument("--save-every", type=float, default=10)
    parser.add_argument("--schedule-every", type=float, default=60)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stopping)
    signal.signal(signal.SIGINT, stopping)

    editor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    ids = article_ids(args.urls)
    random.Random(15).shuffle(ids)
    tally = {
        "saves": 0,
        "save_seconds": [],
        "scheduled": 0,
        "went_live": 0,
        "stale_at_once": 0,
        "stale": [],
        "errors": [],
        "created": [],
    }
    started = time.monotonic()
    next_save = started
    next_schedule = started
    waiting = []  # (headline, go-live moment) of scheduled pieces not yet checked
    saves = 0
    while not stop and time.monotonic() - started < args.duration:
        now = time.monotonic()
        try:
            if now >= next_save:
                save_one(editor, ids[saves % len(ids)], saves, args.base, tally)
                saves += 1
                next_save += args.save_every
            if now >= next_schedule:
                waiting.append(schedule_one(editor, tally["scheduled"], tally))
                tally["scheduled"] += 1
                next_schedule += args.schedule_every
            for headline, at in list(waiting):
                if timezone.now() >= at + datetime.timedelta(seconds=settings.NEWSROOM_PAGE_CACHE_LOCAL_SECONDS + 0.1):
                    waiting.remove((headline, at))
                    body, cache, _ = fetch(args.base, "/")
                    tally["went_live"] += 1
                    if headline not in body:
                        tally["stale"].append({"page": "/", "change": f"{headline} live at {at:%H:%M}", "cache": cache})
        except Exception as error:  # a failed save is reported, the scenario goes on
            tally["errors"].append(f"{type(error).__name__}: {error}")
        time.sleep(0.2)
    tally["seconds"] = round(time.monotonic() - started, 1)
    # The bench database keeps its N articles: the pieces made here go again.
    services.articles_delete(articles=Article.objects.filter(pk__in=tally["created"]), user=editor)
    Path(args.out).write_text(json.dumps(tally, ensure_ascii=False, indent=1))
    print(
        f"editor: {tally['saves']} saves, {tally['went_live']} scheduled pieces live, "
        f"{len(tally['stale'])} stale pages, {len(tally['errors'])} errors"
    )


if __name__ == "__main__":
    main()
