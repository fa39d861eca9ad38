"""The public pages of the change tracker: the list and a change.

Each starts from Change.objects.visible_to(user): every change but the proposed ones for
everyone, proposed ones too for Centre staff (marked as not public). Anything else is a
404. Pages for readers who are not signed in are cached whole, like the story pages
(stories.caching), and dropped at once when what the public reads changes
(infostory.public.public_changed).
"""

from django.utils.functional import cached_property

from changes.filters import FILTER_LABELS, ChangeFilter, status_counts
from changes.models import Change
from changes.reading import page_context, with_everything
from stories.permissions import can_read_evidence
from stories.views.browse import CentreListView, CentrePageView


def statuses_for(user):
    if can_read_evidence(user):
        return Change.Status.choices
    return [(value, label) for value, label in Change.Status.choices if value != "proposed"]


class ChangeListView(CentreListView):
    """/changes/: what the Centre asks for, newest news first, with counts per status."""

    model = Change
    items_named = "changes"
    template_name = "changes/change_list.html"
    filter_labels = FILTER_LABELS
    context_object_name = "changes"

    @cached_property
    def statuses(self):
        return statuses_for(self.request.user)

    def make_filter(self, data):
        return ChangeFilter(data, self.visible, request=self.request, statuses=self.statuses)

    def listed(self, queryset):
        return (
            queryset.with_evidence_counts()
            .prefetch_related("local_areas", "barriers")
            .order_by("-last_progress_on", "-id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counts per status over the other filters, each a link to that status.
        without_status = self.request.GET.copy()
        without_status.pop("status", None)
        without_status.pop("page", None)
        others = self.make_filter(without_status)
        counts = status_counts(others.qs if others.is_valid() else self.visible)
        chosen_status = context["form"].cleaned_data.get("status")
        status_links = []
        for value, label in self.statuses:
            query = without_status.copy()
            query["status"] = value
            status_links.append(
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(value, 0),
                    "url": f"{self.request.path}?{query.urlencode()}",
                    "current": chosen_status == value,
                }
            )
        context.update(
            status_links=status_links,
            is_staff_reader=can_read_evidence(self.request.user),
        )
        return context


class ChangeDetailView(CentrePageView):
    """/changes/<slug>/: the owner, the dated timeline, what changed, the evidence."""

    model = Change  # in the template as `change`, Django's name for it
    template_name = "changes/change_detail.html"

    def read_for_page(self, queryset):
        return with_everything(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_context(self.object, self.request.user))
        return context
