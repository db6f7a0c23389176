"""Fixtures of the reader's tests."""

from urllib.parse import urlsplit

import pytest

from tests.edge import nginx_in_front_of


@pytest.fixture
def edge(live_server, tmp_path, settings):
    """The shipped nginx (deploy/nginx/newsroom.conf) in front of the live server: its address."""
    upstream = urlsplit(live_server.url).netloc
    with nginx_in_front_of(
        upstream, tmp_path, static_root=settings.STATIC_ROOT, media_root=settings.MEDIA_ROOT
    ) as base:
        yield base
