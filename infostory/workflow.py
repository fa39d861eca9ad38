"""One workflow for everything with a status: stories, case studies, changes.

A WorkflowModel's status changes only through transition_to: the allowed moves are data
(TRANSITIONS), the row is locked and its status (and LOCKED_FIELDS) re-read before a
move, the event is written in the same transaction, and what follows a move (emails)
runs after the commit. Its save() refuses a status changed any other way, whatever was
loaded: a deferred status is read from the database before the save is allowed.

Each subject's log is an AbstractEvent subclass, append-only twice over: save() and
delete() refuse in Python, and a trigger made by the AppendOnly migration operation
refuses UPDATE and DELETE in the database (PostgreSQL and SQLite). Two things pass it:
the actor's link set to NULL when a user account is deleted (on_delete=SET_NULL), and
a delete inside releasing_history(), which erasure under the privacy duties uses (and
flush, which empties every table).
"""

from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.migrations.operations.base import Operation
from django.utils import timezone

from infostory.fields import staff_member
from infostory.public import public_changed

# While this table holds a row (in the deleting transaction only, so no other
# transaction sees it), the event tables' triggers let rows be deleted.
RELEASE_TABLE = "infostory_history_release"


def status_field(statuses, **options):
    """A WorkflowModel's status column: its Status as the choices, the first status as the
    default, and never in a form (only transition_to moves it)."""
    return models.CharField(
        max_length=20,
        choices=statuses.choices,
        default=next(iter(statuses)),
        editable=False,
        **options,
    )


# What every workflow's log records the same way: the subject's first entry (the admin
# writes it), a move (transition_to writes it) and an edit.
SHARED_ACTIONS = {
    "CREATED": ("created", "Created"),
    "TRANSITION": ("transition", "Status changed"),
    "EDITED": ("edited", "Edited"),
}


def event_actions(**own):
    """A log's Action (TextChoices): the shared actions above, then the subject's own,
    each NAME=(value, label); own may relabel a shared one (a change's CREATED is
    "Started")."""
    return models.TextChoices("Action", {**SHARED_ACTIONS, **own})


def event_fields(actions=None, statuses=None):
    """An event's action, from_status and to_status columns, with the log's Action and
    the subject's Status as their choices when given (the database columns are the same
    either way): `action, from_status, to_status = event_fields(Action, Story.Status)`."""
    status_choices = None if statuses is None else statuses.choices
    return (
        models.CharField(max_length=40, choices=None if actions is None else actions.choices),
        models.CharField(max_length=20, choices=status_choices, blank=True),
        models.CharField(max_length=20, choices=status_choices, blank=True),
    )


