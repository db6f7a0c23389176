"""Test settings: the project's settings with a fast hasher, temporary media
folders and plain static storage. DATABASE_URL picks PostgreSQL, as in production."""

import os
import tempfile

os.environ.setdefault("DEBUG", "")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1,news.example.org")
os.environ.setdefault("SECURE_HTTPS", "0")
os.environ.setdefault("SITE_URL", "https://news.example.org")
os.environ.setdefault("SITE_NAME", "뉴스룸 데일리")
os.environ.setdefault("NEWSROOM_TRUSTED_PROXIES", "127.0.0.1,::1")

_media = tempfile.mkdtemp(prefix="newsroom-test-media-")
os.environ.setdefault("MEDIA_ROOT", os.path.join(_media, "public"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", os.path.join(_media, "private"))
os.environ.setdefault("STATIC_ROOT", os.path.join(_media, "static"))
os.makedirs(os.environ["STATIC_ROOT"], exist_ok=True)

from newsroom.settings import *  # noqa: E402,F403
from newsroom.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: shared-cache memory databases lock whole tables and
    # ignore the busy timeout, so concurrency tests would not show what WAL does.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(_media, "test.sqlite3")}  # noqa: F405

# A replica alias mirroring the primary, so the read-replica router can be
# tested (tests turn NEWSROOM_USE_REPLICA on where they need it).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

# Background tasks run at once in tests (one integration test runs a real
# worker against the database backend: tests/webhooks/test_worker.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Which requests the live server is still working on: browser tests wait for
# none before their database is flushed (tests/inflight.py).
MIDDLEWARE = ["tests.inflight.InFlightMiddleware", *MIDDLEWARE]  # noqa: F405
