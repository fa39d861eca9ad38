"""When a quoted story leaves the public site, or its public version is edited so a
quote no longer matches it, its case studies are marked for review.

Those quotes have already left every public page (CaseStudyQuote.objects.visible()
reads the story's status and its current words); here the authors are told, and it is
logged on each case study.
"""

from casestudies.models import CaseStudy, CaseStudyEvent, CaseStudyQuote, is_excerpt
from infostory.public import public_changed


def mark_for_review(story, *, actor, why, quotes=None, gone="its quotes no longer appear"):
    """Mark the case studies quoting story (or holding quotes, when given) for review."""
    holding = CaseStudy.objects.filter(quotes__story=story)
    if quotes is not None:
        holding = CaseStudy.objects.filter(quotes__in=quotes)
    case_studies = list(holding.distinct().only("pk", "status"))
    for case_study in case_studies:
        case_study.needs_review = True
        case_study.save(update_fields=["needs_review", "updated_at"])
        case_study.log(
            CaseStudyEvent.Action.QUOTE_LEFT,
            actor=actor,
            note=f"{story.reference} {why}: {gone}. Review the case study.",
            data={"story": story.reference},
        )
    if case_studies:
        public_changed(reason="case study or quote changed")
    return case_studies


def quoted_story_left(sender, *, story, actor=None, reason="", **kwargs):
    why = "was taken off the public site"
    if reason:
        why += f" ({reason.rstrip('.')})"
    mark_for_review(story, actor=actor, why=why)


def quoted_story_erased(sender, *, instance, **kwargs):
    mark_for_review(instance, actor=None, why="was erased")


def quoted_story_edited(sender, *, story, previous, **kwargs):
    """Quotes that matched the story's public version before the edit and no longer do."""
    broken = [
        quote.pk
        for quote in CaseStudyQuote.objects.filter(story=story).only("pk", "quote")
        if is_excerpt(quote.quote, previous) and not is_excerpt(quote.quote, story)
    ]
    if broken:
        mark_for_review(
            story,
            actor=None,
            why="had its public version edited, so a quote no longer matches its words",
            quotes=broken,
            gone="that quote no longer appears",
        )


def public_case_study_changed(sender, instance, **kwargs):
    """A case study or a quote was saved or deleted: if the public can read that case
    study (or it was just deleted while published), cached public pages are dropped. A
    draft's edits change no public page, and dropping every cached page (and the insights
    index) for each would cost every reader."""
    if isinstance(instance, CaseStudy):
        published = instance.status == CaseStudy.Status.PUBLISHED
    else:
        published = CaseStudy.objects.filter(
            pk=instance.case_study_id, status=CaseStudy.Status.PUBLISHED
        ).exists()
    if published:
        public_changed(reason="case study or quote changed")
