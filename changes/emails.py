"""Telling the storytellers when a change their story is evidence for is made.

Each storyteller whose story is held as evidence (accepted or published), who gave an
email and agreed to be contacted (stories.moderation.may_tell_submitter), gets one email
with the change's link, through the stories app's sender (stored, sent after commit). It
is logged as an EMAILED StoryEvent naming the change, which is also what makes it once
only: a story already told about this change is not told again.
"""

from django.conf import settings

from stories.emails import queue_email
from stories.models import Story, StoryEvent
from stories.moderation import may_tell_submitter

TEMPLATE = "change_made"


def tell_storytellers(change, *, actor):
    """Email each storyteller behind a change just made; return the references told."""
    stories = Story.objects.evidence().filter(change_evidence__change=change).distinct()
    already = set(
        StoryEvent.objects.filter(
            story__in=stories.values("pk"),
            action=StoryEvent.Action.EMAILED,
            data__template=TEMPLATE,
            data__change=change.slug,
        ).values_list("story_id", flat=True)
    )
    link = settings.INFOSTORY_SITE_URL.rstrip("/") + change.get_absolute_url()
    told = []
    for story in stories.order_by("pk"):
        if story.pk in already or not may_tell_submitter(story):
            continue
        queue_email(
            TEMPLATE,
            to=[story.email],
            context={"story": story, "reference": story.reference, "change": change, "link": link},
        )
        story.log(
            StoryEvent.Action.EMAILED,
            actor=actor,
            note=f"Told the submitter the change '{change.title}' is made.",
            data={"template": TEMPLATE, "link": link, "change": change.slug},
        )
        told.append(story.reference)
    return told
