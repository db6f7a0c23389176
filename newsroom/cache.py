"""A Redis cache that degrades to the database instead of failing requests."""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("newsroom.cache")

#: The calls a cache answers; each is tried on Redis, then on the fallback.
CACHE_METHODS = (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr",
    "set_many", "delete_many", "clear", "get_or_set",
)  # fmt: skip


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
