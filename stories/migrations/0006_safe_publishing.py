"""Safe publishing: the open safeguarding concern, its log entries, the queue's order
(three columns the database computes from the status, and their index), and (PostgreSQL
only) the pg_trgm extension with a trigram index over the person's
words, for the "possible duplicate" line on the admin story page (stories/duplicates.py).
SQLite compares texts with difflib instead and needs nothing here.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEX = "story_what_happened_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON stories_story "
        "USING GIN (what_happened gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0005_sqlite_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="queue_rank",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(status__in=("submitted", "in_review"), then=models.Value(0)),
                    models.When(
                        status__in=("submitted", "in_review", "accepted"), then=models.Value(1)
                    ),
                    default=models.Value(2),
                ),
                output_field=models.PositiveSmallIntegerField(),
            ),
        ),
        migrations.AddField(
            model_name="story",
            name="safeguarding_concern",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Raised on submission when the words suggest someone may be at "
                "risk, or by an engagement manager; closed when a manager records how it "
                "was handled.",
                verbose_name="open safeguarding concern",
            ),
        ),
        migrations.AddField(
            model_name="story",
            name="settled_since",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(
                        status__in=("published", "withdrawn", "rejected"),
                        then=models.F("submitted_at"),
                    )
                ),
                output_field=models.DateTimeField(null=True),
            ),
        ),
        migrations.AddField(
            model_name="story",
            name="waiting_since",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(
                        status__in=("submitted", "in_review", "accepted"),
                        then=models.F("submitted_at"),
                    )
                ),
                output_field=models.DateTimeField(null=True),
            ),
        ),
        migrations.AlterField(
            model_name="storyevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("submitted", "Submitted"),
                    ("transition", "Status changed"),
                    ("consent_withdrawn", "Consent withdrawn"),
                    ("contact_cleared", "Contact details cleared"),
                    ("not_spam", "Marked as not spam"),
                    ("assigned", "Assigned"),
                    ("emailed", "Emailed the submitter"),
                    ("edited", "Edited"),
                    ("safeguarding_raised", "Safeguarding concern raised"),
                    ("safeguarding_handled", "Safeguarding concern handled"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                fields=[
                    "-safeguarding_concern",
                    "queue_rank",
                    "waiting_since",
                    "-settled_since",
                    "-id",
                ],
                name="story_queue_order",
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                fields=[
                    "status",
                    "-safeguarding_concern",
                    "queue_rank",
                    "waiting_since",
                    "-settled_since",
                    "-id",
                ],
                name="story_status_queue_order",
            ),
        ),
        # CREATE EXTENSION IF NOT EXISTS pg_trgm; does nothing on other databases.
        TrigramExtension(),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
