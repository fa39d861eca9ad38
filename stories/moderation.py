"""What engagement managers do to a story, as small keyword-only functions the admin calls.

Every status change goes through Story.transition_to (which checks it and logs it); the
functions here add what goes with a move: a redacted draft of the public title and body
when review starts (each piece of personal data replaced by its kind in brackets; the
manager writes the summary) and the story assigned to whoever started it, an email to the
submitter when the story is first published, the safeguarding contact told of a concern,
and a StoryEvent for every other change (not spam, assignment, edits). Bulk helpers move
each story in its own transaction and report a StepResult per story, so one story that
cannot move never stops the others.
"""

import copy
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from stories import publishing, safeguarding
from stories.emails import queue_email
from stories.models import Story, StoryEvent
from stories.permissions import engagement_manager_addresses
from stories.private_link import track_link_context

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


def admin_url(story):
    """The story's admin page, absolute, for emails to the Centre's own people."""
    return settings.INFOSTORY_SITE_URL + reverse("admin:stories_story_change", args=[story.pk])


def redacted(text, story):
    """The text with each piece of personal data replaced by its kind: "[name]".

    What was found anywhere in the story is redacted too: the title's "Ffion's" after the
    body's "Ffion Davies".
    """
    return publishing.redact_for_story(text, story)


def prefill_public_version(story):
    """Start an empty public title and body as a redacted draft of the person's words.

    Each piece of personal data the finder sees is replaced by its kind in brackets
    ("[name]", "[phone number]"), so the raw words never reach the public version; the
    manager reads the draft and redacts what the finder missed. The summary is left for the
    manager to write: it is what the home page, the feed and shared links show.
    Returns the names of the fields filled (the caller saves them).
    """
    filled = []
    if not story.public_title.strip():
        story.public_title = redacted(story.title, story)[
            : Story._meta.get_field("public_title").max_length
        ]
        filled.append("public_title")
    if not story.public_body.strip():
        parts = [story.what_happened, story.difference]
        body = "\n\n".join(part.strip() for part in parts if part.strip())
        story.public_body = redacted(body, story)
        filled.append("public_body")
    return filled


def move_story(
    story,
    to,
    *,
    actor,
    note="",
    rejection_reason="",
    rejection_category="",
    personal_data_reason="",
    checked=False,
):
    """Move a story to the status `to`, or raise ValidationError saying why not.

    Starting review fills an empty public title and body with a redacted draft of the
    submission and gives the story to the manager who started it if nobody has it.
    Rejecting takes a reason from Story.RejectionReason (rejection_category) and/or words
    (rejection_reason). Publishing passes the personal-data guard (a reason publishes
    anyway); checked records that the manager ticked "I have checked this version for
    anything that could identify a person" on the preview. The outcome is emailed to a
    submitter who gave an email and agreed to be contacted: accepted as evidence, rejected
    with the reason, and the first publication with the public link.
    """
    to = Status(to)
    from_status = story.status
    data = {"checked_for_identifying_details": True} if checked else None
    with transaction.atomic():
        if to == Status.IN_REVIEW:
            prefill_public_version(story)  # saved by transition_to with the move
        if to == Status.REJECTED and rejection_reason.strip():
            story.rejection_reason = rejection_reason.strip()
        if to == Status.REJECTED and rejection_category:
            story.rejection_category = Story.RejectionReason(rejection_category)
        if checked:
            note = (
                "Checked this version for anything that could identify a person. " + note
            ).strip()
        story.transition_to(
            to,
            actor=actor,
            note=note.strip(),
            personal_data_reason=personal_data_reason,
            data=data,
        )
        if to == Status.IN_REVIEW and story.assigned_to_id is None and _is_person(actor):
            assign(story, actor, actor=actor, note="Started the review.")
        if to == Status.PUBLISHED and from_status == Status.ACCEPTED:
            tell_submitter_published(story, actor=actor)
        elif to in (Status.ACCEPTED, Status.REJECTED):
            tell_submitter_outcome(story, actor=actor)
    return story


