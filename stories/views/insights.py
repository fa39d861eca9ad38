"""/insights/: the picture across policy themes, local areas and barriers, for staff.

Only people who may read the evidence (stories.permissions.can_read_evidence: the Staff
and Engagement managers groups) reach it. Anyone signed out is sent to sign in; a
signed-in person without the permission gets 404, as for any page they may not know
exists. The counting is in stories/insights.py and the charts' geometry in
stories/charts.py; this module reads the filters, builds each panel and writes the CSV
downloads.
"""

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.generic import TemplateView, View

from stories import charts, insights
from stories.caching import cached_figures
from stories.exports import neutralise
from stories.filters import InsightFilter
from stories.insights import ReferenceLists, Row
from stories.permissions import can_moderate, can_read_evidence
from stories.pipeline import PIPELINE_STAGES
from stories.views.browse import menu_key


def describe_filters(filters):
    """The filters in words, for the line above the panels."""
    parts = []
    if filters.submitted_from and filters.submitted_to:
        parts.append(
            f"submitted from {filters.submitted_from:%-d %B %Y} to {filters.submitted_to:%-d %B %Y}"
        )
    elif filters.submitted_from:
        parts.append(f"submitted on or after {filters.submitted_from:%-d %B %Y}")
    elif filters.submitted_to:
        parts.append(f"submitted on or before {filters.submitted_to:%-d %B %Y}")
    if filters.campaign:
        parts.append(f"during {filters.campaign}")
    if filters.theme:
        parts.append(f"in the policy area {filters.theme.name}")
    if filters.area:
        inside = len(filters.area_ids) - 1
        parts.append(
            f"in {filters.area.name}"
            + (f" and the {inside} areas inside it" if inside > 1 else "")
            + (" and the area inside it" if inside == 1 else "")
        )
    return ", ".join(parts)


# --- the panels: each declared once ---


@dataclass
class Panel:
    slug: str
    title: str
    column: str
    intro: str
    rows: list
    notes: list = field(default_factory=list)
    csv_note: str = ""
    csv_url: str = ""
    bars: list = field(default_factory=list)
    chart_width: int = charts.CHART_WIDTH
    chart_height: int = 0
    summary: str = ""
    counts: str = "Stories"

    @property
    def unlinked(self):
        return [row for row in self.rows if row.url is None and row.note]


@dataclass(frozen=True)
class SectionKind:
    """What every section of the page declares: its slug (the CSV's name), its heading,
    what its rows are (column), the sentence under the heading, and how it counts."""

    slug: str
    title: str
    column: str
    intro: str
    count: Callable
    csv_note: str = ""


@dataclass(frozen=True)
class PanelKind(SectionKind):
    """One bar-chart panel of the page and its CSV download: a new panel is one entry in
    PANELS. count(filters, reference) gives (rows, rows for the CSV or None if the same)."""

    summary: Callable | None = None  # rows -> a sentence printed under the table
    counts: str = "Stories"  # what the numbers count (the table's and the CSV's heading)


def rows_only(counter):
    """count for a panel whose CSV lists the same rows as the page."""
    return lambda filters, reference: (counter(filters, reference), None)


def on_stories(counter):
    """count for a counter that needs only the filters and the stories counted."""
    return lambda filters, reference: counter(filters, reference.stories)


def status_rows(filters, reference):
    rows, spam = insights.status_totals(filters, reference.stories)
    return rows + [Row("Suspected spam (not in the totals above)", spam, None, "spam")], None


def told_overall(rows):
    """The share of all the closed stories whose person was told."""
    told, closed = sum(row.told for row in rows), sum(row.closed for row in rows)
    share = round(100 * told / closed) if closed else 0
    return f"Over these months: {told} of {closed} closed stories ({share}%)"


def in_the_picture(rows):
    """The line that ties the status totals to the headline number."""
    parts, total = insights.evidence_sum(rows)
    added = " + ".join(f"{label.lower()} {count}" for label, count in parts)
    return f"In the picture: {added} = total {total}"


