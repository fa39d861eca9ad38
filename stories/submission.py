"""Taking in a story: what the sharing form stores, and the emails that follow.

share_story is what the public form calls: it stores the story (store_story), recognises
the same form sent twice, and queues the emails with transaction.on_commit so that a
failing mail server never loses or blocks a story. store_story stores a story as typed,
without emails (the demo data and tests use it too).
"""

import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from stories import moderation, working_days
from stories.emails import queue_email
from stories.models import Campaign, Story, StoryEvent
from stories.permissions import engagement_manager_addresses
from stories.private_link import track_link_context

# What the person must give; the other Story.TYPED_FIELDS default to the model's defaults.
REQUIRED = ("title", "what_happened", "difference", "outcome")


@transaction.atomic
def store_story(
    *,
    local_area=None,
    themes=(),
    barriers=(),
    is_suspected_spam=False,
    spam_reasons=(),
    submitted_at=None,
    reference="",
    form_token="",
    fields_hash="",
    **typed,
):
    """Store a story exactly as the person sent it, and log what they chose.

    typed holds Story.TYPED_FIELDS (title, what_happened, difference and outcome at least).
    A reference drawn in advance (the sharing form draws one per page) makes a second
    POST of the same form hit the unique reference, so it cannot store a second story.
    """
    unknown = set(typed) - set(Story.TYPED_FIELDS)
    missing = [name for name in REQUIRED if name not in typed]
    if unknown or missing:
        raise TypeError(
            f"store_story() takes Story.TYPED_FIELDS: unknown {sorted(unknown)}, missing {missing}"
        )
    submitted_at = submitted_at or timezone.now()
    story = Story(
        reference=reference,
        **typed,
        submitted_at=submitted_at,
        campaign=Campaign.objects.running_on(timezone.localdate(submitted_at)).first(),
        local_area=local_area,
        is_suspected_spam=is_suspected_spam,
    )
    story.full_clean(exclude=["reference"])
    story.save()
    themes, barriers = list(themes), list(barriers)
    story.themes.set(themes)
    story.barriers.set(barriers)
    # The submission event keeps what the person chose, whatever moderators re-file later.
    StoryEvent.objects.create(
        story=story,
        actor=None,
        action=StoryEvent.Action.SUBMITTED,
        to_status=story.status,
        note="Suspected spam: " + ", ".join(spam_reasons) if is_suspected_spam else "",
        data={
            "local_area": local_area.slug if local_area else None,
            "themes": [theme.slug for theme in themes],
            "barriers": [barrier.slug for barrier in barriers],
            "spam_reasons": list(spam_reasons),
            **({"form_token": form_token} if form_token else {}),
            **({"fields_hash": fields_hash} if fields_hash else {}),
        },
        created_at=submitted_at,
    )
    moderation.suggest_safeguarding_concern(story)
    return story


# What share_story is given that the person did not type: left out of the fields' hash.
NOT_TYPED = ("is_suspected_spam", "spam_reasons", "submitted_at")


def submission_hash(fields):
    """A fingerprint of what the person sent (text, choices, ticks), to tell a resend of
    the same form from the same form sent again with changes."""

    def plain(value):
        if hasattr(value, "pk"):
            return value.pk
        if isinstance(value, list | tuple | set):
            return sorted(plain(item) for item in value)
        return value

    typed = {name: plain(value) for name, value in fields.items() if name not in NOT_TYPED}
    text = json.dumps(typed, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _story_already_sent(reference, form_token, fields_hash):
    """The story stored from this very form with exactly these fields, or None.

    The drawn reference is looked at first (one indexed query); only when that story came
    from this form with other text are the other stories from this form searched.
    """
    submitted = StoryEvent.objects.filter(action=StoryEvent.Action.SUBMITTED)
    first = submitted.filter(story__reference=reference).only("data", "story_id").first()
    if first is None or first.data.get("form_token") != form_token:
        return None
    if first.data.get("fields_hash") == fields_hash:
        return Story.objects.get(pk=first.story_id)
    again = submitted.filter(data__form_token=form_token, data__fields_hash=fields_hash)
    event = again.only("story_id").order_by("created_at", "pk").first()
    return Story.objects.get(pk=event.story_id) if event else None


# How long the same story sent again by accident (Back and send) leads to the first one.
RESENT_WITHIN = timedelta(days=1)


def _same_story_sent_lately(fields_hash):
    """The first story stored in the last RESENT_WITHIN with exactly these fields, or None.

    The fields include the person's name and email, so this is the same person sending the
    same words again; anything changed makes a new story. The day's events are read through
    the created_at index, and only those from the public form carry a fields_hash.
    """
    event = (
        StoryEvent.objects.filter(
            action=StoryEvent.Action.SUBMITTED,
            created_at__gte=timezone.now() - RESENT_WITHIN,
            data__fields_hash=fields_hash,
        )
        .only("story_id")
        .order_by("created_at", "pk")
        .first()
    )
    return Story.objects.get(pk=event.story_id) if event else None


def share_story(*, reference="", form_token="", **fields):
    """Store a story sent through the sharing form and queue its emails after the commit.

    Returns (story, created). The same form sent twice with the same fields (a double
    click, a resubmitted page) hits the reference drawn for that form and returns the
    first story with created=False, and so does the same story sent again within a day from
    a new form (the person pressed Back and sent it again). The same form sent again with
    anything changed (the
    person went Back and edited it) is stored as a new story under a fresh reference:
    nothing typed is silently dropped. If the drawn reference was taken by another story
    (a one-in-millions chance), the story is stored under a fresh one: it is never lost.

    Emails: the submitter gets an acknowledgement with the reference and the private link
    to the story's own page, and no text they typed; that page does not show their words
    either, so the form cannot be used to send words to someone else's inbox; engagement
    managers get a new-story notice. Neither goes for suspected spam: a bot's "email"
    is often a stranger's address, and a bot run must not flood the managers' inboxes.
    Suspected spam waits in the admin, apart from the queue.
    """
    fields_hash = submission_hash(fields) if form_token else ""
    if fields_hash:
        already = _same_story_sent_lately(fields_hash)
        if already is not None:
            return already, False
    try:
        with transaction.atomic():
            story = store_story(
                reference=reference, form_token=form_token, fields_hash=fields_hash, **fields
            )
            if not story.is_suspected_spam:
                context = {
                    "reference": story.reference,
                    "consent_contact": story.consent_contact,
                    "consent_publish": story.consent_publish,
                    "reply_working_days": working_days.reply_working_days(),
                }
                if story.email:
                    queue_email(
                        "story_received",
                        to=[story.email],
                        context={**context, **track_link_context(story)},
                    )
                queue_email(
                    "new_story",
                    to=engagement_manager_addresses(),
                    context={
                        **context,
                        "title": story.title,
                        "outcome": story.get_outcome_display(),
                        "local_area": story.local_area.name if story.local_area else "",
                        "themes": [theme.name for theme in fields.get("themes", ())],
                        "admin_path": reverse("admin:stories_story_change", args=[story.pk]),
                    },
                )
    except IntegrityError:
        if not reference:
            raise
        if form_token:
            already = _story_already_sent(reference, form_token, fields_hash)
            if already is not None:
                return already, False
        return share_story(reference="", form_token=form_token, **fields)
    return story, True
