from django.apps import AppConfig
from django.db.models.signals import post_migrate


class InfostoryConfig(AppConfig):
    """The project's own app: the shared workflow base and the public version."""

    name = "infostory"
    verbose_name = "InfoStory"

    def ready(self):
        from infostory.workflow import keep_append_only

        # SQLite rebuilds a table a migration alters, dropping its triggers: put the
        # event tables' append-only triggers back after every migrate.
        post_migrate.connect(keep_append_only, sender=self)
