"""The one home for "what the public sees changed".

Every write that changes what readers or staff see (a story or case study published,
withdrawn, edited, re-filed; reference data renamed; tags...) calls public_changed().
Every cached copy of a page or figure carries public_version() in its key, so a new
version makes every older copy unreachable at once; the old entries expire by
themselves. Nothing else drops cached pages.

The version is a row in the database (infostory.models.PublicVersion), not in the
cache: public_changed() raises it inside the writer's own transaction, so every
worker of every process sees the new version exactly when the write commits, whether
the cache is Redis or each process's memory. A request reads it once (one primary-key
query, about 0.1 ms) and keeps it for the rest of the request.

What it costs: that one query per request that uses a cached page or figure; and a
writer holds the version row's lock from its public_changed() to its commit, so two
transactions that change what the public sees commit one after the other.
"""

import contextvars
import logging
import time

from django.db import connection, connections, transaction
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Greatest

from infostory.models import PublicVersion

logger = logging.getLogger(__name__)

ROW = 1
READ_SQL = f"SELECT version FROM {PublicVersion._meta.db_table} WHERE id = %s"  # noqa: S608
# The version this request has read (None: not read yet, or outside a request).
_request_version = contextvars.ContextVar("public_version", default=None)


def public_version():
    """The current public version, which cache keys include (read once per request)."""
    version = _request_version.get()
    if version is None:
        version = _read_version()
        if _in_request.get():
            _request_version.set(version)
    return version


def _read_version():
    # Plain SQL: every request reads it, and the ORM's building of the query took longer
    # than the query itself.
    with connection.cursor() as cursor:
        cursor.execute(READ_SQL, [ROW])
        row = cursor.fetchone()
    found = row[0] if row else None
    if found is None:
        # A clock reading, so a database emptied (flush) never reuses an old version.
        found = PublicVersion.objects.get_or_create(pk=ROW, defaults={"version": time.time_ns()})[
            0
        ].version
    return str(found)


def public_changed(*, reason=""):
    """Call when a write changes what readers or staff see.

    Raises the version in the writer's transaction (at once outside one): other
    processes see it when the write commits, never before, so a page they render from
    the old state meanwhile is stored under the old version, which nobody reads after
    the commit. This request reads the new version from here on.

    The new version is a clock reading where that is more than the old one plus one, so
    a version that was undone (its transaction rolled back, the database restored from a
    backup) is never given again to something else.
    """
    clock = Value(time.time_ns(), output_field=BigIntegerField())
    if not PublicVersion.objects.filter(pk=ROW).update(version=Greatest(F("version") + 1, clock)):
        PublicVersion.objects.get_or_create(pk=ROW, defaults={"version": time.time_ns()})
    _request_version.set(None)
    transaction.on_commit(lambda: _request_version.set(None))
    logger.debug("Public version changed: %s", reason)


def data_loaded(sender, *, raw=False, **kwargs):
    """post_save receiver: a row written as loaded (loaddata, a fixture) bypasses every
    model's own save(), and with it their public_changed(): any such row counts."""
    if raw:
        public_changed(reason=f"{sender._meta.label} loaded")


def migrated(sender, *, using, plan=None, **kwargs):
    """post_migrate receiver: a migration may change what the pages show with bulk writes,
    which send no signal, and a new field leaves every kept copy of a model out of date:
    whatever a deploy's migrations did, the cached copies go with the old version."""
    if not plan:
        return  # nothing applied (or a flush, which empties the version's table too)
    if PublicVersion._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the public version existed
    public_changed(reason="migrations applied")


# --- one read per request (connected to request_started/finished in InfostoryConfig) ---

_in_request = contextvars.ContextVar("in_request", default=False)


def request_started(**kwargs):
    _in_request.set(True)
    _request_version.set(None)


def request_finished(**kwargs):
    _in_request.set(False)
    _request_version.set(None)
