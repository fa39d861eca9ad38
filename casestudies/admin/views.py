"""The case study admin's own pages: the preview, the confirmation of each step and
"Find stories to quote". A mixin of CaseStudyAdmin, as stories/admin/desk.py is of the
story admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from casestudies.admin.forms import StepForm
from casestudies.models import CaseStudy
from casestudies.reading import page_context, with_everything
from stories.filters import StoryFilter
from stories.models import Story

STEP_LABELS = {
    CaseStudy.Status.IN_REVIEW: "Send for review",
    CaseStudy.Status.PUBLISHED: "Publish",
    CaseStudy.Status.WITHDRAWN: "Withdraw from the site",
    CaseStudy.Status.DRAFT: "Back to draft",
}
CANDIDATES_PAGE_SIZE = 20


class CaseStudyPagesMixin:
    """The preview, step and candidates pages, at their own admin URLs."""

    def get_urls(self):
        own = [
            path(
                "candidates/",
                self.admin_site.admin_view(self.candidates_view),
                name="casestudies_casestudy_candidates",
            ),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="casestudies_casestudy_preview",
            ),
            path(
                "<int:pk>/move/<str:to>/",
                self.admin_site.admin_view(self.move_view),
                name="casestudies_casestudy_move",
            ),
        ]
        return own + super().get_urls()

    def _get(self, request, pk):
        case_study = get_object_or_404(with_everything(CaseStudy.objects.all()), pk=pk)
        if not self.has_view_or_change_permission(request, case_study):
            raise PermissionDenied
        return case_study

    def preview_view(self, request, pk):
        """The page exactly as the public will see it: the same template."""
        case_study = self._get(request, pk)
        context = page_context(case_study)
        context.update(
            preview=True,
            change_url=reverse("admin:casestudies_casestudy_change", args=[pk]),
            page_url=request.build_absolute_uri(case_study.get_absolute_url()),
        )
        return TemplateResponse(request, "casestudies/case_study_detail.html", context)

    def move_view(self, request, pk, to):
        """Confirm a step; on yes, take it through CaseStudy.transition_to."""
        case_study = self._get(request, pk)
        if not self.has_change_permission(request, case_study):
            raise PermissionDenied
        try:
            to = CaseStudy.Status(to)
        except ValueError:
            raise Http404("No such step.") from None
        change_url = reverse("admin:casestudies_casestudy_change", args=[pk])
        if not case_study.can_transition_to(to):
            messages.error(
                request,
                f"A case study that is {case_study.get_status_display().lower()} cannot move "
                f"to {to.label.lower()}.",
            )
            return HttpResponseRedirect(change_url)
        refusals = []
        if request.method == "POST":
            form = StepForm(request.POST)
            if form.is_valid():
                try:
                    case_study.transition_to(
                        to,
                        actor=request.user,
                        note=form.cleaned_data["note"].strip(),
                        personal_data_reason=form.cleaned_data["personal_data_reason"],
                    )
                except ValidationError as error:
                    refusals = error.messages
                    case_study.status = CaseStudy.objects.get(pk=pk).status
                else:
                    messages.success(request, f"“{case_study.title}” is now {to.label.lower()}.")
                    return HttpResponseRedirect(change_url)
        else:
            form = StepForm()
        publishing = to == CaseStudy.Status.PUBLISHED
        findings = case_study.personal_data_findings() if publishing else []
        if findings and refusals:
            form.add_error(
                "personal_data_reason",
                "Remove the personal data from the case study, or say here why it may be "
                "published.",
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{STEP_LABELS[to]}: are you sure?",
            "step_title": STEP_LABELS[to],
            "opts": self.model._meta,
            "case_study": case_study,
            "to": to,
            "form": form,
            "problems": case_study.publication_problems() if publishing else [],
            "findings": findings,
            "refusals": refusals,
            "change_url": change_url,
            "preview_url": reverse("admin:casestudies_casestudy_preview", args=[pk]),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/casestudies/casestudy/move.html", context)

    def candidates_view(self, request):
        """Published stories to quote: candidates first, with their public version."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        data = request.GET.copy()
        data.pop("page", None)
        story_filter = StoryFilter(data, Story.objects.published(), request=request)
        dropped = []
        if not story_filter.is_valid():
            dropped = [
                f"{story_filter.filter_label(name)}: {' '.join(errors)}"
                for name, errors in story_filter.errors.items()
            ]
            for name in story_filter.errors:
                data.pop(name, None)
            story_filter = StoryFilter(data, Story.objects.published(), request=request)
            story_filter.is_valid()
        stories = (
            story_filter.qs.select_related("local_area")
            .prefetch_related("themes", "barriers")
            .order_by("-case_study_candidate", "-published_at", "-id")
        )
        page = Paginator(stories, CANDIDATES_PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            **self.admin_site.each_context(request),
            "title": "Find stories to quote",
            "opts": self.model._meta,
            "form": story_filter.form,
            "page_obj": page,
            "stories": list(page.object_list),
            "dropped": dropped,
            "query": query.urlencode(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/casestudies/casestudy/candidates.html", context)
