"""The case study admin's own pages: the preview, the confirmation of each step and
"Find stories to quote". A mixin of CaseStudyAdmin, as stories/admin/desk.py is of the
story admin."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from casestudies.models import CaseStudy
from casestudies.reading import page_context, with_everything
from infostory.admin_pages import admin_page, admin_urls
from infostory.workflow_admin import WorkflowStepsMixin
from stories.admin.picker import story_picker
from stories.models import Story

STEP_LABELS = {
    CaseStudy.Status.IN_REVIEW: "Send for review",
    CaseStudy.Status.PUBLISHED: "Publish",
    CaseStudy.Status.WITHDRAWN: "Withdraw from the site",
    CaseStudy.Status.DRAFT: "Back to draft",
}
CANDIDATES_PAGE_SIZE = 20


class CaseStudyPagesMixin(WorkflowStepsMixin):
    """The preview, step and candidates pages, at their own admin URLs."""

    def get_urls(self):
        pages = [
            ("candidates/", self.candidates_view, "candidates"),
            ("<int:pk>/preview/", self.preview_view, "preview"),
            ("<int:pk>/move/<str:to>/", self.move_view, "move"),
        ]
        return admin_urls(self, pages) + super().get_urls()

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

    # --- the steps (the confirmation page is infostory.workflow_admin's) ---

    step_labels = STEP_LABELS
    step_template = "admin/casestudies/casestudy/move.html"
    step_subject_name = "case_study"
    step_note_help = "Optional. Saved in the case study's history with this step."
    step_problems_heading = "Before it can be published"

    def step_subject(self, request, pk):
        case_study = self._get(request, pk)
        if not self.has_change_permission(request, case_study):
            raise PermissionDenied
        return case_study

    def goes_public(self, case_study, to):
        return to == CaseStudy.Status.PUBLISHED

    def step_problems(self, case_study, to, *, refusals):
        return case_study.publication_problems() if self.goes_public(case_study, to) else []

    def step_context(self, request, case_study, to):
        return {"preview_url": reverse("admin:casestudies_casestudy_preview", args=[case_study.pk])}

    def candidates_view(self, request):
        """Published stories to quote: candidates first, with their public version."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        picker = story_picker(
            request,
            Story.objects.published(),
            order=["-case_study_candidate", "-published_at", "-id"],
            per_page=CANDIDATES_PAGE_SIZE,
        )
        return admin_page(
            self,
            request,
            "admin/casestudies/casestudy/candidates.html",
            "Find stories to quote",
            stories=list(picker["page_obj"].object_list),
            **picker,
        )