PANELS = {
    kind.slug: kind
    for kind in (
        PanelKind(
            "status",
            "Totals by status",
            "Status",
            "Every story that is not suspected spam, at each step of moderation. The accepted "
            "and published ones are the stories in the picture, and link to the browse page; "
            "the others are in the moderation queue.",
            status_rows,
            summary=in_the_picture,
        ),
        PanelKind(
            "months",
            "Stories per month",
            "Month submitted",
            "When the stories in the picture were submitted (UK time).",
            rows_only(on_stories(insights.monthly_counts)),
        ),
        PanelKind(
            "themes",
            "By policy area",
            "Policy area",
            "A story filed under two policy areas counts under both.",
            rows_only(insights.theme_counts),
        ),
        PanelKind(
            "areas",
            "By local area",
            "Local area",
            f"The {insights.TOP_AREAS} local areas with the most stories, by the area each "
            "story is filed under, then all the others together.",
            insights.area_counts,
            csv_note="The CSV lists every area with stories, not only the top ones.",
        ),
        PanelKind(
            "outcomes",
            "By outcome",
            "Outcome",
            "Whether sharing information made, or could have made, a difference.",
            rows_only(on_stories(insights.outcome_counts)),
        ),
        PanelKind(
            "barriers",
            "By barrier",
            "Barrier",
            "What got in the way. A story that reports two barriers counts under both.",
            rows_only(insights.barrier_counts),
        ),
        PanelKind(
            "lenses",
            "By lens",
            "Lens",
            "Barriers seen through the lenses of leadership, capacity and culture, and the "
            "legal and technology ones. A story counts once per lens, however many of its "
            "barriers fall under it.",
            rows_only(insights.lens_counts),
        ),
        PanelKind(
            "pipeline",
            "Case-study pipeline",
            "Stage",
            "The stories in the picture on their way into a case study: flagged as a "
            "candidate, quoted in a case study being written or reviewed, quoted in a "
            "published case study (and still published themselves). A story can be at more "
            "than one stage. Each number leads to the list of those stories below: the "
            "browse page has no filter for them.",
            rows_only(on_stories(insights.pipeline_rows)),
        ),
        PanelKind(
            "told",
            "Told the outcome",
            "Month submitted",
            "Of the closed stories (accepted, rejected, withdrawn or published) submitted each "
            "month, how many people were emailed what became of their story. Only people who "
            "gave an email address and agreed to be contacted can be told.",
            rows_only(on_stories(insights.told_the_outcome_by_month)),
            summary=told_overall,
            counts="People told",
        ),
    )
}


@dataclass(frozen=True)
class MatrixKind(SectionKind):
    """One table of barriers (rows) by something (columns), with its CSV download: a new
    table is one entry in MATRICES. count(filters, reference) gives (matrix, a function
    making the matrix for the CSV, or None if the same)."""

    chart: bool = False  # a chart of each barrier's quarters (barriers by quarter)


def matrix_only(counter):
    return lambda filters, reference: (counter(filters, reference), None)


MATRICES = {
    kind.slug: kind
    for kind in (
        MatrixKind(
            "barriers-by-theme",
            "Barriers by policy area",
            "Policy area",
            "Where each barrier bites: the number of stories that report the barrier (row) "
            "and are filed under the policy area (column).",
            matrix_only(insights.barrier_theme_matrix),
        ),
        MatrixKind(
            "barriers-by-area",
            "Barriers by local area",
            "Local area",
            f"The same for places: the {insights.TOP_AREAS} local areas with the most stories "
            "that report a barrier. An area counts the stories of the areas inside it, as the "
            "local areas page does: a partnership's column includes its councils' stories, so "
            "a story can be counted under a council and under its partnership.",
            insights.barrier_area_matrix,
            csv_note="The CSV lists every area with stories that report a barrier.",
        ),
        MatrixKind(
            "barriers-by-quarter",
            "Barriers by quarter",
            "Quarter",
            f"What is rising: the stories reporting each barrier in the latest "
            f"{insights.LATEST_QUARTERS} quarters, by the day they were submitted (UK time), "
            "up to the quarter of the newest story. Barriers rising most from the quarter "
            "before come first.",
            matrix_only(insights.barrier_quarter_matrix),
            chart=True,
        ),
    )
}
# Kept for the links that name it.
MATRIX_SLUG = "barriers-by-theme"

# Sections other apps add at the end of the page, outside the story filters:
# {key: build(request) -> (template, context) or None}, filled in their AppConfig.ready().
MORE_SECTIONS = {}


def csv_url(slug, filters):
    url = reverse("stories:insights_csv", kwargs={"panel": slug})
    query = filters.query_string()
    return f"{url}?{query}" if query else url


