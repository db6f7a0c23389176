"""Read replicas take the public reads, never the ones that refill a cache.

With ``DATABASE_REPLICA_URL`` set, an anonymous reader's page is read from the
replica, except in the first seconds after the content changed (when a lagging
replica could put the old page back in the cache): then, like everything staff
do and every write, it goes to the primary.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_use_replica = ContextVar("use_replica", default=False)


@contextmanager
def reads_from_replica(enabled=True):
    token = _use_replica.set(enabled and settings.NEWSROOM_USE_REPLICA)
    try:
        yield
    finally:
        _use_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _use_replica.get() else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
