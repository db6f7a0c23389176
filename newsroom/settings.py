"""Newsroom settings, read from the environment.

Development (``make run``) sets ``DEBUG=1`` and gets an embedded SQLite database
and a throw-away secret key. Production leaves ``DEBUG`` unset and must provide
``SECRET_KEY``, ``ALLOWED_HOSTS``, ``NEWSROOM_TRUSTED_PROXIES`` and (normally)
``DATABASE_URL``; a missing one stops the process with a message naming it, and
so does a weak one (a proxy that is not an exact address, two-factor turned off).
"""

import datetime
import ipaddress
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.devserver import runserver_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_float(name, default):
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(
            f"You must set the {name} environment variable (DEBUG is off, so Newsroom runs with production settings)."
        )
    return value


DEBUG = env_bool("DEBUG")

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", "django-insecure-development-key-not-for-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
else:
    SECRET_KEY = required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS")

# The paper's name on each edition's pages, titles, feeds and og:site_name
# (articles.editions.Edition.site_name): the Korean edition's, and the English's.
SITE_NAME = env("SITE_NAME", "뉴스룸 데일리")
SITE_NAME_EN = env("SITE_NAME_EN", "Newsroom Daily")
# localhost, not 127.0.0.1, under make run: WebAuthn refuses an IP address as
# its relying party, which is the host of SITE_URL (accounts/twofactor.py).
# Under DEBUG with no SITE_URL, the address `manage.py runserver` was started on
# (read here, once, never from a request: newsroom/devserver.py).
SITE_URL = env("SITE_URL") or (DEBUG and runserver_url(sys.argv)) or "http://localhost:8000"
SITE_URL = SITE_URL.rstrip("/")
SITE_LOGO_URL = env("SITE_LOGO_URL", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or (
    [SITE_URL] if urlsplit(SITE_URL).scheme in {"http", "https"} else []
)

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    # The project's apps, each with one job (README, "How the pieces fit"):
    "newsroom",
    "accounts",
    "photos",
    "articles",
    "reader",
    "desk",
    "api",
    "webhooks",
    "importer",
    "delivery",
    "demo",
]

MIDDLEWARE = [
    "newsroom.middleware.TrustedProxyMiddleware",
    "newsroom.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "delivery.state.ContentStateMiddleware",
    "delivery.pagecache.PageCacheMiddleware",
    # Old addresses (an imported archive's permalinks): below the page cache, so a
    # hit passes nothing more; it stores only 200s, never the 301s and 404s made here.
    "reader.redirects.OldAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.audit.AuditContextMiddleware",
    "accounts.sessions.StaffIdleTimeoutMiddleware",
    "accounts.twofactor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Refuses a login from an address over its limit; then axes, which must be last.
    "accounts.throttle.AddressLimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Staff logins resist guessing (accounts/throttle.py): an account is locked for
# an address after NEWSROOM_LOGIN_FAILURE_LIMIT failures in a row from it (only
# there: the editor-in-chief still logs in from the newsroom while someone
# guesses from elsewhere), and an address after NEWSROOM_ADDRESS_FAILURE_LIMIT
# failures on any accounts; both expire by themselves, and an admin can unlock
# an account (Axes → Access attempts).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("NEWSROOM_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # "in a row": a good login clears the count
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lockout ends by itself
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttle.locked_out"
AXES_VERBOSE = False
NEWSROOM_ADDRESS_FAILURE_LIMIT = env_int("NEWSROOM_ADDRESS_FAILURE_LIMIT", 50)

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reader.context_processors.site",
            ],
        },
    },
]

# Database: PostgreSQL in production through DATABASE_URL; an embedded SQLite
# file (WAL journal, IMMEDIATE transactions so writers queue instead of failing)
# when it is unset.
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 600)
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }

# A PostgreSQL read replica, optional: anonymous readers' pages read from it
# (newsroom/routers.py); writes, staff and cache refills use the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
NEWSROOM_USE_REPLICA = bool(DATABASE_REPLICA_URL)
#: How long after a change the pages that refill the cache read the primary.
NEWSROOM_REPLICA_LAG_SECONDS = env_int("NEWSROOM_REPLICA_LAG_SECONDS", 30)
DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Korean is the default and lives at the root of the site; English
# under /en/.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = env("TIME_ZONE", "Asia/Seoul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Public media (renditions that readers may load) and the private originals of
# uploaded photos, which may carry GPS and camera serials and are never served.
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(MEDIA_ROOT.parent / "media-private")))

