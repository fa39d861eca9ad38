"""The insights story index (stories.story_index) reads every story in submission order
from one covering index, without reading the wide rows or sorting them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0009_admin_speed"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                fields=["submitted_at", "id"],
                include=(
                    "status",
                    "is_suspected_spam",
                    "outcome",
                    "local_area",
                    "campaign",
                    "case_study_candidate",
                ),
                name="story_insights_read",
            ),
        ),
    ]
