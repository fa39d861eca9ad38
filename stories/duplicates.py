"""Possible duplicates of a story: the same email address, or very similar words.

People send a story twice (a second try after no reply, the same story from a colleague).
The admin story page names the likely other copies so a manager reads them together.

The same email address is looked up among every story (an index on UPPER(email)). The
words are compared with a bounded set of candidates, the same on every database
(similar_candidates): the stories about the same local area sent nearest in time to this
one, at most SIMILAR_CANDIDATES of them (half sent before it, half after) and none sent
more than SIMILAR_WINDOW_DAYS apart, over the first COMPARED_CHARS characters of what
happened. PostgreSQL compares them with pg_trgm's similarity(), SQLite with difflib.

What the bound costs: a copy filed under another local area, or sent further apart in
time than the candidates reach, is not found by its words (only by a shared email
address). Comparing with every story instead, through pg_trgm's trigram index, matched
thousands of stories in a shared vocabulary and took 2.5 s to 70 s at 100,000 stories.
"""

import datetime
from difflib import SequenceMatcher

from django.db import connections
from django.db.models import F, FloatField, Func, Subquery, Value
from django.db.models.functions import Coalesce, Left

from stories.models import Story

# How alike two stories' words must be (0-1) to be named: trigram similarity on
# PostgreSQL, difflib's ratio on SQLite.
SIMILARITY = 0.6
SIMILAR_WINDOW_DAYS = 120
# The candidates compared: half sent before the story, half after. pg_trgm's similarity()
# costs about 0.1 ms per 1,000 characters compared; 50 stories of 400 characters keep the
# comparison to a few milliseconds whatever the number of stories.
SIMILAR_CANDIDATES = 50
COMPARED_CHARS = 400
# Fewer characters than this are alike by chance (a line or two).
SHORTEST_COMPARED = 40
MAX_SHOWN = 3


class Similarity(Func):
    """pg_trgm's similarity(a, b): shared trigrams over all trigrams, 0-1."""

    function = "similarity"
    output_field = FloatField()


def possible_duplicates(story):
    """Up to MAX_SHOWN other stories with the same email or very similar words.

    Each is (story, why) with why "same email address" or "very similar words", oldest
    first. Two queries, whatever the number of stories.
    """
    return duplicates_report(story)[0]


def duplicates_report(story):
    """(possible_duplicates, what the words were compared with).

    The second is None when the words are too short to compare, else a dict for the page:
    candidates (SIMILAR_CANDIDATES), days (SIMILAR_WINDOW_DAYS), characters
    (COMPARED_CHARS) and same_local_area (False when the story names no area: then the
    stories of every area were candidates)."""
    # The email comparison reads an index on UPPER(email) (migration 0008).
    others = Story.objects.exclude(pk=story.pk).only("pk", "reference", "title", "submitted_at")
    found = {}
    if story.email:
        for other in others.filter(email__iexact=story.email).order_by("submitted_at")[:MAX_SHOWN]:
            found[other.pk] = (other, "same email address")
    text = _compared_text(story)
    compared = None
    if text:
        for other in _similar(story, text, others)[:MAX_SHOWN]:
            found.setdefault(other.pk, (other, "very similar words"))
        compared = {
            "candidates": SIMILAR_CANDIDATES,
            "days": SIMILAR_WINDOW_DAYS,
            "characters": COMPARED_CHARS,
            "same_local_area": bool(story.local_area_id),
        }
    shown = sorted(found.values(), key=lambda pair: pair[0].submitted_at)[:MAX_SHOWN]
    return shown, compared


def _compared_text(story):
    text = (story.what_happened or "").strip()[:COMPARED_CHARS]
    return text if len(text) >= SHORTEST_COMPARED else ""


def similar_candidates(story, others):
    """The stories of others whose words are compared with story's: the one rule.

    Those about the same local area (any area when the story names none), at most
    SIMILAR_WINDOW_DAYS apart, the SIMILAR_CANDIDATES // 2 sent nearest before it and as
    many after: a range of submitted_at whose ends are the last of those nearest (one
    query, two scalar subqueries read from the (local_area, submitted_at) index)."""
    window = datetime.timedelta(days=SIMILAR_WINDOW_DAYS)
    at = story.submitted_at
    # The nearest are counted among the stories that have words to compare.
    nearby = Story.objects.exclude(pk=story.pk).exclude(what_happened="")
    if story.local_area_id:
        nearby = nearby.filter(local_area_id=story.local_area_id)
        others = others.filter(local_area_id=story.local_area_id)
    side = SIMILAR_CANDIDATES // 2

    def end(direction, ordering, beyond):
        # The submitted_at of the side-th story sent on this side; the window's end when
        # fewer were sent within it.
        last = nearby.filter(**{f"submitted_at__{direction}": at}).order_by(ordering)
        return Coalesce(Subquery(last.values("submitted_at")[side - 1 : side]), Value(beyond))

    return (
        others.exclude(what_happened="")
        .alias(first=end("lte", "-submitted_at", at - window))
        .alias(last=end("gte", "submitted_at", at + window))
        .filter(
            submitted_at__gte=F("first"),
            submitted_at__lte=F("last"),
            submitted_at__range=(at - window, at + window),
        )
    )


def _similar(story, text, others):
    """The candidates (similar_candidates) at least SIMILARITY alike, most alike first."""
    candidates = similar_candidates(story, others)
    if connections[others.db].vendor == "postgresql":
        return list(
            candidates.alias(
                similarity=Similarity(Left("what_happened", COMPARED_CHARS), Value(text))
            )
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "submitted_at")[:MAX_SHOWN]
        )
    mine = text.casefold()
    matches = []
    for other in candidates.annotate(compared=Left("what_happened", COMPARED_CHARS)):
        matcher = SequenceMatcher(None, mine, other.compared.casefold())
        if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
            continue
        ratio = matcher.ratio()
        if ratio >= SIMILARITY:
            matches.append((ratio, other))
    matches.sort(key=lambda pair: (-pair[0], pair[1].submitted_at))
    return [other for _ratio, other in matches]
