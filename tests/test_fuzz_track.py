"""Property tests for the storyteller's own page and the new-link request: whatever the
token, the reference or the email, never a server error, and the request page's answer
never tells whether a reference or an email exists."""

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

import tests.hypothesis_helpers  # noqa: F401 (the shared profiles)
from stories.private_link import make_token
from tests.factories import SubmittedStoryFactory

pytestmark = pytest.mark.django_db

# Any text a URL path segment can carry, and tokens that look nearly right.
any_text = st.text(min_size=1, max_size=300).filter(lambda text: "/" not in text)
token_like = st.builds(
    lambda head, tail: f"{head}:{tail}", st.text(max_size=80), st.text(max_size=40)
)


@pytest.fixture
def no_throttle(settings):
    settings.INFOSTORY_TRACK_RATE = ""


@pytest.fixture
def story(db):
    return SubmittedStoryFactory(email="sam@example.org")


@pytest.mark.usefixtures("no_throttle")
@given(token=st.one_of(any_text, token_like))
def test_any_token_on_the_storys_page_is_never_a_server_error(client, story, token):
    from urllib.parse import quote

    for suffix in ("", "erase/", "withdraw-publication/"):
        path = f"/share/story/{quote(token, safe='')}/{suffix}"
        response = client.get(path)
        assert response.status_code in (404, 410), (path, response.status_code)
        assert client.post(path, {"text": token}).status_code < 500
    event("refused")


@pytest.mark.usefixtures("no_throttle")
@given(cut=st.integers(min_value=1, max_value=60), extra=st.text(max_size=5))
def test_a_real_token_cut_short_or_lengthened_is_refused(client, story, cut, extra):
    from urllib.parse import quote

    token = make_token(story)
    altered = token[:-cut] + extra
    if altered == token:
        return
    path = f"/share/story/{quote(altered, safe='')}/"
    assert client.get(path).status_code == 404


@pytest.mark.usefixtures("no_throttle")
@given(reference=st.text(max_size=40), email=st.text(max_size=300))
def test_any_reference_and_email_get_an_answer_that_says_nothing(client, story, reference, email):
    mail.outbox.clear()
    response = client.post(
        reverse("stories:track_request"), {"reference": reference, "email": email}
    )
    assert response.status_code < 500
    event(str(response.status_code))
    if response.status_code == 200 and b"Check your email" in response.content:
        unmatched = client.post(
            reverse("stories:track_request"), {"reference": "IS-YYYYYY", "email": "a@b.example"}
        )
        assert response.content == unmatched.content
    assert len(mail.outbox) <= 1
    if mail.outbox:
        assert mail.outbox[0].to == ["sam@example.org"]
