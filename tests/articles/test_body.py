"""The body: Markdown, sanitised, with embeds rendered from the live records."""

import pytest
from django.core.exceptions import ValidationError

from articles import services
from articles.body import markdown_to_html, parse_embeds, render_body, validate_embeds
from articles.models import Article, EmbeddedImage, Status
from photos import services as photo_services
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">hi</p>',
    '<svg onload="alert(1)"></svg>',
    '<form action="https://evil.example"><input name="q"></form>',
    "<!-- <script>alert(1)</script> -->",
]


@pytest.mark.parametrize("pasted", HOSTILE)
def test_nothing_a_reporter_pastes_can_run_on_the_page(pasted):
    html = markdown_to_html(f"문단입니다.\n\n{pasted}\n\n끝.")
    lowered = html.lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered
    assert "onerror" not in lowered and "onload" not in lowered and "onclick" not in lowered
    assert "<iframe" not in lowered and "<form" not in lowered and "<svg" not in lowered
    assert "style=" not in lowered


def test_markdown_paragraphs_subheads_lists_and_links_survive():
    html = markdown_to_html("## 소제목\n\n문단 **강조**.\n\n- 하나\n- 둘\n\n[링크](https://example.org)")
    assert "<h2>소제목</h2>" in html
    assert "<strong>강조</strong>" in html
    assert "<li>하나</li>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer"' in html


def test_a_top_level_heading_in_the_body_becomes_a_subhead():
    assert "<h2>제목</h2>" in markdown_to_html("# 제목")
    assert "<h1" not in markdown_to_html("# 제목")


def test_embeds_are_found_only_on_lines_of_their_own():
    body = "문단 [[image:1]] 안에서는 아님\n\n[[image:2]]\n  [[quote:3]]  \n[[article:4]]\n[[image:2]]"
    assert [(e.kind, e.pk) for e in parse_embeds(body)] == [("image", 2), ("quote", 3), ("article", 4)]


def test_an_embed_glued_to_a_paragraph_still_becomes_its_own_block():
    html = markdown_to_html("첫 문단\n[[image:5]]\n둘째 문단")
    assert "<p>[[image:5]]</p>" in html


def test_embed_of_a_missing_image_is_a_validation_error_naming_it():
    errors = validate_embeds("[[image:999999]]")
    assert len(errors) == 1
    assert "999999" in errors[0]


def test_misspelt_embed_is_a_validation_error():
    errors = validate_embeds("[[photo:3]]\n\n[[image: 4]]\n\n[[image:abc]]")
    assert len(errors) == 3


def test_article_form_validation_refuses_missing_embeds(reporter):
    article = Article(headline="x", body="[[quote:424242]]", created_by=reporter)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "424242" in str(error.value.message_dict["body"])


def test_embedded_image_renders_with_its_live_credit(reporter):
    image = factories.make_image(reporter, credit="본지DB", caption="연설하는 대표")
    article = factories.make_article(body=f"첫 문단.\n\n[[image:{image.pk}]]\n\n끝.", language="ko")
    image.credit = "뉴스룸 사진부"
    photo_services.image_save(image=image, user=reporter)
    article = Article.objects.for_detail().get(pk=article.pk)
    html = render_body(article)
    assert "(사진: 뉴스룸 사진부)" in html
    assert "본지DB" not in html
    assert "<picture" in html and "srcset=" in html


def test_embedded_quote_prints_translation_original_and_attribution(reporter):
    source = factories.SourceFactory(name="Dana Whitfield", role="CEO of Northwind AI")
    quote = factories.QuoteFactory(source=source)
    article = factories.make_article(body=f"[[quote:{quote.pk}]]")
    html = render_body(Article.objects.for_detail().get(pk=article.pk))
    assert quote.text in html
    assert 'lang="en"' in html and quote.original_text in html
    assert "Dana Whitfield" in html
    assert '<time datetime="2020-09-24">' in html


def test_embedded_unpublished_article_is_not_shown(reporter):
    hidden = factories.make_article(
        headline="엠바고 기사",
        status=Status.SCHEDULED,
        publish_at=__import__("django").utils.timezone.now() + __import__("datetime").timedelta(days=1),
    )
    article = factories.make_article(body=f"[[article:{hidden.pk}]]")
    html = render_body(Article.objects.for_detail().get(pk=article.pk))
    assert "엠바고" not in html
    assert "[[article" not in html


def test_saving_keeps_embeds_as_relations_in_step_with_the_body(reporter):
    first = factories.make_image(reporter)
    second = factories.make_image(reporter)
    article = factories.make_article(body=f"[[image:{first.pk}]]\n\n[[image:{second.pk}]]")
    assert set(EmbeddedImage.objects.filter(article=article).values_list("image_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    article.body = f"[[image:{second.pk}]]"
    services.article_save(article=article, user=factories.editor(username="e2"))
    assert list(EmbeddedImage.objects.filter(article=article).values_list("image_id", flat=True)) == [second.pk]


def test_embeds_typed_in_a_browser_with_crlf_line_ends_are_found():
    body = "첫 문단\r\n\r\n[[image:3]]\r\n\r\n[[quote:4]]\r\n"
    assert [(e.kind, e.pk) for e in parse_embeds(body)] == [("image", 3), ("quote", 4)]
    assert "<p>[[image:3]]</p>" in markdown_to_html(body)
