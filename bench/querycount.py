"""SQL queries per page, counted the way the Wagtail peer counts its own (peer_query_count).

    DJANGO_SETTINGS_MODULE=newsroom.settings DATABASE_URL=… .venv/bin/python bench/querycount.py \
        --pages bench/var/urls/pages.tsv [--sql-out FILE]

Django's test Client + ``CaptureQueriesContext`` in one fresh process, with the settings the
server runs with (``DEBUG`` off, ``NEWSROOM_PAGE_CACHE`` as set): every page is requested 3
times; the 1st is "cold" (empty per-process caches), the 3rd is what a warm gunicorn worker does
during the benchmark (with the page cache on: a hit). Prints one line per page:
``name<TAB>path<TAB>cold=N<TAB>warm=N<TAB>bytes=N`` (and ``status=N`` when not 200).
"""

import argparse
import os
import sys
from pathlib import Path

# The project: the copy run.sh serves (NEWSROOM_BENCH_APP), else the tree this file is in.
sys.path.insert(0, os.environ.get("NEWSROOM_BENCH_APP") or str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", required=True, help="TSV of name and path (seed.py writes pages.tsv)")
    parser.add_argument("--host", default="127.0.0.1", help="the Host header (must be in ALLOWED_HOSTS)")
    parser.add_argument("--sql-out", help="write the SQL of the 1st and 3rd request of every page here")
    args = parser.parse_args()

    pages = [line.rstrip("\n").split("\t", 1) for line in Path(args.pages).read_text().splitlines() if line.strip()]
    client = Client(SERVER_NAME=args.host)
    report, sql = [], []
    for name, path in pages:
        counts = []
        for attempt in range(3):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            counts.append(len(captured.captured_queries))
            if attempt in (0, 2):
                sql.append(f"== {name} {path} request {attempt + 1}: {len(captured.captured_queries)} queries")
                sql += [f"  {query['sql']}" for query in captured.captured_queries]
        line = f"{name}\t{path}\tcold={counts[0]}\twarm={counts[2]}\tbytes={len(response.content)}"
        if response.status_code != 200:
            line += f"\tstatus={response.status_code}"
        report.append(line)
    print("\n".join(report))
    if args.sql_out:
        Path(args.sql_out).write_text("\n".join(sql) + "\n")


if __name__ == "__main__":
    main()
