"""The filters of the browse pages, with django-filter.

The query string is the contract shared with insights and exports (see the brief and
README): theme, area, outcome, barrier, lens, tag, campaign, status (staff only),
submitted_from, submitted_to and q. theme, area, barrier and tag may repeat: OR within
one filter, AND across filters. A partnership or county area includes the areas inside
it. A value that is not valid is dropped, and the view says so; it never fails the page.
"""

import django_filters
from django import forms
from taggit.models import Tag

from stories.models import Barrier, Campaign, LocalArea, PolicyTheme, Story
from stories.search import MAX_QUERY_LENGTH, search_stories

# The statuses a staff member may filter on: what visible_to lets them see.
STAFF_STATUSES = [
    (Story.Status.ACCEPTED.value, Story.Status.ACCEPTED.label),
    (Story.Status.PUBLISHED.value, Story.Status.PUBLISHED.label),
]

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
MULTI_VALUED = ("theme", "area", "barrier", "tag")


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
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_to = django_filters.DateFilter(
        label="Submitted up to",
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Story
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, is_staff=False):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.is_staff = is_staff
        if not is_staff:
            del self.filters["status"]
        # One query per list of choices, whatever the number of stories.
        self.themes = list(PolicyTheme.objects.active().only("name", "slug"))
        self.areas = list(LocalArea.objects.active().only("name", "slug", "parent_id"))
        self.barriers = list(Barrier.objects.only("name", "slug", "lens"))
        self.tags = list(Tag.objects.order_by("name").only("name", "slug"))
        self.campaigns = list(Campaign.objects.only("name", "slug"))
        self.filters["theme"].extra["choices"] = [(t.slug, t.name) for t in self.themes]
        self.filters["area"].extra["choices"] = [(a.slug, a.name) for a in self.areas]
        self.filters["barrier"].extra["choices"] = [(b.slug, b.name) for b in self.barriers]
        self.filters["tag"].extra["choices"] = [(t.slug, t.name) for t in self.tags]
        self.filters["campaign"].extra["choices"] = [(c.slug, c.name) for c in self.campaigns]

    # --- the filters that need more than a lookup ---

    def filter_search(self, queryset, name, value):
        return search_stories(queryset, value, include_original=self.is_staff)

    def filter_theme(self, queryset, name, value):
        return _within(queryset, themes__slug__in=value) if value else queryset

    def filter_barrier(self, queryset, name, value):
        return _within(queryset, barriers__slug__in=value) if value else queryset

    def filter_lens(self, queryset, name, value):
        return _within(queryset, barriers__lens=value) if value else queryset

    def filter_tag(self, queryset, name, value):
        return _within(queryset, tags__slug__in=value) if value else queryset

    def filter_area(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(local_area__in=areas_within(value))

    # --- for the templates ---

    def label_for(self, name, value):
        """The human name of one chosen value, e.g. 'Health and social care'."""
        if hasattr(value, "strftime"):
            return value.strftime("%-d %B %Y")
        field = self.form.fields.get(name)
        return dict(getattr(field, "choices", ())).get(value, value)


def areas_within(slugs):
    """The areas with these slugs and every area inside them (LocalAreaQuerySet.within)."""
    return LocalArea.objects.within(*slugs)
