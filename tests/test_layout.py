"""The layout keeps showing the architecture: imports flow one way between the apps.

``photos`` ← ``articles`` ← ``reader``; ``accounts`` (staff accounts and the
audit log) imports no other app and ``articles`` records into it; ``delivery`` reads ``articles`` and
``photos`` through querysets and signals (and ``reader`` may use its memory and
its purge registry, never the reverse); ``articles`` imports neither ``reader``
nor ``delivery``; ``photos`` imports no other app; only ``demo`` itself and the
tests import ``demo``. Walked from the source's own import statements, so a lazy
import inside a function counts as much as one at the top.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = (
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
)

#: app → the project apps it may import (besides itself).
ALLOWED = {
    "photos": set(),
    # Staff accounts stand on Django alone; the rest records into their audit log.
    "accounts": set(),
    "articles": {"photos", "accounts"},
    "reader": {"articles", "photos", "delivery", "newsroom"},
    # The staff's side: the admin and its pages, on top of the domain and the
    # reader's rendering (the live preview is the page readers get).
    "desk": {"articles", "photos", "accounts", "reader", "newsroom"},
    # The content API reads through the domain's querysets and the reader's
    # rules and renderings, and registers its pages with the edge purge.
    "api": {"articles", "photos", "accounts", "reader", "delivery", "newsroom"},
    # Webhooks listen to the domain's changes and deliver them from the queue.
    "webhooks": {"articles", "accounts", "newsroom"},
    # Content in: readers of other systems' files, and a writer through the services.
    "importer": {"articles", "photos"},
    "delivery": {"articles", "photos", "newsroom"},
    "demo": {"articles", "photos"},
    # Plumbing: settings name the apps as strings; the URL conf and the admin
    # site wire the apps' views in; backup knows the moved model labels.
    "newsroom": {"accounts", "articles", "reader", "desk", "api"},
}


def imports_of(path, source=None):
    """Top-level package names a module imports (relative imports resolved)."""
    tree = ast.parse(source if source is not None else path.read_text(), filename=str(path))
    package = path.relative_to(ROOT).parts[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add(package if node.level else (node.module or "").split(".")[0])
    return found


def modules(app):
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted((imports_of(path) & set(APPS)) - ALLOWED[app] - {app})
        for path in modules(app)
    }
    assert {path: names for path, names in wrong.items() if names} == {}


def test_nothing_but_the_demo_and_the_tests_imports_the_demo():
    users = [
        str(path.relative_to(ROOT))
        for app in APPS
        if app != "demo"
        for path in modules(app)
        if "demo" in imports_of(path)
    ]
    users += [str(path.relative_to(ROOT)) for path in (ROOT / "bench").glob("*.py") if "demo" in imports_of(path)]
    assert users == []


def test_the_walker_sees_lazy_and_relative_imports():
    probe = ROOT / "articles" / "services" / "probe.py"
    assert imports_of(probe, "def f():\n    from reader import views\n") == {"reader"}
    assert imports_of(probe, "from ..models import Article\nimport delivery.purge\n") == {"articles", "delivery"}
    assert "reader" not in ALLOWED["articles"] and "delivery" not in ALLOWED["articles"]
