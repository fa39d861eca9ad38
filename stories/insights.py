"""The picture across policy themes, local areas and barriers: counting for /insights/.

Pure reads. Every function counts from the story index (stories.story_index: the stories
as bitsets, read in a fixed number of queries and shared by every set of filters), never
with a query per panel; only the lists of stories are read from the database, a fixed
number of queries whatever the number of stories. Each returns rows of plain data
with, for every number, the browse link (``stories:list`` and the query-string contract)
that lists exactly those stories, or ``None`` when the contract cannot express that set.

Which stories count
- *The picture* (every panel but the first): the evidence staff may read, the stories
  ``Story.objects.visible_to(staff)`` gives them: accepted and published, never suspected
  spam.
- *Totals by status*: every story that is not suspected spam, whatever its status (spam is
  reported beside it, apart).
The same filters (submitted dates, campaign, theme, area) narrow every panel.

Order: bars are most stories first, ties by name (by_count), except months and quarters
(time) and the pipeline (its stages). Areas: in barriers by local area an area counts the
stories of every area inside it (area_ids_within), as /areas/ and the browse filter do.
The case-study pipeline's later stages come from stories.pipeline.PIPELINE_STAGES, which
the casestudies app fills when it is ready: this module never imports it. The filters
every panel shares are a stories.filters.Filters, and every link is made by
stories.filters.browse_url.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings

from stories.caching import cached_figures
from stories.models import (
    Barrier,
    Campaign,
    LocalArea,
    PolicyTheme,
    Story,
    area_ids_within,
    children_in,
)
from stories.pipeline import PIPELINE_STAGES
from stories.story_index import story_index

TOP_AREAS = 10
# Beyond this many areas, "all other areas" is not linked: the URL would grow too long.
MAX_AREAS_IN_ONE_LINK = 20
CASE_STUDY_LIMIT = 200
NO_FILTER_NOTE = "Not a link: the browse page has no filter for this."


# --- rows ---


@dataclass
class Row:
    """One number on the dashboard: what it counts, how many, and where they are listed."""

    label: str
    count: int
    url: str | None = None
    key: str = ""
    note: str = ""


@dataclass
class ReferenceLists:
    """The reference lists (themes, areas, barriers, campaigns), read once per public
    version (load), and the stories counted (the story index, looked up once per request)."""

    themes: list
    areas: list
    barriers: list
    campaigns: list

    @cached_property
    def stories(self):
        return story_index()

    @cached_property
    def _children_of(self):
        return children_in(self.areas)

    def area_ids_within(self, area):
        """The ids of this area and of every area inside it (a partnership's councils), as
        /areas/ and the browse filter count: for the area filter and the area columns."""
        return area_ids_within({area.pk}, self._children_of)

    @classmethod
    def load(cls):
        """Read once per public version, which new reference data raises, as the filters'
        choices are: reading them (four queries, a model for each of some 400 areas) was a
        quarter of a warm insights page, unpickling the kept copy a tenth of that."""
        seconds = settings.INFOSTORY_PUBLIC_CACHE_SECONDS
        lists, _read_at = cached_figures(("insights-reference-lists",), cls.read, seconds)
        return cls(**lists)

    @staticmethod
    def read():
        return {
            "themes": list(PolicyTheme.objects.order_by("position", "name")),
            "areas": list(LocalArea.objects.order_by("name")),
            "barriers": list(Barrier.objects.order_by("name")),
            "campaigns": list(Campaign.objects.order_by("-starts_on", "name")),
        }


def _picture(filters, index):
    """(the story index, the bits of the evidence the filters choose)."""
    index = index or story_index()
    return index, index.picture(filters)


def by_count(rows):
    """Rows most stories first, ties by name: the order of every chart that is not a
    sequence in time. Rows without a key ("No theme recorded", "All other areas") are
    remainders and stay last, in their own order."""
    named = sorted((row for row in rows if row.key), key=lambda row: (-row.count, row.label))
    return named + [row for row in rows if not row.key]


# --- the panels ---


def total(filters, index=None):
    """How many stories are in the picture, and the link that lists them."""
    _index, picture = _picture(filters, index)
    return Row("Stories in the picture", picture.bit_count(), filters.link(), "total")


def status_totals(filters, index=None):
    """Every status, counted over all stories that are not suspected spam.

    Accepted and published link to the browse page. The other statuses live in the
    moderation queue, not the browse page, so they are not links. Returns (rows,
    suspected spam count).
    """
    index = index or story_index()
    chosen = index.chosen(filters)
    by_status = index.counts(chosen & ~index.spam, index.status)
    spam = (chosen & index.spam).bit_count()
    rows = []
    for status in Story.Status:
        url = filters.link(status=status.value) if status in Story.EVIDENCE_STATUSES else None
        rows.append(Row(status.label, by_status.get(status.value, 0), url, status.value))
    return by_count(rows), spam


def evidence_sum(status_rows):
    """How the picture's total is made of the status totals: [(label, count)] for the
    evidence statuses and their sum, the same number as total() for the same filters."""
    by_key = {row.key: row for row in status_rows}
    parts = [(status.label, by_key[status.value].count) for status in Story.EVIDENCE_STATUSES]
    return parts, sum(count for _label, count in parts)


def outcome_counts(filters, index=None):
    index, picture = _picture(filters, index)
    counts = index.counts(picture, index.outcome)
    return by_count([
        Row(outcome.label, counts.get(outcome.value, 0), filters.link(outcome=outcome.value),
            outcome.value)
        for outcome in Story.Outcome
    ])  # fmt: skip


def month_bounds(month_start):
    next_month = (month_start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return month_start, next_month - datetime.timedelta(days=1)


def monthly_counts(filters, index=None):
    """Stories per calendar month of submission in Europe/London, gaps shown as zero."""
    index, picture = _picture(filters, index)
    counts = index.counts(picture, dict(index.months))
    if not counts:
        return []
    result = []
    month, last = min(counts), max(counts)
    while month <= last:
        first_day, last_day = month_bounds(month)
        if filters.submitted_from:
            first_day = max(first_day, filters.submitted_from)
        if filters.submitted_to:
            last_day = min(last_day, filters.submitted_to)
        url = filters.link(submitted_from=first_day.isoformat(), submitted_to=last_day.isoformat())
        result.append(Row(month.strftime("%B %Y"), counts.get(month, 0), url, f"{month:%Y-%m}"))
        month = month_bounds(month)[1] + datetime.timedelta(days=1)
    return result


def theme_link(filters, theme, **overrides):
    """A link for stories with this theme, or None when another theme is the filter.

    The browse page finds stories with ANY of the themes it is given, so "the chosen
    theme AND this one" cannot be written as a link.
    """
    if filters.theme and filters.theme.pk != theme.pk:
        return None
    return filters.link(theme=theme.slug, **overrides)


def _with_none(index, picture, groups, none_bits):
    """index.counts, and the stories with none of the groups under None (as a LEFT JOIN
    grouped by the related id counts them)."""
    counts = index.counts(picture, groups)
    nothing = (picture & none_bits).bit_count()
    if nothing:
        counts[None] = nothing
    return counts


def theme_counts(filters, reference):
    """Stories per policy theme (a story with two themes counts under both)."""
    index, picture = _picture(filters, reference.stories)
    counts = _with_none(index, picture, index.theme, index.no_theme)
    rows = [
        Row(theme.name, counts.get(theme.pk, 0), theme_link(filters, theme), theme.slug)
        for theme in reference.themes
        if theme.is_active or counts.get(theme.pk)
    ]
    if counts.get(None):
        rows.append(Row("No theme recorded", counts[None], None, "", NO_FILTER_NOTE))
    return by_count(rows)


def area_counts(filters, reference, *, top=TOP_AREAS):
    """Stories per local area they are filed under: the top ones, then the rest.

    Returns (top rows, every row with stories, in the same order). The last shown rows are
    "All other areas" and "No local area recorded" when they are not zero.
    """
    index, picture = _picture(filters, reference.stories)
    counts = index.counts(picture, index.area)
    children = {}
    for area in reference.areas:
        if area.parent_id:
            children.setdefault(area.parent_id, set()).add(area.pk)

    def link_for(area_ids, slugs):
        # area=X on the browse page includes the areas directly inside X; the link is
        # exact only if those add no stories and stay within the area filter.
        added = set().union(*(children.get(pk, set()) for pk in area_ids)) - set(area_ids)
        if any(counts.get(pk) for pk in added):
            return None
        if filters.area and not added <= filters.area_ids:
            return None
        return filters.link(area=slugs)

    every = [
        Row(area.name, counts[area.pk], link_for({area.pk}, [area.slug]), area.slug)
        for area in sorted(reference.areas, key=lambda a: (-counts.get(a.pk, 0), a.name))
        if counts.get(area.pk)
    ]
    shown = every[:top]
    others = every[top:]
    if others:
        slugs = [row.key for row in others]
        ids = {area.pk for area in reference.areas if area.slug in slugs}
        url = link_for(ids, slugs) if len(others) <= MAX_AREAS_IN_ONE_LINK else None
        shown.append(
            Row(
                f"All other areas ({len(others)})",
                sum(row.count for row in others),
                url,
                "other",
                "" if url else "Not a link: too many areas for one link; see the CSV.",
            )
        )
    if counts.get(None):
        none_row = Row("No local area recorded", counts[None], None, "", NO_FILTER_NOTE)
        shown.append(none_row)
        every.append(none_row)
    return shown, every


def barrier_counts(filters, reference):
    """Stories per barrier (a story with two barriers counts under both)."""
    index, picture = _picture(filters, reference.stories)
    counts = _with_none(index, picture, index.barrier, index.no_barrier)
    rows = [
        Row(barrier.name, counts.get(barrier.pk, 0), filters.link(barrier=barrier.slug),
            barrier.slug)
        for barrier in reference.barriers
    ]  # fmt: skip
    if counts.get(None):
        rows.append(Row("No barrier recorded", counts[None], None, "", NO_FILTER_NOTE))
    return by_count(rows)


def lens_counts(filters, reference):
    """Stories with at least one barrier seen through each lens (counted once per lens)."""
    index, picture = _picture(filters, reference.stories)
    by_lens = {}
    for barrier in reference.barriers:
        by_lens[barrier.lens] = by_lens.get(barrier.lens, 0) | index.barrier.get(barrier.pk, 0)
    counts = index.counts(picture, by_lens)
    return by_count([
        Row(lens.label, counts.get(lens.value, 0), filters.link(lens=lens.value), lens.value)
        for lens in Barrier.Lens
    ])  # fmt: skip


@dataclass
class Matrix:
    """Barriers (rows) by something (columns: themes, areas, quarters): stories reporting
    both. Each column has a ``name`` and a ``slug``."""

    columns: list
    rows: list  # [(barrier, [Row per column])]
    largest: int
    changes: list = field(default_factory=list)  # per row, for barriers by quarter

    @property
    def themes(self):
        return self.columns


def _pairs(index, picture, rows, columns):
    """{(row key, column key): stories in both}, only the pairs with some."""
    counts = {}
    for row_key, row_bits in rows.items():
        in_row = picture & row_bits
        if in_row:
            for column_key, n in index.counts(in_row, columns).items():
                counts[(row_key, column_key)] = n
    return counts


def barrier_theme_matrix(filters, reference):
    index, picture = _picture(filters, reference.stories)
    counts = _pairs(index, picture, index.barrier, index.theme)
    theme_used = {theme_pk for (_barrier_pk, theme_pk) in counts}
    themes = [t for t in reference.themes if t.is_active or t.pk in theme_used]
    rows = []
    for barrier in reference.barriers:
        cells = [
            Row(
                f"{barrier.name} in {theme.name}",
                counts.get((barrier.pk, theme.pk), 0),
                theme_link(filters, theme, barrier=barrier.slug),
                theme.slug,
            )
            for theme in themes
        ]
        rows.append((barrier, cells))
    return Matrix(columns=themes, rows=rows, largest=max(counts.values(), default=0))


def barrier_area_matrix(filters, reference, *, top=TOP_AREAS):
    """Barriers by local area, each area counting the stories of every area inside it
    (area_ids_within, as /areas/ and the browse filter count): a partnership's column
    includes its councils'. Two queries.

    Returns (the matrix with the ``top`` areas with most stories reporting a barrier, a
    function that makes the matrix with every such area, for the CSV: the page never
    needs it, and with every UK council it is most of the work). Every cell links to the
    browse page with that area and barrier: the browse area filter includes the areas
    inside it too, so the link lists exactly the stories counted.
    """
    index, picture = _picture(filters, reference.stories)
    areas = {pk: bits for pk, bits in index.area.items() if pk is not None}
    counts = _pairs(index, picture, index.barrier, areas)
    with_barrier = index.counts(picture & ~index.no_barrier, areas)
    inside = {area.pk: reference.area_ids_within(area) for area in reference.areas}

    def within(area, by_id):
        return sum(by_id.get(pk, 0) for pk in inside[area.pk])

    # With an area chosen, only it and the areas inside it: a column for a bigger area
    # would link to stories outside the filter.
    candidates = [
        area for area in reference.areas if not filters.area or area.pk in filters.area_ids
    ]
    ranked = sorted(
        (area for area in candidates if within(area, with_barrier)),
        key=lambda area: (-within(area, with_barrier), area.name),
    )

    def matrix(areas):
        rows = []
        largest = 0
        for barrier in reference.barriers:
            by_area = {pk: n for (b_pk, pk), n in counts.items() if b_pk == barrier.pk}
            cells = []
            for area in areas:
                count = within(area, by_area)
                largest = max(largest, count)
                cells.append(
                    Row(
                        f"{barrier.name} in {area.name}",
                        count,
                        filters.link(area=area.slug, barrier=barrier.slug),
                        area.slug,
                    )
                )
            rows.append((barrier, cells))
        return Matrix(columns=areas, rows=rows, largest=largest)

    return matrix(ranked[:top]), lambda: matrix(ranked)


# --- quarters (UK time) ---

LATEST_QUARTERS = 4


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day):
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def name(self):
        return f"{self.year} Q{self.number}"

    @property
    def slug(self):
        return f"{self.year}-q{self.number}"

    @property
    def first_day(self):
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self):
        return self.following().first_day - datetime.timedelta(days=1)

    def following(self):
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self):
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)


def barrier_quarter_matrix(filters, reference, *, quarters=LATEST_QUARTERS):
    """Barriers by quarter of submission (UK time), the latest ``quarters`` up to the one
    of the newest story in the picture, empty quarters shown as zero. One query.

    Rows are ordered by the rise from the quarter before the latest to the latest (most
    rising first), then by the latest count, then by name: what is rising comes first.
    Each cell links to the browse page with that barrier and the quarter's days (within
    the date filters).
    """
    index, picture = _picture(filters, reference.stories)
    barriers = {**index.barrier, None: index.no_barrier}  # None: no barrier (a LEFT JOIN)
    by_quarter = {Quarter.of(first): bits for first, bits in index.quarters()}
    counts = {
        (barrier, quarter): n
        for (quarter, barrier), n in _pairs(index, picture, by_quarter, barriers).items()
    }
    if not counts:
        return Matrix(columns=[], rows=[], largest=0)
    shown = [max(quarter for _barrier, quarter in counts)]
    while len(shown) < quarters:
        shown.insert(0, shown[0].previous())

    def days(quarter):
        first, last = quarter.first_day, quarter.last_day
        if filters.submitted_from:
            first = max(first, filters.submitted_from)
        if filters.submitted_to:
            last = min(last, filters.submitted_to)
        return {"submitted_from": first.isoformat(), "submitted_to": last.isoformat()}

    lines = []
    for barrier in reference.barriers:
        cells = [
            Row(
                f"{barrier.name} in {quarter.name}",
                counts.get((barrier.pk, quarter), 0),
                filters.link(barrier=barrier.slug, **days(quarter)),
                quarter.slug,
            )
            for quarter in shown
        ]
        change = cells[-1].count - cells[-2].count if len(cells) > 1 else 0
        lines.append((barrier, cells, change))
    lines.sort(key=lambda line: (-line[2], -line[1][-1].count, line[0].name))
    return Matrix(
        columns=shown,
        rows=[(barrier, cells) for barrier, cells, _change in lines],
        largest=max((cell.count for _b, cells, _c in lines for cell in cells), default=0),
        changes=[change for _b, _cells, change in lines],
    )


# --- the case-study pipeline ---


CANDIDATE = "candidate"


def pipeline_rows(filters, index=None):
    """How many stories of the picture are at each stage, in order. Each number links to
    the list of those stories further down the page: the browse page has no filter for
    them."""
    index, picture = _picture(filters, index)
    counted = {CANDIDATE: (picture & index.candidate).bit_count()}
    for key in PIPELINE_STAGES:
        counted[key] = (picture & index.stages.get(key, 0)).bit_count()
    labels = {CANDIDATE: "Case-study candidate"} | {
        key: stage.label for key, stage in PIPELINE_STAGES.items()
    }
    return [Row(labels[key], counted[key], f"#pipeline-{key}", key) for key in counted]


def pipeline_stories(filters, key, *, limit=CASE_STUDY_LIMIT, index=None):
    """The stories of the picture at one stage after "candidate", newest first (one
    query). Returns (stories, whether there were more than ``limit``)."""
    index, picture = _picture(filters, index)
    ids = index.newest(picture & index.stages.get(key, 0), limit + 1)
    chosen = list(_listed(ids))
    return chosen[:limit], len(chosen) > limit


def _listed(ids):
    """The stories with these ids, newest first, with what a list on the page shows (the
    area's name comes from the reference lists)."""
    return (
        Story.objects.filter(pk__in=ids)
        .only("reference", "title", "public_title", "status", "submitted_at", "local_area_id")
        .order_by("-submitted_at", "-id")
    )


def case_study_candidates(filters, *, include_moderation=False, limit=CASE_STUDY_LIMIT, index=None):
    """Stories flagged as case-study candidates, newest first (two queries), each with the
    ids of its policy areas (``theme_ids``).

    Staff see the evidence (accepted and published); engagement managers
    (``include_moderation``) see every candidate that is not suspected spam.
    Returns (stories, whether there were more than ``limit``).
    """
    index = index or story_index()
    if include_moderation:
        chosen_bits = index.chosen(filters) & ~index.spam
    else:
        chosen_bits = index.picture(filters)
    ids = index.newest(chosen_bits & index.candidate, limit + 1)
    chosen = list(_listed(ids)[: limit + 1])
    theme_ids = {}
    if chosen:
        pairs = Story.themes.through.objects.filter(story_id__in=[story.pk for story in chosen])
        for story_id, theme_id in pairs.values_list("story_id", "policytheme_id"):
            theme_ids.setdefault(story_id, []).append(theme_id)
    for story in chosen:
        story.theme_ids = theme_ids.get(story.pk, [])
    return chosen[:limit], len(chosen) > limit


def group_case_studies(stories, reference):
    """[(theme name, [(area name, [story, ...]), ...]), ...]; a story may be in two themes.
    Names come from the reference lists."""
    theme_names = {theme.pk: theme.name for theme in reference.themes}
    area_names = {area.pk: area.name for area in reference.areas}
    groups = {}
    for story in stories:
        themes = [theme_names[pk] for pk in story.theme_ids if pk in theme_names]
        themes = themes or ["No theme recorded"]
        area = area_names.get(story.local_area_id, "No local area recorded")
        for theme in themes:
            groups.setdefault(theme, {}).setdefault(area, []).append(story)
    return [
        (theme, sorted(areas.items()))
        for theme, areas in sorted(groups.items(), key=lambda item: item[0])
    ]


@dataclass(frozen=True)
class ToldRow:
    """One month of "Told the outcome": closed stories, and how many of their tellers
    were emailed what became of them. Shown as a panel row: the number is those told."""

    month: str
    key: str
    closed: int
    told: int
    url = None  # the browse page has no filter for who was told
    note = ""

    @property
    def share(self):
        return round(100 * self.told / self.closed) if self.closed else 0

    @property
    def count(self):
        return self.told

    @property
    def label(self):
        return f"{self.month}: {self.told} of {self.closed} ({self.share}%)"


def told_the_outcome_by_month(filters, index=None):
    """By month of submission (Europe/London): the closed stories (StoryQuerySet.closed,
    never suspected spam) and those whose teller got an outcome email (an EMAILED event
    from moderation.OUTCOME_TEMPLATES; see story_index). Only people who gave an email and
    agreed to be contacted can be told, so the share reads against those choices."""
    index = index or story_index()
    closed = index.chosen(filters) & index.closed
    rows = []
    for month, bits in index.months:
        in_month = closed & bits
        if in_month:
            told = (in_month & index.told).bit_count()
            rows.append(ToldRow(f"{month:%B %Y}", f"{month:%Y-%m}", in_month.bit_count(), told))
    return rows
