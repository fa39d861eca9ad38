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


SHARE_URL = "/share/"
CHECK_URL = "/share/check/"


def signed_answers(page):
    """The signed answers the check page carries in its "Send my story" form."""
    import re

    html = page.content.decode()
    found = re.search(r'name="answers" value="([^"]+)"', html)
    assert found, "the check page has no answers to send"
    return found.group(1)


def send_story(client, data, *, follow=False, **extra):
    """Share a story as a person does: the form, "check your answers", then "Send my story".

    Returns the last response. If the form is not accepted (errors, the throttle), that
    response is returned as it is and nothing is sent.
    """
    form = client.post(SHARE_URL, data, **extra)
    if form.status_code != 302 or form["Location"] != CHECK_URL:
        return form
    check = client.get(CHECK_URL, **extra)
    if check.status_code != 200:
        return check
    return client.post(CHECK_URL, {"answers": signed_answers(check)}, follow=follow, **extra)


def choose_area(page, name):
    """In a browser: pick a local area as a person does, typing into the area picker (GOV.UK's
    accessible-autocomplete over the <select>) and choosing the suggestion; without
    JavaScript, choosing it in the <select>."""
    box = page.get_by_label("Which local area is your story about?")
    if box.evaluate("element => element.tagName") == "SELECT":  # without JavaScript
        box.select_option(label=name)
        return
    box.fill(name[:5])
    page.get_by_role("option", name=name, exact=True).click()


def continue_and_send(page):
    """In a browser: Continue from the form, then "Send my story" on the check page."""
    import re

    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/share/check/$"))
    page.get_by_role("button", name="Send my story").click()
