"""The public pages of the change tracker: the list and a change.

Each starts from Change.objects.visible_to(user): every change but the proposed ones for
everyone, proposed ones too for Centre staff (marked as not public). Anything else is a
404. Pages for readers who are not signed in are cached whole, like the story pages
(stories.caching), and dropped at once when what the public reads changes
(infostory.public.public_changed).
"""

from django.views.generic import DetailView, TemplateView

from changes.filters import FILTER_LABELS, ChangeFilter, status_counts
from changes.models import Change
from changes.reading import page_context, with_everything
from stories.caching import CachedForReadersMixin
from stories.permissions import can_read_evidence
from stories.views.browse import active_choices, paginate, usable_filter


def statuses_for(user):
    if can_read_evidence(user):
        return Change.Status.choices
    return [(value, label) for value, label in Change.Status.choices if value != "proposed"]


class ChangeListView(CachedForReadersMixin, TemplateView):
    """/changes/: what the Centre asks for, newest news first, with counts per status."""

    template_name = "changes/change_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Change.objects.visible_to(self.request.user)
        statuses = statuses_for(self.request.user)
        change_filter = usable_filter(
            self.request,
            lambda data: ChangeFilter(data, visible, request=self.request, statuses=statuses),
        )
        queryset = (
            change_filter.qs.with_evidence_counts()
            .prefetch_related("local_areas", "barriers")
            .order_by("-last_progress_on", "-id")
        )
        page = paginate(self.request, queryset)
        # Counts per status over the other filters, each a link to that status.
        without_status = self.request.GET.copy()
        without_status.pop("status", None)
        without_status.pop("page", None)
        others = ChangeFilter(without_status, visible, request=self.request, statuses=statuses)
        counts = status_counts(others.qs if others.is_valid() else visible)
        status_links = []
        for value, label in statuses:
            query = without_status.copy()
            query["status"] = value
            status_links.append(
                {
                    "value": value,
                    "label": label,
                    "count": counts.get(value, 0),
                    "url": f"{self.request.path}?{query.urlencode()}",
                    "current": change_filter.form.cleaned_data.get("status") == value,
                }
            )
        context.update(
            filter=change_filter,
            form=change_filter.form,
            page_obj=page,
            changes=list(page.object_list),
            chosen=active_choices(self.request, change_filter, FILTER_LABELS, multi_valued=()),
            status_links=status_links,
            is_staff_reader=can_read_evidence(self.request.user),
        )
        return context


class ChangeDetailView(CachedForReadersMixin, DetailView):
    """/changes/<slug>/: the owner, the dated timeline, what changed, the evidence."""

    template_name = "changes/change_detail.html"
    context_object_name = "change"

    def get_queryset(self):
        return with_everything(Change.objects.visible_to(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_context(self.object, self.request.user))
        context["page_url"] = self.request.build_absolute_uri(self.object.get_absolute_url())
        return context
