"""When a quoted story leaves the public site, its case studies are marked for review.

Its quotes have already left every public page (CaseStudyQuote.objects.visible() reads
the story's status); here the authors are told, and it is logged on each case study.
"""

from casestudies.models import CaseStudy, CaseStudyEvent
from stories.caching import public_stories_changed


def mark_for_review(story, *, actor, why):
    case_studies = list(
        CaseStudy.objects.filter(quotes__story=story).distinct().only("pk", "status")
    )
    for case_study in case_studies:
        case_study.needs_review = True
        case_study.save(update_fields=["needs_review", "updated_at"])
        case_study.log(
            CaseStudyEvent.Action.QUOTE_LEFT,
            actor=actor,
            note=f"{story.reference} {why}: its quotes no longer appear. Review the case study.",
            data={"story": story.reference},
        )
    if case_studies:
        public_stories_changed()
    return case_studies


def quoted_story_left(sender, *, story, actor=None, reason="", **kwargs):
    why = "was taken off the public site"
    if reason:
        why += f" ({reason.rstrip('.')})"
    mark_for_review(story, actor=actor, why=why)


def quoted_story_erased(sender, *, instance, **kwargs):
    mark_for_review(instance, actor=None, why="was erased")
