"""The storyteller's loop: check your answers, the confirmation, the story's own page
(status, withdrawals, erasure, additions), a new link on request, and accidental resends."""

import re
import sys

import pytest
from django.core import mail, signing
from django.urls import reverse

from stories.models import PolicyTheme, Story, StoryAddendum, StoryEvent
from stories.private_link import SALT, make_token, track_path
from tests.factories import (
    AcceptedStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    SpamStoryFactory,
    SubmittedStoryFactory,
)
from tests.submit_helpers import CHECK_URL, SHARE_URL, send_story, signed_answers, story_post

pytestmark = pytest.mark.django_db


def checked(client, **answers):
    """Fill the form and reach "check your answers"; return that page."""
    response = client.post(SHARE_URL, story_post(**answers))
    assert response.status_code == 302
    assert response["Location"] == CHECK_URL
    return client.get(CHECK_URL)


# --- check your answers ---


def test_a_valid_form_leads_to_check_your_answers_and_nothing_is_stored(client, settings):
    settings.INFOSTORY_MODERATORS_EMAIL = ["moderators@example.org"]
    page = checked(client, email="sam@example.org", barriers_text="No shared system.")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Check your answers before sending your story" in html
    assert Story.objects.count() == 0
    assert StoryEvent.objects.count() == 0
    assert mail.outbox == []
    for text in ["The discharge date reached the council in time", "No shared system."]:
        assert text in html
    assert "no-cache" in page["Cache-Control"]


def test_every_answer_has_a_change_link_to_its_field(client):
    html = checked(client).content.decode()
    for field_id in [
        "id_title",
        "id_what_happened",
        "id_difference",
        "id_barriers_text",
        "id_organisations",
        "id_outcome_0",
        "id_local_area",
        "id_themes_0",
        "id_barriers_0",
        "id_name",
        "id_email",
        "id_organisation",
        "id_role",
        "id_consent_contact",
        "id_consent_publish",
        "id_publish_anonymously",
    ]:
        assert f'href="/share/#{field_id}"' in html, field_id
    assert html.count(">Change<") == 16


@pytest.mark.parametrize(
    ("answers", "sentences"),
    [
        (
            {"email": "sam@example.org", "consent_contact": "on", "consent_publish": "on"},
            ["We may contact you at sam@example.org", "We may publish an anonymised version"],
        ),
        (
            {"email": "sam@example.org"},
            ["We will not publish your story", "we will not email you about it"],
        ),
        (
            {"name": "Sam", "publish_anonymously": "on"},
            ["Centre staff will not see your name", "you did not give an email address"],
        ),
        (
            {
                "name": "Sam",
                "email": "sam@example.org",
                "consent_contact": "on",
                "publish_anonymously": None,
            },
            ["Centre staff reading your story may see your name"],
        ),
    ],
)
def test_the_choices_are_restated_in_plain_words(client, answers, sentences):
    html = checked(client, **answers).content.decode()
    for sentence in sentences:
        assert sentence in html


def test_a_change_link_opens_the_form_with_every_answer_kept(client):
    theme = PolicyTheme.objects.get(slug="welfare-reform")
    checked(client, themes=[theme.pk], email="sam@example.org", consent_publish="on")
    form = client.get(SHARE_URL).content.decode()
    assert 'value="The discharge date reached the council in time"' in form
    assert "The ward told adult social care two days before Mr D went home." in form
    assert 'value="sam@example.org"' in form
    assert re.search(rf'value="{theme.pk}"[^>]*checked|checked[^>]*value="{theme.pk}"', form)
    assert re.search(r'name="consent_publish"[^>]*checked|checked[^>]*name="consent_publish"', form)
    assert "There is a problem" not in form


def test_a_changed_answer_is_what_is_sent(client):
    checked(client, title="First title")
    page = checked(client, title="Changed title")
    assert "Changed title" in page.content.decode()
    client.post(CHECK_URL, {"answers": signed_answers(page)})
    assert Story.objects.get().title == "Changed title"


def test_what_is_sent_is_what_the_check_page_showed_even_if_another_tab_changed_it(client):
    page = checked(client, title="Checked in this tab")
    checked(client, title="Typed in another tab")
    client.post(CHECK_URL, {"answers": signed_answers(page)})
    assert Story.objects.get().title == "Checked in this tab"


