"""The filters of /case-studies/: theme, area and lens, each choice with its count.

The same query-string names as the stories list. An area includes the areas inside it
(LocalArea.objects.within). A value that cannot be used is dropped by the view with a
message beside the filter; the page still answers 200.
"""

from collections import defaultdict

import django_filters
from django.db.models import Count, Q

from casestudies.models import CaseStudy, CaseStudySection
from stories.models import Barrier, LocalArea, PolicyTheme, area_ids_within, children_in

FILTER_LABELS = {"theme": "Policy area", "area": "Local area", "lens": "Lens"}


class ThemeAndAreaFilters:
    """What the filters of the Centre's own lists (case studies, changes) share with the
    stories list: one policy area (theme) and one local area (area, with the areas inside
    it), by the same query-string names. Each matching item is counted once (a subquery
    on the list's model, not a join), and each filter is named by filter_labels."""

    filter_labels = {}

    def filter_theme(self, queryset, name, value):
        return queryset.filter(
            pk__in=queryset.model.objects.filter(themes__slug=value).values("pk")
        )

    def filter_area(self, queryset, name, value):
        within = LocalArea.objects.within(value)
        return queryset.filter(
            pk__in=queryset.model.objects.filter(local_areas__in=within).values("pk")
        )

    def filter_label(self, name):
        return self.filter_labels.get(name, name)


class CaseStudyFilter(ThemeAndAreaFilters, django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(
        label="Policy area", method="filter_theme", empty_label="Any policy area"
    )
    area = django_filters.ChoiceFilter(
        label="Local area", method="filter_area", empty_label="Any local area"
    )
    lens = django_filters.ChoiceFilter(label="Lens", method="filter_lens", empty_label="Any lens")
    filter_labels = FILTER_LABELS

    class Meta:
        model = CaseStudy
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None):
        super().__init__(data, queryset, request=request)
        counts = choice_counts(queryset)
        self.counts = counts
        self.filters["theme"].extra["choices"] = counts["theme"]
        self.filters["area"].extra["choices"] = counts["area"]
        self.filters["lens"].extra["choices"] = counts["lens"]

    def filter_lens(self, queryset, name, value):
        return queryset.filter(
            pk__in=CaseStudySection.objects.filter(lens=value).values("case_study")
        )

    def label_for(self, name, value):
        return dict(self.filters[name].extra["choices"]).get(value, value).rsplit(" (", 1)[0]


def _label(name, count):
    return f"{name} ({count})"


def choice_counts(case_studies):
    """The choices of each filter as (slug, "Name (count)"): four queries in all.

    An area counts the case studies of every area inside it, each once.
    """
    case_studies = case_studies.order_by().values("pk")
    themes = PolicyTheme.objects.active().annotate(
        n=Count("case_studies", filter=Q(case_studies__in=case_studies), distinct=True)
    )
    theme_choices = [(t.slug, _label(t.name, t.n)) for t in themes]

    areas = list(LocalArea.objects.active().only("pk", "name", "slug", "parent_id"))
    own = defaultdict(set)
    links = CaseStudy.local_areas.through.objects.filter(casestudy__in=case_studies)
    for area_id, case_study_id in links.values_list("localarea_id", "casestudy_id"):
        own[area_id].add(case_study_id)
    children_of = children_in(areas)
    area_choices = []
    for area in areas:
        found = set()
        for pk in area_ids_within({area.pk}, children_of):
            found |= own.get(pk, set())
        area_choices.append((area.slug, _label(area.name, len(found))))

    by_lens = dict(
        CaseStudySection.objects.filter(case_study__in=case_studies)
        .values_list("lens")
        .annotate(n=Count("case_study", distinct=True))
        .order_by()
    )
    lens_choices = [
        (value, _label(label, by_lens.get(value, 0))) for value, label in Barrier.Lens.choices
    ]
    return {"theme": theme_choices, "area": area_choices, "lens": lens_choices}
