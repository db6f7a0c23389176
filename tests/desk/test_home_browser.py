"""In a real Chromium: a reporter logs in, lands on My desk, reads what the
editor returned and marks it read — with nothing the CSP blocks (the ``page``
fixture fails the test on any Content-Security-Policy message)."""

import pytest

from articles import services
from tests import factories
from tests.browser import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reporter_lands_on_their_desk_and_marks_the_editors_return_read(page, live_server):
    reporter = factories.reporter(username="kim")
    editor = factories.editor(username="park", first_name="편집", last_name="박")
    factories.CopyrightNoticeFactory()
    article = factories.make_publishable(reporter, headline="돌려받은 반도체 기사")
    services.article_submit_for_review(article=article, user=reporter)
    services.article_return_to_reporter(article=article, user=editor, note="출처를 하나 더 다세요")

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "kim")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    notifications = page.locator("#notifications")
    assert "출처를 하나 더 다세요" in notifications.inner_text()
    assert "박편집" in page.locator("#returned").inner_text()
    assert page.locator("#user-tools a[href='/admin/#notifications']").count() == 1
    page.set_viewport_size(DESKTOP)
    screenshot(page, "desk-home-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "desk-home-phone")

    notifications.locator("form.desk-inline-form button").click()
    page.wait_for_url(f"{live_server.url}/admin/#notifications")
    assert "출처를 하나 더 다세요" not in page.locator("#notifications").inner_text()
    assert page.locator("#user-tools a[href='/admin/#notifications']").count() == 0
    assert "출처를 하나 더 다세요" in page.locator("#returned").inner_text()  # still returned, only read
