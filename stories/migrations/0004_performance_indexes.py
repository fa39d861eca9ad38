"""Performance at 100,000 stories: indexes in the order of each page, stored search vectors.

B-tree indexes (every database; Meta.indexes on Story): each matches a page's ORDER BY, so
a page of the public lists, the home page's featured stories and the admin queue are read
from the index, however deep the page.

On PostgreSQL only: the full-text vectors become stored generated columns
(``search_public`` over the public version, ``search_original`` over the person's words),
kept up to date by PostgreSQL itself, with the GIN indexes of 0003 moved onto them. The
index alone finds the matches quickly, but ranking them needs each match's vector: built
from the text, that took 3.4 s for a word in 29,000 stories; read from the column, 30 ms.
The vectors are kept in the row (STORAGE MAIN) while the long texts go to TOAST first:
ranking detoasting 29,000 vectors from TOAST took 300 ms, from the row 70 ms.
stories/search.py reads these columns on PostgreSQL. Adding them rewrites the table once
(about a minute at 100,000 stories). Django's models do not know the columns: nothing writes
them, and SQLite (``make run``) has none.
"""

from django.db import migrations, models

TABLE = "stories_story"
PUBLIC = (("public_title", "A"), ("public_summary", "B"), ("public_body", "C"))
ORIGINAL = (
    ("title", "A"),
    ("what_happened", "B"),
    ("difference", "B"),
    ("barriers_text", "C"),
    ("organisations", "D"),
)
# column -> (fields, GIN index on the column, the expression index of 0003 it replaces)
COLUMNS = {
    "search_public": (PUBLIC, "story_search_public_gin", "story_public_search"),
    "search_original": (ORIGINAL, "story_search_original_gin", "story_original_search"),
}


def vector_sql(fields):
    parts = [
        f"setweight(to_tsvector('english'::regconfig, COALESCE({name}, '')), '{weight}')"
        for name, weight in fields
    ]
    expression = parts[0]
    for part in parts[1:]:
        expression = f"({expression} || {part})"
    return expression


def forwards():
    statements = []
    for column, (fields, index, old_index) in COLUMNS.items():
        statements += [
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {column} tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(fields)}) STORED, "
            f"ALTER COLUMN {column} SET STORAGE MAIN",
            f"CREATE INDEX IF NOT EXISTS {index} ON {TABLE} USING GIN ({column})",
            f"DROP INDEX IF EXISTS {old_index}",
        ]
    return statements + [f"ANALYZE {TABLE}"]


def backwards():
    statements = []
    for column, (fields, index, old_index) in COLUMNS.items():
        statements += [
            f"CREATE INDEX IF NOT EXISTS {old_index} ON {TABLE} USING GIN (({vector_sql(fields)}))",
            f"DROP INDEX IF EXISTS {index}",
            f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {column}",
        ]
    return statements


def add_search_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in forwards():
        schema_editor.execute(statement)


def drop_search_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in backwards():
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("stories", "0003_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-published_at", "-id"],
                name="story_published_order",
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-is_featured", "-published_at", "-id"],
                name="story_featured_order",
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["-submitted_at", "-id"], name="story_submitted_order"),
        ),
        migrations.RunPython(add_search_columns, drop_search_columns),
    ]
