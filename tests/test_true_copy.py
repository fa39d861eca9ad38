"""Copy that is true: every sentence that tells a person who reads their words, what happens
next or what they can do later holds for the choices they made. One test per sentence
and choice (check your answers, thanks, the story's own page, the emails, the privacy
notice)."""

import datetime
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from stories.models import Story
from stories.private_link import track_path
from tests.factories import SubmittedStoryFactory
from tests.submit_helpers import CHECK_URL, SHARE_URL, send_story, story_post

pytestmark = pytest.mark.django_db

CONTACT = "infostory@example.org"
NAMED = {"name": "Sam Carer", "email": "sam@example.org", "organisation": "Carers Trust"}


def sentence(html, element_id):
    """The text of the element with this id, tags and extra spaces removed."""
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:p|li)>', html, re.S)
    assert match, f"no #{element_id} on the page"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def check_page(client, **answers):
    response = client.post(SHARE_URL, story_post(**answers))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(CHECK_URL)
    assert page.status_code == 200
    return page.content.decode()


def thanks_page(client, **answers):
    response = send_story(client, story_post(**answers), follow=True)
    assert response.status_code == 200
    return response.content.decode()


# --- check your answers: who reads the words ---


def test_check_page_personal_data_note_says_staff_read_search_and_export_accepted_words(client):
    html = check_page(client, what_happened="Call my daughter Ffion Davies on 07700 900123.")
    note = " ".join(re.sub(r"<[^>]+>", "", html.split('id="personal-data-note"')[1]).split())
    assert (
        "which the engagement managers read and, if your story is accepted as evidence, "
        "Centre staff read, search and export too" in note
    )
    assert "only the engagement managers who moderate stories read them" not in html


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {**NAMED, "consent_contact": "on", "publish_anonymously": ""},
            "Engagement managers at the Centre read it as you wrote it, with your details. If "
            "they accept it as evidence, Centre staff read, search and export your words too, "
            "with your name, email address and organisation.",
        ),
        (
            {**NAMED, "publish_anonymously": "on"},
            "Engagement managers at the Centre read it as you wrote it, with your details. If "
            "they accept it as evidence, Centre staff read, search and export your words too, "
            "without your name, email address or organisation.",
        ),
        (
            {},
            "Engagement managers at the Centre read it as you wrote it. If they accept it as "
            "evidence, Centre staff read, search and export your words too.",
        ),
    ],
    ids=["named-to-staff", "anonymous-to-staff", "no-details"],
)
def test_check_page_says_who_reads_the_words_for_the_choices_made(client, answers, expected):
    assert expected in sentence(check_page(client, **answers), "who-reads")


@pytest.mark.parametrize(
    ("publish", "expected"),
    [
        ("on", "The public reads only the anonymised version an engagement manager writes"),
        ("", "It is never published."),
    ],
)
def test_check_page_says_whether_the_public_reads_it(client, publish, expected):
    assert expected in sentence(check_page(client, consent_publish=publish), "who-reads")


# --- check your answers: what they can do later ---


def test_check_page_with_an_email_promises_the_private_link(client):
    later = sentence(check_page(client, email="sam@example.org"), "later")
    assert later.startswith("We email sam@example.org your reference and a private link")


@override_settings(INFOSTORY_CONTACT_EMAIL=CONTACT)
def test_check_page_without_an_email_says_to_write_to_the_contact_address(client):
    later = sentence(check_page(client), "later")
    assert "we cannot send you a link to your story’s own page" in later
    assert f"write to us at {CONTACT} quoting the reference" in later
    assert "private link" not in later


@override_settings(INFOSTORY_CONTACT_EMAIL="")
def test_check_page_without_any_address_says_to_give_an_email_if_they_may_want_to(client):
    later = sentence(check_page(client), "later")
    assert "If you may want to, give your email address." in later
    assert "write to us" not in later


# --- thanks: what happens next, and what they can do later ---


def test_thanks_with_an_email_names_the_link_and_how_to_get_a_new_one(client):
    html = thanks_page(client, email="sam@example.org")
    later = sentence(html, "later")
    assert later.startswith("You can change your mind at any time from the link in your email")
    assert "ask for a new link to your story" in later
    assert "We are sending an email to <strong>sam@example.org</strong>" in html


@pytest.mark.parametrize(
    ("answers", "email_sentence"),
    [
        (
            {"email": "sam@example.org"},
            ". The email does not include your words, so that a mistyped address never "
            "receives them",
        ),
        ({}, ""),
    ],
    ids=["emailed", "no-email"],
)
def test_thanks_says_the_copy_is_to_print_or_save_within_the_hour_and_it_is(
    client, monkeypatch, answers, email_sentence
):
    keep = sentence(thanks_page(client, **answers), "keep-a-copy")
    assert keep == (
        "Keep a copy of your story: a page with everything you sent, to print or save within "
        "the hour. Only this browser can open it, and only for an hour after you sent your "
        "story, so that nobody who uses this device after you can read it" + email_sentence + "."
    )
    copy_url = reverse("stories:sent_copy", kwargs={"reference": Story.objects.get().reference})
    assert client.get(copy_url).status_code == 200
    later = timezone.now() + datetime.timedelta(minutes=61)
    monkeypatch.setattr(timezone, "now", lambda: later)
    gone = client.get(copy_url)
    assert gone.status_code == 404
    assert "This copy is no longer available on this device" in gone.content.decode()


