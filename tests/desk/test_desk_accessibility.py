"""The desk's pages pass axe-core (no serious or critical WCAG 2.1 A/AA problem) at
1280 and 390 px, with screenshots of each to look at."""

import pytest

from articles import services
from articles.roles import EDITOR, REPORTER
from tests import factories
from tests.articles.test_desk_browser import log_in, make_user
from tests.browser import DESKTOP, screenshot
from tests.reader.test_accessibility import axe_problems

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 390, "height": 844}


@pytest.fixture
def page(browser):
    """A page that may inject axe-core (the desk's CSP rightly forbids that script)."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desk(db):
    reporter = make_user("reporter", REPORTER)
    editor = make_user("editor", EDITOR)
    factories.AuthorFactory(name="김하늘", user=reporter, slug="kim-haneul")
    image = factories.make_image(reporter, alt_text="연단의 대표", credit="본지DB")
    quote = factories.QuoteFactory(source=factories.SourceFactory(name="Dana Whitfield"))
    draft = factories.make_publishable(
        reporter, headline="검토를 기다리는 기사", body=f"첫 문단.\n\n[[image:{image.pk}]]\n\n[[quote:{quote.pk}]]\n"
    )
    services.article_submit_for_review(article=draft, user=reporter)
    returned = factories.make_publishable(reporter, headline="반려된 기사")
    services.article_submit_for_review(article=returned, user=reporter)
    services.article_return_to_reporter(article=returned, user=editor, note="출처를 밝혀 주세요")
    return {"draft": draft, "returned": returned}


PAGES = {
    "reporter": [
        ("my-desk", "/admin/"),
        ("add-form", "/admin/articles/article/add/"),
        ("returned-form", "/admin/articles/article/{returned}/change/"),
        ("photo-library", "/admin/photos/image/"),
    ],
    "editor": [
        ("my-desk", "/admin/"),
        ("article-list", "/admin/articles/article/"),
        ("review-form", "/admin/articles/article/{draft}/change/"),
        ("calendar", "/admin/articles/article/calendar/"),
    ],
}


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_the_desks_pages_have_no_serious_accessibility_problem_at_desktop_and_phone_widths(
    page, live_server, desk, role
):
    log_in(page, live_server.url, role)
    found = {}
    for viewport_name, viewport in (("desktop", DESKTOP), ("phone", NARROW)):
        page.set_viewport_size(viewport)
        for name, path in PAGES[role]:
            page.goto(live_server.url + path.format(draft=desk["draft"].pk, returned=desk["returned"].pk))
            page.wait_for_load_state("networkidle")
            problems = axe_problems(page)
            if problems:
                found[f"{name} at {viewport_name}"] = problems
            screenshot(page, f"desk-{role}-{name}-{viewport_name}")
    assert found == {}


def test_the_editors_dialogs_have_no_serious_accessibility_problem(page, live_server, desk):
    log_in(page, live_server.url, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.wait_for_selector(".desk-prose")
    page.click(".desk-tool >> text=사진")
    page.locator(".desk-picker-option").first.wait_for()
    assert axe_problems(page) == []
    screenshot(page, "desk-photo-picker")
