"""``Article.objects.published()`` is the one rule of what readers may see."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Status
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
PAST = NOW - datetime.timedelta(hours=1)
FUTURE = NOW + datetime.timedelta(hours=1)

MATRIX = [
    (Status.DRAFT, None, False),
    (Status.DRAFT, PAST, False),
    (Status.REVIEW, PAST, False),
    (Status.SCHEDULED, PAST, True),  # its minute has come: live without any worker
    (Status.SCHEDULED, FUTURE, False),
    (Status.PUBLISHED, PAST, True),
    (Status.PUBLISHED, FUTURE, False),
    (Status.UNPUBLISHED, PAST, False),
    (Status.UNPUBLISHED, FUTURE, False),
]


@pytest.mark.parametrize(("status", "publish_at", "visible"), MATRIX)
def test_published_matches_every_status_and_time(status, publish_at, visible):
    article = factories.make_article(status=status, publish_at=publish_at)
    assert (article in Article.objects.published(now=NOW)) is visible
    assert article.is_published(now=NOW) is visible


def test_scheduled_article_appears_at_its_minute_not_a_second_before():
    minute = datetime.datetime(2026, 3, 1, 0, 0, tzinfo=datetime.UTC)  # 09:00 in Seoul
    article = factories.make_article(status=Status.SCHEDULED, publish_at=minute)
    one_second_before = minute - datetime.timedelta(seconds=1)
    assert not Article.objects.published(now=one_second_before).filter(pk=article.pk).exists()
    assert not article.is_published(now=one_second_before)
    assert Article.objects.published(now=minute).filter(pk=article.pk).exists()
    assert article.is_published(now=minute)


def test_expired_article_leaves_at_its_expiry_minute():
    article = factories.make_article(status=Status.PUBLISHED, publish_at=PAST)
    Article.objects.filter(pk=article.pk).update(expire_at=NOW)
    article.refresh_from_db()
    just_before = NOW - datetime.timedelta(seconds=1)
    assert Article.objects.published(now=just_before).filter(pk=article.pk).exists()
    assert article.is_published(now=just_before)
    assert not Article.objects.published(now=NOW).filter(pk=article.pk).exists()
    assert not article.is_published(now=NOW)


def test_published_uses_the_current_time_by_default():
    live = factories.make_article(status=Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(minutes=1))
    future = factories.make_article(status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(minutes=5))
    published = set(Article.objects.published())
    assert live in published
    assert future not in published


def test_due_for_publication_lists_scheduled_articles_whose_time_has_come():
    due = factories.make_article(status=Status.SCHEDULED, publish_at=PAST)
    factories.make_article(status=Status.SCHEDULED, publish_at=FUTURE)
    factories.make_article(status=Status.PUBLISHED, publish_at=PAST)
    assert list(Article.objects.due_for_publication(now=NOW)) == [due]


def test_state_querysets_select_by_status():
    draft = factories.make_article()
    review = factories.make_article(status=Status.REVIEW)
    scheduled = factories.make_article(status=Status.SCHEDULED, publish_at=FUTURE)
    assert list(Article.objects.drafts()) == [draft]
    assert list(Article.objects.in_review()) == [review]
    assert list(Article.objects.scheduled()) == [scheduled]


def test_latest_orders_by_publication_time_newest_first():
    older = factories.make_article(status=Status.PUBLISHED, publish_at=PAST - datetime.timedelta(days=1))
    newer = factories.make_article(status=Status.PUBLISHED, publish_at=PAST)
    assert list(Article.objects.published(now=NOW).latest()) == [newer, older]


def test_the_database_refuses_a_public_article_without_a_publication_time():
    from django.db import IntegrityError, transaction

    article = factories.make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED, publish_at=None)


EXPIRY_MATRIX = [
    (None, True),
    (NOW - datetime.timedelta(seconds=1), False),
    (NOW, False),  # gone at its minute
    (NOW + datetime.timedelta(seconds=1), True),
]


@pytest.mark.parametrize(("expire_at", "visible"), EXPIRY_MATRIX)
def test_published_leaves_out_what_has_expired(expire_at, visible):
    article = factories.make_article(status=Status.PUBLISHED, publish_at=PAST)
    Article.objects.filter(pk=article.pk).update(expire_at=expire_at)
    assert Article.objects.published(now=NOW).filter(pk=article.pk).exists() is visible


def test_the_next_visibility_change_is_the_next_publication_or_expiry_of_a_public_article():
    soon = NOW + datetime.timedelta(minutes=10)
    later = NOW + datetime.timedelta(minutes=20)
    factories.make_article(status=Status.SCHEDULED, publish_at=later)
    live = factories.make_article(status=Status.PUBLISHED, publish_at=PAST)
    assert Article.objects.next_visibility_change(NOW) == later
    Article.objects.filter(pk=live.pk).update(expire_at=soon)
    assert Article.objects.next_visibility_change(NOW) == soon
    # A draft's time or an expiry already past changes nothing for readers.
    factories.make_article(status=Status.DRAFT, publish_at=NOW + datetime.timedelta(minutes=1))
    assert Article.objects.next_visibility_change(NOW) == soon
    assert Article.objects.filter(pk=live.pk).next_visibility_change(soon) is None


def test_an_edition_holds_only_its_own_articles():
    korean = factories.make_article(language="ko")
    english = factories.make_article(language="en", headline="An English piece")
    assert list(Article.objects.in_edition("en")) == [english]
    from articles.editions import KOREAN

    assert list(Article.objects.in_edition(KOREAN)) == [korean]
