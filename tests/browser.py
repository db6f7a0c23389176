"""Playwright on Debian's Chromium, for the end-to-end tests.

Never lets Playwright download a browser of its own (that fails here): it drives
``/usr/bin/chromium`` (or ``$CHROMIUM``). Without it the browser tests skip with
the reason, unless ``NEWSROOM_REQUIRE_BROWSER`` is set (as in CI), where they fail.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path():
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def require_browser():
    """Skip (or, in CI, fail) when Chromium or Playwright is missing."""
    path = chromium_path()
    reason = None
    if path is None:
        reason = "Chromium is not installed (apt-get install chromium fonts-nanum)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed"
    if reason:
        skip_or_fail(reason)
    return path


def skip_or_fail(reason):
    """Skip a test that needs a program this machine lacks, but fail in CI
    (NEWSROOM_REQUIRE_BROWSER), where everything must run."""
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
        pytest.fail(f"this test must run here: {reason}")
    pytest.skip(reason)


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
