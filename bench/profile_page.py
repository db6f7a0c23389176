"""Where a page's time goes: profile warm requests of one page in one process.

    DJANGO_SETTINGS_MODULE=newsroom.settings DATABASE_URL=… NEWSROOM_PAGE_CACHE=0 \
        .venv/bin/python bench/profile_page.py /some/article/path/ [--requests 200] [--pyinstrument]

Requests the page 3 times to warm the process (templates, translations, connections), then
profiles ``--requests`` more through Django's test Client (the full middleware stack, as
gunicorn runs it, without the HTTP parsing) and prints the functions that take the time, by
own time and by cumulative time (cProfile), plus the SQL time measured separately. With
``--pyinstrument`` (when the package can be imported, e.g. from a separate venv on
PYTHONPATH) it prints pyinstrument's call tree instead.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

# The project: the copy run.sh serves (NEWSROOM_BENCH_APP), else the tree this file is in.
sys.path.insert(0, os.environ.get("NEWSROOM_BENCH_APP") or str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

import logging  # noqa: E402

# One JSON line per request would bury the profile: keep the request log quiet.
logging.getLogger("newsroom.request").setLevel(logging.WARNING)

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--pyinstrument", action="store_true")
    args = parser.parse_args()

    client = Client(SERVER_NAME=args.host)
    for _ in range(3):
        response = client.get(args.path)
        assert response.status_code == 200, (args.path, response.status_code)

    # The SQL share, measured on its own (the capture itself costs a little).
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        for _ in range(20):
            client.get(args.path)
        per_request = (time.perf_counter() - started) / 20
    sql_seconds = sum(float(query["time"]) for query in captured.captured_queries) / 20
    print(f"page: {args.path}  ({len(response.content)} bytes)")
    print(
        f"per request (test client, one process): {per_request * 1000:.1f} ms, "
        f"of which SQL {sql_seconds * 1000:.1f} ms in {len(captured.captured_queries) // 20} queries "
        "(time as seen by the database driver)"
    )
    print()

    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.requests):
            client.get(args.path)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return

    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for _ in range(args.requests):
        client.get(args.path)
    profile.disable()
    elapsed = time.perf_counter() - started
    print(
        f"cProfile: {args.requests} requests in {elapsed:.2f} s "
        f"({elapsed / args.requests * 1000:.1f} ms each under the profiler)"
    )
    for order in ("tottime", "cumulative"):
        buffer = io.StringIO()
        stats = pstats.Stats(profile, stream=buffer).strip_dirs().sort_stats(order)
        stats.print_stats(args.top)
        text = buffer.getvalue()
        print(f"---- top {args.top} by {order} ----")
        print(text[text.find("   ncalls") :].rstrip())
        print()


if __name__ == "__main__":
    main()
