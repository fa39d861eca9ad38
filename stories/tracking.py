"""The storyteller's own story page (stories:track): what the person can do there
(withdraw a consent, have their details erased, add to their story) and a new private
link sent on request. The link itself is stories/private_link.py.
"""

from django.db import transaction
from django.utils.crypto import constant_time_compare

from stories import moderation
from stories.emails import send_email_now
from stories.models import Story, StoryAddendum, StoryEvent
from stories.privacy import clear_contact_details
from stories.private_link import track_link_context

# What other apps show the person on their story's own page, registered at their ready()
# so the stories app never imports them (docs/architecture.md, "How the stories app reads
# the case studies"): name -> function(story) returning (template name, context), or None
# to add nothing. The casestudies app adds "case_studies" (the published case studies
# that quote the story); the change tracker adds "changes" (the changes the story is
# evidence for) the same way.
STORYTELLER_PAGE_PANELS = {}

# --- what the person can do from their page ---

BY_SUBMITTER = "By the submitter, from their story page."


def submitter_withdraws(story, *, publish=False, contact=False):
    """The person withdraws a consent. Withdrawing publication takes a published story off
    the public site, the feeds, the open data and the cached pages at once
    (Story.withdraw_consent). Returns what was withdrawn."""
    return story.withdraw_consent(publish=publish, contact=contact, actor=None, note=BY_SUBMITTER)


def submitter_erases(story):
    """The person asks for their name, email and organisation to be erased: applied at once
    by the privacy rules (stories.privacy), logged with no actor."""
    return bool(clear_contact_details([story], note=BY_SUBMITTER))


@transaction.atomic
def submitter_adds(story, *, text):
    """Keep what the person adds to their story beside the original, which never changes."""
    addendum = StoryAddendum(story=story, text=text)
    addendum.full_clean(exclude=["story"])
    # What happened next may disclose harm, or name someone the published version mentions.
    with moderation.storyteller_writes(story, text, written="added to their story"):
        addendum.save()
        story.log(
            StoryEvent.Action.ADDED_TO,
            actor=None,
            note=BY_SUBMITTER,
            data={"addendum": addendum.pk, "characters": len(text)},
        )
    return addendum


def send_track_link(*, reference, email):
    """Email a new private link to the address on the story, if reference and email match.

    Returns the email to send, as a callable, or None: the caller sends it after its
    response has gone, so that the answer and its timing are the same whether or not the
    reference and the email match. Comparison ignores case and surrounding spaces.
    """
    reference = (reference or "").strip().upper()
    email = (email or "").strip().lower()
    story = (
        Story.objects.filter(reference=reference, is_suspected_spam=False)
        .only("pk", "reference", "email")
        .first()
    )
    on_story = story.email.strip().lower() if story else ""
    if not (story and on_story and constant_time_compare(on_story, email)):
        return None
    context = {"reference": story.reference, **track_link_context(story)}

    def send():
        if send_email_now("track_link", to=[story.email], context=context):
            story.log(
                StoryEvent.Action.EMAILED,
                actor=None,
                note="Sent a new link to the story's page, as the submitter asked.",
                data={"template": "track_link"},
            )

    return send
