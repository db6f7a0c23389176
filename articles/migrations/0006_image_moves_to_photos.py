"""``Image`` now lives in ``photos`` (see ``photos/migrations/0001_initial.py``):
the foreign keys to it point there, in Django's state only — the database
already has them on the same table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_article_featured_index'),
        ('photos', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.AlterField(
            model_name='embeddedimage',
            name='image',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='photos.image'),
        ),
        migrations.AlterField(
            model_name='article',
            name='lead_image',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='lead_of_articles', to='photos.image', verbose_name='lead image'),
        ),
        migrations.AlterField(
            model_name='author',
            name='photo',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='photos.image', verbose_name='photo'),
        ),
        migrations.AlterField(
            model_name='quote',
            name='evidence_image',
            field=models.ForeignKey(blank=True, help_text='A screenshot that outlives the post.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evidence_for_quotes', to='photos.image', verbose_name='evidence image'),
        ),
        migrations.AlterField(
            model_name='article',
            name='embedded_images',
            field=models.ManyToManyField(blank=True, editable=False, related_name='embedded_in_articles', through='articles.EmbeddedImage', to='photos.image'),
        ),
        migrations.DeleteModel(
            name='Image',
        ),
            ],
        ),
    ]
