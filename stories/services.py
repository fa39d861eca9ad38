"""Writes to stories: small keyword-only functions that views, the admin and commands share.

Each validates, saves and logs in one transaction, and queues any email with
transaction.on_commit so that a failing mail server never loses or blocks a story.
"""

from django.db import transaction
from django.utils import timezone

from stories.models import Campaign, Story, StoryEvent


@transaction.atomic
def submit_story(
    *,
    title,
    what_happened,
    difference,
    outcome,
    barriers_text="",
    organisations="",
    name="",
    email="",
    organisation="",
    role="",
    consent_contact=False,
    consent_publish=False,
    publish_anonymously=True,
    local_area=None,
    themes=(),
    barriers=(),
    is_suspected_spam=False,
    spam_reasons=(),
    submitted_at=None,
):
    """Store a story exactly as the person sent it, and log what they chose."""
    submitted_at = submitted_at or timezone.now()
    story = Story(
        title=title,
        what_happened=what_happened,
        difference=difference,
        barriers_text=barriers_text,
        organisations=organisations,
        outcome=outcome,
        name=name,
        email=email,
        organisation=organisation,
        role=role,
        consent_contact=consent_contact,
        consent_publish=consent_publish,
        publish_anonymously=publish_anonymously,
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
        },
        created_at=submitted_at,
    )
    return story
