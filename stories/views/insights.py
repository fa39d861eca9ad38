"""/insights/: the picture across policy themes, local areas and barriers, for staff.

Only people with ``stories.view_story`` (the Staff and Engagement managers groups) reach
it. Anyone signed out is sent to sign in; a signed-in person without the permission gets
404, as for any page they may not know exists. The counting is in stories/insights.py;
this module reads the filters, lays out each chart and writes the CSV downloads.
"""

import csv
import datetime
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.views.generic import TemplateView, View

from stories import insights
from stories.caching import cached_figures
from stories.exports import neutralise
from stories.filters import EARLIEST_DATE, LATEST_DATE, validate_date_in_range
from stories.insights import Filters, Reference, Row

DATE_ATTRS = {"type": "date", "min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()}

# --- the filters form ---


class InsightFilterForm(forms.Form):
    submitted_from = forms.DateField(
        required=False,
        label="Submitted from",
        help_text="A date, for example 2026-11-01.",
        widget=forms.DateInput(attrs=DATE_ATTRS, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        validators=[validate_date_in_range],
        error_messages={"invalid": "Enter the date as year-month-day, for example 2026-11-01."},
    )
    submitted_to = forms.DateField(
        required=False,
        label="Submitted up to",
        help_text="A date, for example 2026-11-30. The day itself is included.",
        widget=forms.DateInput(attrs=DATE_ATTRS, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        validators=[validate_date_in_range],
        error_messages={"invalid": "Enter the date as year-month-day, for example 2026-11-30."},
    )
    campaign = forms.ChoiceField(
        required=False,
        label="Campaign",
        error_messages={"invalid_choice": "Choose a campaign from the list."},
    )
    theme = forms.ChoiceField(
        required=False,
        label="Policy area",
        error_messages={"invalid_choice": "Choose a policy area from the list."},
    )
    area = forms.ChoiceField(
        required=False,
        label="Local area",
        help_text="A partnership includes its councils.",
        error_messages={"invalid_choice": "Choose a local area from the list."},
    )

    def __init__(self, data, *, reference):
        super().__init__(data)
        self.reference = reference
        self.fields["campaign"].choices = [("", "All campaigns")] + [
            (campaign.slug, str(campaign)) for campaign in reference.campaigns
        ]
        self.fields["theme"].choices = [("", "All policy areas")] + [
            (theme.slug, theme.name) for theme in reference.themes
        ]
        self.fields["area"].choices = [("", "All local areas")] + [
            (area.slug, area.name) for area in reference.areas
        ]
        for name, bound in self.fields.items():
            described = [f"id_{name}_hint"] if bound.help_text else []
            if self.is_bound and name in self.errors:
                described.append(f"id_{name}_error")
            bound.widget.attrs["class"] = (
                "form-select" if name in ("campaign", "theme", "area") else "form-control"
            )
            if described:
                bound.widget.attrs["aria-describedby"] = " ".join(described)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", "The end date must be on or after the start date.")
        return cleaned

    def filters(self):
        """The filters from the values that are valid; the others are left out."""
        self.is_valid()
        data = self.cleaned_data
        by_slug = {
            "campaign": {item.slug: item for item in self.reference.campaigns},
            "theme": {item.slug: item for item in self.reference.themes},
            "area": {item.slug: item for item in self.reference.areas},
        }
        chosen = {name: by_slug[name].get(data.get(name) or "") for name in by_slug}
        area = chosen["area"]
        return Filters(
            submitted_from=data.get("submitted_from"),
            submitted_to=data.get("submitted_to"),
            campaign=chosen["campaign"],
            theme=chosen["theme"],
            area=area,
            area_ids=insights.area_and_children(area, self.reference.areas)
            if area
            else frozenset(),
        )


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


# --- building the panels ---

PANEL_TITLES = {
    "status": ("Totals by status", "Status"),
    "months": ("Stories per month", "Month submitted"),
    "themes": ("By policy area", "Policy area"),
    "areas": ("By local area", "Local area"),
    "outcomes": ("By outcome", "Outcome"),
    "barriers": ("By barrier", "Barrier"),
    "lenses": ("By lens", "Lens"),
    "barriers-by-theme": ("Barriers by policy area", "Barrier"),
}


def csv_url(slug, filters):
    url = reverse("stories:insights_csv", kwargs={"panel": slug})
    query = filters.query_string()
    return f"{url}?{query}" if query else url


def panel_rows(slug, filters, reference):
    """The rows of one panel (for the page and its CSV), and any extra for the CSV only."""
    if slug == "status":
        rows, spam = insights.status_totals(filters)
        spam_row = Row("Suspected spam (not in the totals above)", spam, None, "spam")
        return rows + [spam_row], None
    if slug == "months":
        return insights.monthly_counts(filters), None
    if slug == "themes":
        return insights.theme_counts(filters, reference), None
    if slug == "areas":
        shown, every = insights.area_counts(filters, reference)
        return shown, every
    if slug == "outcomes":
        return insights.outcome_counts(filters), None
    if slug == "barriers":
        return insights.barrier_counts(filters, reference), None
    if slug == "lenses":
        return insights.lens_counts(filters), None
    raise Http404("No such panel.")


INTROS = {
    "status": (
        "Every story that is not suspected spam, at each step of moderation. Accepted and "
        "published stories link to the browse page; the others are in the moderation queue."
    ),
    "months": "When the stories in the picture were submitted (UK time).",
    "themes": "A story filed under two policy areas counts under both.",
    "areas": (
        f"The {insights.TOP_AREAS} local areas with the most stories, by the area each story "
        "is filed under, then all the others together."
    ),
    "outcomes": "Whether sharing information made, or could have made, a difference.",
    "barriers": "What got in the way. A story that reports two barriers counts under both.",
    "lenses": (
        "Barriers seen through the lenses of leadership, capacity and culture, and the legal "
        "and technology ones. A story counts once per lens, however many of its barriers "
        "fall under it."
    ),
}


def build_panel(slug, filters, reference):
    rows, _csv_rows = panel_rows(slug, filters, reference)
    title, column = PANEL_TITLES[slug]
    panel = Panel(
        slug=slug,
        title=title,
        column=column,
        intro=INTROS[slug],
        rows=rows,
        csv_url=csv_url(slug, filters),
    )
    if slug == "areas":
        panel.csv_note = "The CSV lists every area with stories, not only the top ones."
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
    """Signed out: to the sign-in page. Signed in without stories.view_story: 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("stories.view_story"):
            raise Http404("No such page.")
        return super().dispatch(request, *args, **kwargs)


class InsightsView(StaffOnlyMixin, TemplateView):
    template_name = "stories/insights.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = Reference.load()
        form = InsightFilterForm(self.request.GET, reference=reference)
        filters = form.filters()
        manager = self.request.user.has_perm("stories.change_story")
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
            matrix_csv_url=csv_url("barriers-by-theme", filters),
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
        panels = {
            slug: build_panel(slug, filters, reference)
            for slug in ("status", "months", "themes", "areas", "outcomes", "barriers", "lenses")
        }
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
        if panel != "barriers-by-theme" and panel not in PANEL_TITLES:
            raise Http404("No such panel.")
        reference = Reference.load()
        form = InsightFilterForm(request.GET, reference=reference)
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
        filters = form.filters()
        if panel == "barriers-by-theme":
            matrix = insights.barrier_theme_matrix(filters, reference)
            header = ["Barrier", "Lens"] + [theme.name for theme in matrix.themes]
            lines = [
                [barrier.name, barrier.get_lens_display()] + [cell.count for cell in cells]
                for barrier, cells in matrix.rows
            ]
        else:
            rows, csv_rows = panel_rows(panel, filters, reference)
            header = [PANEL_TITLES[panel][1], "Key", "Stories"]
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
