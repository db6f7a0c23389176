"""EXPLAIN (ANALYZE, BUFFERS) of the reader site's list queries on the seeded database.

    DJANGO_SETTINGS_MODULE=newsroom.settings DATABASE_URL=… .venv/bin/python bench/explain.py

    … bench/explain.py [PATH …]     # also every query those pages send, e.g. / /politics/

Shows, for "latest published" (home, feeds, sitemap), a section list and a tag list, the plan
PostgreSQL picks: first the bare queries (``Article.objects.published().latest()[:20]`` and its
``filter(section=…)`` / ``filter(tags=…)``), then the queries the pages really send (the
edition's language, ``for_listing()``'s joins, and the paginator's ``COUNT``), then, for each
PATH given, every query of its 3rd request (page cache off) that reads ``articles_article``.
Each plan ends with a verdict: which indexes it reads, and whether a table is read by a
sequential scan. The tag is the most used one (the longest tag list: the worst case).
"""

import os
import re
import sys
from pathlib import Path

# The project: the copy run.sh serves (NEWSROOM_BENCH_APP), else the tree this file is in.
sys.path.insert(0, os.environ.get("NEWSROOM_BENCH_APP") or str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article, Section  # noqa: E402

PAGE = 20


def verdict(plan):
    scans = re.findall(
        r"(Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan)"
        r"(?: Backward)?(?: using (\S+))? on (\S+)",
        plan,
    )
    seq = sorted({table for kind, _index, table in scans if kind == "Seq Scan"})
    indexes = sorted({index for _kind, index, _table in scans if index})
    bitmap = sorted(set(re.findall(r"Bitmap Index Scan on (\S+)", plan)))
    used = sorted(set(indexes) | set(bitmap))
    lines = []
    if used:
        lines.append("index scans: " + ", ".join(used))
    if seq:
        lines.append("SEQUENTIAL SCAN of: " + ", ".join(seq))
    sort = re.findall(r"(Incremental Sort|Sort)\b.*\n(?:.*\n)*?\s+Sort Method: ([^\n]+)", plan)
    if sort:
        lines.append("sorts: " + "; ".join(f"{kind} ({method.strip()})" for kind, method in sort))
    return lines or ["(no scan found in the plan)"]


def sql_of(function):
    """The SQL (parameters filled in, as PostgreSQL received it) of the one query ``function`` sends."""
    with CaptureQueriesContext(connection) as captured:
        function()
    assert len(captured.captured_queries) == 1, captured.captured_queries
    return captured.captured_queries[0]["sql"]


def show(title, queryset_or_sql):
    print("=" * 100)
    print(title)
    print("-" * 100)
    if isinstance(queryset_or_sql, str):
        shown_sql = queryset_or_sql
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + shown_sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    else:
        shown_sql = str(queryset_or_sql.query)
        plan = queryset_or_sql.explain(analyze=True, buffers=True)
    print("SQL:", shown_sql)
    print()
    print(plan)
    print()
    for line in verdict(plan):
        print("=>", line)
    print()


def main():
    if connection.vendor != "postgresql":
        sys.exit("explain.py needs the PostgreSQL database (DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(cursor.fetchone()[0])
    print(f"articles: {Article.objects.count()}, published now: {Article.objects.published().count()}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
            "('articles_article', 'articles_taggedarticle') ORDER BY tablename, indexname"
        )
        print("indexes:")
        for name, definition in cursor.fetchall():
            print(f"  {name}: {definition}")
    print()

    section = Section.objects.order_by("position", "pk").first()
    tag = Tag.objects.annotate(n=Count("articles_taggedarticle_items")).order_by("-n", "pk").first()
    tagged = Article.objects.filter(tags=tag).count()
    print(
        f"section: {section.slug} ({Article.objects.filter(section=section).count()} articles); "
        f"tag: {tag.name} ({tagged} articles)"
    )
    print()

    published = Article.objects.published()
    show("1. latest published: Article.objects.published().latest()[:20]", published.latest()[:PAGE])
    show(
        "2. section list: Article.objects.published().filter(section=…).latest()[:20]",
        published.filter(section=section).latest()[:PAGE],
    )
    show(
        "3. tag list: Article.objects.published().filter(tags=…).latest()[:20]",
        published.filter(tags=tag).latest()[:PAGE],
    )

    listing = Article.objects.published().filter(language="ko").for_listing()
    show("4. home page as sent: published().filter(language='ko').for_listing().latest()[:20]", listing.latest()[:PAGE])
    show("5. section page as sent", listing.filter(section=section).latest()[:PAGE])
    show("6. tag page as sent", listing.filter(tags=tag).latest()[:PAGE])
    show("7. the home page paginator's COUNT(*)", sql_of(lambda: listing.latest().count()))
    show("8. the section page paginator's COUNT(*)", sql_of(lambda: listing.filter(section=section).count()))
    show("9. the tag page paginator's COUNT(*)", sql_of(lambda: listing.filter(tags=tag).count()))

    client = Client(SERVER_NAME="127.0.0.1")
    for number, path in enumerate(sys.argv[1:], start=10):
        with override_settings(NEWSROOM_PAGE_CACHE=False):
            for _ in range(2):
                client.get(path)
            with CaptureQueriesContext(connection) as captured:
                status = client.get(path).status_code
        queries = [
            q["sql"]
            for q in captured.captured_queries
            if q["sql"].startswith("SELECT") and '"articles_article"' in q["sql"]
        ]
        print(
            f"{number}. {path} (HTTP {status}): {len(captured.captured_queries)} queries, "
            f"{len(queries)} of them read articles_article"
        )
        for index, sql in enumerate(queries, start=1):
            show(f"{number}.{index}. {path}, query {index} of {len(queries)}", sql)


if __name__ == "__main__":
    main()
