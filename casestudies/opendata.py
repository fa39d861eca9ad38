"""The published case studies in the open-data JSON (stories:open_data): public text only.

Registered in CaseStudiesConfig.ready() as the "case_studies" key. Each quote is one the
public can read now (CaseStudyQuote.objects.visible()).
"""

from django.db.models import Prefetch
from django.urls import reverse

from casestudies.models import CaseStudy, CaseStudyQuote
from casestudies.reading import with_everything


def _iso(moment):
    return moment.isoformat() if moment else None


def case_study_records(request):
    published = CaseStudy.objects.published()
    quotes = (
        CaseStudyQuote.objects.filter(case_study__in=published)
        .visible()
        .select_related("story", "section")
    )
    case_studies = with_everything(published).prefetch_related(
        Prefetch("quotes", queryset=quotes.order_by("position", "id"), to_attr="visible")
    )
    return [
        {
            "title": case_study.title,
            "url": request.build_absolute_uri(case_study.get_absolute_url()),
            "pdf_url": request.build_absolute_uri(
                reverse("casestudies:pdf", kwargs={"slug": case_study.slug})
            ),
            "published_at": _iso(case_study.published_at),
            "summary": case_study.summary,
            "local_areas": [area.name for area in case_study.local_areas.all()],
            "themes": [theme.name for theme in case_study.themes.all()],
            "sections": [
                {
                    "lens": section.lens,
                    "barriers": [barrier.name for barrier in section.barriers.all()],
                    "what_got_in_the_way": section.what_got_in_the_way,
                    "what_helped": section.what_helped,
                }
                for section in case_study.sections.all()
            ],
            "what_changed": case_study.what_changed,
            "local_actions": case_study.local_actions,
            "national_asks": case_study.national_asks,
            "quotes": [
                {
                    "quote": quote.quote,
                    "story": quote.story.reference,
                    "story_url": request.build_absolute_uri(quote.story.get_absolute_url()),
                    "lens": quote.section.lens if quote.section else None,
                }
                for quote in case_study.visible
            ],
        }
        for case_study in case_studies.order_by("-published_at", "-id")
    ]
