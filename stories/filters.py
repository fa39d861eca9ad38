"""The filters of the browse pages, the exports and insights, with django-filter.

StoryFilter reads the query string of the browse pages and the exports; InsightFilter, a
subclass, reads the insights page's subset of it. The narrowing rules (whole UK days,
"this area and the areas inside it", a related row as a subquery) are written once here.
Insights counts from the story index instead of a queryset: InsightFilter.chosen gives
the chosen filters as a Filters value object, which the index narrows by
(Filters.label_choices), and every link to the browse page is made by browse_url.

The query string is the contract shared with insights and exports (see README): theme,
area, outcome, barrier, lens, tag, campaign, status (staff only), submitted_from,
submitted_to and q. theme, area, barrier and tag may repeat: OR within one filter, AND
across filters. A partnership or county area includes the areas inside it. A value that
is not valid is dropped, and the view says so; it never fails the page.

The two dates are whole days in UK time. Staff filter on the day a story was submitted;
the public, who never learn when someone submitted, filter on the day it was published
(same parameter names, labelled "Published from" and "Published up to").
"""

import datetime
from dataclasses import dataclass
from functools import cached_property, lru_cache
from urllib.parse import urlencode

import django_filters
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from stories.caching import cached_figures
from stories.models import Barrier, Campaign, LocalArea, PolicyTheme, Story
from stories.search import MAX_QUERY_LENGTH, matching_stories

# The statuses a staff member may filter on: what visible_to lets them see.
STAFF_STATUSES = [(status.value, status.label) for status in Story.EVIDENCE_STATUSES]

# Human names of the filters, for messages and the removable choices.
FILTER_LABELS = {
    "q": "Search",
    "theme": "Policy area",
    "area": "Local area",
    "outcome": "Outcome",
    "barrier": "Barrier",
    "lens": "Lens",
    "tag": "Tag",
    "campaign": "Campaign",
    "status": "Status",
    "submitted_from": "Submitted from",
    "submitted_to": "Submitted up to",
}
# What the public sees instead: their date filters are on the day of publication.
PUBLIC_LABELS = {"submitted_from": "Published from", "submitted_to": "Published up to"}
MULTI_VALUED = ("theme", "area", "barrier", "tag")

# Dates outside this range are refused: no story is that old, and the day after
# 9999-12-31 cannot be computed.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def validate_date_in_range(value):
    if value and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            f"Enter a date between {EARLIEST_DATE:%-d %B %Y} and {LATEST_DATE:%-d %B %Y}.",
            code="out_of_range",
        )


