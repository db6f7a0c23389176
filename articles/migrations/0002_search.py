"""Search indexes: PostgreSQL only; on SQLite this migration does nothing.

* ``articles_search_document(headline, dek, body)``: the text-search document of
  an article, ``simple`` config (Korean has no stemmer), weighted headline A,
  dek B, body C (embed codes and Markdown link targets left out), plus every
  two- and three-syllable run of its Hangul words, so that "반도체" is found
  inside "차세대반도체공장" by an exact index lookup. A GIN index on it answers
  a search without reading a single body. (A ``gin_trgm_ops`` index on the body
  finds the same words, but ``LIKE`` through it rechecks the body of every
  candidate, and for a common word that is most of the table.)
* ``pg_trgm`` and a ``gin_trgm_ops`` index on the headline: when no article
  holds every word, headlines within trigram word similarity of the query (a
  misspelt name still finds its story).

Planner settings that keep a search an index lookup. The function costs a few
milliseconds an article, so it is declared ``COST 10000``: no plan should
compute it row by row. The index keeps no statistics (``SET STATISTICS 0``):
with them a common word (found in most articles) would make a sequential scan
look cheaper, and that scan computes the document of every row, where the exact
GIN lookup reads no body at all. Neither index is partial (``WHERE status IN
…``, like the list indexes): the planner then keeps the search condition as a
filter too, and computes the document of every candidate again.

``articles.search`` must call the function exactly as indexed, or PostgreSQL
will not use the index; tests/test_search.py checks the plan. Changing the
function means a new migration that replaces it and rebuilds the index. Nothing
here is declared in ``Meta.indexes``: a ``SearchVector`` there breaks
``migrate`` on SQLite (DESIGN.md, known traps).
"""

from django.db import migrations

CREATE_DOCUMENT_FUNCTION = r"""
CREATE OR REPLACE FUNCTION articles_search_document(headline text, dek text, body text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 10000 AS $function$
  SELECT setweight(to_tsvector('simple'::regconfig, h), 'A')
      || setweight(to_tsvector('simple'::regconfig, d), 'B')
      || setweight(to_tsvector('simple'::regconfig, b), 'C')
      || coalesce(
           (SELECT array_to_tsvector(array_agg(DISTINCT substr(word, start, size)))
            FROM regexp_split_to_table(h || ' ' || d || ' ' || b, '[^가-힣]+') AS word,
                 generate_series(2, 3) AS size,
                 generate_series(1, length(word) - size + 1) AS start),
           ''::tsvector)
  FROM (SELECT coalesce(headline, '') AS h,
               coalesce(dek, '') AS d,
               regexp_replace(coalesce(body, ''), '\[\[(image|quote|article):[0-9]+\]\]|\]\([^)]*\)', ' ', 'g') AS b
       ) AS texts
$function$
"""

INDEXES = {
    "article_search_document_idx": "USING gin (articles_search_document(headline, dek, body))",
    "article_headline_trgm_idx": "USING gin (headline gin_trgm_ops)",
}


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(CREATE_DOCUMENT_FUNCTION)
    for name, method in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON articles_article {method}")
    schema_editor.execute("ALTER INDEX article_search_document_idx ALTER COLUMN 1 SET STATISTICS 0")


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS articles_search_document(text, text, text)")
    # As Django's own TrigramExtension does on reverse; fails loudly (RESTRICT)
    # if something else has come to depend on pg_trgm.
    schema_editor.execute("DROP EXTENSION IF EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes)]
