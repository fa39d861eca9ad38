"""The filters of the browse pages, with django-filter.

The query string is the contract shared with insights and exports (see the brief and
README): theme, area, outcome, barrier, lens, tag, campaign, status (staff only),
submitted_from, submitted_to and q. theme, area, barrier and tag may repeat: OR within
one filter, AND across filters. A partnership or county area includes the areas inside
it. A value that is not valid is dropped, and the view says so; it never fails the page.

The two dates are whole days in UK time. Staff filter on the day a story was submitted;
the public, who never learn when someone submitted, filter on the day it was published
(same parameter names, labelled "Published from" and "Published up to").
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from taggit.models import Tag

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


def date_input():
    """A date picker limited to the dates the filters accept."""
    return forms.DateInput(
        attrs={"type": "date", "min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()}
    )


def start_of_day(day):
    """Midnight at the start of this day in UK time (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _within(queryset, **lookup):
    """Stories whose related rows match lookup, as a subquery (no duplicate rows)."""
    return queryset.filter(pk__in=Story.objects.filter(**lookup).values("pk"))


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
        # One query per list of choices, whatever the number of stories.
        self.themes = list(PolicyTheme.objects.active().only("name", "slug"))
        self.areas = list(LocalArea.objects.active().only("name", "slug", "parent_id"))
        self.barriers = list(Barrier.objects.only("name", "slug", "lens"))
        # Only the tags of stories this person may see: moderators' tags on other stories
        # would say what those stories are about.
        stories = queryset if queryset is not None else Story.objects.none()
        tagged = Tag.objects.filter(story__in=stories.order_by().values("pk")).distinct()
        self.tags = list(tagged.order_by("name").only("name", "slug"))
        self.campaigns = list(Campaign.objects.only("name", "slug"))
        self.filters["theme"].extra["choices"] = [(t.slug, t.name) for t in self.themes]
        self.filters["area"].extra["choices"] = [(a.slug, a.name) for a in self.areas]
        self.filters["barrier"].extra["choices"] = [(b.slug, b.name) for b in self.barriers]
        self.filters["tag"].extra["choices"] = [(t.slug, t.name) for t in self.tags]
        self.filters["campaign"].extra["choices"] = [(c.slug, c.name) for c in self.campaigns]

    # --- the filters that need more than a lookup ---

    def filter_search(self, queryset, name, value):
        return matching_stories(queryset, value, include_original=self.is_staff)

    def filter_theme(self, queryset, name, value):
        return _within(queryset, themes__slug__in=value) if value else queryset

    def filter_barrier(self, queryset, name, value):
        return _within(queryset, barriers__slug__in=value) if value else queryset

    def filter_lens(self, queryset, name, value):
        return _within(queryset, barriers__lens=value) if value else queryset

    def filter_tag(self, queryset, name, value):
        return _within(queryset, tags__slug__in=value) if value else queryset

    # Ranges on the column itself (not __date), so the database can use its index.
    def filter_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__gte": start_of_day(value)})

    def filter_to(self, queryset, name, value):
        next_day = value + datetime.timedelta(days=1)
        return queryset.filter(**{f"{self.date_field}__lt": start_of_day(next_day)})

    def filter_area(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(local_area__in=areas_within(value))

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
