"""Scale-out without state in the app: a replica for public reads, a cache that
survives Redis going away, media on S3-compatible storage."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connections
from django.test.utils import CaptureQueriesContext

from articles import services
from delivery.state import new_generation
from newsroom.cache import FallbackRedisCache
from tests import factories
from tests.factories import sign_in

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.integration]


@pytest.fixture
def replica_on(settings):
    settings.NEWSROOM_USE_REPLICA = True
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 30


def queries_on(alias, client, url):
    with CaptureQueriesContext(connections[alias]) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries if "newsroom_cache" not in query["sql"]]


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_anonymous_pages_read_the_replica_but_a_refill_right_after_a_change_reads_the_primary(
    client, replica_on, settings
):
    editor = factories.editor(username="replica-editor")
    factories.CopyrightNoticeFactory()
    article = factories.make_publishable(editor, headline="복제본 기사")
    services.article_publish(article=article, user=editor)
    new_generation()  # a change just happened: the refill must not trust the replica
    assert queries_on("default", client, article.get_absolute_url())
    assert not queries_on("replica", client, "/")  # the home page refill, too
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 0  # long after the change
    settings.NEWSROOM_PAGE_CACHE = False
    assert queries_on("replica", client, article.get_absolute_url())


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_staff_and_writes_always_use_the_primary(client, replica_on):
    editor = factories.editor(username="replica-editor2")
    sign_in(client, editor)
    assert not queries_on("replica", client, "/admin/articles/article/")


@pytest.mark.django_db
def test_a_redis_outage_degrades_to_the_database_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.FallbackRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"FALLBACK": "database"},
        },
        "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "newsroom_cache"},
    }
    cache = caches["default"]
    assert isinstance(cache, FallbackRedisCache)
    cache.set("greeting", "안녕", 60)
    assert cache.get("greeting") == "안녕"
    assert caches["database"].get("greeting") == "안녕"
    assert cache.get_many(["greeting", "missing"]) == {"greeting": "안녕"}


@pytest.mark.django_db
def test_the_site_keeps_serving_while_the_cache_server_is_down(client, settings, notice):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.FallbackRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"FALLBACK": "database"},
        },
        "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "newsroom_cache"},
    }
    editor = factories.editor(username="cache-editor")
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"  # from the database cache


def test_media_on_s3_compatible_storage_is_configured_from_the_environment_only():
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "1",
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": "newsroom-media",
        "S3_PRIVATE_BUCKET": "newsroom-originals",
        "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "S3_CUSTOM_DOMAIN": "media.news.example.org",
    }
    code = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages, default_storage\n"
        "from photos.models import Image\n"
        "o = Image._meta.get_field('file').storage\n"
        "public = storages['default']\n"
        "print(type(public).__name__, public.bucket_name, default_storage.url('renditions/ab/x.webp'))\n"
        "print(type(o).__name__, o.bucket_name, o.default_acl, o.querystring_auth)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    public, private = result.stdout.splitlines()
    assert public.split()[:2] == ["S3Storage", "newsroom-media"]
    assert public.split()[2] == "https://media.news.example.org/media/renditions/ab/x.webp"
    assert private.split() == ["S3Storage", "newsroom-originals", "private", "True"]
