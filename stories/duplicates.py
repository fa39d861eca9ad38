"""Possible duplicates of a story: the same email address, or very similar words.

People send a story twice (a second try after no reply, the same story from a colleague).
The admin story page names the likely other copies so a manager reads them together. On
PostgreSQL the words are compared with pg_trgm (a trigram GIN index over what_happened,
migration 0007); on SQLite with difflib, over the stories sent within
SIMILAR_WINDOW_DAYS of this one.
"""

import datetime
from difflib import SequenceMatcher

from django.db import connections
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


def possible_duplicates(story):
    """Up to MAX_SHOWN other stories with the same email or very similar words.

    Each is (story, why) with why "same email address" or "very similar words", oldest
    first. At most three queries, whatever the number of stories.
    """
    others = Story.objects.exclude(pk=story.pk).only("pk", "reference", "title", "submitted_at")
    found = {}
    if story.email:
        for other in others.filter(email__iexact=story.email).order_by("submitted_at")[:MAX_SHOWN]:
            found[other.pk] = (other, "same email address")
    for other in _similar(story, others)[:MAX_SHOWN]:
        found.setdefault(other.pk, (other, "very similar words"))
    return sorted(found.values(), key=lambda pair: pair[0].submitted_at)[:MAX_SHOWN]


def _similar(story, others):
    text = (story.what_happened or "").strip()
    if len(text) < 40:
        return []  # a line or two is alike by chance
    vendor = connections[others.db].vendor
    if vendor == "postgresql":
        similar = RawSQL("what_happened %% %s", [text], output_field=BooleanField())
        similarity = RawSQL("similarity(what_happened, %s)", [text])
        return list(
            others.filter(similar)
            .alias(similarity=similarity)
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity")[:MAX_SHOWN]
        )
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
