"""UK GDPR duties: retention of contact details, subject access, and erasure.

Used by the management commands purge_contact_details, export_personal_data and
erase_personal_data. Clearing contact details always goes through
Story.clear_contact_details, which logs a StoryEvent.

A story is *closed* when its status is in Story.CLOSED_STATUSES (accepted, rejected,
withdrawn or published): nobody needs to follow it up any more. Its closing date is its
last status change (the newest transition in its history). Suspected spam that nobody
has moderated (still submitted) counts as closed from its submission: a bot's "email" is
often a stranger's. No page ever publishes a submitter's name, so no story is exempt.
"""

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from infostory.public import public_changed
from infostory.workflow import releasing_history
from stories import outbox
from stories.models import Story, StoryEvent

UNMODERATED_SPAM = Q(status=Story.Status.SUBMITTED, is_suspected_spam=True)
HAS_CONTACT_DETAILS = Q(
    *(Q(**{f"{name}__gt": ""}) for name in Story.CONTACT_FIELDS), _connector=Q.OR
)


def with_contact_details():
    return Story.objects.filter(HAS_CONTACT_DETAILS)


def closed_before(cutoff):
    """Stories still holding contact details that were closed (or sent as spam) before cutoff."""
    return (
        with_contact_details()
        .filter(Q(status__in=Story.CLOSED_STATUSES) | UNMODERATED_SPAM)
        .annotate(
            closed_at=Coalesce(
                Max("events__created_at", filter=Q(events__action=StoryEvent.Action.TRANSITION)),
                "submitted_at",
            )
        )
        .filter(closed_at__lt=cutoff)
        .order_by("closed_at", "id")
    )


# What other apps hold against an email address, registered at their ready() so this app
# never imports them: name -> HeldElsewhere. The subject-access export lists it and an
# erasure request deletes it (the alerts app registers its subscriptions).
HELD_ELSEWHERE = {}


class HeldElsewhere:
    """export(email) -> list of plain records; erase(email) -> how many were deleted."""

    def __init__(self, *, export, erase):
        self.export = export
        self.erase = erase


def held_elsewhere(email):
    """{name: records} for every other app's records held against this address."""
    return {name: holder.export(email) for name, holder in HELD_ELSEWHERE.items()}


def erase_held_elsewhere(email):
    """Delete every other app's records held against this address: {name: count}."""
    return {name: holder.erase(email) for name, holder in HELD_ELSEWHERE.items()}


def stories_for_email(email):
    """Every story sent with this email address, whatever its case."""
    return Story.objects.filter(email__iexact=email.strip()).order_by("submitted_at", "id")


def clear_contact_details(stories, *, note):
    """Clear each story's contact details (each logged); return the references cleared."""
    cleared = []
    for story in stories:
        address = story.email
        if story.clear_contact_details(actor=None, note=note):
            cleared.append(story.reference)
            outbox.forget_address(address)  # and the emails kept for it
    return cleared


def erase_stories(stories):
    """Delete these stories with their history (an erasure request); the references.

    The one delete a story's log allows (infostory.workflow.releasing_history): the log
    goes with the story. Whoever erases says so in the operations log, naming only the
    references (random, holding nothing about the person). Quoting case studies are
    marked for review (casestudies.receivers, on the story's pre_delete).
    """
    references = [story.reference for story in stories]
    for story in stories:
        outbox.forget_address(story.email)
    with releasing_history():
        for story in stories:
            story.tags.clear()
        Story.objects.filter(pk__in=[story.pk for story in stories]).delete()
        # A deleted story leaves the cached public pages at once, not when they expire.
        public_changed(reason="stories erased")
    return references


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def personal_data(email):
    """Everything held against an email address, as plain data for a subject access request."""
    stories = stories_for_email(email).select_related("local_area", "campaign")
    stories = stories.prefetch_related(
        "themes", "barriers", "tags", "events", "addenda", "messages"
    )
    return {
        "email": email.strip(),
        "exported_at": _when(timezone.now()),
        "story_count": len(stories),
        "stories": [_story_data(story) for story in stories],
        **held_elsewhere(email),
    }


def _story_data(story):
    return {
        "reference": story.reference,
        "status": story.status,
        "as_submitted": {
            **{name: getattr(story, name) for name in Story.TYPED_FIELDS},
            "submitted_at": _when(story.submitted_at),
            "campaign": story.campaign.name if story.campaign else None,
        },
        "added_later": [
            {"at": _when(addendum.created_at), "text": addendum.text}
            for addendum in story.addenda.all()
        ],
        "messages": [
            {"at": _when(message.created_at), "direction": message.direction, "text": message.text}
            for message in story.messages.all()
        ],
        "as_moderated": {
            "local_area": story.local_area.name if story.local_area else None,
            "themes": [theme.name for theme in story.themes.all()],
            "barriers": [barrier.name for barrier in story.barriers.all()],
            "tags": sorted(tag.name for tag in story.tags.all()),
            "public_title": story.public_title,
            "public_summary": story.public_summary,
            "public_body": story.public_body,
            "published_at": _when(story.published_at),
            "rejection_reason": story.rejection_reason,
            "moderator_notes": story.moderator_notes,
        },
        "events": [
            {
                "at": _when(event.created_at),
                "action": event.action,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "by": "submitter or system" if event.actor_id is None else "Centre staff",
                "note": event.note,
                "data": event.data,
            }
            for event in story.events.all()
        ],
    }
