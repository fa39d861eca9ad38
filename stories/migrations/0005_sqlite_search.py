"""Full-text search on SQLite (``make run``): FTS5 tables with the porter stemmer.

Two FTS5 tables over the story table, as stories/search.py defines them:
``story_fts_public`` (public title, summary, body) and ``story_fts_original`` (the
person's own words), kept in step by triggers on insert, update and delete, and filled
here from the stories already there. They hold only the index (external content): the
text stays in the story table. PostgreSQL has its own stored vectors (0004); there this
migration does nothing. stories.apps re-creates the tables and triggers after a later
migration that rebuilds the story table on SQLite (which drops its triggers).
"""

from django.db import migrations

from stories.search import drop_sqlite_index, ensure_sqlite_index


def create_index(apps, schema_editor):
    ensure_sqlite_index(schema_editor.connection)


def drop_index(apps, schema_editor):
    drop_sqlite_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("stories", "0004_performance_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
