"""Performance at 100,000 stories: the home page's counts read from one partial index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0006_sqlite_search"),
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
    ]