def build_panel(kind, filters, reference):
    rows, _csv_rows = kind.count(filters, reference)
    panel = Panel(
        slug=kind.slug,
        title=kind.title,
        column=kind.column,
        intro=kind.intro,
        rows=rows,
        csv_note=kind.csv_note,
        csv_url=csv_url(kind.slug, filters),
        summary=kind.summary(rows) if kind.summary else "",
        counts=kind.counts,
    )
    panel.bars, panel.chart_height = charts.lay_out_bars(rows)
    return panel


def build_matrix(kind, filters, reference):
    matrix, _csv_matrix = kind.count(filters, reference)
    for _barrier, cells in matrix.rows:
        for cell in cells:
            cell.heat = charts.heat_class(cell.count, matrix.largest)
            cell.html = cell_html(cell)
    matrix.slug = kind.slug
    matrix.title = kind.title
    matrix.column = kind.column
    matrix.intro = kind.intro
    matrix.csv_note = kind.csv_note
    matrix.csv_url = csv_url(kind.slug, filters)
    matrix.chart_width = charts.QUARTER_CHART_WIDTH
    matrix.rows_with_changes = list(
        zip(matrix.rows, matrix.changes or [None] * len(matrix.rows), strict=True)
    )
    if kind.chart and matrix.rows:
        matrix.blocks, matrix.chart_height = charts.lay_out_quarters(matrix)
    return matrix


def cell_html(cell):
    """One cell of a matrix table, made here rather than in insights_matrix.html: the
    three tables have a few hundred cells, and a template takes several times as long to
    write each. The number links to the stories it counts; a cell without a link is
    marked with an asterisk."""
    if cell.url:
        return format_html(
            '<td class="text-end {}" data-key="{}"><a href="{}">{}'
            '<span class="visually-hidden"> stories: {}</span></a></td>',
            cell.heat,
            cell.key,
            cell.url,
            cell.count,
            cell.label,
        )
    return format_html(
        '<td class="text-end {}" data-key="{}">{}*</td>', cell.heat, cell.key, cell.count
    )


PLACE = "__story__"


def story_links(*, manager):
    """story -> its link from the page: the moderation page for managers, the story page
    for staff. The route is worked out once (the lists hold up to a few hundred stories)
    and each story's pk or reference put in its place."""
    if manager:
        route = reverse("admin:stories_story_change", args=[PLACE])
        return lambda story: route.replace(PLACE, str(story.pk))
    route = reverse("stories:detail", kwargs={"reference": PLACE})
    return lambda story: route.replace(PLACE, quote(story.reference, safe=""))


class Listed(NamedTuple):
    """A story in one of the page's lists, as plain data: kept with the figures, and read
    back many times faster than the story itself."""

    pk: int
    reference: str
    display_title: str
    status_label: str
    submitted_on: str  # the day in UK time, as the page writes it
    area_name: str  # empty when no local area is recorded
    insights_link: str

    @classmethod
    def of(cls, story, *, link, area_names):
        day = timezone.localtime(story.submitted_at)
        return cls(
            story.pk,
            story.reference,
            story.display_title,
            story.get_status_display(),
            f"{day.day} {MONTHS[day.month - 1]} {day.year}",  # as the date filter's "j M Y"
            area_names.get(story.local_area_id, ""),
            link(story),
        )


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- the views ---


