from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


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
        # The public pages and the filter menus show the reference data: however it
        # changes (the admin, a command, a data load), cached copies are dropped.
        from stories.caching import reference_data_changed

        for model in ("PolicyTheme", "LocalArea", "Barrier", "Campaign"):
            for signal in (post_save, post_delete):
                signal.connect(
                    reference_data_changed,
                    sender=self.get_model(model),
                    dispatch_uid=f"reference-{model}-{signal is post_save}",
                )
