"""What engagement managers do to a story, as small keyword-only functions the admin calls.

Every status change goes through Story.transition_to (which checks it and logs it); the
functions here add what goes with a move: the public title and body prefilled from the
person's own words when review starts (the manager writes the summary), an email to the
submitter when the story is first published, and a StoryEvent for every other change (not
spam, assignment, edits). Bulk helpers move each story in its own transaction and report
a StepResult per story, so one story that cannot move never stops the others.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from stories.emails import queue_email
from stories.models import Story, StoryEvent

Status = Story.Status

# What a manager clicks, and the status it leads to.
TRANSITION_LABELS = {
    Status.IN_REVIEW: "Start review",
    Status.ACCEPTED: "Accept",
    Status.PUBLISHED: "Publish",
    Status.WITHDRAWN: "Withdraw from the site",
    Status.REJECTED: "Reject",
}
# How a move reads in a sentence: "IS-7Q4K3M was published."
TRANSITION_PAST = {
    Status.IN_REVIEW: "moved into review",
    Status.ACCEPTED: "accepted",
    Status.PUBLISHED: "published",
    Status.WITHDRAWN: "withdrawn from the site",
    Status.REJECTED: "rejected",
}
SPAM_REJECTION_REASON = "Suspected spam: not a story about information sharing."
# Field names as the timeline says them, where the model's own name is not the campaign's.
FIELD_LABELS = {"is_featured": "featured on the home page"}


@dataclass(frozen=True)
class StepResult:
    """What happened to one story in a bulk step."""

    story: Story
    ok: bool
    message: str

    @property
    def reference(self):
        return self.story.reference


def describe_refusal(error):
    """The reasons a ValidationError gives, as one sentence for a person."""
    return " ".join(error.messages)


def public_url(story):
    """The story's public address, for emails (absolute, from INFOSTORY_SITE_URL)."""
    return settings.INFOSTORY_SITE_URL + story.get_absolute_url()


def prefill_public_version(story):
    """Start the public title and body from the person's words where they are still empty.

    The summary is left for the manager to write: it is what the home page, the feed and
    shared links show, so it is never the person's words copied in unread.
    Returns the names of the fields filled (the caller saves them).
    """
    filled = []
    if not story.public_title.strip():
        story.public_title = story.title
        filled.append("public_title")
    if not story.public_body.strip():
        parts = [story.what_happened, story.difference]
        story.public_body = "\n\n".join(part.strip() for part in parts if part.strip())
        filled.append("public_body")
    return filled


def move_story(story, to, *, actor, note="", rejection_reason=""):
    """Move a story to the status `to`, or raise ValidationError saying why not.

    Starting review prefills an empty public title and body from the submission, so
    redaction starts from the person's words. The first publication emails the submitter the
    public link when they agreed to be contacted.
    """
    to = Status(to)
    from_status = story.status
    with transaction.atomic():
        if to == Status.IN_REVIEW:
            prefill_public_version(story)  # saved by transition_to with the move
        if to == Status.REJECTED and rejection_reason.strip():
            story.rejection_reason = rejection_reason.strip()
        story.transition_to(to, actor=actor, note=note.strip())
        if to == Status.PUBLISHED and from_status == Status.ACCEPTED:
            tell_submitter_published(story, actor=actor)
    return story


def tell_submitter_published(story, *, actor):
    """Email the submitter the public link, if they consented to contact; log it."""
    if not (story.consent_contact and story.email):
        return False
    link = public_url(story)
    queue_email(
        "story_published",
        to=[story.email],
        context={"story": story, "reference": story.reference, "link": link},
    )
    story.log(
        StoryEvent.Action.EMAILED,
        actor=actor,
        note="Told the submitter their story is published, with the public link.",
        data={"template": "story_published", "link": link},
    )
    return True


def mark_not_spam(story, *, actor, note=""):
    """Clear the suspected-spam flag so the story can be reviewed; log who decided."""
    with transaction.atomic():
        current = Story.objects.select_for_update().only("is_suspected_spam").get(pk=story.pk)
        if not current.is_suspected_spam:
            raise ValidationError("This story is not marked as suspected spam.")
        story.is_suspected_spam = False
        story.save(update_fields=["is_suspected_spam", "updated_at"])
        story.log(StoryEvent.Action.NOT_SPAM, actor=actor, note=note.strip())
    return story


def assign(story, user, *, actor, note=""):
    """Give the story to an engagement manager (or to nobody, with user=None); log it."""
    previous = story.assigned_to if story.assigned_to_id else None
    if (previous.pk if previous else None) == (user.pk if user else None):
        return False
    with transaction.atomic():
        story.assigned_to = user
        story.save(update_fields=["assigned_to", "updated_at"])
        who = _name(user) if user else "nobody"
        story.log(
            StoryEvent.Action.ASSIGNED,
            actor=actor,
            note=(f"Assigned to {who}. " + note.strip()).strip(),
            data={
                "from": previous.pk if previous else None,
                "to": user.pk if user else None,
            },
        )
    return True


def record_edit(story, changed_fields, *, actor, note=""):
    """Log which moderated fields a manager changed (the values are in the story)."""
    if not changed_fields:
        return None
    labels = [
        FIELD_LABELS.get(name) or str(Story._meta.get_field(name).verbose_name)
        for name in changed_fields
    ]
    return story.log(
        StoryEvent.Action.EDITED,
        actor=actor,
        note=(("Changed " + ", ".join(labels) + ". ") + note.strip()).strip(),
        data={"fields": list(changed_fields)},
    )


# --- bulk: one transaction per story, one result per story ---


def _each(stories, do):
    results = []
    for story in stories:
        try:
            with transaction.atomic():
                message = do(story)
        except ValidationError as error:
            results.append(StepResult(story, False, describe_refusal(error)))
        else:
            results.append(StepResult(story, True, message))
    return results


def bulk_move(stories, to, *, actor, note="", rejection_reason=""):
    to = Status(to)

    def do(story):
        move_story(story, to, actor=actor, note=note, rejection_reason=rejection_reason)
        return TRANSITION_PAST[to]

    return _each(stories, do)


def bulk_reject_as_spam(stories, *, actor, note=""):
    return bulk_move(
        stories,
        Status.REJECTED,
        actor=actor,
        note=note or "Rejected as spam.",
        rejection_reason=SPAM_REJECTION_REASON,
    )


def bulk_mark_not_spam(stories, *, actor, note=""):
    def do(story):
        mark_not_spam(story, actor=actor, note=note)
        return "marked as not spam"

    return _each(stories, do)


def bulk_assign(stories, user, *, actor, note=""):
    def do(story):
        changed = assign(story, user, actor=actor, note=note)
        return f"assigned to {_name(user)}" if changed else f"already assigned to {_name(user)}"

    return _each(stories, do)


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "nobody"
