"""The photo library's list as a grid of cards: each photo's thumbnail, alt
text, credit line, rights and embed code, found by search and by credit."""

import datetime
import re

import pytest
from django.utils import timezone

from photos import admin as photos_admin
from photos.admin import CreditFilter
from photos.renditions import THUMBNAIL
from tests import factories

pytestmark = pytest.mark.django_db

LIBRARY = "/admin/photos/image/"


def cards(html):
    """The cards of the grid, as their HTML, in page order."""
    return re.findall(r'<tr role="row" class="nr-card.*?</tr>', html, re.S)


def shown(response):
    return {image.pk for image in response.context["cl"].result_list}


def test_the_library_is_a_grid_with_each_photos_thumbnail_alt_text_credit_and_embed_code(editor_client, editor):
    wire = factories.make_image(editor, alt_text="항구에 들어오는 컨테이너선", credit="Reuters")
    ours = factories.make_image(editor, alt_text="국회 본회의장", credit="본지DB")
    html = editor_client.get(LIBRARY).content.decode()
    found = cards(html)
    assert len(found) == 2
    # Newest first, as the list was before it became a grid.
    for card, image in zip(found, [ours, wire], strict=True):
        thumb = image.rendition_url(THUMBNAIL, "webp")
        assert thumb
        assert f'<img src="{thumb}"' in card
        assert 'loading="lazy"' in card and 'width="160" height="160"' in card
        assert image.alt_text in card
        assert image.credit_line("ko") in card
        assert image.embed_code in card
        assert f'href="/admin/photos/image/{image.pk}/change/"' in card


def test_the_grid_keeps_the_admins_search_box_and_finds_a_photo_by_its_credit(editor_client, editor):
    wire = factories.make_image(editor, alt_text="항구", credit="Reuters")
    factories.make_image(editor, alt_text="국회", credit="본지DB")
    response = editor_client.get(LIBRARY, {"q": "reuters"})
    assert 'id="changelist-search"' in response.content.decode()
    assert shown(response) == {wire.pk}


def test_the_credit_filter_offers_the_credits_in_use_most_used_first_and_narrows_the_grid(editor_client, editor):
    factories.make_image(editor, credit="연합뉴스")
    ours = [factories.make_image(editor, credit="본지DB") for _ in range(2)]
    response = editor_client.get(LIBRARY)
    (credit_filter,) = [spec for spec in response.context["cl"].filter_specs if isinstance(spec, CreditFilter)]
    assert [value for value, _label in credit_filter.lookup_choices] == ["본지DB", "연합뉴스"]
    assert shown(editor_client.get(LIBRARY, {"credit": "본지DB"})) == {image.pk for image in ours}


def test_the_credit_filter_offers_only_the_most_used_credits(editor_client, editor, monkeypatch):
    monkeypatch.setattr(photos_admin, "CREDIT_FILTER_LIMIT", 2)
    for credit, photos in (("본지DB", 3), ("Reuters", 2), ("AP", 1)):
        for _ in range(photos):
            factories.make_image(editor, credit=credit)
    response = editor_client.get(LIBRARY)
    (credit_filter,) = [spec for spec in response.context["cl"].filter_specs if isinstance(spec, CreditFilter)]
    assert [value for value, _label in credit_filter.lookup_choices] == ["본지DB", "Reuters"]
    # A credit left out of the list still filters from the address.
    assert len(shown(editor_client.get(LIBRARY, {"credit": "AP"}))) == 1


def test_a_photo_whose_rights_expired_shows_a_placeholder_and_none_of_its_files(editor_client, editor):
    today = timezone.localdate()
    expired = factories.make_image(editor, alt_text="만료된 사진", rights_expire_at=today - datetime.timedelta(days=1))
    html = editor_client.get(LIBRARY).content.decode()
    (card,) = cards(html)
    assert "nr-card-placeholder" in card and "<img" not in card
    for record in expired.renditions.values():
        assert record["webp"] not in html and record["jpeg"] not in html
    assert "nr-rights-expired" in card and (today - datetime.timedelta(days=1)).isoformat() in card
    # Still listed with its alt text, credit and embed code, to be renewed or replaced.
    assert "만료된 사진" in card and expired.embed_code in card


def test_a_card_warns_of_rights_running_out_within_30_days_and_states_a_later_expiry_quietly(editor_client, editor):
    today = timezone.localdate()
    soon = factories.make_image(editor, rights_expire_at=today + datetime.timedelta(days=30))
    later = factories.make_image(editor, rights_expire_at=today + datetime.timedelta(days=31))
    forever = factories.make_image(editor)
    html = editor_client.get(LIBRARY).content.decode()
    by_embed = {
        image.pk: next(card for card in cards(html) if image.embed_code in card) for image in (soon, later, forever)
    }
    assert "nr-rights-expiring" in by_embed[soon.pk] and "<img" in by_embed[soon.pk]
    assert 'class="nr-rights"' in by_embed[later.pk] and "nr-rights-expiring" not in by_embed[later.pk]
    assert "nr-rights" not in by_embed[forever.pk]


def test_the_rights_filter_still_finds_the_photos_expiring_and_expired(editor_client, editor):
    today = timezone.localdate()
    soon = factories.make_image(editor, rights_expire_at=today + datetime.timedelta(days=3))
    gone = factories.make_image(editor, rights_expire_at=today - datetime.timedelta(days=3))
    factories.make_image(editor)
    assert shown(editor_client.get(LIBRARY, {"rights": "expiring"})) == {soon.pk}
    assert shown(editor_client.get(LIBRARY, {"rights": "expired"})) == {gone.pk}


def test_selecting_cards_for_an_action_deletes_the_photos_chosen(editor_client, editor):
    kept = factories.make_image(editor)
    dropped = factories.make_image(editor)
    html = editor_client.get(LIBRARY).content.decode()
    assert 'id="action-toggle"' in html
    assert f'name="_selected_action" value="{dropped.pk}" class="action-select"' in html
    answer = editor_client.post(
        LIBRARY, {"action": "delete_selected", "_selected_action": [dropped.pk], "post": "yes"}, follow=True
    )
    assert answer.status_code == 200
    assert list(type(kept).objects.values_list("pk", flat=True)) == [kept.pk]


def test_an_empty_search_says_no_photo_matches(editor_client, editor):
    factories.make_image(editor, alt_text="항구")
    html = editor_client.get(LIBRARY, {"q": "없는 낱말"}).content.decode()
    assert cards(html) == []
    assert "nr-library-empty" in html


def test_a_lookup_popup_keeps_djangos_table_that_hands_the_choice_back(editor_client, editor):
    image = factories.make_image(editor)
    html = editor_client.get(LIBRARY, {"_popup": "1", "_to_field": "id"}).content.decode()
    assert cards(html) == []
    assert "data-popup-opener" in html and str(image.pk) in html
