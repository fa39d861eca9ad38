"""Factories for case studies: a draft ready to publish, quoting published stories."""

import factory

from casestudies.models import REQUIRED_LENSES, CaseStudy, CaseStudyQuote, CaseStudySection
from tests.factories import PublishedStoryFactory


class CaseStudyFactory(factory.django.DjangoModelFactory):
    """A draft with the three required lens sections written."""

    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sharing discharge plans in Torbay {n}")
    slug = factory.Sequence(lambda n: f"sharing-discharge-plans-{n}")
    summary = "How a hospital and a council learned to share a discharge date."
    what_changed = "Care now starts on the day people leave hospital."
    local_actions = "A shared discharge checklist for every ward."
    national_asks = "Clear national guidance on sharing discharge dates."

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for position, lens in enumerate(REQUIRED_LENSES):
            CaseStudySection.objects.create(
                case_study=self,
                lens=lens,
                position=position,
                what_got_in_the_way=f"{lens.label}: nobody owned the decision.",
                what_helped=f"{lens.label}: a named lead on each side.",
            )

    @factory.post_generation
    def stories(self, create, extracted, **kwargs):
        """stories=[...] quotes each story's public body, one per lens section in turn."""
        if not create or not extracted:
            return
        sections = list(self.sections.all())
        for position, story in enumerate(extracted):
            CaseStudyQuote.objects.create(
                case_study=self,
                story=story,
                section=sections[position % len(sections)] if sections else None,
                quote=story.public_body,
                position=position,
            )


def published_case_study(*, actor=None, stories=None, **kwargs):
    """A published case study quoting the given (or three new) published stories."""
    if stories is None:
        stories = PublishedStoryFactory.create_batch(3)
    case_study = CaseStudyFactory(stories=stories, **kwargs)
    case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=actor)
    case_study.transition_to(CaseStudy.Status.PUBLISHED, actor=actor)
    return case_study


def browser_case_studies(stories, *, theme, area, actor=None):
    """The case studies the axe-core page list visits (tests/test_browser_all_pages.py):
    one published (quoting stories, one of which has since left: it needs review), one in
    review with an email address in it (the publishing step's personal-data check)."""
    from stories.models import Barrier, Story

    leaving = PublishedStoryFactory(public_body="Words that leave with their story.")
    published = published_case_study(
        actor=actor, stories=[*stories, leaving], title="A published case study"
    )
    published.themes.add(theme)
    published.local_areas.add(area)
    published.sections.get(lens="culture").barriers.add(Barrier.objects.get(slug="risk-aversion"))
    leaving.transition_to(Story.Status.WITHDRAWN, actor=actor)
    in_review = CaseStudyFactory(
        title="A case study in review",
        stories=stories[:1],
        local_actions="Write to lead.officer@example.org for the protocol.",
    )
    in_review.transition_to(CaseStudy.Status.IN_REVIEW, actor=actor)
    return {"case_study": published, "case_study_in_review": in_review}
