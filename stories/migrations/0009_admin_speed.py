"""The admin story page at 100,000 stories: the "very similar words" candidates (the
stories of one local area sent nearest in time, stories.duplicates.similar_candidates)
read from an index on (local_area, submitted_at)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0008_performance"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["local_area", "submitted_at"], name="story_area_submitted"),
        ),
    ]
