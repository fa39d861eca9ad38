"""The filters of /changes/: level, status, policy area, local area and barrier.

The same query-string names as the stories list (theme, area, barrier). An area includes
the areas inside it (LocalArea.objects.within). A value that cannot be used is dropped by
the view with a message beside the filter; the page still answers 200.
"""

import django_filters
from django.db.models import Count

from casestudies.filters import ThemeAndAreaFilters
from changes.models import Change
from stories.models import Barrier, LocalArea, PolicyTheme

FILTER_LABELS = {
    "level": "Level",
    "status": "Status",
    "theme": "Policy area",
    "area": "Local area",
    "barrier": "Barrier",
}


class ChangeFilter(ThemeAndAreaFilters, django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        label="Level", choices=Change.Level.choices, empty_label="Local and national"
    )
    status = django_filters.ChoiceFilter(label="Status", empty_label="Any status")
    theme = django_filters.ChoiceFilter(
        label="Policy area", method="filter_theme", empty_label="Any policy area"
    )
    area = django_filters.ChoiceFilter(
        label="Local area", method="filter_area", empty_label="Any local area"
    )
    barrier = django_filters.ChoiceFilter(
        label="Barrier", method="filter_barrier", empty_label="Any barrier"
    )
    filter_labels = FILTER_LABELS

    class Meta:
        model = Change
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, statuses=None):
        super().__init__(data, queryset, request=request)
        statuses = statuses or Change.Status.choices
        self.filters["status"].extra["choices"] = statuses
        self.filters["theme"].extra["choices"] = [
            (theme.slug, theme.name) for theme in PolicyTheme.objects.active().only("slug", "name")
        ]
        self.filters["area"].extra["choices"] = [
            (area.slug, area.name) for area in LocalArea.objects.active().only("slug", "name")
        ]
        self.filters["barrier"].extra["choices"] = [
            (barrier.slug, barrier.name)
            for barrier in Barrier.objects.order_by("name").only("slug", "name")
        ]

    def filter_barrier(self, queryset, name, value):
        return queryset.filter(pk__in=Change.objects.filter(barriers__slug=value).values("pk"))

    def label_for(self, name, value):
        return dict(self.filters[name].extra["choices"]).get(value, value)


def status_counts(queryset):
    """{status: count} over queryset, in one query."""
    return dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
