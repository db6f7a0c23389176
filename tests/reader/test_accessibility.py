"""Accessibility of the reader's site, checked by axe-core in a real Chromium,
with screenshots at phone and desktop widths, light and dark."""

from pathlib import Path

import pytest
from django.utils import timezone

from articles import services
from tests import factories
from tests.browser import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_problems(page):
    """Serious and critical violations of WCAG 2.x A/AA rules on the page."""
    if not AXE.exists():
        import os

        message = "axe-core is not installed: run `npm ci` in the project folder"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def page(browser):
    """A page that may inject axe-core: the site's Content-Security-Policy
    rightly forbids that script, so this context (only) bypasses it."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(db):
    editor = factories.editor(username="a11y-editor")
    factories.CopyrightNoticeFactory()
    source = factories.SourceFactory(name="Dana Whitfield", role="Northwind AI 대표")
    screenshot_image = factories.make_image(editor, alt_text="게시물 화면", credit="본지DB")
    quote = factories.QuoteFactory(source=source, evidence_image=screenshot_image)
    earlier = factories.make_publishable(editor, headline="앞선 보도: AI 칩 수요")
    services.article_publish(article=earlier, user=editor)
    article = factories.make_publishable(
        editor,
        headline="노스윈드 AI, 새 언어 모델 공개",
        dek="대표 “AI는 전기와 같은 기술”",
        body=(
            "첫 문단입니다. [링크](https://example.org)도 있습니다.\n\n"
            f"[[quote:{quote.pk}]]\n\n[[image:{screenshot_image.pk}]]\n\n"
            "## 소제목\n\n글로벌 레저가 16일 보도했다.\n\n"
            f"[[article:{earlier.pk}]]\n"
        ),
        authors=[factories.AuthorFactory(name="김하늘")],
        tags=["인공지능", "AI"],
    )
    factories.make_citation(article, url="https://ledger.example/16")
    services.article_publish(article=article, user=editor, now=timezone.now())
    return {"article": article}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_article_section_and_search_pages_have_no_serious_accessibility_problems(page, live_server, site, scheme):
    page.emulate_media(color_scheme=scheme)
    article = site["article"]
    pages = {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "search": "/search/?q=노스윈드",
    }
    found = {}
    for name, path in pages.items():
        for width_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(viewport)
            page.goto(f"{live_server.url}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (
                f"{name} scrolls sideways"
            )
            screenshot(page, f"{name}-{width_name}-{scheme}")
            problems = axe_problems(page)
            if problems:
                found[f"{name} {width_name}"] = problems
    assert not found, found


def test_keyboard_users_can_skip_to_the_content_and_see_where_focus_is(page, live_server, site):
    page.goto(f"{live_server.url}{site['article'].get_absolute_url()}")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    focused_outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused_outline != "none"


def test_landmarks_and_every_image_has_alt_text(page, live_server, site):
    page.goto(f"{live_server.url}{site['article'].get_absolute_url()}")
    for selector in ("header[role=banner]", "main#main", "footer[role=contentinfo]", "nav[aria-label]"):
        assert page.locator(selector).count() >= 1, selector
    assert page.locator("img:not([alt])").count() == 0
    assert page.locator("h1").count() == 1
