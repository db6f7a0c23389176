"""The read counter and the most-read box behind the shipped nginx."""

import time
import urllib.request

import pytest
from django.core.cache import cache

from reader import popular
from tests import factories
from tests.edge import fetch

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def beacon(url):
    request = urllib.request.Request(url, method="POST", data=b"", headers={"Host": "news.example.org"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_reader_reloading_in_a_loop_counts_a_few_times_and_the_box_is_kept_at_the_edge(edge):
    cache.clear()
    factories.CopyrightNoticeFactory()
    article = factories.make_publishable(factories.editor(username="edge-reads"))
    statuses = [beacon(f"{edge}/a/{article.pk}/read/") for _ in range(30)]
    assert statuses[:10] == [204] * 10
    assert 429 in statuses
    counted = statuses.count(204)
    now = popular.bucket_of(time.time())  # the run may straddle two buckets
    assert sum(cache.get(popular.counter_key(bucket, article.pk)) or 0 for bucket in (now - 1, now)) == counted
    assert fetch(f"{edge}/")[0] == 200  # pages are not limited by it
    first = fetch(f"{edge}/most-read/")
    second = fetch(f"{edge}/most-read/")
    assert first[0] == second[0] == 200
    assert second[1]["X-Edge-Cache"] == "HIT"
