"""The photo library moved from ``articles`` to ``photos``: what was made before
the move keeps working — grants, bookmarked desk addresses, backups."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from newsroom.backup import current_labels
from photos.models import Image
from tests import factories

pytestmark = pytest.mark.django_db

move = importlib.import_module("photos.migrations.0001_initial")


def test_a_database_from_before_the_move_keeps_its_photo_grants(reporter):
    # As it was: the content type under ``articles``, the reporter's group granted on it.
    image_type = ContentType.objects.get_for_model(Image)
    ContentType.objects.filter(pk=image_type.pk).update(app_label="articles")
    permission_ids = set(Permission.objects.filter(content_type=image_type).values_list("pk", flat=True))
    ContentType.objects.clear_cache()

    move.relabel_content_type(apps, schema_editor=None)
    ContentType.objects.clear_cache()

    relabelled = ContentType.objects.get(pk=image_type.pk)
    assert (relabelled.app_label, relabelled.model) == ("photos", "image")
    assert set(Permission.objects.filter(content_type=relabelled).values_list("pk", flat=True)) == permission_ids
    group = Group.objects.get(name="Reporter")
    assert group.permissions.filter(content_type=relabelled, codename="add_image").exists()
    reporter = type(reporter).objects.get(pk=reporter.pk)  # no cached permissions
    assert reporter.has_perm("photos.add_image")


def test_on_a_fresh_database_the_relabel_changes_nothing():
    before = list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"))
    move.relabel_content_type(apps, schema_editor=None)
    assert list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model")) == before


def test_a_bookmarked_desk_address_of_a_photo_leads_to_its_new_one(editor_client, editor):
    image = factories.make_image(editor)
    response = editor_client.get(f"/admin/articles/image/{image.pk}/change/?_changelist_filters=q%3Dx")
    assert response.status_code == 301
    assert response["Location"] == f"/admin/photos/image/{image.pk}/change/?_changelist_filters=q%3Dx"
    assert editor_client.get(response["Location"]).status_code == 200
    assert editor_client.get("/admin/articles/image/").headers["Location"] == "/admin/photos/image/"


def test_a_backup_made_before_the_move_is_read_under_today_s_labels():
    assert current_labels({"articles.Image": 12, "articles.Article": 40}) == {
        "photos.Image": 12,
        "articles.Article": 40,
    }
