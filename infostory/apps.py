from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate, post_save


class InfostoryConfig(AppConfig):
    """The project's own app: the shared workflow base and the public version."""

    name = "infostory"
    verbose_name = "InfoStory"

    def ready(self):
        from infostory import public
        from infostory.workflow import keep_append_only

        # SQLite rebuilds a table a migration alters, dropping its triggers: put the
        # event tables' append-only triggers back after every migrate.
        post_migrate.connect(keep_append_only, sender=self)
        # The public version is read once per request.
        request_started.connect(public.request_started, dispatch_uid="infostory-public")
        request_finished.connect(public.request_finished, dispatch_uid="infostory-public")
        # Migrations applied (a deploy) may have changed anything the pages show.
        post_migrate.connect(public.migrated, sender=self)
        # Data loaded as it is (loaddata) skips every save() that would say so.
        post_save.connect(public.data_loaded, dispatch_uid="infostory-data-loaded")
