"""Messages between engagement managers and storytellers (StoryMessage).

A manager writes from the admin story page, in their own words or from a reply template,
only to a storyteller who gave an email and agreed to be contacted
(moderation.may_tell_submitter). The email is a notice with the private link to the
story's own page, never the message's or the story's words: the address was typed on a
form and nobody has checked it. The person reads and answers there; the queue marks a
story with an answer no manager has opened yet. Each message is a StoryEvent, so the
timeline holds the whole conversation. A story gets at most INFOSTORY_MESSAGE_RATE
messages from managers (a mistaken loop must not flood someone's inbox).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from infostory.config import parse_rate
from stories import moderation
from stories.emails import queue_email
from stories.models import StoryEvent, StoryMessage
from stories.private_link import track_link_context
from stories.tracking import BY_SUBMITTER

MAX_LENGTH = 5000


def may_write(story):
    return moderation.may_tell_submitter(story)


def why_not(story):
    """Why a manager cannot write to this storyteller, in a sentence; "" if they can."""
    if story.is_suspected_spam:
        return "The story is suspected spam: mark it as not spam first."
    if not story.email:
        return "The storyteller gave no email address (or it was erased)."
    if not story.consent_contact:
        return "The storyteller did not agree to be contacted."
    return ""


def _check_text(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError("Write the message.")
    if len(text) > MAX_LENGTH:
        raise ValidationError(f"Shorten the message to {MAX_LENGTH:,} characters or fewer.")
    return text


def _within_rate(story, now):
    parsed = parse_rate(settings.INFOSTORY_MESSAGE_RATE)
    if parsed is None:
        return True
    limit, seconds = parsed
    recent = StoryMessage.objects.filter(
        story=story,
        direction=StoryMessage.Direction.TO_STORYTELLER,
        created_at__gt=now - timedelta(seconds=seconds),
    ).count()
    return recent < limit


@transaction.atomic
def write_to_storyteller(story, *, text, actor):
    """Keep the message, email the notice with the private link, log it; ValidationError
    if the person may not be written to, the text is empty or too long, or too many
    messages went to this story lately."""
    text = _check_text(text)
    reason = why_not(story)
    if reason:
        raise ValidationError(reason)
    now = timezone.now()
    if not _within_rate(story, now):
        raise ValidationError(
            "This storyteller has had as many messages as they may get for now "
            f"({settings.INFOSTORY_MESSAGE_RATE}). Wait for their answer, or write later."
        )
    message = StoryMessage.objects.create(
        story=story,
        direction=StoryMessage.Direction.TO_STORYTELLER,
        text=text,
        sent_by=actor,
        created_at=now,
    )
    queue_email(
        "story_message",
        to=[story.email],
        context={"reference": story.reference, **track_link_context(story)},
    )
    story.log(StoryEvent.Action.MESSAGED, actor=actor, note=text, data={"message": message.pk})
    return message


@transaction.atomic
def storyteller_answers(story, *, text):
    """Keep the person's answer (a message from them), logged with no actor; it is read
    like their story (moderation.storyteller_writes)."""
    text = _check_text(text)
    with moderation.storyteller_writes(story, text, written="answered a message"):
        message = StoryMessage.objects.create(
            story=story, direction=StoryMessage.Direction.FROM_STORYTELLER, text=text
        )
        story.log(
            StoryEvent.Action.ANSWERED,
            actor=None,
            note=f"{BY_SUBMITTER}\n{text}",
            data={"message": message.pk},
        )
    return message


def mark_answers_read(story):
    """A manager opened the story page: its answers are read."""
    return StoryMessage.objects.unread().filter(story=story).update(read_at=timezone.now())


def with_senders():
    """Messages as the conversation shows them: oldest first, each with who sent it."""
    return StoryMessage.objects.select_related("sent_by")


def conversation(story):
    """The story's messages, oldest first."""
    return list(with_senders().filter(story=story))
