"""Every story's countable facts held in memory as bitsets, for counting on /insights/.

Counting each panel of the insights page in the database scanned the story table and its
policy-area and barrier tables about twenty times per set of filters: about a second at
100,000 stories, for every new combination of filters. Here the stories are read once (a
handful of queries, each a plain scan), and each fact becomes a *bitset*: a Python int
whose bit i is set when the i-th story has it (stories in submission order, oldest first).
Narrowing by the filters is then an AND of a few ints and every number on the page is the
popcount of an AND (int.bit_count): microseconds each, whatever the filters.

Which stories are where is decided only by the existing rules: the evidence and the closed
stories are the ids of ``Story.objects.evidence()`` and ``closed()``, the "told the outcome"
stories those with an outcome email (moderation.OUTCOME_TEMPLATES), the pipeline stages
the ids of each ``PIPELINE_STAGES`` subquery. Whole UK days are cut with
``filters.start_of_day``, as ``on_days`` does; since stories are in submission order, a
day, month or quarter is a range of positions.

How fresh: one index per process, shared by every request and every set of filters, and
read again when it is older than INFOSTORY_INSIGHTS_CACHE_SECONDS or when the public
version (stories.caching) changes. Its generation is named in the cache, so clearing the
cache reads it again, and with Redis a story published or withdrawn anywhere reaches every
worker. The page says when its figures were counted (``counted_at``). With the setting at
0 the index is read for every request.
"""

import bisect
import datetime
import threading
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper

from stories.filters import start_of_day

GENERATION_KEY = "insights-index"


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


def _grouped(pairs, size):
    """{value: bitset} from (position, value) pairs."""
    positions = {}
    for position, value in pairs:
        positions.setdefault(value, []).append(position)
    return {value: _bits(found, size) for value, found in positions.items()}


def _next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


@dataclass
class StoryIndex:
    """The stories as bitsets (see the module docstring). ``moments`` are the submission
    times in position order; ``ids`` the story ids."""

    ids: list
    moments: list
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
    lens: dict  # barrier lens -> bits (stories with at least one barrier under it)
    stages: dict  # pipeline stage key -> bits
    months: list  # [(first day of the month, bits)], oldest first
    counted_at: float
    generation: str = ""
    _chosen: dict = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, generation=""):
        """Read every story from the database (a fixed number of queries)."""
        from stories.insights import PIPELINE_STAGES
        from stories.models import Story, StoryEvent, StoryQuerySet
        from stories.moderation import OUTCOME_TEMPLATES

        counted_at = time.time()
        rows = list(
            Story.objects.annotate(
                in_evidence=ExpressionWrapper(
                    StoryQuerySet.evidence_condition(), output_field=BooleanField()
                ),
                is_closed=ExpressionWrapper(
                    StoryQuerySet.closed_condition(), output_field=BooleanField()
                ),
            )
            .order_by("submitted_at", "id")
            .values_list(
                "id",
                "submitted_at",
                "status",
                "is_suspected_spam",
                "outcome",
                "local_area_id",
                "campaign_id",
                "case_study_candidate",
                "in_evidence",
                "is_closed",
            )
        )
        size = len(rows)
        ids = [row[0] for row in rows]
        moments = [row[1] for row in rows]
        at = {pk: position for position, pk in enumerate(ids)}

        def of_ids(story_ids):
            return _bits((at[pk] for pk in story_ids if pk in at), size)

        told = StoryEvent.objects.filter(
            action=StoryEvent.Action.EMAILED, data__template__in=OUTCOME_TEMPLATES
        ).values_list("story_id", flat=True)
        themes = Story.themes.through.objects.values_list("story_id", "policytheme_id")
        barriers = list(
            Story.barriers.through.objects.values_list("story_id", "barrier_id", "barrier__lens")
        )
        everything = (1 << size) - 1
        theme = _grouped(((at[s], t) for s, t in themes.iterator() if s in at), size)
        barrier = _grouped(((at[s], b) for s, b, _lens in barriers if s in at), size)
        any_theme = any_barrier = 0
        for bits in theme.values():
            any_theme |= bits
        for bits in barrier.values():
            any_barrier |= bits
        lens = {}
        for pk, name in {(pk, name) for _s, pk, name in barriers}:
            lens[name] = lens.get(name, 0) | barrier[pk]
        months = []
        if rows:
            month = moments[0].astimezone(datetime.UTC).date().replace(day=1)
            month = (month - datetime.timedelta(days=1)).replace(day=1)  # UK time may be ahead
            start = 0
            while start < size:
                end = bisect.bisect_left(moments, start_of_day(_next_month(month)))
                if end > start:
                    months.append((month, _range(start, end)))
                month, start = _next_month(month), max(start, end)
        return cls(
            ids=ids,
            moments=moments,
            everything=everything,
            evidence=_bits((i for i, row in enumerate(rows) if row[8]), size),
            closed=_bits((i for i, row in enumerate(rows) if row[9]), size),
            spam=_bits((i for i, row in enumerate(rows) if row[3]), size),
            candidate=_bits((i for i, row in enumerate(rows) if row[7]), size),
            told=of_ids(set(told)),
            status=_grouped(((i, row[2]) for i, row in enumerate(rows)), size),
            outcome=_grouped(((i, row[4]) for i, row in enumerate(rows)), size),
            area=_grouped(((i, row[5]) for i, row in enumerate(rows)), size),
            campaign=_grouped(((i, row[6]) for i, row in enumerate(rows)), size),
            theme=theme,
            no_theme=everything & ~any_theme,
            barrier=barrier,
            no_barrier=everything & ~any_barrier,
            lens=lens,
            stages={
                key: of_ids(set(stage.story_ids().values_list("story_id", flat=True)))
                for key, stage in PIPELINE_STAGES.items()
            },
            months=months,
            counted_at=counted_at,
            generation=generation,
        )

    # --- narrowing ---

    def chosen(self, filters):
        """The stories (of any status) the filters choose: dates, campaign, theme, area."""
        found = self._chosen.get(filters)
        if found is not None:
            return found
        bits = self.everything
        if filters.submitted_from:
            start = bisect.bisect_left(self.moments, start_of_day(filters.submitted_from))
            bits &= ~((1 << start) - 1)
        if filters.submitted_to:
            next_day = filters.submitted_to + datetime.timedelta(days=1)
            end = bisect.bisect_left(self.moments, start_of_day(next_day))
            bits &= (1 << end) - 1
        if filters.campaign:
            bits &= self.campaign.get(filters.campaign.pk, 0)
        if filters.theme:
            bits &= self.theme.get(filters.theme.pk, 0)
        if filters.area:
            areas = 0
            for pk in filters.area_ids:
                areas |= self.area.get(pk, 0)
            bits &= areas
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
    generation, else read again (one reader at a time in a process)."""
    global _current
    seconds = settings.INFOSTORY_INSIGHTS_CACHE_SECONDS
    if seconds <= 0:
        return StoryIndex.read()
    from stories.caching import public_version

    key = f"{GENERATION_KEY}:{public_version()}"
    generation = cache.get(key)
    index = _current
    if generation is not None and index is not None and index.generation == generation:
        return index
    with _lock:
        generation = cache.get(key)
        if generation is None:
            cache.add(key, uuid.uuid4().hex, timeout=seconds)
            generation = cache.get(key) or ""
        index = _current
        if index is None or index.generation != generation:
            index = StoryIndex.read(generation)
            _current = index
        return index