def test_altered_answers_are_never_stored(client):
    page = checked(client)
    answers = signed_answers(page)
    response = client.post(CHECK_URL, {"answers": answers[:-3] + "abc"})
    assert Story.objects.count() == 0
    assert response.status_code == 302
    assert response["Location"] == CHECK_URL  # back to the answers, still kept


def test_forged_answers_signed_with_another_salt_are_refused(client):
    forged = signing.dumps({"title": ["Forged"]}, salt="something else", compress=True)
    client.post(CHECK_URL, {"answers": forged})
    assert Story.objects.count() == 0


def test_the_check_page_without_answers_goes_back_to_the_form(client):
    response = client.get(CHECK_URL)
    assert response.status_code == 302
    assert response["Location"] == SHARE_URL


def test_after_sending_the_check_page_and_the_form_lead_on(client):
    thanks = send_story(client, story_post())
    assert Story.objects.count() == 1
    assert client.get(CHECK_URL)["Location"] == thanks["Location"]  # Back from thanks
    fresh = client.get(SHARE_URL).content.decode()
    assert "The discharge date reached the council in time" not in fresh  # a new story


def test_send_pressed_twice_stores_one_story(client):
    page = checked(client)
    answers = signed_answers(page)
    first = client.post(CHECK_URL, {"answers": answers})
    second = client.post(CHECK_URL, {"answers": answers})
    assert Story.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_honeypot_and_the_fill_time_are_judged_when_the_story_is_sent(client, settings):
    settings.INFOSTORY_MIN_FILL_SECONDS = 3
    send_story(client, story_post(website="http://cheap.example"))
    assert Story.objects.get().is_suspected_spam


def test_the_check_step_works_without_javascript_or_a_session(client):
    """The send form carries its own answers: a new browser session can still send them."""
    from django.test import Client

    page = checked(client)
    response = Client().post(CHECK_URL, {"answers": signed_answers(page)})
    assert response.status_code == 302
    assert Story.objects.count() == 1


def test_a_calm_note_says_when_the_story_seems_to_hold_someones_details(client):
    html = checked(client, what_happened="Her son rang me on 07700 900123.").content.decode()
    assert "Your story may mention someone’s details" in html
    assert "we remove details like these before anything is published" in html
    assert "“What happened”" in html
    assert 'href="/share/#id_what_happened">change your answer' in html


def test_no_note_when_nothing_looks_like_personal_data(client):
    html = checked(client, what_happened="The ward told the council two days ahead.")
    assert "may mention someone" not in html.content.decode()


def test_the_note_names_each_answer_with_someones_details(client):
    html = checked(
        client,
        what_happened="Jane Smith's son rang me.",
        difference="He lives at 14 Acacia Avenue, Exeter EX1 2AB.",
    ).content.decode()
    assert "“What happened” and “The difference sharing information made" in html


# --- the confirmation ---


def test_the_confirmation_is_a_panel_with_the_reference_and_what_happens_from_the_choices(client):
    response = send_story(client, story_post(email="sam@example.org"), follow=True)
    story = Story.objects.get()
    html = response.content.decode()
    assert re.search(r'class="confirmation-panel.*?' + story.reference, html, re.S)
    assert "We are sending an email to <strong>sam@example.org</strong>" in html
    assert (
        "You did not agree to publication, so your story is never published: only the "
        "Centre reads it." in html
    )
    assert "You did not agree to be contacted" in html


def test_the_confirmation_says_no_email_was_sent_without_an_address(client):
    html = send_story(client, story_post(), follow=True).content.decode()
    assert "We have not sent you an email, because you did not give an email address." in html


# --- the link in the acknowledgement, and the story's own page ---


def track_link_in(message):
    found = re.search(r"https?://\S+/share/story/(\S+?)/\s", message.body)
    assert found, message.body
    return reverse("stories:track", kwargs={"token": found.group(1)})


