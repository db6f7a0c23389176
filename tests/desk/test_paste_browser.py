"""Pasting into the body editor from Word, Hancom Office, Google Docs and web pages.

Whatever the source, the body receives the stored format: Markdown with the
structure the reporter meant (subheads, bold and italic, lists, links) and
none of the source's dress (styles, fonts, classes, list bullets drawn as
text, tracking parameters, redirect wrappers, scripts, images).

Each ``paste/<source>.html`` is clipboard HTML written by hand from the markup
the source is documented to put on the clipboard (see ``paste/README.md``);
``paste/<source>.md`` beside it is the body the textarea must hold after that
HTML is pasted into an empty body. The paste is a synthetic ``paste`` event
carrying a DataTransfer, which is what ProseMirror reads a real paste from.
"""

import re
from html import unescape
from pathlib import Path

import pytest

from articles.body import markdown_to_html
from articles.roles import REPORTER
from tests.articles.test_desk_browser import log_in, make_user

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).resolve().parent / "paste"

#: Dispatches a paste of ``html`` (and its text, as a browser offers both) at the editor.
PASTE = """([html, text]) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", text);
    const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector(".desk-prose").dispatchEvent(event);
    return { body: document.getElementById("id_body").value, handled: event.defaultPrevented };
}"""

#: What the rendered body must still say, per source: the structure that survived the paste.
KEPT = {
    "word": [
        "<h2>섬마을 도서관, 주말마다 문을 연다</h2>",
        "<strong>주민이 직접 운영하는 도서관</strong>",
        "<em>반가운 일</em>",
        "<ul>\n<li>토요일과 일요일 오후에만 연다</li>",
        "<ol>\n<li>난방비 지원</li>",
        '<a href="https://www.example.go.kr/library/notice/2041" rel="noopener noreferrer">군청 누리집</a>',
    ],
    "word_nested_list": [
        "<ol>\n<li>사전투표<ol>\n<li>금요일</li>",
        "<ul>\n<li>오전 6시부터 <strong>18시까지</strong></li>",
        '<ol start="3">\n<li>결과 발표</li>',
    ],
    "word_2003": [
        "<ul>\n<li>물통</li>\n<li>모자</li>\n</ul>",
        "<ol>\n<li>집합은 오전 아홉 시</li>",
    ],
    "hwp": [
        "<strong>초등학생 그림 공모전</strong>",
        "<em>우리 동네의 봄</em>",
        '<a href="https://art.example.org/contest/2025" rel="noopener noreferrer">',
    ],
    "google_docs": [
        "<h2>강물이 맑아졌다</h2>",
        "<h3>주민들이 한 일</h3>",
        "<strong>올해 수질 검사에서 1급수</strong>",
        "<em>“아이들이 다시 물가에서 논다”</em>",
        "<li>쓰레기 줍기<ul>\n<li>매달 첫째 토요일</li>",
        '<a href="https://www.example.org/reports/river-2025?page=2" rel="noopener noreferrer">하천 조사 보고서</a>',
    ],
    "web_page": [
        "<h2>골목 상권, 다시 불 켜지다</h2>",
        "<strong>매달 마지막 금요일</strong>",
        "<em>야시장</em>",
        "<li>중고 물품 <strong>나눔</strong></li>",
        '<a href="https://news.example.com/local/2025/03/alley-market" rel="noopener noreferrer">지난 기사</a>',
        '<a href="https://city.example.go.kr/market/night?lang=ko" rel="noopener noreferrer">시청 안내</a>',
    ],
    "link_only": [
        '<a href="https://news.example.com/society/2025/04/18/bus-route" rel="noopener noreferrer">',
    ],
}

#: The source's dress, which must not reach the body (as markup, or as text from a
#: <style> or <script> that leaked through).
DRESS = re.compile(
    r"style=|class=|font-family|font-size|mso-|MsoNormal|HStyle|함초롬|맑은 고딕|Arial|<span|<o:p|StartFragment"
    r"|utm_|fbclid|gclid|igshid|google\.com/url|l\.facebook\.com|docs-internal|dataLayer|javascript:|<img|\.jpg"
    r"|가상일보 자료사진|&nbsp;|\u00a0"
)


def open_new_article(page, base):
    make_user("reporter", REPORTER)
    log_in(page, base, "reporter")
    page.goto(f"{base}/admin/articles/article/add/")
    page.click(".desk-prose")


def plain_text(html):
    """Near enough the text/plain a source puts beside its HTML (ProseMirror reads the HTML)."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())


def paste(page, html):
    """The body after pasting ``html`` where the cursor is."""
    result = page.evaluate(PASTE, [html, plain_text(html)])
    assert result["handled"], "the editor did not take the paste"
    return result["body"]


@pytest.mark.parametrize("source", sorted(KEPT))
def test_a_paste_from_each_source_arrives_as_the_body_format(page, live_server, source):
    open_new_article(page, live_server.url)

    body = paste(page, (FIXTURES / f"{source}.html").read_text(encoding="utf-8"))

    assert body == (FIXTURES / f"{source}.md").read_text(encoding="utf-8")
    html = markdown_to_html(body)
    for kept in KEPT[source]:
        assert kept in html
    assert not DRESS.search(body), DRESS.search(body)
    assert not DRESS.search(html), DRESS.search(html)


def test_a_web_pages_tracking_link_is_cleaned_and_a_script_link_keeps_only_its_text(page, live_server):
    open_new_article(page, live_server.url)
    wrapped = (
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fnews.example.com%2Fa%3Futm_source%3Dx"
        "%26utm_medium%3Dy%26fbclid%3DIwAR2xYz%26id%3D7&amp;h=AT3kLm"
    )
    html = (
        "<meta charset='utf-8'><p style=\"color: rgb(34, 34, 34);\">"
        f'<a href="{wrapped}" style="color: rgb(0, 87, 184);">원문 기사</a>를 보면 '
        '<a href="javascript:alert(document.cookie)">공유하기</a>, '
        '<a href=" JavaScript:alert(1)">인쇄</a>, '
        '<a href="java&#9;script:alert(2)">스크랩</a> 단추가 있다.</p>'
    )

    body = paste(page, html)

    assert body == "[원문 기사](https://news.example.com/a?id=7)를 보면 공유하기, 인쇄, 스크랩 단추가 있다.\n"
    assert '<a href="https://news.example.com/a?id=7" rel="noopener noreferrer">원문 기사</a>' in markdown_to_html(body)


def test_what_is_copied_inside_the_body_pastes_back_with_its_embeds_lists_and_links(page, live_server):
    open_new_article(page, live_server.url)
    body = (
        "첫 문단에 [링크](https://example.org/a)와 **굵은 글씨**가 있다.\n\n"
        "[[image:42]]\n\n"
        "## 소제목\n\n"
        "- 하나\n"
        "    - 둘\n\n"
        "[[quote:7]]\n"
    )
    copied = page.evaluate(
        """(markdown) => {
            const editor = window.NewsroomDesk.article.editor;
            editor.setMarkdown(markdown);
            const doc = editor.view.state.doc;
            const html = editor.view.serializeForClipboard(doc.slice(0, doc.content.size)).dom.innerHTML;
            editor.setMarkdown("");
            return html;
        }""",
        body,
    )
    assert 'data-embed-kind="image"' in copied  # what ProseMirror puts on the clipboard

    assert paste(page, copied) == body
