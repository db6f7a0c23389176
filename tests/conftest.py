import shutil
import time

import pytest
from django.conf import settings

from tests import factories
from tests.factories import sign_in


@pytest.fixture(autouse=True)
def _media_folder(settings, tmp_path):
    """Each test writes its public renditions and its private originals to
    folders of its own (removed afterwards)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media-private"
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Tests that commit (live server, transactional) start with an empty cache:
    its table is not flushed between them like the models' tables are. Every
    test starts with nothing in this process's own tier of the page cache
    (the shared cache a test rolls back does not forget it)."""
    from delivery.pagecache import forget_local

    forget_local()
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.core.cache import cache

        request.getfixturevalue("transactional_db")
        cache.clear()


@pytest.fixture
def english():
    """Messages in English, for tests that read them (the site's default is Korean)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def reporter(db):
    return factories.reporter(username="reporter")


@pytest.fixture
def other_reporter(db):
    return factories.reporter(username="reporter2")


@pytest.fixture
def editor(db):
    return factories.editor(username="editor")


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("admin", "admin@example.org", "pass-word-123")


@pytest.fixture
def reporter_client(client, reporter):
    sign_in(client, reporter)
    return client


@pytest.fixture
def editor_client(client, editor):
    sign_in(client, editor)
    return client


@pytest.fixture
def notice(db):
    return factories.CopyrightNoticeFactory()


@pytest.fixture
def section(db):
    return factories.SectionFactory(name="경제", name_en="Economy", slug="economy")


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the session (Debian's, never a downloaded one)."""
    import os

    from tests.browser import CHROMIUM_ARGS, require_browser

    executable = require_browser()
    # Playwright's sync API runs an event loop in this thread; the tests prepare
    # their data with the ORM in the same thread, which Django would refuse.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    in_flight = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    yield page
    # A request the page sent last (a preview refreshed as the window was resized)
    # may still be running in the live server: flushing the database under it can
    # deadlock on PostgreSQL. Let it answer first (at most ten seconds).
    from tests import inflight

    deadline = time.monotonic() + 10
    while in_flight and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    context.close()
    # …and what the page aborted, which the server finishes anyway.
    while inflight.active() and time.monotonic() < deadline:
        time.sleep(0.05)
    # The site's CSP allows no inline script or style: nothing we serve may need one.
    assert not blocked, blocked


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's, past the second factor an admin must give."""
    from django.test import Client

    return sign_in(Client(), admin_user)