# Media on the local disk, or on any S3-compatible service (MEDIA_STORAGE=s3):
# renditions public, originals private (signed URLs only, never linked).
MEDIA_STORAGE = env("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    _S3 = {
        "bucket_name": required("S3_BUCKET"),
        "endpoint_url": env("S3_ENDPOINT_URL") or None,
        "region_name": env("S3_REGION") or None,
        "access_key": env("S3_ACCESS_KEY_ID") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
        "file_overwrite": False,
    }
    _MEDIA_STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_S3,
                "location": "media",
                "default_acl": "public-read" if env_bool("S3_PUBLIC_ACL", True) else None,
                "querystring_auth": False,
                "custom_domain": env("S3_CUSTOM_DOMAIN") or None,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
        "originals": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_S3,
                "bucket_name": env("S3_PRIVATE_BUCKET") or _S3["bucket_name"],
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
            },
        },
    }
else:
    _MEDIA_STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "originals": {"BACKEND": "photos.storage.PrivateFileSystemStorage"},
    }

STORAGES = {
    **_MEDIA_STORAGES,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Caches: shared by every process (the database by default; a folder or Redis
# when NEWSROOM_CACHE says so), never one process's memory.
NEWSROOM_CACHE = env("NEWSROOM_CACHE", "db")
_DATABASE_CACHE = {
    "BACKEND": "newsroom.cache.DatabaseCache",
    "LOCATION": "newsroom_cache",
    "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
}
if NEWSROOM_CACHE.startswith(("redis://", "rediss://")):
    # Redis, degrading to the database cache while Redis is down (newsroom/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.FallbackRedisCache",
            "LOCATION": NEWSROOM_CACHE,
            "OPTIONS": {"FALLBACK": "database"},
        },
        "database": _DATABASE_CACHE,
    }
elif NEWSROOM_CACHE.startswith("file:"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": NEWSROOM_CACHE.removeprefix("file:"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
else:
    CACHES = {"default": _DATABASE_CACHE}
# The page cache for anonymous readers (delivery/pagecache.py).
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_ALIAS = "default"
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 300)
# How long each app process replays a page it served lately without asking the
# shared cache whether it changed: a change made elsewhere reaches its readers
# within this time (0: always ask).
NEWSROOM_PAGE_CACHE_LOCAL_SECONDS = env_float("NEWSROOM_PAGE_CACHE_LOCAL_SECONDS", 1.0)
# Whether the request log has a line for each page-cache hit too (the edge's
# access log has every request; a spike is thousands of identical lines a second).
NEWSROOM_LOG_PAGE_CACHE_HITS = env_bool("NEWSROOM_LOG_PAGE_CACHE_HITS", False)
NEWSROOM_BROWSER_CACHE_SECONDS = env_int("NEWSROOM_BROWSER_CACHE_SECONDS", 60)
# The edge caches (nginx) to purge when content changes (delivery/purge.py),
# e.g. "http://127.0.0.1:8080"; each must allow /_purge/ from the app servers.
NEWSROOM_EDGE_PURGE_URLS = env_list("NEWSROOM_EDGE_PURGE_URLS")
# /readyz says what failed only to a request straight from this machine or one
# carrying this token (header X-Readyz-Token); everyone else gets its status code.
NEWSROOM_READYZ_TOKEN = os.environ.get("NEWSROOM_READYZ_TOKEN", "")

# Whether reporters see each other's drafts on the desk (editors always do).
NEWSROOM_REPORTERS_SEE_ALL_DRAFTS = env_bool("NEWSROOM_REPORTERS_SEE_ALL_DRAFTS", False)

