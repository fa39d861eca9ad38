"""Two demo case studies built from the demo stories: one place, one policy theme.

The content is demo/case_studies.toml; seed_demo makes them after the demo stories
(registered in stories.demo at CaseStudiesConfig.ready()). Idempotent: a case study is
matched by its slug and never made twice. A quote whose story is missing or not published
is left out (the demo stories may have been moderated since).
"""

from django.db import transaction

from casestudies.models import CaseStudy, CaseStudyQuote, CaseStudySection
from stories.demo import read_demo
from stories.models import Barrier, LocalArea, PolicyTheme, Story


def seed_case_studies(actor=None):
    """Make the demo case studies that are missing and publish them; return how many."""
    made = 0
    stories = {
        story.public_title: story
        for story in Story.objects.published().only(
            "pk", "public_title", "public_summary", "public_body", "status"
        )
    }
    for item in read_demo("case_studies")["case_study"]:
        if CaseStudy.objects.filter(slug=item["slug"]).exists():
            continue
        with transaction.atomic():
            case_study = CaseStudy.objects.create(
                slug=item["slug"],
                title=item["title"],
                summary=item["summary"],
                what_changed=item["what_changed"],
                local_actions=item["local_actions"],
                national_asks=item["national_asks"],
            )
            case_study.local_areas.set(LocalArea.objects.filter(slug__in=item["areas"]))
            case_study.themes.set(PolicyTheme.objects.filter(slug__in=item["themes"]))
            if actor is not None:
                case_study.authors.add(actor)
            for position, part in enumerate(item["section"]):
                section = CaseStudySection.objects.create(
                    case_study=case_study,
                    lens=part["lens"],
                    position=position,
                    what_got_in_the_way=part["what_got_in_the_way"],
                    what_helped=part["what_helped"],
                )
                section.barriers.set(Barrier.objects.filter(slug__in=part["barriers"]))
                story = stories.get(part["quote_from"])
                if story is not None:
                    quote = CaseStudyQuote(
                        case_study=case_study,
                        story=story,
                        section=section,
                        quote=part["quote"],
                        position=position,
                    )
                    quote.full_clean()
                    quote.save()
            case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=actor, note="Demo data.")
            case_study.transition_to(CaseStudy.Status.PUBLISHED, actor=actor, note="Demo data.")
        made += 1
    return made
