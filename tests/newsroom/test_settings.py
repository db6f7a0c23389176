"""Settings come from the environment and say loudly what production lacks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)"
)


def load_settings(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not key.startswith("NEWSROOM_")
    }
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "news.example.org", "NEWSROOM_TRUSTED_PROXIES": "10.0.0.5"}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "NEWSROOM_TRUSTED_PROXIES"])
def test_production_without_a_required_variable_stops_naming_it(missing):
    env = dict(PRODUCTION)
    del env[missing]
    result = load_settings(**env)
    assert result.returncode != 0
    assert f"You must set the {missing} environment variable" in result.stderr


def test_production_starts_with_the_required_variables():
    result = load_settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("proxies", ["*", "0.0.0.0/0", "10.0.0.5,10.0.0.0/8", "nginx.internal"])
def test_production_refuses_a_proxy_trust_wider_than_exact_addresses(proxies):
    result = load_settings(**{**PRODUCTION, "NEWSROOM_TRUSTED_PROXIES": proxies})
    assert result.returncode != 0
    assert "NEWSROOM_TRUSTED_PROXIES must list the proxies' exact IP addresses" in result.stderr


def test_production_refuses_to_run_without_two_factor_for_editors():
    result = load_settings(**{**PRODUCTION, "NEWSROOM_REQUIRE_TWO_FACTOR": "0"})
    assert result.returncode != 0
    assert "NEWSROOM_REQUIRE_TWO_FACTOR cannot be off in production" in result.stderr


def test_make_run_makes_two_factor_optional():
    script = (
        "import django; django.setup(); from django.conf import settings; print(settings.NEWSROOM_REQUIRE_TWO_FACTOR)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("NEWSROOM_")},
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_debug_runs_without_secrets_on_an_embedded_sqlite_database():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_database_url_selects_postgresql():
    result = load_settings(DEBUG="1", DATABASE_URL="postgres://u:p@127.0.0.1:5432/news")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_production_settings_pass_the_deployment_checklist():
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghij",
        ALLOWED_HOSTS="news.example.org",
        SITE_URL="https://news.example.org",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    env.pop("SECURE_HTTPS", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests of this run
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_embedded_sqlite_database_runs_in_wal_mode_with_immediate_transactions(db, tmp_path):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from newsroom import settings as project_settings

    if "sqlite" not in project_settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("DATABASE_URL points elsewhere")
    config = {**project_settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")}
    config.setdefault("TIME_ZONE", None)
    connection = DatabaseWrapper(config, alias="wal-check")
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
        assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    finally:
        connection.close()


def test_postgresql_cluster_is_utf8(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"