@pytest.mark.django_db(transaction=True)
def test_the_acknowledgement_carries_a_private_link_that_opens_the_storys_page(client, settings):
    settings.INFOSTORY_TRACK_LINK_DAYS = 90
    send_story(client, story_post(email="sam@example.org"))
    story = Story.objects.get()
    acknowledgement = next(m for m in mail.outbox if m.to == ["sam@example.org"])
    assert "90 days" in acknowledgement.body
    response = client.get(track_link_in(acknowledgement))
    html = response.content.decode()
    assert response.status_code == 200
    assert story.reference in html
    assert "Submitted" in html
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"]


def test_a_tampered_link_gets_a_clear_page_with_the_way_to_a_new_link(client):
    story = SubmittedStoryFactory()
    token = make_token(story)
    response = client.get(reverse("stories:track", kwargs={"token": token[:-2] + "xx"}))
    assert response.status_code == 404
    html = response.content.decode()
    assert "This link does not work" in html
    assert 'action="/share/story/"' in html
    assert story.title not in html


def test_an_expired_link_says_so_and_offers_a_new_one(client, settings):
    story = SubmittedStoryFactory()
    token = make_token(story)
    settings.INFOSTORY_TRACK_LINK_DAYS = 1
    from unittest import mock

    later = signing.time.time() + 2 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(reverse("stories:track", kwargs={"token": token}))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_a_signed_link_for_a_story_that_is_not_there_is_not_found(client):
    token = signing.TimestampSigner(salt=SALT).sign_object({"p": 999999, "r": "IS-AAAAAA"})
    response = client.get(reverse("stories:track", kwargs={"token": token}))
    assert response.status_code == 404


def test_a_link_names_one_story_by_pk_and_reference_together(client):
    mine, other = SubmittedStoryFactory(), SubmittedStoryFactory()
    token = signing.TimestampSigner(salt=SALT).sign_object({"p": mine.pk, "r": other.reference})
    assert client.get(reverse("stories:track", kwargs={"token": token})).status_code == 404


def test_the_storys_page_never_shows_the_persons_words(client):
    # The link goes to whatever address was typed on the form: a mistyped address must not
    # receive the story itself.
    story = SubmittedStoryFactory(
        title="Private title words", what_happened="Private account words", difference="Diff"
    )
    html = client.get(track_path(story)).content.decode()
    assert story.reference in html
    for words in ("Private title words", "Private account words"):
        assert words not in html


def test_a_published_story_page_gives_the_public_link_and_the_dates(client):
    story = PublishedStoryFactory()
    html = client.get(track_path(story)).content.decode()
    assert "Published" in html
    assert f'href="{story.get_absolute_url()}"' in html


def test_an_accepted_story_page_says_why_it_is_not_published(client):
    story = AcceptedStoryFactory(consent_publish=False)
    html = client.get(track_path(story)).content.decode()
    assert "Accepted as evidence" in html
    assert "because you did not agree to publication" in html


def test_a_rejected_story_page_gives_the_reason_written_for_the_person(client):
    story = RejectedStoryFactory(rejection_category=Story.RejectionReason.COULD_IDENTIFY)
    html = client.get(track_path(story)).content.decode()
    assert "Not used" in html
    assert Story.REJECTION_EXPLAINED[Story.RejectionReason.COULD_IDENTIFY] in html


def test_the_storys_page_never_shows_its_contact_details(client):
    story = SubmittedStoryFactory(name="Jo Bloggs", email="jo@example.org")
    html = client.get(track_path(story)).content.decode()
    assert "Jo Bloggs" not in html
    assert "jo@example.org" not in html


def test_the_storys_page_makes_the_same_number_of_queries_however_many_additions(
    client, django_assert_max_num_queries
):
    story = SubmittedStoryFactory()
    path = track_path(story)
    for number in range(8):
        StoryAddendum.objects.create(story=story, text=f"Addition {number}")
    with django_assert_max_num_queries(6):
        response = client.get(path)
    assert response.content.decode().count("Addition ") == 8


# --- what the person can do there ---


def test_withdrawing_consent_to_publish_asks_first(client):
    story = PublishedStoryFactory()
    action = reverse(
        "stories:track_action",
        kwargs={"token": make_token(story), "action": "withdraw-publication"},
    )
    page = client.get(action)
    assert page.status_code == 200
    assert "comes off the #InfoStory site at once" in page.content.decode()
    story.refresh_from_db()
    assert story.consent_publish and story.status == Story.Status.PUBLISHED


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


