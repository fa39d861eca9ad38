from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_delete, post_migrate, post_save


def keep_sqlite_search_index(using, **kwargs):
    from django.db import connections

    from stories.search import ensure_sqlite_index

    ensure_sqlite_index(connections[using], repair_only=True)


# What the stories are filed under, which the public pages and filter menus show.
REFERENCE_MODELS = ("PolicyTheme", "LocalArea", "Barrier", "Campaign")


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "#InfoStory"

    def ready(self):
        from stories.checks import managers_have_an_address, safeguarding_has_a_recipient

        checks.register(safeguarding_has_a_recipient, checks.Tags.database)
        checks.register(managers_have_an_address, checks.Tags.database)
        # A migration that alters the story table on SQLite rebuilds it and so drops the
        # search triggers: put them back (and refill the index) after every migrate.
        post_migrate.connect(keep_sqlite_search_index, sender=self)
        # The public pages and the filter menus show the reference data and the tags: however
        # they change (the admin, a command, a data load), cached copies are dropped.
        from taggit.models import Tag

        from stories.caching import reference_data_changed

        for model in (*map(self.get_model, REFERENCE_MODELS), Tag):
            for signal in (post_save, post_delete):
                signal.connect(
                    reference_data_changed,
                    sender=model,
                    dispatch_uid=f"reference-{model.__name__}-{signal is post_save}",
                )
