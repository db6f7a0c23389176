"""A stored link is printed only when it is http(s), whatever the database
holds: an import or a shell can write what the forms refuse."""

import pytest

from articles import services
from articles.models import Citation, CopyrightNotice, Quote, Source
from photos.models import Image
from photos.text import public_url
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"]


@pytest.mark.parametrize("value", [*HOSTILE, "", None, "//evil.example/x", "http://a\nb"])
def test_only_http_addresses_are_printable(value):
    assert public_url(value) == ""


def test_an_http_address_is_printed_as_it_is():
    assert public_url(" https://news.example.org/a?b=c ") == "https://news.example.org/a?b=c"


@pytest.mark.parametrize("hostile", HOSTILE[:2])
def test_no_stored_link_on_the_article_page_or_its_json_ld_runs_script(
    client, editor, notice, hostile, django_capture_on_commit_callbacks
):
    source = factories.SourceFactory(name="김대표", url="https://example.org/kim")
    quote = factories.QuoteFactory(source=source, evidence_url="https://social.example.com/p/1")
    article = factories.make_publishable(editor, body=f"문단.\n\n[[quote:{quote.pk}]]")
    factories.make_citation(article, url="https://ft.example/report")
    services.article_publish(article=article, user=editor)
    before = client.get(article.get_absolute_url()).content.decode()
    assert "https://example.org/kim" in before and "https://ft.example/report" in before  # printed when safe

    # Written behind the forms' back.
    Source.objects.update(url=hostile)
    Quote.objects.update(evidence_url=hostile)
    Citation.objects.update(url=hostile)
    Image.objects.update(source_url=hostile, license_url=hostile)
    CopyrightNotice.objects.update(license_url=hostile)
    article.headline = "다시 그린 기사"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=article, user=editor)  # a new rendering and generation

    page = client.get(article.get_absolute_url()).content.decode()
    assert "다시 그린 기사" in page  # the page was made anew from what the database holds
    assert hostile.lower() not in page.lower()
    assert "김대표" in page  # the name stays, without its link
