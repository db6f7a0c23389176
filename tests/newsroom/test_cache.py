"""The database cache's ``set_many``: one statement for many keys (a change moves
the versions of a few dozen pages at once, on the editor's save)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_set_many_writes_every_key_in_one_statement_new_or_not():
    cache = caches["default"]
    cache.set("기존", "옛 값", 60)
    with CaptureQueriesContext(connection) as queries:
        cache.set_many({"기존": "새 값", "목록": [1, 2], "없음": None}, 60)
    writes = [query["sql"] for query in queries.captured_queries if query["sql"].startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1
    assert cache.get_many(["기존", "목록", "없음"]) == {"기존": "새 값", "목록": [1, 2], "없음": None}


def test_set_many_keeps_django_s_timeouts():
    cache = caches["default"]
    cache.set_many({"영원히": 1}, None)
    cache.set_many({"벌써": 1}, 0)  # Django's meaning: expired at once
    assert cache.get("영원히") == 1
    assert cache.get("벌써") is None


def test_set_many_makes_room_past_the_cache_s_size(settings):
    cache = caches["default"]
    cache._max_entries, kept = 10, cache._max_entries
    try:
        for start in range(0, 40, 8):
            cache.set_many({f"키{n}": n for n in range(start, start + 8)}, 60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM newsroom_cache")
            assert cursor.fetchone()[0] < 40  # culled as Django culls: a quarter at a time past the size
        assert cache.get("키39") == 39  # the newest are kept
    finally:
        cache._max_entries = kept
