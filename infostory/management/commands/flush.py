"""Django's flush, which empties every table: the event logs too (releasing_history)."""

from django.core.management.commands import flush

from infostory.workflow import releasing_history


class Command(flush.Command):
    def handle(self, **options):
        with releasing_history(options["database"]):
            return super().handle(**options)
