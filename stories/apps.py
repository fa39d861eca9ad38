from django.apps import AppConfig
from django.db.models.signals import post_migrate


def keep_sqlite_search_index(using, **kwargs):
    from django.db import connections

    from stories.search import ensure_sqlite_index

    ensure_sqlite_index(connections[using], repair_only=True)


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "#InfoStory"

    def ready(self):
        # A migration that alters the story table on SQLite rebuilds it and so drops the
        # search triggers: put them back (and refill the index) after every migrate.
        post_migrate.connect(keep_sqlite_search_index, sender=self)
