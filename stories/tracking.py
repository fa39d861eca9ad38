"""The storyteller's own story page (stories:track): the private link, and what the
person can do there (withdraw a consent, have their details erased, add to their story).

The link is a signed, timestamped token that names the story by pk and reference: nothing
is stored for it, it cannot be guessed or altered, and it stops working after
INFOSTORY_TRACK_LINK_DAYS. It does not carry the email address, so it keeps working after
the person's details are erased. Anyone holding the link can act on the story as its
teller, which is why it only ever goes to the email address on the story.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from stories import moderation
from stories.models import Story, StoryAddendum, StoryEvent

SALT = "stories.track-link"
# What other apps show on the storyteller's own page: {key: build(story) -> (template,
# context) or None}, filled in their AppConfig.ready() so this app never imports them.
TRACK_PAGE_PANELS = {}
MAX_TOKEN_LENGTH = 200  # a real token is about 60 characters


class LinkExpired(Exception):
    """A genuine link that is older than INFOSTORY_TRACK_LINK_DAYS."""


class LinkInvalid(Exception):
    """Altered, truncated, malformed, or for a story that is not there."""


@dataclass(frozen=True)
class TrackToken:
    pk: int
    reference: str
    expires_at: datetime


def _signer():
    return signing.TimestampSigner(salt=SALT)


def make_token(story):
    return _signer().sign_object({"p": story.pk, "r": story.reference}, compress=False)


def read_token(token):
    """The TrackToken inside a link, or raise LinkExpired / LinkInvalid."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkInvalid
    max_age = settings.INFOSTORY_TRACK_LINK_DAYS * 24 * 60 * 60
    try:
        data = _signer().unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise LinkInvalid from error
    try:
        issued = signing.b62_decode(token.rsplit(":", 2)[1])
        return TrackToken(
            pk=int(data["p"]),
            reference=str(data["r"]),
            expires_at=datetime.fromtimestamp(issued + max_age, tz=UTC),
        )
    except (KeyError, TypeError, ValueError, IndexError, OverflowError) as error:
        raise LinkInvalid from error


def track_path(story):
    return reverse("stories:track", kwargs={"token": make_token(story)})


def track_url(story):
    """The absolute private link, for emails (INFOSTORY_SITE_URL)."""
    return settings.INFOSTORY_SITE_URL + track_path(story)


# --- what the person can do from their page ---

BY_SUBMITTER = "By the submitter, from their story page."


def track_link_context(story):
    """The private link to the story's page and how long it works, for an email."""
    return {"track_link": track_url(story), "track_link_days": settings.INFOSTORY_TRACK_LINK_DAYS}


def submitter_withdraws(story, *, publish=False, contact=False):
    """The person withdraws a consent. Withdrawing publication takes a published story off
    the public site, the feeds, the open data and the cached pages at once
    (Story.withdraw_consent). Returns what was withdrawn."""
    return story.withdraw_consent(publish=publish, contact=contact, actor=None, note=BY_SUBMITTER)


def submitter_erases(story):
    """The person asks for their name, email and organisation to be erased: applied at once
    by the privacy rules (stories.privacy), logged with no actor."""
    from stories.privacy import clear_contact_details

    return bool(clear_contact_details([story], note=BY_SUBMITTER))


@transaction.atomic
def submitter_adds(story, *, text):
    """Keep what the person adds to their story beside the original, which never changes."""
    addendum = StoryAddendum(story=story, text=text)
    addendum.full_clean(exclude=["story"])
    addendum.save()
    story.log(
        StoryEvent.Action.ADDED_TO,
        actor=None,
        note=BY_SUBMITTER,
        data={"addendum": addendum.pk, "characters": len(text)},
    )
    # What happened next may disclose harm too: the same signals as the story itself.
    moderation.suggest_safeguarding_concern(story, text)
    return addendum


def send_track_link(*, reference, email):
    """Email a new private link to the address on the story, if reference and email match.

    Returns the email to send, as a callable, or None: the caller sends it after its
    response has gone, so that the answer and its timing are the same whether or not the
    reference and the email match. Comparison ignores case and surrounding spaces.
    """
    from django.utils.crypto import constant_time_compare

    from stories.emails import send_email_now

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
