import shutil

import pytest
from django.conf import settings

from tests import factories


@pytest.fixture(autouse=True)
def _media_folder(settings, tmp_path):
    """Each test writes its public media (renditions) to a folder of its own.
    Originals go to the private folder the test settings made for the run."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)


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
    client.force_login(reporter)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def notice(db):
    return factories.CopyrightNoticeFactory()


@pytest.fixture
def section(db):
    return factories.SectionFactory(name="경제", name_en="Economy", slug="economy")


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"
