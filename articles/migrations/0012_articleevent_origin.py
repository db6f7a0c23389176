"""On whose behalf each step of an article was taken (issue 11, item 6): an
import's steps are not sent to webhooks, and a piece whose publication was an
import's stays out of the news sitemap. Every step recorded before is the
newsroom's own."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_desk_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='articleevent',
            name='origin',
            field=models.CharField(choices=[('newsroom', 'Newsroom'), ('import', 'Import')], default='newsroom', help_text="An import's steps are not sent to webhooks, and its publications stay out of the news sitemap.", max_length=20, verbose_name='origin'),
        ),
    ]