def may_tell_submitter(story):
    """Outcome emails go to those who gave an email and agreed to be contacted, and
    never to suspected spam (a bot's "email" is often a stranger's)."""
    return bool(story.consent_contact and story.email and not story.is_suspected_spam)


# The email for each outcome, and what the history says was sent.
OUTCOME_EMAILS = {
    Status.ACCEPTED: ("story_accepted", "Told the submitter their story is accepted as evidence."),
    Status.REJECTED: ("story_rejected", "Told the submitter their story is not used, and why."),
}
# Every email that tells a submitter what became of their story (the insights count them).
OUTCOME_TEMPLATES = ("story_accepted", "story_rejected", "story_published")


def tell_submitter_outcome(story, *, actor):
    """Email the submitter that their story was accepted or rejected (with the reason), if
    they agreed to be contacted; sent after the commit, logged as an EMAILED event."""
    if not may_tell_submitter(story) or story.status not in OUTCOME_EMAILS:
        return False
    template, note = OUTCOME_EMAILS[Status(story.status)]
    queue_email(
        template,
        to=[story.email],
        context={
            "reference": story.reference,
            "consent_publish": story.consent_publish,
            "reason": story.rejection_for_submitter(),
            **track_link_context(story),
        },
    )
    story.log(StoryEvent.Action.EMAILED, actor=actor, note=note, data={"template": template})
    return True


def _is_person(actor):
    return actor is not None and getattr(actor, "is_authenticated", False)


# --- safeguarding ---


@dataclass(frozen=True)
class SafeguardingRecipients:
    """Who a concern is emailed to, and how the admin names them."""

    addresses: tuple
    who: str  # "safeguarding_contact", "engagement_managers" or "nobody"

    def describe(self):
        """'the safeguarding contact: a@x', 'the engagement managers: a@x, b@y', or ''."""
        if not self.addresses:
            return ""
        names = {
            "safeguarding_contact": "the safeguarding contact",
            "engagement_managers": "the engagement managers",
        }
        return f"{names[self.who]}: {', '.join(self.addresses)}"

    def as_data(self):
        """What the log keeps of it (StoryEvent.data)."""
        return {"told": list(self.addresses), "told_as": self.who}


NOBODY_TOLD = (
    "Nobody could be told: no safeguarding address is configured "
    "(INFOSTORY_SAFEGUARDING_EMAIL) and no engagement manager has an email address."
)


def safeguarding_recipients():
    """INFOSTORY_SAFEGUARDING_EMAIL, or the engagement managers (with the moderators' inbox)
    when it is not set; possibly nobody."""
    if settings.INFOSTORY_SAFEGUARDING_EMAIL:
        return SafeguardingRecipients(
            tuple(settings.INFOSTORY_SAFEGUARDING_EMAIL), "safeguarding_contact"
        )
    addresses = tuple(engagement_manager_addresses())
    return SafeguardingRecipients(addresses, "engagement_managers" if addresses else "nobody")


def safeguarding_addresses():
    return list(safeguarding_recipients().addresses)


def tell_safeguarding(story, recipients=None):
    """Tell the safeguarding contact at once: the reference and the admin link, no words.

    Returns the SafeguardingRecipients emailed (possibly nobody), for the log.
    """
    recipients = recipients or safeguarding_recipients()
    queue_email(
        "safeguarding_concern",
        to=recipients.addresses,
        context={"reference": story.reference, "admin_link": admin_url(story)},
    )
    return recipients


def raise_safeguarding_concern(story, *, actor, note="", signals=()):
    """Open a concern on the story (logged with who was told) and tell the safeguarding
    contact.

    Suspected spam is flagged but nobody is emailed until it is marked as not spam: a bot
    run must not flood the safeguarding inbox.
    """
    with transaction.atomic():
        recipients = safeguarding_recipients()
        told = (
            {"told": [], "told_as": "held_as_spam"}
            if story.is_suspected_spam
            else recipients.as_data()
        )
        opened = story.raise_safeguarding_concern(
            actor=actor, note=note, signals=signals, told=told
        )
        if opened and not story.is_suspected_spam:
            tell_safeguarding(story, recipients)
    return opened


