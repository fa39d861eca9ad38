"""The follow-up: INFOSTORY_FOLLOW_UP_WEEKS after a story was first accepted or
published, its teller (if they gave an email and agreed to be contacted) is asked once
whether anything has changed since, with the private link to their story's page. What
they answer there is an addition to their story (stories.tracking.submitter_adds), which
the queue marks as new words since review.

Once only: the FollowUp row (one per story, unique) is written in the same transaction
as the email and the story's EMAILED event; a second run at the same moment fails on
the unique story and stores nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from alerts.models import FollowUp
from stories import emails
from stories.models import Story, StoryEvent
from stories.moderation import may_tell_submitter
from stories.private_link import track_link_context

TEMPLATE = "alerts/email/follow_up"
FOLLOWED_STATUSES = (Story.Status.ACCEPTED, Story.Status.PUBLISHED)
BATCH = 200


def due_for_follow_up(now):
    """Stories accepted or published at least INFOSTORY_FOLLOW_UP_WEEKS ago (and still
    so) whose teller may be contacted and has not been followed up."""
    cutoff = now - timedelta(weeks=settings.INFOSTORY_FOLLOW_UP_WEEKS)
    settled = StoryEvent.objects.filter(
        story=OuterRef("pk"),
        action=StoryEvent.Action.TRANSITION,
        to_status__in=FOLLOWED_STATUSES,
        created_at__lte=cutoff,
    )
    return (
        Story.objects.filter(
            status__in=FOLLOWED_STATUSES, consent_contact=True, is_suspected_spam=False
        )
        .exclude(email="")
        .filter(Exists(settled))
        .exclude(pk__in=FollowUp.objects.values("story_id"))
    )


def send_follow_ups(now):
    """Store the follow-up email of every story that is due; return how many."""
    stored = 0
    skipped = set()
    while True:
        batch = list(due_for_follow_up(now).exclude(pk__in=skipped).order_by("pk")[:BATCH])
        if not batch:
            return stored
        for story in batch:
            if may_tell_submitter(story) and follow_up(story, now):
                stored += 1
            else:
                skipped.add(story.pk)


def follow_up(story, now):
    try:
        with transaction.atomic():
            FollowUp.objects.create(story=story, sent_at=now)
            emails.store_email(
                TEMPLATE,
                to=[story.email],
                context={
                    "reference": story.reference,
                    "published": story.status == Story.Status.PUBLISHED,
                    "weeks": settings.INFOSTORY_FOLLOW_UP_WEEKS,
                    **track_link_context(story),
                },
            )
            story.log(
                StoryEvent.Action.EMAILED,
                actor=None,
                note="Asked the submitter whether anything has changed since.",
                data={"template": TEMPLATE},
            )
    except IntegrityError:
        return False  # another run followed it up at the same moment
    return True