PUBLIC_LISTS = ("stories:list", "stories:feed", "stories:open_data")


def test_withdrawing_consent_to_publish_takes_the_story_off_every_public_page_at_once(client):
    story = PublishedStoryFactory(public_title="A story that comes down")
    assert client.get(story.get_absolute_url()).status_code == 200
    for name in PUBLIC_LISTS:  # cached now, so the withdrawal must drop the copies
        assert "A story that comes down" in body(client.get(reverse(name))), name
    token = make_token(story)
    action = reverse(
        "stories:track_action", kwargs={"token": token, "action": "withdraw-publication"}
    )
    response = client.post(action, follow=True)
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN and not story.consent_publish
    assert "taken off the public site" in response.content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404
    for name in PUBLIC_LISTS:
        assert "A story that comes down" not in body(client.get(reverse(name))), name
    event = story.events.get(action=StoryEvent.Action.CONSENT_WITHDRAWN)
    assert event.actor is None
    assert "By the submitter" in event.note


def test_withdrawing_consent_to_be_contacted(client):
    story = SubmittedStoryFactory(consent_contact=True)
    token = make_token(story)
    client.post(
        reverse("stories:track_action", kwargs={"token": token, "action": "withdraw-contact"})
    )
    story.refresh_from_db()
    assert not story.consent_contact
    assert story.events.filter(action=StoryEvent.Action.CONSENT_WITHDRAWN, actor=None).exists()


def test_a_consent_already_withdrawn_is_not_offered_again(client):
    story = SubmittedStoryFactory(consent_contact=False, consent_publish=False)
    token = make_token(story)
    html = client.get(track_path(story)).content.decode()
    assert "withdraw-contact" not in html and "withdraw-publication" not in html
    for action in ("withdraw-contact", "withdraw-publication"):
        url = reverse("stories:track_action", kwargs={"token": token, "action": action})
        assert client.post(url).status_code == 302
    assert not story.events.filter(action=StoryEvent.Action.CONSENT_WITHDRAWN).exists()


def test_an_unknown_action_is_not_found(client):
    story = SubmittedStoryFactory()
    url = f"/share/story/{make_token(story)}/delete-everything/"
    assert client.post(url).status_code == 404


def test_erasing_details_applies_at_once_and_the_link_keeps_working(client):
    story = SubmittedStoryFactory(name="Jo", email="jo@example.org", organisation="Council")
    token = make_token(story)
    erase = reverse("stories:track_action", kwargs={"token": token, "action": "erase"})
    assert "You cannot undo this" in client.get(erase).content.decode()
    client.post(erase)
    story.refresh_from_db()
    assert (story.name, story.email, story.organisation, story.consent_contact) == (
        "",
        "",
        "",
        False,
    )
    event = story.events.get(action=StoryEvent.Action.CONTACT_CLEARED)
    assert event.actor is None and "By the submitter" in event.note
    page = client.get(reverse("stories:track", kwargs={"token": token}))
    assert page.status_code == 200
    assert "have been erased" in page.content.decode()


