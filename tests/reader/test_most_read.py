"""The "most read" box: the paper's own counter, counted in the cache, written in
batches, never a "content changed"."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.signals import content_changed
from reader import popular
from reader.models import ReadCount
from tests.reader.test_views import live

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_counters():
    cache.clear()
    yield
    cache.clear()


def read(article, times, at):
    for _ in range(times):
        popular.count_read(article.pk, now=at.timestamp())


def test_a_beacon_counts_one_read_and_nothing_is_written_until_the_bucket_closes(client, notice):
    article = live()
    response = client.post(f"/a/{article.pk}/read/")
    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response
    assert not ReadCount.objects.exists()  # counted in the cache only
    assert popular.flush_reads() == 0  # its bucket is still open
    later = timezone.now() + datetime.timedelta(seconds=popular.BUCKET_SECONDS)
    assert popular.flush_reads(now=later) == 1
    assert ReadCount.objects.get(article=article).reads == 1


def test_the_beacon_takes_only_a_post_and_needs_no_csrf_token(client, notice):
    article = live()
    assert client.get(f"/a/{article.pk}/read/").status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/a/{article.pk}/read/").status_code == 204


def test_flushing_writes_each_read_once_in_a_batch_and_announces_nothing(notice, django_assert_max_num_queries):
    one, two = live(headline="하나"), live(headline="둘")
    start = timezone.now() - datetime.timedelta(minutes=30)
    read(one, 3, start)
    read(two, 2, start)
    read(one, 4, start + datetime.timedelta(minutes=10))
    announced = []
    content_changed.connect(receiver := lambda **kwargs: announced.append(kwargs), weak=False)
    try:
        with django_assert_max_num_queries(30):
            assert popular.flush_reads() == 9
        assert popular.flush_reads() == 0  # nothing twice
    finally:
        content_changed.disconnect(receiver)
    assert announced == []
    totals = {row.article_id: 0 for row in ReadCount.objects.all()}
    for row in ReadCount.objects.all():
        totals[row.article_id] += row.reads
    assert totals == {one.pk: 7, two.pk: 2}


def test_reads_of_ids_that_are_not_recent_articles_are_never_written(notice):
    old = live(publish_at=timezone.now() - datetime.timedelta(days=30))
    past = timezone.now() - datetime.timedelta(minutes=20)
    popular.count_read(old.pk, now=past.timestamp())
    popular.count_read(987654321, now=past.timestamp())
    assert popular.flush_reads() == 0
    assert not ReadCount.objects.exists()


def test_the_box_lists_the_editions_most_read_of_the_last_day(client, notice):
    now = timezone.now()
    first, second, third = (live(headline=f"기사 {n}") for n in "가나다")
    english = live(language="en", headline="English piece")
    hour = now.replace(minute=0, second=0, microsecond=0)
    ReadCount.objects.create(article=first, hour=hour, reads=5)
    ReadCount.objects.create(article=second, hour=hour, reads=9)
    ReadCount.objects.create(article=third, hour=hour - datetime.timedelta(hours=30), reads=100)  # yesterday's news
    ReadCount.objects.create(article=english, hour=hour, reads=50)
    assert popular.most_read("ko") == [second, first]
    assert popular.most_read("en") == [english]
    response = client.get("/most-read/")
    html = response.content.decode()
    assert "많이 본 기사" in html
    assert html.index("기사 나") < html.index("기사 가")
    assert "기사 다" not in html and "English piece" not in html
    assert "public" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert "English piece" in client.get("/en/most-read/").content.decode()


def test_an_unpublished_piece_leaves_the_box(client, notice):
    article = live(headline="내려간 기사")
    ReadCount.objects.create(article=article, hour=timezone.now().replace(minute=0, second=0, microsecond=0), reads=5)
    from articles.models import Article

    Article.objects.filter(pk=article.pk).update(status="draft")
    assert popular.most_read("ko") == []


def test_pages_carry_the_beacon_and_the_box_but_previews_do_not(client, notice):
    article = live()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'data-read-beacon="/a/{article.pk}/read/"' in html
    assert 'data-most-read="/most-read/"' in html
    assert 'data-most-read="/most-read/"' in client.get("/").content.decode()
    english = live(language="en")
    assert 'data-most-read="/en/most-read/"' in client.get(english.get_absolute_url()).content.decode()


def test_another_sites_page_cannot_count_reads(client, notice):
    """A busy page elsewhere could send beacons for its own visitors to push a
    piece into the box: the browser says where the request comes from."""
    article = live()
    now = popular.bucket_of(time.time())

    def counted():
        return sum(cache.get(popular.counter_key(bucket, article.pk)) or 0 for bucket in (now - 1, now, now + 1))

    assert client.post(f"/a/{article.pk}/read/", HTTP_SEC_FETCH_SITE="cross-site").status_code == 204
    assert client.post(f"/a/{article.pk}/read/", HTTP_ORIGIN="https://elsewhere.example").status_code == 204
    assert counted() == 0
    client.post(f"/a/{article.pk}/read/", HTTP_SEC_FETCH_SITE="same-origin")
    client.post(f"/a/{article.pk}/read/", HTTP_ORIGIN="https://news.example.org")
    assert counted() == 2


def test_once_flushed_a_beacon_for_an_id_the_box_cannot_list_adds_nothing(notice):
    old = live(publish_at=timezone.now() - datetime.timedelta(days=30))
    article = live()
    popular.flush_reads()  # keeps the box's candidates
    assert popular.count_read(987654321) is False
    assert popular.count_read(old.pk) is False
    assert popular.count_read(article.pk) is True
    # A piece published since the last flush counts at once.
    breaking = live(headline="속보")
    assert popular.count_read(breaking.pk) is True
