"""GIN indexes for full-text search of the stories, on PostgreSQL only.

Each index is over exactly the expression stories/search.py builds (the same fields,
weights and 'english' configuration), so PostgreSQL uses it for `document @@ query`:
one over the public version (what the public searches), one over the original words
(what staff search as well). SQLite has no such index; search there is a plain match.
"""

from django.db import migrations


def _vector(fields):
    parts = [
        f"setweight(to_tsvector('english'::regconfig, COALESCE({name}, '')), '{weight}')"
        for name, weight in fields
    ]
    expression = parts[0]
    for part in parts[1:]:
        expression = f"({expression} || {part})"
    return expression


PUBLIC = (("public_title", "A"), ("public_summary", "B"), ("public_body", "C"))
ORIGINAL = (
    ("title", "A"),
    ("what_happened", "B"),
    ("difference", "B"),
    ("barriers_text", "C"),
    ("organisations", "D"),
)
INDEXES = {"story_public_search": PUBLIC, "story_original_search": ORIGINAL}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, fields in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON stories_story USING GIN (({_vector(fields)}))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("stories", "0002_reference_data")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