class StaffOnlyMixin:
    """Signed out: to the sign-in page. Signed in without can_read_evidence: 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_read_evidence(request.user):
            raise Http404("No such page.")
        return super().dispatch(request, *args, **kwargs)


class InsightsView(StaffOnlyMixin, TemplateView):
    template_name = "stories/insights.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = ReferenceLists.load()
        insight_filter = InsightFilter(self.request.GET, reference=reference)
        form = insight_filter.form
        filters = insight_filter.chosen()
        manager = can_moderate(self.request.user)
        # Every panel counts from the story index (stories.story_index), read again when
        # it is older than the cache time or a story is published or withdrawn; the page
        # says when it was read. The figures and the laid-out panels made from one index
        # are kept with it, per set of filters and kind of reader (managers see more
        # case-study candidates).
        seconds = settings.INFOSTORY_INSIGHTS_CACHE_SECONDS
        index = reference.stories
        figures, _stored_at = cached_figures(
            ("insights", manager, filters.query_string(), index.generation),
            lambda: self.figures(filters, reference, manager=manager),
            seconds,
        )
        counted_at = index.counted_at
        context.update(
            form=form,
            filters=filters,
            filters_in_words=describe_filters(filters),
            case_study_limit=insights.CASE_STUDY_LIMIT,
            manager=manager,
            no_filter_note=insights.NO_FILTER_NOTE,
            counted_at=datetime.datetime.fromtimestamp(counted_at, tz=datetime.UTC),
            cache_minutes=max(1, round(seconds / 60)) if seconds > 0 else 0,
            # The laid-out panels are kept as long as the figures they show.
            insights_fragment_seconds=max(seconds, 0),
            insights_fragment_key=f"{manager}:{filters.query_string()}:{counted_at}",
            # The filters' form, with a choice for every UK council, takes longer to write
            # than the cached figures: kept as the story list keeps its menu, keyed by the
            # address and every choice it offers.
            menu_seconds=settings.INFOSTORY_PUBLIC_CACHE_SECONDS,
            menu_key=menu_key(
                self.request,
                True,
                {
                    name: list(field.choices)
                    for name, field in form.fields.items()
                    if hasattr(field, "choices")
                },
            ),
            more_sections=[
                render_to_string(*section, request=self.request)
                for section in (build(self.request) for build in MORE_SECTIONS.values())
                if section
            ],
            **figures,
        )
        return context

    @staticmethod
    def figures(filters, reference, *, manager):
        """Every number on the page (a fixed number of queries), as plain data that can be
        cached."""
        panels = {slug: build_panel(kind, filters, reference) for slug, kind in PANELS.items()}
        matrices = {slug: build_matrix(kind, filters, reference) for slug, kind in MATRICES.items()}
        index = reference.stories
        candidates, more = insights.case_study_candidates(
            filters, include_moderation=manager, index=index
        )
        area_names = {area.pk: area.name for area in reference.areas}
        link = story_links(manager=manager)
        listed = {
            story.pk: Listed.of(story, link=link, area_names=area_names) for story in candidates
        }
        grouped = [
            (theme, [(area, [listed[story.pk] for story in stories]) for area, stories in areas])
            for theme, areas in insights.group_case_studies(candidates, reference)
        ]
        stages = []
        for key, stage in PIPELINE_STAGES.items():
            stories, stage_more = insights.pipeline_stories(filters, key, index=index)
            at_stage = [Listed.of(story, link=link, area_names=area_names) for story in stories]
            stages.append((key, stage.label, at_stage, stage_more))
        return {
            "total": insights.total(filters, index),
            "panels": panels,
            "matrices": matrices,
            "matrix": matrices[MATRIX_SLUG],
            "case_studies": grouped,
            "case_study_count": len(candidates),
            "case_studies_more": more,
            "pipeline_stages": stages,
        }


class InsightsCsvView(StaffOnlyMixin, View):
    """One panel's numbers as CSV, for the same filters as the page."""

    def get(self, request, *args, panel, **kwargs):
        if panel not in MATRICES and panel not in PANELS:
            raise Http404("No such panel.")
        reference = ReferenceLists.load()
        insight_filter = InsightFilter(request.GET, reference=reference)
        form = insight_filter.form
        if not form.is_valid():
            problems = "; ".join(
                f"{form.fields[name].label}: {' '.join(errors)}"
                if name in form.fields
                else " ".join(errors)
                for name, errors in form.errors.items()
            )
            return HttpResponseBadRequest(
                f"These filters cannot be used: {problems}", content_type="text/plain"
            )
        filters = insight_filter.chosen()
        if panel in MATRICES:
            shown, every = MATRICES[panel].count(filters, reference)
            matrix = every() if every else shown
            header = ["Barrier", "Lens"] + [column.name for column in matrix.columns]
            lines = [
                [barrier.name, barrier.get_lens_display()] + [cell.count for cell in cells]
                for barrier, cells in matrix.rows
            ]
            if matrix.changes:
                header.append("Change on the quarter before")
                lines = [
                    line + [change] for line, change in zip(lines, matrix.changes, strict=True)
                ]
        else:
            kind = PANELS[panel]
            rows, csv_rows = kind.count(filters, reference)
            header = [kind.column, "Key", kind.counts]
            lines = [[row.label, row.key, row.count] for row in (csv_rows or rows)]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        day = datetime.date.today().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="infostory-insights-{panel}-{day}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow([neutralise(value) for value in header])
        for line in lines:
            writer.writerow([neutralise(value) for value in line])
        return response