def who_would_be_told():
    """What raising a concern now would do, in a sentence for the admin."""
    told = safeguarding_recipients().describe()
    if not told:
        return NOBODY_TOLD
    return f"Raising it emails {told} at once (the reference and a link here, never the words)."


def who_was_told(events):
    """What the admin says about who was told of the open concern, from its log.

    events: the story's StoryEvents, oldest first. Never says someone was told when the
    log does not say so.
    """
    told = None
    for event in events:
        if event.action == StoryEvent.Action.SAFEGUARDING_RAISED:
            told = event.data.get("told_as") and event.data
        elif event.action == StoryEvent.Action.NOT_SPAM and "safeguarding_told_as" in event.data:
            told = {
                "told": event.data.get("safeguarding_told", []),
                "told_as": event.data["safeguarding_told_as"],
            }
    if told is None:
        return (
            "The log does not say who was told when this concern was raised: make sure your "
            "safeguarding lead knows."
        )
    if told["told_as"] == "held_as_spam":
        return (
            "Nobody has been told yet: the story was marked as suspected spam when the "
            "concern was raised. Marking it as not spam tells the safeguarding contact."
        )
    recipients = SafeguardingRecipients(tuple(told.get("told", ())), told["told_as"])
    if not recipients.addresses:
        return NOBODY_TOLD + " Tell your safeguarding lead yourself."
    return f"When it was raised, an email went to {recipients.describe()}."


def suggest_safeguarding_concern(story, *texts):
    """Open a safeguarding concern when the person's words carry a signal of risk: the
    story as they sent it, or (texts) what they added to it later.

    The signals (stories/safeguarding.py) are a suggestion for a manager to read, never a
    decision: the concern is logged with the signals found (their names, not the words)
    and the safeguarding contact is told with the reference and the admin link only.
    """
    signals = safeguarding.find_signals(*texts) if texts else safeguarding.story_signals(story)
    if not signals:
        return False
    where = "what the person added to their story" if texts else "the words of the story"
    return raise_safeguarding_concern(
        story,
        actor=None,
        note=f"Suggested by {where}: " + safeguarding.describe(signals) + ".",
        signals=signals,
    )


def published_findings(story):
    """The finding_key of each thing the finder finds in the story's published version, with all
    it knows of the story (its words, additions, answers and submitter); empty unless the
    story is published."""
    if story.status != Story.Status.PUBLISHED:
        return set()
    found = publishing.find_in_texts(publishing.public_texts(story), story=story)
    return {finding_key(item) for item in found}


def finding_key(item):
    """Where a finding is and what it says: its kind is left out, because a word's kind
    comes from the text it was first found in, which a new text can change."""
    return (item.field, item.finding.start, item.text.casefold())