class AbstractEvent(models.Model):
    """One line of a subject's log: who did what, from which status to which, and why.

    The subclass adds its own ForeignKey to the subject and an Action(TextChoices) with
    at least TRANSITION = "transition" (event_actions gives it, with CREATED and EDITED,
    which the workflow admin writes); it may give the columns their choices with
    event_fields. It inherits the Meta below unless it declares its own (then subclassing
    AbstractEvent.Meta).
    """

    actor = staff_member()
    action, from_status, to_status = event_fields()
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ("created_at", "id")

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(f"The {self._meta.verbose_name} log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"The {self._meta.verbose_name} log is append-only.")

    def get_action_display(self):
        """The action in words (its Action label, or the value when it is not one). Where a
        subclass gives action its Action as choices, Django's own method stands in."""
        return self.Action(self.action).label if self.action in self.Action.values else self.action


class WorkflowModel(models.Model):
    """A subject with a status changed only by transition_to, and an event log.

    The subclass defines Status (TextChoices), `status = status_field(Status)`, and:
    """

    TRANSITIONS = {}  # {Status.X: {Status.Y, ...}}: the allowed moves
    EVENT_MODEL = ""  # "app_label.ModelName" of its AbstractEvent subclass
    EVENT_SUBJECT = ""  # the event's ForeignKey to the subject, e.g. "story"
    # Re-read from the locked row before a move (what someone else may have changed
    # meanwhile, such as a consent): the move obeys the database, not this instance.
    LOCKED_FIELDS = ()
    # Saved with the status by a move (timestamps, texts written with the move).
    MOVE_FIELDS = ()
    # A move into or out of these changes what the public sees (public_changed).
    PUBLIC_STATUSES = ()
    # Fields whose loaded (or last saved) value the save guards compare with; the status
    # always. A guarded field set on an instance that had it deferred is compared with the
    # database's value (loaded_values), never waved through.
    GUARDED_FIELDS = ()
    # How the first status reads in "A new story starts as ..." (default: its label).
    NEW_STATUS_WORDS = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._check_status_unchanged()
        super().save(*args, **kwargs)
        self._remember_loaded()

    # --- what was loaded ---

    @classmethod
    def _guarded_names(cls):
        return ("status", *cls.GUARDED_FIELDS)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_loaded()
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        fields = kwargs.get("fields", args[1] if len(args) > 1 else None)
        self._remember_loaded(None if fields is None else set(fields))

    def _remember_loaded(self, names=None):
        loaded = self.__dict__.setdefault("_loaded", {})
        for name in self._guarded_names():
            if name in self.__dict__ and (names is None or name in names):
                loaded[name] = self.__dict__[name]

    def loaded_values(self, names):
        """{name: value as loaded or last saved} for names; the ones this instance never
        loaded (deferred, .only()) read from the database in one query. {} while adding."""
        if self._state.adding:
            return {}
        loaded = self.__dict__.setdefault("_loaded", {})
        missing = [name for name in names if name not in loaded]
        if missing:
            row = type(self)._default_manager.filter(pk=self.pk).values(*missing).first()
            loaded.update(row or {})
        return {name: loaded[name] for name in names if name in loaded}

    def set_loaded(self, **values):
        """Record values as what the database now holds (after a guarded write)."""
        self.__dict__.setdefault("_loaded", {}).update(values)

    @property
    def _saved_status(self):
        return self.__dict__.get("_loaded", {}).get("status")

    # --- the save guard ---

    def _check_status_unchanged(self):
        name = self._meta.verbose_name
        if self._state.adding:
            first = self.first_status()
            if self.status != first:
                words = self.NEW_STATUS_WORDS or first.label.lower()
                raise ValidationError(
                    f"A new {name} starts as {words}; it moves on only through "
                    f"{type(self).__name__}.transition_to."
                )
            return
        if getattr(self, "_moving", False) or "status" not in self.__dict__:
            return  # a status never loaded nor set is not saved (Django saves loaded fields)
        if self.loaded_values(["status"]).get("status", self.status) != self.status:
            raise ValidationError(
                f"A {name}'s status changes only through "
                f"{type(self).__name__}.transition_to, "
                "which checks the move and logs it."
            )

    @classmethod
    def first_status(cls):
        """The status every new one starts in (status_field's default)."""
        return cls.Status(cls._meta.get_field("status").default)

    # --- the moves ---

    def can_transition_to(self, new_status):
        return new_status in self.TRANSITIONS.get(self.status, set())

    def transition_problems(self, new_status):
        """Why this cannot move to new_status now (an empty list if it can). Override:
        call super() first."""
        new_status = self.Status(new_status)
        if not self.can_transition_to(new_status):
            return [
                f"A {self._meta.verbose_name} that is {self.get_status_display().lower()} "
                f"cannot move to {new_status.label.lower()}."
            ]
        return []

    def before_transition(self, from_status, to_status, options):
        """Inside the move, after the checks and before the save: set timestamps, run the
        guards that need the move's options (raise ValidationError to refuse). options
        holds transition_to's keyword arguments, note among them (it may be added to).
        Returns data for the event."""
        return {}

    def after_move(self, from_status, to_status, *, actor, note):
        """Inside the move's transaction, after the event: what must commit with it."""

    def after_transition(self, from_status, to_status, *, actor, note):
        """After the commit: what follows a move (emails...)."""

    def _lock_and_reread(self):
        names = ("status", *self.LOCKED_FIELDS)
        current = (
            type(self)._default_manager.select_for_update().filter(pk=self.pk).values(*names).get()
        )
        if current["status"] != self.status:
            label = self.Status(current["status"]).label.lower()
            raise ValidationError(
                f"Someone else has just moved this {self._meta.verbose_name} to {label}; "
                "reload it and try again."
            )
        for name in self.LOCKED_FIELDS:
            setattr(self, name, current[name])
        self.set_loaded(**current)

    def transition_to(self, new_status, *, actor, note="", **options):
        """Move to new_status, or raise ValidationError saying why not."""
        new_status = self.Status(new_status)
        options["note"] = note
        with transaction.atomic():
            self._lock_and_reread()
            problems = self.transition_problems(new_status)
            if problems:
                raise ValidationError(problems)
            from_status = self.status
            data = self.before_transition(from_status, new_status, options) or {}
            note = options["note"]
            self.status = new_status
            fields = ["status", *self.MOVE_FIELDS]
            if any(field.name == "updated_at" for field in self._meta.concrete_fields):
                fields.append("updated_at")
            self._moving = True
            try:
                self.save(update_fields=fields)
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
            if from_status in self.PUBLIC_STATUSES or new_status in self.PUBLIC_STATUSES:
                public_changed(reason=f"{self._meta.label} {self.pk} {from_status}→{new_status}")
            self.after_move(from_status, new_status, actor=actor, note=note)
            transaction.on_commit(
                lambda: self.after_transition(from_status, new_status, actor=actor, note=note)
            )

    # --- the log ---

    @classmethod
    def event_model(cls):
        return apps.get_model(cls.EVENT_MODEL)

    def new_event(
        self, action, *, actor, note="", data=None, from_status=None, to_status=None, **fields
    ):
        """An unsaved event of this subject (log saves one; a bulk load saves many at once);
        the statuses default to the current one."""
        return self.event_model()(
            **{self.EVENT_SUBJECT: self},
            actor=actor,
            action=action,
            from_status=self.status if from_status is None else from_status,
            to_status=self.status if to_status is None else to_status,
            note=note,
            data=data or {},
            **fields,
        )

    def log(self, action, **event):
        """Append an event (new_event's arguments)."""
        event = self.new_event(action, **event)
        event.save(force_insert=True)
        return event


# --- the database's half of append-only ---


@contextmanager
def releasing_history(using=None):
    """Within this block (one transaction), the event tables' rows may be deleted.

    For erasure under the privacy duties (a story deleted with its history) and for
    emptying a database (flush); nothing else deletes history.
    """
    db = connections[using or "default"]
    with transaction.atomic(using=db.alias):
        with db.cursor() as cursor:
            cursor.execute(f"INSERT INTO {RELEASE_TABLE} (released) VALUES (1)")  # noqa: S608
        yield
        with db.cursor() as cursor:
            cursor.execute(f"DELETE FROM {RELEASE_TABLE}")  # noqa: S608


# The SQL written here (noqa: S608) names only the event tables of this project's own
# migrations, never anything a person typed.


def _postgresql_sql(table):
    return [
        f"CREATE TABLE IF NOT EXISTS {RELEASE_TABLE} (released integer NOT NULL)",
        f"""CREATE OR REPLACE FUNCTION infostory_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM {RELEASE_TABLE}) THEN
                RETURN OLD;
            END IF;
            -- A user account deleted: its events keep everything but the link.
            IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
               AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
        END $$""",  # noqa: S608
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION infostory_append_only()""",
    ]


def _sqlite_sql(table, columns):
    others = ", ".join(column for column in columns if column != "actor_id")
    message = f"{table} is append-only"
    return [
        f"CREATE TABLE IF NOT EXISTS {RELEASE_TABLE} (released integer NOT NULL)",
        *_sqlite_drop(table),
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {others} ON {table}
        BEGIN SELECT RAISE(ABORT, '{message}: UPDATE refused'); END""",
        f"""CREATE TRIGGER {table}_no_new_actor BEFORE UPDATE OF actor_id ON {table}
        WHEN NEW.actor_id IS NOT NULL
        BEGIN SELECT RAISE(ABORT, '{message}: UPDATE refused'); END""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        WHEN NOT EXISTS (SELECT 1 FROM {RELEASE_TABLE})
        BEGIN SELECT RAISE(ABORT, '{message}: DELETE refused'); END""",  # noqa: S608
    ]


def _sqlite_drop(table):
    return [
        f"DROP TRIGGER IF EXISTS {table}_{name}"
        for name in ("no_update", "no_new_actor", "no_delete")
    ]


def append_only_sql(db, table):
    """The statements that make table refuse UPDATE and DELETE on this database."""
    if db.vendor == "postgresql":
        return _postgresql_sql(table)
    if db.vendor == "sqlite":
        with db.cursor() as cursor:
            columns = [c.name for c in db.introspection.get_table_description(cursor, table)]
        return _sqlite_sql(table, columns)
    return []


def missing_append_only(db, tables):
    """The tables among these whose append-only triggers are missing (SQLite rebuilds a
    table, and drops its triggers, when a migration alters it)."""
    if db.vendor != "sqlite":
        return []
    with db.cursor() as cursor:
        cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        with_triggers = {row[0] for row in cursor.fetchall()}
    existing = set(db.introspection.table_names())
    return [table for table in tables if table in existing and table not in with_triggers]


def event_tables():
    """Every AbstractEvent subclass's table."""
    return [
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AbstractEvent) and not model._meta.abstract
    ]


def keep_append_only(using="default", **kwargs):
    """post_migrate: put back the triggers of any event table a migration rebuilt."""
    db = connections[using]
    for table in missing_append_only(db, event_tables()):
        with db.cursor() as cursor:
            for sql in append_only_sql(db, table):
                cursor.execute(sql)


class AppendOnly(Operation):
    """Migration operation: the database refuses UPDATE and DELETE on table's rows
    (except the two ways in the module's docstring)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, table):
        self.table = table

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.table], {})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for sql in append_only_sql(schema_editor.connection, self.table):
            schema_editor.execute(sql, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        db = schema_editor.connection
        if db.vendor == "postgresql":
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {self.table}_append_only ON {self.table}"
            )
        elif db.vendor == "sqlite":
            for sql in _sqlite_drop(self.table):
                schema_editor.execute(sql, params=None)

    def describe(self):
        return f"Refuse UPDATE and DELETE on {self.table}"

    @property
    def migration_name_fragment(self):
        return f"append_only_{self.table}"
