"""The photo library on the desk: which photos nothing uses, "Upload photos"
for several at once, and a page that costs the same whatever the library holds."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Status
from photos.models import Image
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

LIBRARY = "/admin/photos/image/"


def shown(response):
    return {image.pk for image in response.context["cl"].result_list}


def photos_config(response):
    match = re.search(
        rb'<script id="desk-photos-config" type="application/json">(.*?)</script>', response.content, re.S
    )
    return json.loads(match.group(1)) if match else None


@pytest.fixture
def every_use(editor):
    """A photo for each way of being used, and one nothing uses."""
    photos = {
        name: factories.make_image(editor, alt_text=name)
        for name in ("lead", "body", "evidence", "evidence-unplaced", "author", "draft-lead", "free")
    }
    quote = factories.QuoteFactory(evidence_image=photos["evidence"])
    factories.QuoteFactory(evidence_image=photos["evidence-unplaced"])
    factories.make_article(
        editor,
        lead_image=photos["lead"],
        body=f"문단.\n\n[[image:{photos['body'].pk}]]\n\n[[quote:{quote.pk}]]",
        status=Status.PUBLISHED,
        publish_at=timezone.now(),
    )
    factories.make_article(editor, lead_image=photos["draft-lead"])
    factories.AuthorFactory(photo=photos["author"])
    return {name: image.pk for name, image in photos.items()}


def test_the_unused_filter_lists_exactly_the_photos_nothing_uses(editor_client, every_use):
    assert shown(editor_client.get(LIBRARY, {"use": "unused"})) == {every_use["free"]}


def test_the_used_filter_lists_every_photo_an_article_a_quote_or_an_author_holds(editor_client, every_use):
    used = shown(editor_client.get(LIBRARY, {"use": "used"}))
    assert used == {pk for name, pk in every_use.items() if name != "free"}


def test_a_photo_taken_out_of_every_article_becomes_unused(editor_client, editor):
    photo = factories.make_image(editor)
    article = factories.make_article(editor, body=f"[[image:{photo.pk}]]")
    assert shown(editor_client.get(LIBRARY, {"use": "unused"})) == set()
    article.body = "사진을 뺀 문단."
    services.article_save(article=article, user=editor)
    assert shown(editor_client.get(LIBRARY, {"use": "unused"})) == {photo.pk}


def test_filters_combine_unused_with_a_credit(editor_client, editor):
    free_wire = factories.make_image(editor, credit="Reuters")
    used_wire = factories.make_image(editor, credit="Reuters")
    factories.make_image(editor, credit="본지DB")
    factories.make_article(editor, lead_image=used_wire)
    assert shown(editor_client.get(LIBRARY, {"use": "unused", "credit": "Reuters"})) == {free_wire.pk}


def test_the_library_offers_upload_photos_with_the_credit_dialogs_words_and_addresses(reporter_client):
    response = reporter_client.get(LIBRARY)
    html = response.content.decode()
    config = photos_config(response)
    assert config["urls"] == {
        "photoInspect": reverse("admin:photos_image_desk_inspect"),
        "photoUpload": reverse("admin:photos_image_desk_upload"),
    }
    assert config["strings"]["credit"] and config["strings"]["altText"] and config["strings"]["uploadOnly"]
    # The button waits hidden until the script can run the dialog; the page loads the script and the grid's style.
    assert re.search(r'<button type="button" id="desk-photo-upload"[^>]* hidden>', html)
    assert "/static/desk/desk.js" in html and "/static/desk/library.css" in html
    # The single-photo form is still there.
    assert 'href="/admin/photos/image/add/"' in html


def test_someone_who_may_not_add_photos_gets_no_upload_button(client, db):
    viewer = factories.UserFactory(username="photo-viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_image", content_type__app_label="photos"))
    response = sign_in(client, viewer).get(LIBRARY)
    assert response.status_code == 200
    assert photos_config(response) is None
    assert 'id="desk-photo-upload"' not in response.content.decode()


def test_the_config_cannot_break_out_of_its_script_tag(reporter_client):
    html = reporter_client.get(LIBRARY).content.decode()
    (block,) = re.findall(r'<script id="desk-photos-config" type="application/json">(.*?)</script>', html, re.S)
    assert "<" not in block


@pytest.mark.parametrize(
    "query", [{}, {"use": "unused"}, {"use": "used", "credit": "본지DB"}, {"rights": "expiring", "_facets": "1"}]
)
def test_the_library_costs_the_same_queries_for_3_photos_as_for_30(
    editor_client, editor, django_assert_max_num_queries, query
):
    model = factories.make_image(editor)
    factories.make_article(editor, lead_image=model)

    def more(count):
        # Rows like the first, without encoding a photo each time: the page reads only the rows.
        Image.objects.bulk_create(
            Image(
                file=model.file.name,
                sha256=f"{Image.objects.count() + n:064x}",
                alt_text=f"사진 {n}",
                credit="본지DB" if n % 2 else f"통신사 {n}",
                renditions=model.renditions,
                width=model.width,
                height=model.height,
            )
            for n in range(count)
        )

    more(2)
    editor_client.get(LIBRARY, query)  # the session and the caches warm up
    with CaptureQueriesContext(connection) as three:
        assert editor_client.get(LIBRARY, query).status_code == 200
    more(27)
    assert Image.objects.count() == 30
    with django_assert_max_num_queries(len(three)):
        response = editor_client.get(LIBRARY, query)
    if not query:
        assert len(response.context["cl"].cards) == 30
