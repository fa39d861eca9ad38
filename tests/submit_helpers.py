"""Helpers for the "Share your story" tests."""

import secrets
import time

from stories.forms import FormToken
from stories.models import new_reference


def form_token(*, seconds_ago=60, reference=None):
    """A signed form token as the form page would have issued it `seconds_ago`."""
    return FormToken(
        reference=reference or new_reference(),
        nonce=secrets.token_urlsafe(12),
        issued_at=time.time() - seconds_ago,
    ).sign()


def story_post(**overrides):
    """A complete, valid POST of the sharing form; keyword arguments replace or add fields."""
    data = {
        "title": "The discharge date reached the council in time",
        "what_happened": "The ward told adult social care two days before Mr D went home.",
        "difference": "His care package started the day he got home.",
        "barriers_text": "",
        "organisations": "NHS trust; county council",
        "outcome": "made_difference",
        "local_area": "",
        "name": "",
        "email": "",
        "organisation": "",
        "role": "",
        "publish_anonymously": "on",
        "website": "",
        "form_token": form_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
