"""Possible duplicates of a story: the same email address, or very similar words.

People send a story twice (a second try after no reply, the same story from a colleague).
The admin story page names the likely other copies so a manager reads them together. On
PostgreSQL the words are compared with pg_trgm (a trigram GIN index over what_happened,
migration 0006); on SQLite with difflib, over the stories sent within
SIMILAR_WINDOW_DAYS of this one.
"""

import datetime
from difflib import SequenceMatcher

from django.db import OperationalError, connections, transaction
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from stories.models import Story

# How alike two stories' words must be (0-1) to be named: trigram similarity on
# PostgreSQL, difflib's ratio on SQLite.
SIMILARITY = 0.6
SIMILAR_WINDOW_DAYS = 120
MAX_SHOWN = 3
# difflib is quadratic in the text's length: it compares the first part only.
DIFFLIB_CHARS = 1500
DIFFLIB_CANDIDATES = 300
# On PostgreSQL the trigram comparison is given this long, then left out (the page says
# so): with long texts in a shared vocabulary the index itself matches thousands of
# stories, and the comparison took 2.5 s (at the 0.6 threshold) to 70 s (at pg_trgm's
# default 0.3) at 100,000 stories.
SIMILAR_TIMEOUT_MS = 100


def possible_duplicates(story):
    """Up to MAX_SHOWN other stories with the same email or very similar words.

    Each is (story, why) with why "same email address" or "very similar words", oldest
    first. A fixed number of queries (at most six), whatever the number of stories.
    """
    return duplicates_report(story)[0]


def duplicates_report(story):
    """(possible_duplicates, whether the words were compared): False when the comparison
    ran out of time (SIMILAR_TIMEOUT_MS), so the page can say the words were not checked."""
    # The email comparison reads an index on UPPER(email) (migration 0008).
    others = Story.objects.exclude(pk=story.pk).only("pk", "reference", "title", "submitted_at")
    found = {}
    if story.email:
        for other in others.filter(email__iexact=story.email).order_by("submitted_at")[:MAX_SHOWN]:
            found[other.pk] = (other, "same email address")
    similar = _similar(story, others)
    for other in (similar or [])[:MAX_SHOWN]:
        found.setdefault(other.pk, (other, "very similar words"))
    shown = sorted(found.values(), key=lambda pair: pair[0].submitted_at)[:MAX_SHOWN]
    return shown, similar is not None


def _similar(story, others):
    text = (story.what_happened or "").strip()
    if len(text) < 40:
        return []  # a line or two is alike by chance
    vendor = connections[others.db].vendor
    if vendor == "postgresql":
        similar = RawSQL("what_happened %% %s", [text], output_field=BooleanField())
        similarity = RawSQL("similarity(what_happened, %s)", [text])
        query = (
            others.filter(similar)
            .alias(similarity=similarity)
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity")[:MAX_SHOWN]
        )
        return _within_time(query, others.db)
    window = datetime.timedelta(days=SIMILAR_WINDOW_DAYS)
    candidates = (
        others.filter(
            submitted_at__gte=story.submitted_at - window,
            submitted_at__lte=story.submitted_at + window,
        )
        .exclude(Q(what_happened=""))
        .only("pk", "reference", "title", "submitted_at", "what_happened")
        .order_by("-submitted_at")[:DIFFLIB_CANDIDATES]
    )
    mine = text[:DIFFLIB_CHARS].casefold()
    matches = []
    for other in candidates:
        matcher = SequenceMatcher(None, mine, other.what_happened[:DIFFLIB_CHARS].casefold())
        if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
            continue
        ratio = matcher.ratio()
        if ratio >= SIMILARITY:
            matches.append((ratio, other))
    matches.sort(key=lambda pair: -pair[0])
    return [other for _ratio, other in matches]


def _within_time(query, using):
    """list(query) under SIMILAR_TIMEOUT_MS, with the % operator at SIMILARITY (so the
    index leaves out what is less alike); None if it ran out of time. Both settings are
    local to a savepoint and put back afterwards."""
    connection = connections[using]
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, true), "
                "set_config('pg_trgm.similarity_threshold', %s, true)",
                [f"{SIMILAR_TIMEOUT_MS}ms", str(SIMILARITY)],
            )
            before = cursor.fetchone()[0]
            found = list(query)
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
            return found
    except OperationalError:  # cancelled: the savepoint's rollback undid the settings
        return None
