"""The desk answers in a bounded number of queries whatever the size of the archive:
the same count with a few articles and with many (issue 10, item 10; the times at
100 000 articles are bench/desk.sh's)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from tests import factories
from tests.articles.test_admin import article_form
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")


def many(owner, reporter, count, start):
    section = factories.SectionFactory(slug=f"s{start}")
    for n in range(start, start + count):
        article = factories.make_article(
            owner if n % 2 else reporter, headline=f"반도체 수출 {n}", section=section, tags=[f"태그{n % 3}"]
        )
        if n % 3 == 0:
            services.article_submit_for_review(article=article, user=article.created_by)


def queries(client, method, path, data=None):
    getattr(client, method)(path, data or {})  # warm: the first request fills per-process memories
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, data or {})
    assert response.status_code in (200, 302), (path, response.status_code)
    return len(captured)


def pages(editor_client, reporter_client, article):
    pick = reverse("admin:articles_article_pick", args=["article"])
    autocomplete = reverse("admin:autocomplete")
    related = {"app_label": "articles", "model_name": "article", "field_name": "related_articles", "term": "반도체"}
    calendar = reverse("admin:articles_article_calendar")
    change = reverse("admin:articles_article_change", args=[article.pk])
    preview = reverse("admin:articles_article_live_preview", args=[article.pk])
    return {
        "list (editor)": queries(editor_client, "get", LIST),
        "list (reporter)": queries(reporter_client, "get", LIST),
        "search": queries(editor_client, "get", LIST, {"q": "반도체"}),
        "search by number": queries(editor_client, "get", LIST, {"q": str(article.pk)}),
        "status filter": queries(editor_client, "get", LIST, {"status__exact": "review"}),
        "article picker": queries(reporter_client, "get", pick, {"q": "수출"}),
        "related autocomplete": queries(editor_client, "get", autocomplete, related),
        "calendar": queries(editor_client, "get", calendar),
        "calendar month": queries(editor_client, "get", calendar, {"view": "month"}),
        "change form": queries(reporter_client, "get", change),
        "live preview": queries(reporter_client, "post", preview, article_form(body=article.body, tags="반도체")),
    }


def test_the_desks_pages_cost_the_same_queries_with_ten_times_the_articles(client, reporter, editor):
    from django.test import Client

    editor_client = sign_in(Client(), editor)
    reporter_client = sign_in(client, reporter)
    article = factories.make_article(reporter, headline="반도체 기사", body="첫 문단.\n\n둘째 문단.")
    many(editor, reporter, 3, 0)
    few = pages(editor_client, reporter_client, article)
    many(editor, reporter, 30, 100)
    assert pages(editor_client, reporter_client, article) == few


def test_a_search_by_number_finds_that_article(editor_client, editor):
    article = factories.make_article(editor, headline="번호로 찾는 기사")
    factories.make_article(editor, headline="다른 기사")
    page = editor_client.get(LIST, {"q": str(article.pk)}).content.decode()
    assert "번호로 찾는 기사" in page and "다른 기사" not in page


def test_a_busy_day_on_the_calendar_lists_its_scheduled_pieces_first_and_counts_the_rest(editor_client, editor):
    import datetime

    from django.utils import timezone

    from articles.models import Article, Status

    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    for n in range(14):
        Article.objects.filter(pk=factories.make_article(editor, headline=f"발행 {n}").pk).update(
            status=Status.PUBLISHED, publish_at=noon - datetime.timedelta(minutes=n + 1)
        )
    later = factories.make_article(editor, headline="오후에 나갈 기사")
    Article.objects.filter(pk=later.pk).update(status=Status.SCHEDULED, publish_at=noon + datetime.timedelta(hours=5))
    page = editor_client.get(reverse("admin:articles_article_calendar")).content.decode()
    assert "오후에 나갈 기사" in page
    assert page.count("발행 ") == 11  # twelve a day: the scheduled one, then eleven published
    assert "3" in page.split("nr-cal-more")[1][:400]