def test_adding_to_a_story_keeps_the_words_beside_the_original_which_never_changes(client):
    story = SubmittedStoryFactory()
    before = story.what_happened
    token = make_token(story)
    response = client.post(
        reverse("stories:track", kwargs={"token": token}),
        {"text": "Six months on, the two teams share one plan."},
        follow=True,
    )
    story.refresh_from_db()
    assert story.what_happened == before
    addendum = story.addenda.get()
    assert addendum.text == "Six months on, the two teams share one plan."
    event = story.events.get(action=StoryEvent.Action.ADDED_TO)
    assert event.actor is None and event.data["addendum"] == addendum.pk
    assert "Six months on, the two teams share one plan." in response.content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write what you want to add to your story"), ("é" * 10_001, "shorten it by 1 to 10,000")],
)
def test_an_addition_that_cannot_be_kept_is_explained_and_the_text_given_back(
    client, text, message
):
    story = SubmittedStoryFactory()
    response = client.post(track_path(story), {"text": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert text[:100] in html
    assert not story.addenda.exists()


def test_an_addition_is_never_changed_afterwards():
    from django.core.exceptions import ValidationError

    addendum = StoryAddendum.objects.create(story=SubmittedStoryFactory(), text="Mine")
    addendum.text = "Someone else's"
    with pytest.raises(ValidationError):
        addendum.save()


def test_the_storys_page_posts_are_throttled(client, settings):
    settings.INFOSTORY_TRACK_RATE = "1/hour"
    story = SubmittedStoryFactory()
    client.post(track_path(story), {"text": "First"})
    response = client.post(track_path(story), {"text": "Second, kept on the 429 page"})
    assert response.status_code == 429
    assert "Second, kept on the 429 page" in response.content.decode()


# --- a new link on request ---


def request_link(client, reference, email):
    return client.post(reverse("stories:track_request"), {"reference": reference, "email": email})


def test_a_new_link_goes_to_the_address_on_the_story(client):
    story = SubmittedStoryFactory(email="Sam@Example.org")
    response = request_link(client, story.reference.lower(), " sam@example.org ")
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["Sam@Example.org"]
    assert story.reference in message.subject
    assert client.get(track_link_in(message)).status_code == 200
    assert story.events.filter(action=StoryEvent.Action.EMAILED, actor=None).exists()


@pytest.mark.parametrize("case", ["wrong email", "unknown reference", "erased", "spam"])
def test_the_answer_is_the_same_whether_or_not_reference_and_email_match(client, case):
    story = SubmittedStoryFactory(email="sam@example.org")
    matched = request_link(client, story.reference, "sam@example.org").content
    assert len(mail.outbox) == 1
    if case == "wrong email":
        other = request_link(client, story.reference, "someone@example.org").content
    elif case == "unknown reference":
        other = request_link(client, "IS-YYYYYY", "sam@example.org").content
    elif case == "erased":
        story.clear_contact_details(actor=None)
        other = request_link(client, story.reference, "sam@example.org").content
    else:
        spam = SpamStoryFactory(email="bot@example.org")
        other = request_link(client, spam.reference, "bot@example.org").content
    assert other == matched
    assert len(mail.outbox) == 1


def test_a_new_link_request_form_explains_bad_input(client):
    response = request_link(client, "", "not-an-address")
    html = response.content.decode()
    assert "Enter your story&#x27;s reference" in html or "Enter your story's reference" in html
    assert "Enter an email address in the correct format" in html
    assert 'value="not-an-address"' in html
    assert mail.outbox == []


def test_new_link_requests_are_throttled(client, settings):
    settings.INFOSTORY_TRACK_RATE = "2/hour"
    story = SubmittedStoryFactory()
    for _ in range(2):
        assert request_link(client, story.reference, story.email).status_code == 200
    assert request_link(client, story.reference, story.email).status_code == 429
    assert len(mail.outbox) == 2


def test_the_link_stops_working_after_the_setting_says(client, settings):
    from unittest import mock

    story = SubmittedStoryFactory()
    path = track_path(story)
    settings.INFOSTORY_TRACK_LINK_DAYS = 30
    in_29_days = signing.time.time() + 29 * 24 * 3600
    in_31_days = signing.time.time() + 31 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=in_29_days):
        assert client.get(path).status_code == 200
    with mock.patch("django.core.signing.time.time", return_value=in_31_days):
        assert client.get(path).status_code == 410


def test_the_link_days_setting_must_be_positive(monkeypatch):
    import subprocess

    environment = {"DJANGO_DEBUG": "true", "INFOSTORY_TRACK_LINK_DAYS": "0", "PATH": "/usr/bin"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import infostory.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "INFOSTORY_TRACK_LINK_DAYS must be 1 or more" in result.stderr


def test_what_the_person_added_is_in_their_subject_access_export():
    from stories.privacy import personal_data

    story = SubmittedStoryFactory(email="sam@example.org")
    StoryAddendum.objects.create(story=story, text="What happened next.")
    (exported,) = personal_data("SAM@example.org")["stories"]
    assert [item["text"] for item in exported["added_later"]] == ["What happened next."]
