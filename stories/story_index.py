"""Every story's countable facts held in memory as bitsets, for counting on /insights/.

Counting each panel of the insights page in the database scanned the story table and its
policy-area and barrier tables about twenty times per set of filters: about a second at
100,000 stories, for every new combination of filters. Here the stories are read once (six
queries: the stories from the covering index story_insights_read, in submission order,
their policy areas, their barriers, who was told the outcome, the pipeline's stages), and
each fact becomes a *bitset*: a Python int whose bit i is set when the i-th story has it
(stories in submission order, oldest first). Narrowing by the filters is then an AND of a
few ints and every number on the page is the popcount of an AND (int.bit_count):
microseconds each, whatever the filters.

Which stories are where is decided only by the existing rules: the evidence and the closed
stories by ``StoryQuerySet.evidence_condition()`` and ``closed_condition()`` (what
``evidence()`` and ``closed()`` filter on), the "told the outcome" stories those with an
outcome email (moderation.OUTCOME_TEMPLATES), the pipeline stages the ids of each
``PIPELINE_STAGES`` subquery. Each story's day is its submission's day in UK time
(settings.TIME_ZONE), so "from day A up to day B" keeps the same stories as ``on_days``;
since stories are in submission order, a run of days, a month or a quarter is a range of
positions.

How fresh: one index per process, shared by every request and every set of filters, and
read again when it is older than INFOSTORY_INSIGHTS_CACHE_SECONDS or when the public
version (stories.caching) changes. Its generation is named in the cache, so clearing the
cache reads it again, and with Redis a story published or withdrawn anywhere reaches every
worker. The page says when its figures were counted (``counted_at``). With the setting at
0 the index is read for every request.
"""

import bisect
import datetime
import functools
import operator
import threading
import time
import uuid
from array import array
from dataclasses import dataclass, field
from itertools import chain

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import BooleanField, ExpressionWrapper
from django.db.models.functions import TruncDate
from django.utils import timezone

from infostory.public import public_version
from stories.models import Story, StoryEvent, StoryQuerySet
from stories.moderation import OUTCOME_TEMPLATES
from stories.pipeline import PIPELINE_STAGES

GENERATION_KEY = "insights-index"
# How many sets of filters an index keeps its choice of stories for (about 12 KB each at
# 100,000 stories): every panel of a request asks for the same one.
CHOSEN_KEPT = 32


def _bits(positions, size):
    """A bitset with the given positions set."""
    if not size:
        return 0
    digits = bytearray(b"0") * size
    last = size - 1
    for position in positions:
        digits[last - position] = 49  # "1"; the first digit is the highest bit
    return int(digits, 2)


def _range(start, end):
    """A bitset with the positions start <= i < end set."""
    return ((1 << end) - 1) ^ ((1 << start) - 1) if end > start else 0


def _by_value(values):
    """{value: bitset} for one value per position (a column of the stories)."""
    distinct = set(values)
    if len(distinct) > 255:
        return _grouped(enumerate(values), len(values))
    codes = {value: code for code, value in enumerate(distinct)}
    # One byte per story, the last story first (the first digit is the highest bit); each
    # value's bitset is that row with its code turned into "1" and every other into "0".
    row = bytes(map(codes.__getitem__, reversed(values)))
    found = {}
    for value, code in codes.items():
        table = bytearray(b"0") * 256
        table[code] = 49
        found[value] = int(row.translate(table), 2)
    return found


def _grouped(pairs, size):
    """{value: bitset} from (position, value) pairs."""
    positions = {}
    for position, value in pairs:
        positions.setdefault(value, []).append(position)
    return {value: _bits(found, size) for value, found in positions.items()}


def _related(rows, digit_of, size):
    """{related id: bitset} from (story id, related id) rows of a many-to-many table;
    digit_of maps a story id to its digit (rows of stories read since are left out)."""
    digits = {}
    for story_id, other in rows:
        digit = digit_of.get(story_id)
        if digit is not None:
            found = digits.get(other)
            if found is None:
                found = digits[other] = bytearray(b"0") * size
            found[digit] = 49
    return {other: int(found, 2) for other, found in digits.items()}


