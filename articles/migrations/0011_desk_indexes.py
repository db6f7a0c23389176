"""Indexes for the desk at a newspaper's size (issue 10, item 10).

* ``article_updated_idx``: the desk's list, newest saved first, a page at a time.
* On PostgreSQL, trigram indexes on the expression Django's ``icontains``
  compares (``UPPER(col::text) LIKE UPPER('%term%')``) for the headline and the
  dek: the desk's search, its article picker and the related-articles
  autocomplete answer from them instead of reading 100 000 rows. (0002's
  ``gin_trgm_ops`` index on the bare headline serves the reader's search, whose
  queries compare the column itself.)
"""

from django.db import migrations, models

TRIGRAM_INDEXES = {
    "article_headline_upper_trgm_idx": "UPPER(headline::text) gin_trgm_ops",
    "article_dek_upper_trgm_idx": "UPPER(dek::text) gin_trgm_ops",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in TRIGRAM_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON articles_article USING gin ({expression})")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_notifications")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(models.OrderBy(models.F("updated_at"), descending=True), name="article_updated_idx"),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
