"""Performance at 100,000 stories: the home page's counts and the insights counts read
from partial indexes, and the admin story page's "same email address" from an index on
UPPER(email), and the queue's index carrying is_suspected_spam and status so a deep page is
skipped in the index alone (stories.models.Story.Meta.indexes says which page each serves)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0007_storyteller_loop"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["local_area", "outcome", "id"],
                name="story_published_counts",
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                condition=models.Q(("is_suspected_spam", False)),
                fields=["submitted_at", "id", "status", "outcome", "local_area", "campaign"],
                name="story_counts",
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                django.db.models.functions.text.Upper("email"), name="story_email_upper"
            ),
        ),
        migrations.RemoveIndex(
            model_name="story",
            name="story_queue_order",
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
                include=("is_suspected_spam", "status"),
                name="story_queue_order",
            ),
        ),
    ]
