"""The shared workflow: a status changed only by transition_to, and its append-only log.

A placeholder with the agreed interface (the core branch owns the real module); it is
replaced by main's when that lands.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import migrations, models, transaction
from django.utils import timezone

APPEND_ONLY_MESSAGE = "This history is append-only."


class AbstractEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ("created_at", "id")

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(APPEND_ONLY_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(APPEND_ONLY_MESSAGE)


def _triggers(table):
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
        for verb in ("UPDATE", "DELETE")
    ]


class AppendOnly(migrations.operations.base.Operation):
    reduces_to_sql = True
    reversible = True

    def __init__(self, table):
        self.table = table

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = self.table
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$ "
                f"BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql;"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only();"
            )
        elif schema_editor.connection.vendor == "sqlite":
            for sql in _triggers(table):
                schema_editor.execute(sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = self.table
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_append_only();")
        elif schema_editor.connection.vendor == "sqlite":
            for verb in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb};")

    def describe(self):
        return f"Make {self.table} append-only"

    def deconstruct(self):
        return (self.__class__.__name__, [self.table], {})


class WorkflowModel(models.Model):
    TRANSITIONS = {}
    EVENT_MODEL = ""
    EVENT_SUBJECT = ""
    LOCKED_FIELDS = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not getattr(self, "_moving", False):
            if self._state.adding:
                default = self._meta.get_field("status").get_default()
                if self.status != default:
                    raise ValidationError("A new record starts at the first status.")
            else:
                saved = type(self).objects.filter(pk=self.pk).values_list("status", flat=True)
                saved = saved.first()
                if saved is not None and saved != self.status:
                    raise ValidationError(
                        "The status changes only through transition_to, which checks the "
                        "move and logs it."
                    )
        super().save(*args, **kwargs)
        self._saved_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "status" in instance.__dict__:
            instance._saved_status = instance.status
        return instance

    def can_transition_to(self, new_status):
        return new_status in self.TRANSITIONS.get(self.status, set())

    def transition_problems(self, new_status):
        if not self.can_transition_to(new_status):
            return [f"It cannot move from {self.status} to {new_status}."]
        return []

    def before_transition(self, from_status, to_status, options):
        return {}

    def after_transition(self, from_status, to_status, *, actor, note):
        pass

    def transition_to(self, new_status, *, actor, note="", **options):
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if current.status != self.status:
                raise ValidationError(
                    "Someone else has just moved it; reload the page and try again."
                )
            for name in self.LOCKED_FIELDS:
                setattr(self, name, getattr(current, name))
            problems = self.transition_problems(new_status)
            if problems:
                raise ValidationError(problems)
            from_status = self.status
            data = self.before_transition(from_status, new_status, options) or {}
            self.status = new_status
            self._moving = True
            try:
                fields = {"status", *getattr(self, "_transition_fields", ())}
                self.save(update_fields=sorted(fields))
            finally:
                self._moving = False
            self.log(
                "transition",
                actor=actor,
                note=note,
                data=data,
                from_status=from_status,
                to_status=new_status,
            )
            transaction.on_commit(
                lambda: self.after_transition(from_status, new_status, actor=actor, note=note)
            )

    def log(self, action, *, actor, note="", data=None, from_status=None, to_status=None):
        event_model = apps.get_model(self.EVENT_MODEL)
        return event_model.objects.create(
            **{self.EVENT_SUBJECT: self},
            actor=actor,
            action=action,
            note=note,
            data=data or {},
            from_status=from_status or "",
            to_status=to_status or "",
        )