def _chunks(queryset, size=10_000):
    """The rows of a values_list query as the database driver gives them (without
    Django's work on each of a hundred thousand rows: the columns read need no conversion,
    but for dates from SQLite, see StoryIndex.read), a chunk at a time from a server-side
    cursor on PostgreSQL: the whole result at once was most of what a worker ever held
    (about 50 MB at 100,000 stories)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(size):
            yield rows


def _fetch(queryset):
    """The rows of _chunks one by one."""
    return chain.from_iterable(_chunks(queryset))


class _Shared(dict):
    """One object for each distinct value (a status, a day, an area id) instead of one a
    row, so a column of 100,000 holds 100,000 references to a few dozen objects."""

    def __missing__(self, value):
        self[value] = value
        return value


def _columns(chunks, width):
    """The rows of chunks as width columns: the first (the ids) an array of 8-byte
    integers (a list of Python ints is four times the size), the others lists through
    _Shared."""
    columns = [array("q"), *([] for _ in range(width - 1))]
    shared = _Shared()
    for batch in chunks:
        _extend(columns, batch, shared)
    return columns


def _extend(columns, batch, shared):
    if not batch:
        return
    first, *others = zip(*batch, strict=True)
    columns[0].extend(first)
    for column, values in zip(columns[1:], others, strict=True):
        column.extend(map(shared.__getitem__, values))


# What is read of each story, in this order (StoryIndex.read).
INDEX_COLUMNS = (
    "id",
    "day",
    "status",
    "is_suspected_spam",
    "outcome",
    "local_area_id",
    "campaign_id",
    "case_study_candidate",
    "in_evidence",
    "is_closed",
)


def _next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


@dataclass
class StoryIndex:
    """The stories as bitsets (see the module docstring). ``days`` are the days of
    submission in UK time, in position order; ``ids`` the story ids."""

    ids: list
    days: list
    everything: int
    evidence: int
    closed: int
    spam: int
    candidate: int
    told: int
    status: dict
    outcome: dict
    area: dict  # area id (None: no area) -> bits
    campaign: dict
    theme: dict
    no_theme: int
    barrier: dict
    no_barrier: int
    stages: dict  # pipeline stage key -> bits
    months: list  # [(first day of the month, bits)], oldest first
    counted_at: float
    generation: str = ""
    _chosen: dict = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, generation=""):
        """Read every story from the database (a fixed number of queries)."""
        counted_at = time.time()
        columns = _columns(
            _chunks(
                Story.objects.annotate(
                    day=TruncDate("submitted_at", tzinfo=timezone.get_default_timezone()),
                    in_evidence=ExpressionWrapper(
                        StoryQuerySet.evidence_condition(), output_field=BooleanField()
                    ),
                    is_closed=ExpressionWrapper(
                        StoryQuerySet.closed_condition(), output_field=BooleanField()
                    ),
                )
                .order_by("submitted_at", "id")
                .values_list(*INDEX_COLUMNS)
            ),
            len(INDEX_COLUMNS),
        )
        ids, days = columns[0], columns[1]
        size = len(ids)
        if days and isinstance(days[0], str):  # SQLite gives dates as text
            as_date = {day: datetime.date.fromisoformat(day) for day in set(days)}
            days = [as_date[day] for day in days]
        digit_of = {pk: size - 1 - position for position, pk in enumerate(ids)}

        def of_ids(story_ids):
            return _related(((pk, True) for pk in story_ids), digit_of, size).get(True, 0)

        told = StoryEvent.objects.filter(
            action=StoryEvent.Action.EMAILED, data__template__in=OUTCOME_TEMPLATES
        ).values_list("story_id", flat=True)
        theme = _related(
            _fetch(Story.themes.through.objects.values_list("story_id", "policytheme_id")),
            digit_of,
            size,
        )
        barrier = _related(
            _fetch(Story.barriers.through.objects.values_list("story_id", "barrier_id")),
            digit_of,
            size,
        )
        everything = (1 << size) - 1
        any_theme = any_barrier = 0
        for bits in theme.values():
            any_theme |= bits
        for bits in barrier.values():
            any_barrier |= bits
        months = []
        if size:
            month, start = days[0].replace(day=1), 0
            while start < size:
                end = bisect.bisect_left(days, _next_month(month))
                months.append((month, _range(start, end)))
                month, start = _next_month(month), end
        return cls(
            ids=ids,
            days=days,
            everything=everything,
            # True, or 1 from SQLite (the same key).
            evidence=_by_value(columns[8]).get(True, 0),
            closed=_by_value(columns[9]).get(True, 0),
            spam=_by_value(columns[3]).get(True, 0),
            candidate=_by_value(columns[7]).get(True, 0),
            told=of_ids(set(told)),
            status=_by_value(columns[2]),
            outcome=_by_value(columns[4]),
            area=_by_value(columns[5]),
            campaign=_by_value(columns[6]),
            theme=theme,
            no_theme=everything & ~any_theme,
            barrier=barrier,
            no_barrier=everything & ~any_barrier,
            stages={
                key: of_ids(set(stage.story_ids().values_list("story_id", flat=True)))
                for key, stage in PIPELINE_STAGES.items()
            },
            months=months,
            counted_at=counted_at,
            generation=generation,
        )

    # --- narrowing ---

    @property
    def labels(self):
        """The labels the filters narrow by (Filters.label_choices), each {id: bits}."""
        return {"campaign": self.campaign, "theme": self.theme, "area": self.area}

    def chosen(self, filters):
        """The stories (of any status) the filters choose: the days (both included, in UK
        time, as on_days), then each label the filters name (Filters.label_choices: the
        campaign, the policy area, the area with the areas inside it)."""
        found = self._chosen.get(filters)
        if found is not None:
            return found
        bits = self.everything
        if filters.submitted_from:
            start = bisect.bisect_left(self.days, filters.submitted_from)
            bits &= ~((1 << start) - 1)
        if filters.submitted_to:
            end = bisect.bisect_right(self.days, filters.submitted_to)
            bits &= (1 << end) - 1
        for label, ids in filters.label_choices().items():
            groups = self.labels[label]
            bits &= functools.reduce(operator.or_, (groups.get(pk, 0) for pk in ids), 0)
        if len(self._chosen) >= CHOSEN_KEPT:  # kept for the panels of one request or a few
            self._chosen.clear()
        self._chosen[filters] = bits
        return bits

    def picture(self, filters):
        """The evidence the filters choose: what every panel but the status totals counts."""
        return self.chosen(filters) & self.evidence

    # --- counting ---

    @staticmethod
    def counts(bits, groups):
        """{value: how many of bits are in its group}, only the values with some (as a
        GROUP BY gives them)."""
        found = {}
        for value, group in groups.items():
            n = (bits & group).bit_count()
            if n:
                found[value] = n
        return found

    def quarters(self):
        """[(first day of the quarter, bits)] from the months, oldest first."""
        merged = {}
        for month, bits in self.months:
            first = month.replace(month=3 * ((month.month - 1) // 3) + 1)
            merged[first] = merged.get(first, 0) | bits
        return list(merged.items())

    def newest(self, bits, limit):
        """The ids of up to ``limit`` of bits, newest first (by submission time, then id)."""
        found = []
        while bits and len(found) < limit:
            position = bits.bit_length() - 1
            found.append(self.ids[position])
            bits ^= 1 << position
        return found


_lock = threading.Lock()
_current = None


def story_index():
    """The index for this request: this process's copy while it is of the current
    generation, else read again. One thread of a process reads; while it does, the
    others go on with the copy they have (if any) rather than wait."""
    global _current
    seconds = settings.INFOSTORY_INSIGHTS_CACHE_SECONDS
    if seconds <= 0:
        return StoryIndex.read()
    key = f"{GENERATION_KEY}:{public_version()}"
    generation = cache.get(key)
    index = _current
    if generation is not None and index is not None and index.generation == generation:
        return index
    if not _lock.acquire(blocking=index is None):
        return index
    try:
        generation = cache.get(key)
        if generation is None:
            cache.add(key, uuid.uuid4().hex, timeout=seconds)
            generation = cache.get(key) or ""
        index = _current
        if index is None or index.generation != generation:
            index = StoryIndex.read(generation)
            _current = index
        return index
    finally:
        _lock.release()
