"""``bench/seed.py`` makes its articles through the services, as the desk does:
each one validated, with its revision, its embeds, tags and bylines, published
at its time, and the URL files the benchmark loads."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

INSPECT = """
import json, django
django.setup()
from articles.models import Article, ArticleEvent, EmbeddedImage, EmbeddedQuote, Revision
live = Article.objects.published()
print(json.dumps({
    "articles": Article.objects.count(),
    "live": live.count(),
    "with_revision": live.filter(revisions__isnull=False).distinct().count(),
    "with_event": ArticleEvent.objects.filter(to_status="published").values("article").distinct().count(),
    "with_tags": live.filter(tags__isnull=False).distinct().count(),
    "with_byline": live.filter(authorships__isnull=False).distinct().count(),
    "embedded_images": EmbeddedImage.objects.count(),
    "embedded_quotes": EmbeddedQuote.objects.count(),
    "first_published": live.filter(first_published_at__isnull=False).count(),
    "body_html": live.exclude(body_html="").count(),
}))
"""

pytestmark = [pytest.mark.slow]


def test_the_bench_seeds_through_the_services(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="1",
        SQLITE_PATH=str(tmp_path / "bench.sqlite3"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
    )

    def run(*arguments):
        done = subprocess.run(
            [sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    run("manage.py", "migrate", "--no-input", "-v0")
    run("manage.py", "createcachetable")
    urls = tmp_path / "urls"
    run("bench/seed.py", "--articles", "6", "--images", "2", "--tags", "12", "--batch", "4", "--out-dir", str(urls))

    counts = json.loads(run("-c", INSPECT).strip().splitlines()[-1])
    assert counts == {
        "articles": 6,
        "live": 6,
        "with_revision": 6,
        "with_event": 6,
        "with_tags": 6,
        "with_byline": 6,
        "embedded_images": 12,  # two photos in each body
        "embedded_quotes": 6,
        "first_published": 6,
        "body_html": 6,
    }
    pages = dict(line.split("\t") for line in (urls / "pages.tsv").read_text().splitlines())
    assert set(pages) == {
        "article",
        "home",
        "section",
        "search",
        "feed",
        "sitemap",
        "sitemap_articles",
        "api_article",
        "api_list",
        "live",
        "live_fragment",
        # The other lists and feeds a change touches (issue 15).
        "tag",
        "author",
        "archive",
        "section_feed",
        "news_sitemap",
    }
    assert pages["tag"].startswith("/tag/") and pages["author"].startswith("/author/")
    # One of the articles is a live page, measured on its own (not among the rotating ones).
    assert pages["live_fragment"].startswith("/live/")
    assert pages["live"] not in (urls / "urls.txt").read_text().split()
    assert len((urls / "urls.txt").read_text().split()) == 5
    # A second run with the same N changes nothing and only rewrites the URL files.
    assert "already present" in run("bench/seed.py", "--articles", "6", "--images", "2", "--out-dir", str(urls))
