"""The image library becomes an app of its own: ``Image`` moves from ``articles``
to ``photos`` in Django's state only. Its table keeps its name
(``Meta.db_table = "articles_image"``), so no row moves; its content type is
relabelled in place, so permission ids, group grants and admin log entries
follow it (on a fresh database there is nothing to relabel yet)."""

import django.db.models.deletion
import photos.models
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="photos", model="image").exists():
        ContentType.objects.filter(app_label="articles", model="image").update(app_label="photos")


def unrelabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="articles", model="image").exists():
        ContentType.objects.filter(app_label="photos", model="image").update(app_label="articles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0005_article_featured_index"),
    ]

    operations = [
        migrations.RunPython(relabel_content_type, unrelabel_content_type, elidable=False),
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='Image',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(help_text='JPEG, PNG, WebP or GIF. The original is kept privately; readers get resized copies without location data.', max_length=255, storage=photos.models.originals_storage, upload_to=photos.models.original_upload_to, verbose_name='file')),
                ('original_filename', models.CharField(blank=True, editable=False, max_length=255, verbose_name='original file name')),
                ('width', models.PositiveIntegerField(default=0, editable=False, verbose_name='width')),
                ('height', models.PositiveIntegerField(default=0, editable=False, verbose_name='height')),
                ('file_size', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='file size')),
                ('format', models.CharField(blank=True, editable=False, max_length=10, verbose_name='format')),
                ('sha256', models.CharField(editable=False, max_length=64, verbose_name='SHA-256')),
                ('alt_text', models.CharField(help_text='What the picture shows, for readers who cannot see it. Required.', max_length=300, verbose_name='alt text')),
                ('credit', models.CharField(help_text='What prints beside the photo: “our archive”, “Reuters”, “Courtesy of the ministry”. Required.', max_length=200, verbose_name='credit')),
                ('caption', models.TextField(blank=True, verbose_name='default caption')),
                ('creator', models.CharField(blank=True, help_text='The photographer or maker.', max_length=200, verbose_name='creator')),
                ('copyright_holder', models.CharField(blank=True, max_length=200, verbose_name='copyright holder')),
                ('license', models.CharField(choices=[('all-rights-reserved', 'All rights reserved'), ('editorial', 'Editorial use only'), ('handout', 'Handout (free for editorial use)'), ('cc-by-4.0', 'CC BY 4.0'), ('cc-by-sa-4.0', 'CC BY-SA 4.0'), ('cc-by-nc-4.0', 'CC BY-NC 4.0'), ('cc-by-nd-4.0', 'CC BY-ND 4.0'), ('cc-by-nc-sa-4.0', 'CC BY-NC-SA 4.0'), ('cc-by-nc-nd-4.0', 'CC BY-NC-ND 4.0'), ('cc0-1.0', 'CC0 (no rights reserved)'), ('public-domain', 'Public domain')], default='all-rights-reserved', max_length=30, verbose_name='license')),
                ('license_url', models.URLField(blank=True, help_text='Leave blank for the standard deed of a Creative Commons license.', verbose_name='license URL')),
                ('source_url', models.URLField(blank=True, help_text='Where the photo came from.', verbose_name='source URL')),
                ('usage_terms', models.TextField(blank=True, help_text='Conditions of use agreed with the rights holder.', verbose_name='usage terms')),
                ('rights_expire_at', models.DateField(blank=True, help_text='After this day the photo cannot be used in a newly published article and is replaced on published ones.', null=True, verbose_name='rights expire on')),
                ('focal_x', models.FloatField(default=0.5, help_text='0 = left edge, 1 = right edge.', verbose_name='focal point (x)')),
                ('focal_y', models.FloatField(default=0.5, help_text='0 = top, 1 = bottom.', verbose_name='focal point (y)')),
                ('embedded_metadata', models.JSONField(blank=True, default=dict, editable=False, verbose_name='metadata read from the file')),
                ('renditions', models.JSONField(blank=True, default=dict, editable=False, verbose_name='renditions')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('uploaded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'image',
                'verbose_name_plural': 'images',
                'db_table': 'articles_image',
                'ordering': ['-uploaded_at', '-pk'],
                'indexes': [models.Index(fields=['rights_expire_at'], name='image_rights_expire_idx')],
                'constraints': [models.UniqueConstraint(fields=('sha256',), name='image_sha256_unique', violation_error_message='This file is already in the library.'), models.CheckConstraint(condition=models.Q(('alt_text', ''), _negated=True), name='image_has_alt_text'), models.CheckConstraint(condition=models.Q(('credit', ''), _negated=True), name='image_has_credit'), models.CheckConstraint(condition=models.Q(('focal_x__gte', 0), ('focal_x__lte', 1), ('focal_y__gte', 0), ('focal_y__lte', 1)), name='image_focal_point_inside')],
            },
        )]),
    ]