# Uploads: the limits the image pipeline enforces before Pillow decodes a file.
NEWSROOM_MAX_UPLOAD_BYTES = env_int("NEWSROOM_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
NEWSROOM_MAX_IMAGE_PIXELS = env_int("NEWSROOM_MAX_IMAGE_PIXELS", 100_000_000)
# What one upload may cost a worker in memory: JPEG decodes at reduced scale and
# reaches the pixel limit well within it; PNG, WebP and GIF are decoded whole, so
# their pixel limit is what fits (photos/uploads.py, bench/upload_memory.py).
NEWSROOM_UPLOAD_MEMORY_MB = env_int("NEWSROOM_UPLOAD_MEMORY_MB", 150)
# How many uploads one worker process decodes at once (the others wait up to
# NEWSROOM_UPLOAD_WAIT_SECONDS, then are told to send again, nothing saved).
NEWSROOM_UPLOADS_AT_ONCE = env_int("NEWSROOM_UPLOADS_AT_ONCE", 1)
NEWSROOM_UPLOAD_WAIT_SECONDS = env_int("NEWSROOM_UPLOAD_WAIT_SECONDS", 30)
# Imports (importer/): the largest export or zip an editor may upload on the
# admin's import page (a larger archive goes through `manage.py import_articles`,
# which reads it from disk), and what a zip may unpack to.
NEWSROOM_IMPORT_MAX_UPLOAD_BYTES = env_int("NEWSROOM_IMPORT_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
NEWSROOM_IMPORT_MAX_UNPACKED_BYTES = env_int("NEWSROOM_IMPORT_MAX_UNPACKED_BYTES", 4 * 1024 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Security. HTTPS settings come from the environment: on in production (the
# default when DEBUG is off), off for `make run`, the bench and local tests.
SECURE_HTTPS = env_bool("SECURE_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE_HTTPS
# Load balancers probe the app server over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HTTPS)
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# The proxies whose X-Forwarded-* headers count (newsroom.middleware.TrustedProxyMiddleware):
# exact addresses, said out loud in production (a wildcard would let any client
# pick its own address past the login throttle and its own host for the caches).
if DEBUG:
    NEWSROOM_TRUSTED_PROXIES = env_list("NEWSROOM_TRUSTED_PROXIES", "127.0.0.1,::1")
else:
    NEWSROOM_TRUSTED_PROXIES = env_list("NEWSROOM_TRUSTED_PROXIES") or required("NEWSROOM_TRUSTED_PROXIES")
for _proxy in NEWSROOM_TRUSTED_PROXIES:
    try:
        ipaddress.ip_address(_proxy)
    except ValueError:
        raise ImproperlyConfigured(
            f"NEWSROOM_TRUSTED_PROXIES must list the proxies' exact IP addresses; {_proxy!r} is not one."
        ) from None

# Two-factor authentication (accounts/twofactor.py): whoever may publish must
# have a second factor. Always in production; optional under make run.
NEWSROOM_REQUIRE_TWO_FACTOR = env_bool("NEWSROOM_REQUIRE_TWO_FACTOR", not DEBUG)
if not DEBUG and not NEWSROOM_REQUIRE_TWO_FACTOR:
    raise ImproperlyConfigured(
        "NEWSROOM_REQUIRE_TWO_FACTOR cannot be off in production: editors' and admins' accounts publish "
        "under the paper's name. Unset it (DEBUG is off, so Newsroom runs with production settings)."
    )
OTP_TOTP_ISSUER = SITE_NAME
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.twofactor.relying_party_id"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "accounts.twofactor.relying_party_name"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"{urlsplit(SITE_URL).scheme}://{urlsplit(SITE_URL).netloc}"]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second factor; the password comes first
# A staff session ends after this long without activity (the desk's autosave
# and preview do not count: accounts/sessions.py).
NEWSROOM_STAFF_IDLE_MINUTES = env_int("NEWSROOM_STAFF_IDLE_MINUTES", 120)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy: no inline scripts anywhere; JSON-LD is a data block,
# which CSP does not execute.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Email (password reset links): SMTP in production, the console under make run.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"newsroom@{urlsplit(SITE_URL).hostname}")
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 3)

# Logs: one JSON line per record on stderr (LOG_FORMAT=text for humans).
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "newsroom.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    # A database outage logs its first error whole, then a short line every few seconds.
    "filters": {"database_outage": {"()": "newsroom.logging.DatabaseOutageFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["database_outage"]}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Every failed login is recorded in the database (Axes → Access attempts); lockouts are warnings.
        "axes": {"level": "WARNING"},
        # Requests are logged once, as JSON, by RequestIdMiddleware.
        "django.server": {"level": "WARNING"},
        "newsroom.request": {"level": env("REQUEST_LOG_LEVEL", "INFO")},
    },
}

TAGGIT_CASE_INSENSITIVE = True

# The content API (api/, issue 11): read-only JSON, anonymous or with a partner
# key (Authorization: Bearer …); never the staff session (no cookies, no CSRF).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.PartnerKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PartnerKeyThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom content API",
    "DESCRIPTION": "Published articles, sections, tags, authors, photos, quotes and corrections, "
    "as the reader's site shows them; IPTC NINJS per article.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_errors"],
}
#: Requests a partner key may make per minute (api/throttling.py); addresses
#: without a key are limited by the edge (deploy/nginx: limit_req on /api/).
NEWSROOM_API_KEY_RATE = env("NEWSROOM_API_KEY_RATE", "600/min")

# Background work (webhook deliveries, desk notification emails) has one home:
# django-tasks, with its database backend and `manage.py db_worker` (make run
# starts one beside the server; deploy/ runs it under systemd).
TASKS = {"default": {"BACKEND": env("NEWSROOM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Webhook deliveries (webhooks/): the first retry after this many seconds,
# doubling, at most this many attempts, then the dead-letter list.
NEWSROOM_WEBHOOK_RETRY_SECONDS = float(env("NEWSROOM_WEBHOOK_RETRY_SECONDS", "30"))
NEWSROOM_WEBHOOK_MAX_ATTEMPTS = env_int("NEWSROOM_WEBHOOK_MAX_ATTEMPTS", 8)
NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = float(env("NEWSROOM_WEBHOOK_TIMEOUT_SECONDS", "10"))