@contextmanager
def storyteller_writes(story, text, *, written):
    """Around saving what the storyteller wrote later (an addition, an answer to a
    message): it is read like their story. The safeguarding signals are looked for in it,
    and once the story is published what it names is sought again in the published version.

    written: what the person did, in the email's words ("added to their story"). A name
    given only now was not known when the published version was checked, so a finding that
    was not there before the block is logged (its kinds and counts, not the words) and the
    engagement managers are told with the reference and the admin link only. The story
    stays on the site: a manager decides. The finder runs before and after the save (a few
    milliseconds each for a published story; nothing for any other).
    """
    before = published_findings(story)
    yield
    suggest_safeguarding_concern(story, text)
    if story.status != Story.Status.PUBLISHED:
        return
    current = Story.objects.get(pk=story.pk)  # the additions and answers as saved now
    found = publishing.find_in_texts(publishing.public_texts(current), story=current)
    new = [item for item in found if finding_key(item) not in before]
    if not new:
        return
    counts = publishing.summary_for_log(new)
    addresses = engagement_manager_addresses()
    if addresses:
        queue_email(
            "published_text_check",
            to=addresses,
            context={
                "reference": story.reference,
                "admin_link": admin_url(story),
                "found": publishing.counts_sentence(counts),
                "written": written,
            },
        )
        told = "told the engagement managers: " + ", ".join(addresses)
    else:
        told = "nobody could be told: no engagement manager has an email address"
    story.log(
        StoryEvent.Action.PUBLISHED_TEXT_CHECK,
        actor=None,
        note=(
            "What the storyteller wrote later names what the published version may include ("
            f"{publishing.counts_sentence(counts)}); {told}."
        ),
        data={"template": "published_text_check", "found": counts, "told": addresses},
    )


def record_safeguarding_handled(story, *, actor, how):
    """Close the open concern with how it was handled (required); logged."""
    return story.record_safeguarding_handled(actor=actor, how=how)


def tell_submitter_published(story, *, actor):
    """Email the submitter the public link, if they consented to contact; log it."""
    if not may_tell_submitter(story):
        return False
    link = public_url(story)
    queue_email(
        "story_published",
        to=[story.email],
        context={
            "story": story,
            "reference": story.reference,
            "link": link,
            **track_link_context(story),
        },
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
        told = {}
        if story.safeguarding_concern:
            recipients = tell_safeguarding(story)  # held back while it looked like spam
            told = {
                "safeguarding_told": list(recipients.addresses),
                "safeguarding_told_as": recipients.who,
            }
        story.log(StoryEvent.Action.NOT_SPAM, actor=actor, note=note.strip(), data=told)
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


# The steps a bulk move takes on the way, where the status table has no direct move: a new
# story is accepted by starting its review first (which drafts the public version).
ON_THE_WAY = {Status.ACCEPTED: {Status.SUBMITTED: (Status.IN_REVIEW,)}}


@dataclass(frozen=True)
class Plan:
    """What a bulk step will do to one story: the moves, or why it cannot."""

    story: Story
    moves: tuple = ()
    problem: str = ""

    @property
    def ok(self):
        return not self.problem

    def in_words(self):
        """'start review, then accept', for the confirmation page."""
        return ", then ".join(TRANSITION_LABELS[move].lower() for move in self.moves)


def plan_move(story, to):
    """The moves that take the story to `to`, each checked by Story.transition_problems as
    the story will stand when it is made; or the first reason it cannot get there."""
    to = Status(to)
    moves = (*ON_THE_WAY.get(to, {}).get(story.status, ()), to)
    probe = copy.copy(story)  # the story as each earlier move leaves it, never saved
    for move in moves:
        problems = probe.transition_problems(move)
        if problems:
            return Plan(story, problem=" ".join(problems))
        probe.status = move
    return Plan(story, moves=moves)


def bulk_move(stories, to, *, actor, note="", rejection_reason="", rejection_category=""):
    """Each story taken through the moves plan_move gives it, in one transaction (all of
    them or none)."""
    to = Status(to)

    def do(story):
        plan = plan_move(story, to)
        if not plan.ok:
            raise ValidationError(plan.problem)
        for move in plan.moves:
            move_story(
                story,
                move,
                actor=actor,
                note=note,
                rejection_reason=rejection_reason,
                rejection_category=rejection_category,
            )
        return " and ".join(TRANSITION_PAST[move] for move in plan.moves)

    return _each(stories, do)


def bulk_reject_as_spam(stories, *, actor, note=""):
    return bulk_move(
        stories,
        Status.REJECTED,
        actor=actor,
        note=note or "Rejected as spam.",
        rejection_reason=SPAM_REJECTION_REASON,
        rejection_category=Story.RejectionReason.NOT_INFORMATION_SHARING,
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
