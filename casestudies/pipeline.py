"""The case-study stages of the insights pipeline, registered in stories.pipeline at
ready(): the stories app counts them without importing this app.

- Quoted in a draft: quoted by a case study being written or reviewed (draft or in
  review).
- Quoted in a published case study: quoted by a published case study, and the story is
  published now (CaseStudyQuote.objects.visible(), the rule every public page uses).
"""

from casestudies.models import CaseStudy, CaseStudyQuote
from stories.pipeline import PipelineStage

IN_THE_MAKING = (CaseStudy.Status.DRAFT, CaseStudy.Status.IN_REVIEW)


def quoted_in_a_draft():
    return CaseStudyQuote.objects.filter(case_study__status__in=IN_THE_MAKING).values("story_id")


def quoted_in_a_published_case_study():
    return (
        CaseStudyQuote.objects.filter(case_study__status=CaseStudy.Status.PUBLISHED)
        .visible()
        .values("story_id")
    )


STAGES = (
    PipelineStage("draft", "Quoted in a draft case study", quoted_in_a_draft),
    PipelineStage(
        "published", "Quoted in a published case study", quoted_in_a_published_case_study
    ),
)
