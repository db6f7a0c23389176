"""Rights that are enforced: expired photos vanish from every public output."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from articles import services
from photos import services as photo_services
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def expired_photo_article(editor, notice):
    lead = factories.make_image(editor, alt_text="만료될 대표 사진", credit="외신 제공")
    inline = factories.make_image(editor, alt_text="만료될 본문 사진", credit="외신 제공")
    article = factories.make_publishable(editor, lead_image=lead, body=f"문단.\n\n[[image:{inline.pk}]]")
    services.article_publish(article=article, user=editor)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for image in (lead, inline):
        image.rights_expire_at = yesterday
        photo_services.image_save(image=image, user=editor)
    return article, [lead, inline]


def test_an_expired_photo_becomes_a_placeholder_everywhere_it_was_published(client, expired_photo_article):
    article, images = expired_photo_article
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="image-placeholder') == 2
    for image in images:
        for record in image.renditions.values():
            assert record["jpeg"] not in html and record["webp"] not in html
    assert 'property="og:image"' not in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert "image" not in data
    feed = client.get("/feed/").content.decode()
    assert "media:content" not in feed


def test_rights_page_lists_photos_expiring_soon_with_the_articles_that_print_them(editor_client, editor, notice):
    photo = factories.make_image(
        editor, alt_text="곧 만료될 사진", rights_expire_at=timezone.localdate() + datetime.timedelta(days=10)
    )
    factories.make_image(
        editor, alt_text="오래 쓸 사진", rights_expire_at=timezone.localdate() + datetime.timedelta(days=90)
    )
    article = factories.make_publishable(editor, headline="그 사진을 쓰는 기사", lead_image=photo)
    services.article_publish(article=article, user=editor)
    html = editor_client.get("/admin/photos/image/rights/").content.decode()
    assert "곧 만료될 사진" in html and "그 사진을 쓰는 기사" in html
    assert "오래 쓸 사진" not in html


def test_each_image_page_says_where_it_is_used(editor_client, editor, notice):
    photo = factories.make_image(editor)
    factories.make_publishable(editor, headline="대표 사진으로 쓴 기사", lead_image=photo)
    factories.make_article(editor, headline="본문에 쓴 기사", body=f"[[image:{photo.pk}]]")
    html = editor_client.get(f"/admin/photos/image/{photo.pk}/change/").content.decode()
    assert "대표 사진으로 쓴 기사" in html and "본문에 쓴 기사" in html


def test_renaming_a_section_reaches_cached_pages(client, superuser, notice, editor, django_capture_on_commit_callbacks):
    article = factories.make_publishable(editor)
    services.article_publish(article=article, user=editor)
    section = article.section
    assert section.name in client.get("/").content.decode()
    sign_in(client, superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/articles/section/{section.pk}/change/",
            {"name": "새 섹션 이름", "name_en": "New", "slug": section.slug, "position": 0, "description": ""},
        )
    client.logout()
    assert "새 섹션 이름" in client.get("/").content.decode()
