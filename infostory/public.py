"""The one home for "what the public sees changed".

Every write that changes what readers or staff see (a story or case study published,
withdrawn, edited, re-filed; reference data renamed; tags...) calls public_changed().
Every cached copy of a page or figure carries public_version() in its key, so a new
version makes every older copy unreachable at once; the old entries expire by
themselves. Nothing else drops cached pages.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "public-stories-version"


def public_version():
    """The current public version, which cache keys include."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A clock reading, so a cache that lost the key never reuses an old version.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return str(version)


def _new_version(reason):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the cache lost the key: start from the clock again
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    logger.debug("Public version changed: %s", reason)


def public_changed(*, reason=""):
    """Call when a write changes what readers or staff see.

    Runs at once and again when the transaction commits (once, at once, outside a
    transaction): a page rendered between the change and the commit, still showing the
    old state, is stored under a version nobody reads after the commit.
    """
    _new_version(reason)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _new_version(reason))
