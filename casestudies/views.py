"""The public pages of case studies: the list, a case study, its PDF.

Each starts from CaseStudy.objects.visible_to(user): published ones for everyone, drafts
too for Centre staff and engagement managers (read-only, marked as not public). Anything
else is a 404. Pages for readers who are not signed in are cached whole, like the story
pages (stories.caching), and dropped at once when a case study or a quoted story changes.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.generic import DetailView, TemplateView

from casestudies import pdf
from casestudies.filters import FILTER_LABELS, CaseStudyFilter
from casestudies.models import CaseStudy
from casestudies.reading import page_context, with_everything
from stories.caching import CachedForReadersMixin
from stories.views.browse import paginate

# What other apps show on a case study's page: {key: build(case_study) -> (template,
# context) or None}, filled in their AppConfig.ready() so this app never imports them.
CASE_STUDY_PAGE_PANELS = {}


def usable_filter(request, queryset):
    """The filter over the query string, with any value that cannot be used dropped."""
    data = request.GET.copy()
    data.pop("page", None)
    case_filter = CaseStudyFilter(data, queryset, request=request)
    case_filter.dropped = {}
    if not case_filter.is_valid():
        for name, errors in case_filter.errors.items():
            label = FILTER_LABELS.get(name, name)
            messages.warning(request, f"{label}: {' '.join(errors)} This filter was ignored.")
            case_filter.dropped[name] = {"errors": errors, "typed": data.get(name, "")}
            data.pop(name, None)
        dropped = case_filter.dropped
        case_filter = CaseStudyFilter(data, queryset, request=request)
        case_filter.is_valid()
        case_filter.dropped = dropped
    return case_filter


class CaseStudyListView(CachedForReadersMixin, TemplateView):
    """/case-studies/: newest first, filtered by theme, area and lens."""

    template_name = "casestudies/case_study_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = CaseStudy.objects.visible_to(self.request.user)
        case_filter = usable_filter(self.request, visible)
        queryset = case_filter.qs.prefetch_related("local_areas", "themes").order_by(
            "-published_at", "-id"
        )
        page = paginate(self.request, queryset)
        chosen = []
        for name in FILTER_LABELS:
            value = case_filter.form.cleaned_data.get(name)
            if value:
                remaining = self.request.GET.copy()
                remaining.pop(name, None)
                remaining.pop("page", None)
                query = remaining.urlencode()
                chosen.append(
                    {
                        "filter": FILTER_LABELS[name],
                        "value": case_filter.label_for(name, value),
                        "remove_url": self.request.path + (f"?{query}" if query else ""),
                    }
                )
        context.update(
            filter=case_filter,
            form=case_filter.form,
            page_obj=page,
            case_studies=list(page.object_list),
            chosen=chosen,
        )
        return context


class CaseStudyDetailView(CachedForReadersMixin, DetailView):
    """/case-studies/<slug>/: the case study, readable on a phone and on paper."""

    template_name = "casestudies/case_study_detail.html"
    context_object_name = "case_study"

    def get_queryset(self):
        return with_everything(CaseStudy.objects.visible_to(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_context(self.object))
        context["page_url"] = self.request.build_absolute_uri(self.object.get_absolute_url())
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
