"""The public pages of case studies: the list, a case study, its PDF.

Each starts from CaseStudy.objects.visible_to(user): published ones for everyone, drafts
too for Centre staff and engagement managers (read-only, marked as not public). Anything
else is a 404. Pages for readers who are not signed in are cached whole, like the story
pages (stories.caching), and dropped at once when a case study or a quoted story changes.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string

from casestudies import pdf
from casestudies.filters import FILTER_LABELS, CaseStudyFilter
from casestudies.models import CaseStudy
from casestudies.reading import page_context, with_everything
from stories.views.browse import CentreListView, CentrePageView

# What other apps show on a case study's page: {key: build(case_study) -> (template,
# context) or None}, filled in their AppConfig.ready() so this app never imports them.
CASE_STUDY_PAGE_PANELS = {}


class CaseStudyListView(CentreListView):
    """/case-studies/: newest first, filtered by theme, area and lens."""

    model = CaseStudy
    items_named = "case studies"
    template_name = "casestudies/case_study_list.html"
    filter_class = CaseStudyFilter
    filter_labels = FILTER_LABELS
    context_object_name = "case_studies"

    def listed(self, queryset):
        return queryset.prefetch_related("local_areas", "themes").order_by("-published_at", "-id")


class CaseStudyDetailView(CentrePageView):
    """/case-studies/<slug>/: the case study, readable on a phone and on paper."""

    model = CaseStudy
    template_name = "casestudies/case_study_detail.html"
    context_object_name = "case_study"

    def read_for_page(self, queryset):
        return with_everything(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_context(self.object))
        context["panels"] = [
            render_to_string(*panel, request=self.request)
            for panel in (build(self.object) for build in CASE_STUDY_PAGE_PANELS.values())
            if panel
        ]
        return context


def case_study_pdf(request, slug):
    """/case-studies/<slug>.pdf: the same page, printed to A4 by WeasyPrint."""
    queryset = with_everything(CaseStudy.objects.visible_to(request.user))
    case_study = get_object_or_404(queryset, slug=slug)
    content = pdf.pdf_for(case_study, request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case_study.slug}.pdf"'
    if not case_study.is_published:
        response["Cache-Control"] = "private, no-store"
    return response