@override_settings(INFOSTORY_CONTACT_EMAIL=CONTACT)
def test_thanks_without_an_email_never_mentions_a_link_and_says_what_instead(client):
    html = thanks_page(client)
    later = sentence(html, "later")
    assert f"write to us at {CONTACT} quoting your reference" in later
    assert "link in your email" not in html
    assert "ask for a new link" not in html
    assert "We have not sent you an email, because you did not give an email address." in html


@override_settings(INFOSTORY_CONTACT_EMAIL="")
def test_thanks_without_an_email_or_a_contact_address_says_to_keep_the_reference(client):
    later = sentence(thanks_page(client), "later")
    assert "Without an email address there is no private page for your story" in later
    assert "write to us" not in later


def test_thanks_for_a_story_held_as_suspected_spam_promises_no_email(client):
    response = send_story(
        client,
        story_post(email="sam@example.org", website="http://spam.example"),
        follow=True,
    )
    html = response.content.decode()
    assert Story.objects.get().is_suspected_spam
    assert "We are sending an email" not in html
    assert "link in your email" not in html


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {**NAMED, "consent_contact": "on", "publish_anonymously": ""},
            "Centre staff read, search and export your words as you wrote them, with your "
            "name, email address and organisation.",
        ),
        (
            {**NAMED},
            "Centre staff read, search and export your words as you wrote them, without your "
            "name, email address or organisation.",
        ),
        ({}, "Centre staff read, search and export your words as you wrote them."),
    ],
    ids=["named-to-staff", "anonymous-to-staff", "no-details"],
)
def test_thanks_says_who_reads_the_words(client, answers, expected):
    assert expected in sentence(thanks_page(client, **answers), "who-reads")


def test_thanks_says_when_a_manager_reads_an_ordinary_story(client):
    assert sentence(thanks_page(client), "when-read").endswith(
        "reads your story, usually within 10 working days."
    )


@pytest.mark.parametrize(
    ("answers", "expected", "absent"),
    [
        (
            {"email": "sam@example.org", "consent_contact": "on"},
            "You said we may contact you, so we email you when your story is accepted",
            "You did not agree to be contacted",
        ),
        (
            {"email": "sam@example.org"},
            "You did not agree to be contacted, so they will not write to you about it. The "
            "page the link in your email opens",
            "You said we may contact you",
        ),
        (
            {},
            "You did not agree to be contacted, so they will not write to you about it.</li>",
            "The page the link in your email opens",
        ),
    ],
    ids=["contact", "email-no-contact", "no-email"],
)
def test_thanks_says_whether_we_write_to_them(client, answers, expected, absent):
    html = thanks_page(client, **answers)
    assert expected in html
    assert absent not in html


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"consent_publish": "on", "email": "sam@example.org", "consent_contact": "on"},
            "before it is published, and we email you the link.",
        ),
        ({"consent_publish": "on"}, "before it is published.</li>"),
        ({}, "You did not agree to publication, so your story is never published"),
    ],
    ids=["publish-and-told", "publish-not-told", "not-published"],
)
def test_thanks_says_what_publication_means_for_them(client, answers, expected):
    assert expected in thanks_page(client, **answers)


# --- the story's own page ---


@pytest.mark.parametrize(
    ("anonymous", "contact", "expected"),
    [
        (True, True, "for the engagement managers only."),
        (False, False, "for the engagement managers only."),
        (False, True, "for the engagement managers and the Centre staff who read your story."),
    ],
)
def test_the_storys_page_says_who_keeps_the_details(client, anonymous, contact, expected):
    story = SubmittedStoryFactory(
        name="Sam",
        email="sam@example.org",
        organisation="",
        publish_anonymously=anonymous,
        consent_contact=contact,
    )
    response = client.get(track_path(story))
    assert response.status_code == 200
    assert f"We keep the name and email address you gave, {expected}" in response.content.decode()


# --- the emails and the privacy notice ---


@pytest.mark.parametrize(
    ("answers", "present", "absent"),
    [
        (
            {"email": "sam@example.org", "consent_contact": "on"},
            "You said we may contact you, so they may email you",
            "",
        ),
        ({"email": "sam@example.org"}, "", "You said we may contact you"),
    ],
)
def test_the_acknowledgement_says_contact_only_when_agreed(
    client, answers, present, absent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_story(client, story_post(**answers))
    received = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    assert len(received) == 1
    body = received[0].body
    assert "Your story has its own private page." in body
    if present:
        assert present in body
    if absent:
        assert absent not in body


def test_the_privacy_notice_says_staff_read_search_and_export_accepted_stories(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Centre staff read, search and export accepted stories, in the words you wrote." in html
