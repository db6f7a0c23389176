"""Headlines, names and captions are saved without invisible formatting
characters: a bidirectional override or a zero-width space cannot make a
headline read other than it is, or hide a name from search."""

import pytest
from taggit.models import Tag

from articles import services
from articles.models import Article, Author, Section, Source
from photos.text import strip_invisible
from tests import factories
from tests.articles.test_admin import article_form, change_url

pytestmark = pytest.mark.django_db

RLO, ZWSP, BOM, LRI, PDI = "\u202e", "\u200b", "\ufeff", "\u2066", "\u2069"


def test_the_rule_keeps_joiners_that_emoji_and_scripts_need():
    assert strip_invisible(f"a{RLO}b{ZWSP}c{BOM}d{LRI}e{PDI}") == "abcde"
    family = "👨\u200d👩\u200d👧"
    assert strip_invisible(family) == family
    assert strip_invisible(None) is None


def test_an_article_saved_from_anywhere_keeps_no_invisible_characters(editor):
    article = factories.make_article(
        editor,
        headline=f"정부{ZWSP} 발표{RLO}gnp.exe",
        dek=f"{BOM}요약",
        lead_image_caption=f"사진{LRI}설명{PDI}",
        byline_override=f"김{ZWSP}기자",
        tags=[f"반도{ZWSP}체"],
    )
    article.refresh_from_db()
    assert (article.headline, article.dek, article.lead_image_caption, article.byline_override) == (
        "정부 발표gnp.exe",
        "요약",
        "사진설명",
        "김기자",
    )
    assert list(article.tags.names()) == ["반도체"]


def test_a_headline_pasted_into_the_desk_is_saved_clean(reporter_client, reporter):
    article = factories.make_article(reporter)
    reporter_client.post(change_url(article), article_form(headline=f"속보{RLO}: 발표"))
    assert Article.objects.get(pk=article.pk).headline == "속보: 발표"


def test_names_in_the_catalogue_and_photo_credits_are_saved_clean(editor, superuser):
    source = services.source_save(source=Source(name=f"홍{ZWSP}길동", role=f"대변인{RLO}"), user=editor)
    author = services.author_save(author=Author(name=f"박{BOM}기자", slug="park-clean"), user=editor)
    section = services.section_save(
        section=Section(name=f"경{ZWSP}제", name_en=f"Eco{RLO}nomy", slug="economy-clean"), user=superuser
    )
    tag = services.tag_save(tag=Tag(name=f"AI{ZWSP}"), user=superuser)
    image = factories.make_image(
        editor, credit=f"연합{ZWSP}뉴스", caption=f"{RLO}설명", alt_text=f"연단{LRI}의 연사{PDI}"
    )
    assert (source.name, source.role) == ("홍길동", "대변인")
    assert author.name == "박기자" and (section.name, section.name_en) == ("경제", "Economy") and tag.name == "AI"
    image.refresh_from_db()
    assert (image.credit, image.caption, image.alt_text) == ("연합뉴스", "설명", "연단의 연사")
    assert Source.objects.filter(name__contains="홍길동").exists()  # found by what it reads as