def date_input(**kwargs):
    """A date picker limited to the dates the filters accept."""
    return forms.DateInput(
        attrs={"type": "date", "min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()},
        **kwargs,
    )


def start_of_day(day):
    """Midnight at the start of this day in UK time (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def on_days(queryset, field_name, first=None, last=None):
    """Stories whose field_name falls between these whole days in UK time (both included).

    Ranges on the column itself (not __date), so the database can use its index.
    """
    if first:
        queryset = queryset.filter(**{f"{field_name}__gte": start_of_day(first)})
    if last:
        next_day = last + datetime.timedelta(days=1)
        queryset = queryset.filter(**{f"{field_name}__lt": start_of_day(next_day)})
    return queryset


def having(queryset, **lookup):
    """Stories with a related row matching the one lookup, e.g. themes__slug__in=[...]:
    a subquery on the link table alone (no duplicate rows, and counting by a related
    table afterwards still sees all of a story's rows). Asked of the link table rather
    than through the story table again, the database reads one index instead of joining
    every story of a policy area (a theme's count took 17 ms instead of 4)."""
    ((path, value),) = lookup.items()
    relation, _, rest = path.partition("__")
    table, story_column, target = link_tables()[relation]
    rows = table.objects.filter(**{f"{target}__{rest}" if rest else target: value})
    if table is TaggedItem:
        rows = rows.filter(content_type=ContentType.objects.get_for_model(Story))
    return queryset.filter(pk__in=rows.values(story_column))


def link_tables():
    """The one description of where a story's labels live: relation on Story -> (link
    table, its column naming the story, its field naming the label). Filters ask these
    tables alone (having)."""
    return {
        "themes": (Story.themes.through, "story_id", "policytheme"),
        "barriers": (Story.barriers.through, "story_id", "barrier"),
        "tags": (TaggedItem, "object_id", "tag"),
    }


def tags_in_use(stories):
    """The tags on at least one of these stories, by name.

    Asked per tag for its first use among the stories (a subquery with LIMIT 1), which
    stops at the first visible story it meets: under a millisecond at 100,000 stories,
    where joining every tagging to every visible story and removing duplicates took
    270-470 ms on every list, search and filter page."""
    first_use = TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type=ContentType.objects.get_for_model(Story),
        object_id__in=stories.order_by().values("pk"),
    ).values("pk")[:1]
    return (
        Tag.objects.annotate(first_use=Subquery(first_use))
        .filter(first_use__isnull=False)
        .order_by("name")
        .only("name", "slug")
    )


def reference_choices():
    """{filter name: [(slug, name)]} of the reference lists the filters offer: active
    policy areas and places, every barrier and campaign."""
    themes = PolicyTheme.objects.active().only("name", "slug")
    areas = LocalArea.objects.active().only("name", "slug", "parent_id")
    return {
        "theme": [(theme.slug, theme.name) for theme in themes],
        "area": [(area.slug, area.name) for area in areas],
        "barrier": [(b.slug, b.name) for b in Barrier.objects.only("name", "slug", "lens")],
        "campaign": [(c.slug, c.name) for c in Campaign.objects.only("name", "slug")],
    }


def as_list(value):
    """A filter's value as a list: one slug (a single choice) or several."""
    return [value] if isinstance(value, str) else list(value)


class SharedChoices(list):
    """A filter's choices, shared by the copies of its field instead of copied.

    Django deep-copies a form's fields, choices included, for every form it builds: for
    the few hundred places that was a millisecond of every list page. Nothing changes a
    list of choices once it is read, so every copy may share it."""

    def __deepcopy__(self, memo):
        return self


class StoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search the stories",
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
    )
    theme = django_filters.MultipleChoiceFilter(
        label="Policy area",
        method="filter_theme",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    area = django_filters.MultipleChoiceFilter(label="Local area", method="filter_area")
    outcome = django_filters.ChoiceFilter(
        label="Outcome", choices=Story.Outcome.choices, empty_label="Any outcome"
    )
    barrier = django_filters.MultipleChoiceFilter(
        label="Barrier",
        method="filter_barrier",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    lens = django_filters.ChoiceFilter(
        label="Lens", choices=Barrier.Lens.choices, method="filter_lens", empty_label="Any lens"
    )
    tag = django_filters.MultipleChoiceFilter(label="Tag", method="filter_tag")
    campaign = django_filters.ChoiceFilter(
        label="Campaign", field_name="campaign__slug", empty_label="Any campaign"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STAFF_STATUSES, empty_label="Accepted or published"
    )
    submitted_from = django_filters.DateFilter(
        label="Submitted from",
        method="filter_from",
        widget=date_input(),
        validators=[validate_date_in_range],
    )
    submitted_to = django_filters.DateFilter(
        label="Submitted up to",
        method="filter_to",
        widget=date_input(),
        validators=[validate_date_in_range],
    )

    class Meta:
        model = Story
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, is_staff=False):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.is_staff = is_staff
        self.date_field = "submitted_at" if is_staff else "published_at"
        self.dropped = {}  # the filters the view dropped, with why: shown beside them
        if not is_staff:
            del self.filters["status"]
            for name, label in PUBLIC_LABELS.items():
                self.filters[name].label = label
        # What the menu offers: its cached HTML is keyed by it (browse.menu_key).
        self.offered = self.load_choices(queryset)
        for name, choices in self.offered.items():
            self.filters[name].extra["choices"] = SharedChoices(choices)

    def load_choices(self, queryset):
        """{filter name: [(slug, name)]}: the reference lists, read once per public version
        (every list, search and filter page needs them: five queries were a quarter of an
        uncached list page), and the tags of the stories this reader may see.

        The public's tags are kept too, per visible set (its own SQL: the list, a theme's
        or an area's page) and public version, which changes whenever a story is published
        or withdrawn. Staff also see accepted stories, whose tags change without a new
        version, so theirs are read every time: a tag just put on an accepted story is
        offered, and filtering or exporting by it works, at once."""
        seconds = settings.INFOSTORY_PUBLIC_CACHE_SECONDS
        if seconds > 0:
            choices, _read_at = cached_figures(("reference-choices",), reference_choices, seconds)
        else:
            choices = reference_choices()
        stories = queryset if queryset is not None else Story.objects.none()
        choices = {**choices, "tag": self.tag_choices(stories, seconds)}
        return choices

    def tag_choices(self, stories, seconds):
        """The tags of these stories only: moderators' tags on stories this person may not
        see would say what those stories are about."""

        def read():
            return [(tag.slug, tag.name) for tag in tags_in_use(stories)]

        if self.is_staff or seconds <= 0:
            return read()
        try:
            scope = str(stories.query)
        except EmptyResultSet:
            return []
        tags, _read_at = cached_figures(("tag-choices", scope), read, seconds)
        return tags

    # --- the filters that need more than a lookup ---

    def filter_search(self, queryset, name, value):
        return matching_stories(queryset, value, include_original=self.is_staff)

    def filter_theme(self, queryset, name, value):
        return having(queryset, themes__slug__in=as_list(value)) if value else queryset

    def filter_barrier(self, queryset, name, value):
        return having(queryset, barriers__slug__in=as_list(value)) if value else queryset

    def filter_lens(self, queryset, name, value):
        return having(queryset, barriers__lens=value) if value else queryset

    def filter_tag(self, queryset, name, value):
        return having(queryset, tags__slug__in=as_list(value)) if value else queryset

    def filter_from(self, queryset, name, value):
        return on_days(queryset, self.date_field, first=value)

    def filter_to(self, queryset, name, value):
        return on_days(queryset, self.date_field, last=value)

    def filter_area(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(local_area__in=areas_within(as_list(value)))

    # --- for the templates ---

    def filter_label(self, name):
        """The human name of one filter, as this reader knows it."""
        if not self.is_staff and name in PUBLIC_LABELS:
            return PUBLIC_LABELS[name]
        return FILTER_LABELS.get(name, name)

    def label_for(self, name, value):
        """The human name of one chosen value, e.g. 'Health and social care'."""
        if hasattr(value, "strftime"):
            return value.strftime("%-d %B %Y")
        field = self.form.fields.get(name)
        return dict(getattr(field, "choices", ())).get(value, value)


def areas_within(slugs):
    """The areas with these slugs and every area inside them (LocalAreaQuerySet.within)."""
    return LocalArea.objects.within(*slugs)


def _date_filter(label, example, help_text):
    return django_filters.DateFilter(
        label=label,
        method="filter_from" if label.endswith("from") else "filter_to",
        help_text=help_text,
        widget=date_input(format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        validators=[validate_date_in_range],
        error_messages={"invalid": f"Enter the date as year-month-day, for example {example}."},
    )


def _one_of(label, what, **kwargs):
    return django_filters.ChoiceFilter(
        label=label,
        empty_label=f"All {what}s",
        error_messages={"invalid_choice": f"Choose a {what} from the list."},
        **kwargs,
    )


class InsightForm(forms.Form):
    """The insights filters' form: hints and errors tied to their inputs, dates in order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            described = [f"id_{name}_hint"] if field.help_text else []
            if self.is_bound and name in self.errors:
                described.append(f"id_{name}_error")
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", "The end date must be on or after the start date.")
        return cleaned


def filter_dropping_invalid(query, queryset, *, request):
    """A StoryFilter over a query string (its page left out), the values that are not
    valid dropped, and what was dropped, in words: for the staff pages that list stories
    to pick from (a case study's quotes, a change's evidence)."""
    data = query.copy()
    data.pop("page", None)
    story_filter = StoryFilter(data, queryset, request=request)
    dropped = []
    if not story_filter.is_valid():
        dropped = [
            f"{story_filter.filter_label(name)}: {' '.join(errors)}"
            for name, errors in story_filter.errors.items()
        ]
        for name in story_filter.errors:
            data.pop(name, None)
        story_filter = StoryFilter(data, queryset, request=request)
        story_filter.is_valid()
    return story_filter, dropped


class InsightFilter(StoryFilter):
    """The insights page's filters: the browse filters' dates, campaign, and one policy area
    and one local area (with the areas inside it), for staff. Its choices, and the areas
    inside the chosen area, come from the reference lists insights has already read
    (stories.insights.ReferenceLists)."""

    q = outcome = barrier = lens = tag = status = None
    submitted_from = _date_filter("Submitted from", "2026-11-01", "A date, for example 2026-11-01.")
    submitted_to = _date_filter(
        "Submitted up to",
        "2026-11-30",
        "A date, for example 2026-11-30. The day itself is included.",
    )
    campaign = _one_of("Campaign", "campaign", field_name="campaign__slug")
    theme = _one_of("Policy area", "policy area", method="filter_theme")
    area = _one_of(
        "Local area",
        "local area",
        method="filter_area",
        help_text="A partnership includes its councils.",
    )

    class Meta:
        model = Story
        fields = []
        form = InsightForm

    # The order of the inputs on the page (a subclass keeps its parent's order otherwise).
    ORDER = ("submitted_from", "submitted_to", "campaign", "theme", "area")

    def __init__(self, data, *, reference):
        self.reference = reference
        super().__init__(data, Story.objects.none(), is_staff=True)
        self.filters = {name: self.filters[name] for name in self.ORDER}

    def load_choices(self, queryset):
        return {
            "campaign": [(campaign.slug, str(campaign)) for campaign in self.reference.campaigns],
            "theme": [(theme.slug, theme.name) for theme in self.reference.themes],
            "area": [(area.slug, area.name) for area in self.reference.areas],
        }

    def chosen(self):
        """The valid values as the objects they name (a Filters); the values that are not
        valid are left out."""
        self.is_valid()
        data = self.form.cleaned_data
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
            area_ids=self.reference.area_ids_within(area) if area else frozenset(),
        )


# --- the browse link: the one place a link to the browse page is made ---


def browse_url(params, base=None):
    """The browse page filtered by params (a dict of contract names to a value or a list).

    Empty values are left out; keys come in a fixed order so links are stable. ``base``:
    the browse page's path, when the caller already has it.
    """
    base = base or reverse("stories:list")
    pairs = []
    for key in sorted(params):
        values = params[key]
        if not isinstance(values, list | tuple):
            values = [values]
        pairs.extend(_pair(key, str(value)) for value in values if value not in (None, ""))
    return f"{base}?{'&'.join(pairs)}" if pairs else base


@lru_cache(maxsize=4096)
def _pair(key, value):
    """One key=value of a query string, as urlencode writes it (a page's links repeat the
    same few hundred)."""
    return urlencode([(key, value)])


# --- the filters insights shares across its panels ---


@dataclass(frozen=True)
class Filters:
    """The chosen filters as the objects they name (InsightFilter.chosen makes them): what
    every insights panel shares. ``area`` includes every area inside it (area_ids)."""

    submitted_from: datetime.date | None = None
    submitted_to: datetime.date | None = None
    campaign: Campaign | None = None
    theme: PolicyTheme | None = None
    area: LocalArea | None = None
    area_ids: frozenset = frozenset()

    def browse_params(self):
        return {
            "submitted_from": self.submitted_from.isoformat() if self.submitted_from else None,
            "submitted_to": self.submitted_to.isoformat() if self.submitted_to else None,
            "campaign": self.campaign.slug if self.campaign else None,
            "theme": self.theme.slug if self.theme else None,
            "area": self.area.slug if self.area else None,
        }

    def query_string(self):
        """The filters as the dashboard's own query string (for its CSV links)."""
        return urlencode({key: value for key, value in self.browse_params().items() if value})

    def link(self, **overrides):
        """The browse link for the filtered stories narrowed further by overrides."""
        return browse_url({**self._params, **overrides}, self._list_path)

    # A page makes a few hundred links from one set of filters: these are worked out once.
    @cached_property
    def _params(self):
        return self.browse_params()

    @cached_property
    def _list_path(self):
        return reverse("stories:list")

    def label_choices(self):
        """{a story's label: the ids it must be one of}, for the filters chosen: the
        campaign, the policy area, and the local area with every area inside it. The story
        index (StoryIndex.chosen) narrows by these, with the dates (on_days' whole days)."""
        chosen = {}
        if self.campaign:
            chosen["campaign"] = {self.campaign.pk}
        if self.theme:
            chosen["theme"] = {self.theme.pk}
        if self.area:
            chosen["area"] = self.area_ids
        return chosen
