"""The private link to a storyteller's own story page (stories:track), in every email to
the person.

The link is a signed, timestamped token that names the story by pk and reference: nothing
is stored for it, it cannot be guessed or altered, and it stops working after
INFOSTORY_TRACK_LINK_DAYS. It does not carry the email address, so it keeps working after
the person's details are erased. Anyone holding the link can act on the story as its
teller, which is why it only ever goes to the email address on the story. What the person
can do on the page is stories/tracking.py.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import Resolver404, resolve, reverse

SALT = "stories.track-link"
MAX_TOKEN_LENGTH = 200  # a real token is about 60 characters
HIDDEN = "[private link]"
# A link ends before the punctuation closing its sentence.
_URL = re.compile(r"https?://[^\s<>\"']*[^\s<>\"'.,;:!?)]")


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


def track_link_context(story):
    """The private link to the story's page and how long it works, for an email."""
    return {"track_link": track_url(story), "track_link_days": settings.INFOSTORY_TRACK_LINK_DAYS}


def _is_private(url):
    """A link to one of the site's pages that takes a signed token: whoever holds it acts
    as the person it was sent to (a storyteller's page, an alert's confirm, manage and
    unsubscribe links)."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return "token" in match.kwargs


def hide_private_links(text):
    """The text with every signed private link replaced by HIDDEN, for showing an email to
    someone it was not sent to (managers in the outbox)."""
    return _URL.sub(lambda found: HIDDEN if _is_private(found.group()) else found.group(), text)
