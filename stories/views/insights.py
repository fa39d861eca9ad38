"""/insights/: the picture across policy themes, local areas and barriers, for staff.

Only people who may read the evidence (stories.permissions.can_read_evidence: the Staff
and Engagement managers groups) reach it. Anyone signed out is sent to sign in; a
signed-in person without the permission gets 404, as for any page they may not know
exists. The counting is in stories/insights.py; this module reads the filters, lays out
each chart and writes the CSV downloads.
"""

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.views.generic import TemplateView, View

from stories import insights
from stories.caching import cached_figures
from stories.exports import neutralise
from stories.filters import InsightFilter
from stories.insights import ReferenceLists, Row
from stories.permissions import can_moderate, can_read_evidence


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


# --- charts ---

CHART_WIDTH = 480
BAR_SPACE = 400  # the longest bar; the rest of the width is for its number
ROW_HEIGHT = 44
LABEL_CHARS = 52


@dataclass
class Bar:
    label: str
    count: int
    label_y: int
    bar_y: int
    width: int
    value_x: int
    value_y: int


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
    chart_height: int = 0

    @property
    def unlinked(self):
        return [row for row in self.rows if row.url is None and row.note]


def lay_out_chart(panel):
    """Horizontal bars: each label above its bar, the number printed at the bar's end."""
    largest = max((row.count for row in panel.rows), default=0)
    bars = []
    for index, row in enumerate(panel.rows):
        top = index * ROW_HEIGHT
        width = round(BAR_SPACE * row.count / largest) if largest else 0
        if row.count and width < 2:
            width = 2
        label = row.label if len(row.label) <= LABEL_CHARS else row.label[: LABEL_CHARS - 1] + "…"
        bars.append(Bar(label, row.count, top + 15, top + 21, width, width + 6, top + 34))
    panel.bars = bars
    panel.chart_height = max(len(bars) * ROW_HEIGHT, ROW_HEIGHT)
    return panel


# --- the panels: each declared once ---


@dataclass(frozen=True)
class PanelKind:
    """One bar-chart panel of the page and its CSV download: a new panel is one entry in
    PANELS. count(filters, reference) gives (rows, rows for the CSV or None if the same)."""

    slug: str
    title: str
    column: str
    intro: str
    count: Callable
    csv_note: str = ""


def rows_only(counter):
    """count for a panel whose CSV lists the same rows as the page."""
    return lambda filters, reference: (counter(filters, reference), None)


def status_rows(filters, reference):
    rows, spam = insights.status_totals(filters)
    return rows + [Row("Suspected spam (not in the totals above)", spam, None, "spam")], None


PANELS = {
    kind.slug: kind
    for kind in (
        PanelKind(
            "status",
            "Totals by status",
            "Status",
            "Every story that is not suspected spam, at each step of moderation. Accepted and "
            "published stories link to the browse page; the others are in the moderation "
            "queue.",
            status_rows,
        ),
        PanelKind(
            "months",
            "Stories per month",
            "Month submitted",
            "When the stories in the picture were submitted (UK time).",
            rows_only(lambda filters, reference: insights.monthly_counts(filters)),
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
            rows_only(lambda filters, reference: insights.outcome_counts(filters)),
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
            rows_only(lambda filters, reference: insights.lens_counts(filters)),
        ),
    )
}
# The barriers-by-policy-area table: its own layout on the page and its own CSV.
MATRIX_SLUG = "barriers-by-theme"


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
    )
    return lay_out_chart(panel)


def heat_class(count, largest):
    """A shade for a barriers-by-theme cell (the number is always printed too)."""
    if not count or not largest:
        return "heat-0"
    return f"heat-{min(4, 1 + (4 * count - 1) // largest)}"


def story_link(story, *, manager):
    if manager:
        return reverse("admin:stories_story_change", args=[story.pk])
    return reverse("stories:detail", kwargs={"reference": story.reference})


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
        # Counting every panel takes about half a second at 100,000 stories: the figures
        # are kept for a short time per set of filters (and per kind of reader, as
        # managers see more case-study candidates), and the page says when they were
        # counted. Publishing or withdrawing a story counts them again at once.
        seconds = settings.INFOSTORY_INSIGHTS_CACHE_SECONDS
        figures, counted_at = cached_figures(
            ("insights", manager, filters.query_string()),
            lambda: self.figures(filters, reference, manager=manager),
            seconds,
        )
        context.update(
            form=form,
            filters=filters,
            filters_in_words=describe_filters(filters),
            matrix_csv_url=csv_url(MATRIX_SLUG, filters),
            case_study_limit=insights.CASE_STUDY_LIMIT,
            manager=manager,
            no_filter_note=insights.NO_FILTER_NOTE,
            counted_at=datetime.datetime.fromtimestamp(counted_at, tz=datetime.UTC),
            cache_minutes=max(1, round(seconds / 60)) if seconds > 0 else 0,
            # The laid-out panels are kept as long as the figures they show.
            insights_fragment_seconds=max(seconds, 0),
            insights_fragment_key=f"{manager}:{filters.query_string()}:{counted_at}",
            **figures,
        )
        return context

    @staticmethod
    def figures(filters, reference, *, manager):
        """Every number on the page (15 queries), as plain data that can be cached."""
        panels = {slug: build_panel(kind, filters, reference) for slug, kind in PANELS.items()}
        matrix = insights.barrier_theme_matrix(filters, reference)
        for _barrier, cells in matrix.rows:
            for cell in cells:
                cell.heat = heat_class(cell.count, matrix.largest)
        candidates, more = insights.case_study_candidates(filters, include_moderation=manager)
        for story in candidates:
            story.insights_link = story_link(story, manager=manager)
        return {
            "total": insights.total(filters),
            "panels": panels,
            "matrix": matrix,
            "case_studies": insights.group_case_studies(candidates),
            "case_study_count": len(candidates),
            "case_studies_more": more,
        }


class InsightsCsvView(StaffOnlyMixin, View):
    """One panel's numbers as CSV, for the same filters as the page."""

    def get(self, request, *args, panel, **kwargs):
        if panel != MATRIX_SLUG and panel not in PANELS:
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
        if panel == MATRIX_SLUG:
            matrix = insights.barrier_theme_matrix(filters, reference)
            header = ["Barrier", "Lens"] + [theme.name for theme in matrix.themes]
            lines = [
                [barrier.name, barrier.get_lens_display()] + [cell.count for cell in cells]
                for barrier, cells in matrix.rows
            ]
        else:
            kind = PANELS[panel]
            rows, csv_rows = kind.count(filters, reference)
            header = [kind.column, "Key", "Stories"]
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
