"""The shared cache's backends: the database cache with one statement for many
keys, and a Redis cache that degrades to the database instead of failing
requests."""

import base64
import logging
import pickle
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now

logger = logging.getLogger("newsroom.cache")

#: The calls a cache answers; each is tried on Redis, then on the fallback.
CACHE_METHODS = (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr",
    "set_many", "delete_many", "clear", "get_or_set",
)  # fmt: skip


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache, whose ``set_many`` is one upsert rather than a
    count, a read and a write for each key: a change moves the versions of a few
    dozen pages at once (``delivery.pagecache.new_versions``), on the editor's
    save. PostgreSQL and SQLite both take ``INSERT … ON CONFLICT DO UPDATE``."""

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, key_column, value_column, expires_column = map(quote, (self._table, "cache_key", "value", "expires"))
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        rows = []
        for key, value in data.items():
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            rows += [self.make_and_validate_key(key, version=version), encoded, expires]
        placeholders = ", ".join(["(%s, %s, %s)"] * len(data))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - the table's quoted name, from settings
            count = cursor.fetchone()[0]
            if count + len(data) > self._max_entries:
                self._cull(db, cursor, tz_now().replace(microsecond=0), count)
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) VALUES {placeholders} "  # noqa: S608 - quoted names, every value bound
                f"ON CONFLICT ({key_column}) DO UPDATE SET {value_column} = excluded.{value_column}, "
                f"{expires_column} = excluded.{expires_column}",
                rows,
            )
        return []


class FallbackRedisCache(RedisCache):
    """Django's own Redis backend; while Redis is unreachable, every call goes
    to the fallback cache (``OPTIONS["FALLBACK"]``, the database cache), and
    Redis is tried again after ``RETRY_SECONDS``. A Redis outage slows the site
    a little and breaks nothing."""

    RETRY_SECONDS = 15

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self._fallback_alias = options.pop("FALLBACK", "database")
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0

    def _fallback_call(self, name, *args, **kwargs):
        return getattr(caches[self._fallback_alias], name)(*args, **kwargs)

    def _call(self, name, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return self._fallback_call(name, *args, **kwargs)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except Exception as error:  # redis raises its own ConnectionError/TimeoutError, or OSError
            if type(error).__module__.split(".")[0] not in {"redis", "builtins", "socket"}:
                raise
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            logger.warning("Redis cache unavailable (%s); using the %s cache", error, self._fallback_alias)
            return self._fallback_call(name, *args, **kwargs)


def _delegate(name):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = name
    return method


for _name in CACHE_METHODS:
    setattr(FallbackRedisCache, _name, _delegate(_name))
