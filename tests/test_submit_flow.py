"""Sending a story: storage, Post/Redirect/Get, the thanks page, duplicates, emails."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from stories.forms import FormToken
from stories.models import Barrier, LocalArea, PolicyTheme, Story, StoryEvent
from tests.factories import CampaignFactory, EngagementManagerFactory, StoryFactory, rewrite_history
from tests.submit_helpers import form_token, send_story, story_post

pytestmark = pytest.mark.django_db

URL = "/share/"


def thanks_url(reference):
    return reverse("stories:thanks", kwargs={"reference": reference})


# --- storing the story ---


def test_a_story_is_stored_as_submitted_and_the_browser_is_redirected_to_its_thanks_page(client):
    area = LocalArea.objects.get(slug="islington")
    themes = list(PolicyTheme.objects.filter(slug__in=["health-and-social-care", "welfare-reform"]))
    barrier = Barrier.objects.get(slug="consent")
    response = send_story(
        client,
        story_post(
            local_area=area.pk,
            themes=[theme.pk for theme in themes],
            barriers=[barrier.pk],
            barriers_text="Nobody knew if consent was needed.",
            name="Priya",
            email="priya@example.org",
            organisation="Islington Council",
            role="practitioner",
            consent_contact="on",
            consent_publish="on",
            publish_anonymously=None,  # unticked
        ),
    )
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thanks_url(story.reference)
    assert story.status == Story.Status.SUBMITTED
    assert story.title == "The discharge date reached the council in time"
    assert story.outcome == Story.Outcome.MADE_DIFFERENCE
    assert story.local_area == area
    assert set(story.themes.all()) == set(themes)
    assert list(story.barriers.all()) == [barrier]
    assert (story.name, story.email, story.organisation, story.role) == (
        "Priya",
        "priya@example.org",
        "Islington Council",
        "practitioner",
    )
    assert (story.consent_contact, story.consent_publish, story.publish_anonymously) == (
        True,
        True,
        False,
    )
    assert story.is_suspected_spam is False
    event = story.events.get()
    assert event.action == StoryEvent.Action.SUBMITTED
    assert event.actor is None
    assert event.data["local_area"] == "islington"
    assert sorted(event.data["themes"]) == ["health-and-social-care", "welfare-reform"]


def test_the_server_sets_status_reference_and_campaign_never_the_post(client):
    send_story(
        client,
        story_post(status="published", reference="IS-AAAAAA", campaign="1", is_suspected_spam="on"),
    )
    story = Story.objects.get()
    assert story.status == Story.Status.SUBMITTED
    assert story.reference != "IS-AAAAAA"
    assert re.fullmatch(r"IS-[346789ABCDEFGHJKMNPQRTVWXY]{6}", story.reference)
    assert story.is_suspected_spam is False


def test_a_story_sent_while_a_campaign_runs_is_attributed_to_it(client):
    running = CampaignFactory()
    send_story(client, story_post())
    assert Story.objects.get().campaign == running


def test_a_story_sent_between_campaigns_has_none(client):
    from stories.models import Campaign

    Campaign.objects.all().delete()
    send_story(client, story_post())
    assert Story.objects.get().campaign is None


@pytest.mark.parametrize(
    "text",
    [
        "Сотрудничество между службами спасло жизнь",
        "社会福利机构共享信息 👍🏽 ❤️‍🩹",
        "مشاركة المعلومات أحدثت فرقاً",
        "Cymraeg: rhannu gwybodaeth — “quotes” & ‘apostrophes’ 🧑‍🤝‍🧑",
    ],
)
def test_non_latin_text_and_emoji_are_stored_exactly_as_typed(client, text):
    send_story(client, story_post(title=text[:150], what_happened=text, difference=text))
    story = Story.objects.get()
    assert (story.title, story.what_happened, story.difference) == (text[:150], text, text)


def test_markup_is_stored_as_the_person_typed_it(client):
    attack = "<b>bold</b> <script>alert(1)</script> ' OR 1=1; --"
    send_story(client, story_post(what_happened=attack, title=attack))
    story = Story.objects.get()
    assert story.what_happened == attack
    assert story.title == attack


def test_text_of_exactly_the_limit_is_accepted(client):
    send_story(client, story_post(what_happened="é" * 5000, title="t" * 150))
    assert len(Story.objects.get().what_happened) == 5000


# --- the thanks page ---


def test_the_thanks_page_shows_the_reference_and_what_happens_next(client):
    response = send_story(client, story_post(email="sam@example.org"), follow=True)
    story = Story.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your story has been sent" in html
    assert story.reference in html
    assert "What happens next" in html
    assert "We are sending an email to <strong>sam@example.org</strong>" in html
    assert "no-cache" in response["Cache-Control"]


def test_the_thanks_page_never_shows_the_story_or_the_submitters_details(client):
    story = StoryFactory(title="A secret title", name="Jo Bloggs", email="jo@example.org")
    response = client.get(thanks_url(story.reference))
    html = response.content.decode()
    assert response.status_code == 200
    assert story.reference in html
    for secret in [story.title, story.what_happened, story.name, story.email, story.organisation]:
        assert secret not in html
    # Another browser is not told the story arrived: it only learns what it already knew.
    assert "Your story has been sent" not in html


def test_the_thanks_page_for_a_reference_that_does_not_exist_looks_the_same(client):
    story = StoryFactory()
    existing = client.get(thanks_url(story.reference)).content.decode()
    missing = client.get(thanks_url("IS-YYYYYY")).content.decode()
    assert existing.replace(story.reference, "REF") == missing.replace("IS-YYYYYY", "REF")


def test_a_malformed_reference_is_404(client):
    assert client.get("/share/thanks/IS-0000/").status_code == 404
    assert client.get("/share/thanks/<script>/").status_code == 404


# --- the same form sent twice ---


def test_a_double_click_stores_one_story_and_both_posts_reach_the_same_thanks_page(client):
    data = story_post()
    first = send_story(client, data)
    second = send_story(client, data)
    assert Story.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == thanks_url(Story.objects.get().reference)


def test_the_same_form_resent_from_another_browser_still_stores_one_story(
    client, django_user_model
):
    from django.test import Client

    data = story_post()
    send_story(client, data)
    response = send_story(Client(), data)
    assert Story.objects.count() == 1
    assert response["Location"] == thanks_url(Story.objects.get().reference)


def test_the_same_form_sent_again_with_changed_text_is_stored_as_a_new_story(client):
    """Back, edit, send: the edited text is not silently dropped."""
    token = form_token()
    first = send_story(client, story_post(form_token=token, what_happened="First words."))
    second = send_story(client, story_post(form_token=token, what_happened="Better words."))
    assert Story.objects.count() == 2
    original = Story.objects.get(what_happened="First words.")
    edited = Story.objects.get(what_happened="Better words.")
    assert original.reference == FormToken.read(token).reference
    assert edited.reference != original.reference
    assert first["Location"] == thanks_url(original.reference)
    assert second["Location"] == thanks_url(edited.reference)


def test_a_changed_choice_also_counts_as_a_change(client):
    token = form_token()
    send_story(client, story_post(form_token=token))
    send_story(client, story_post(form_token=token, outcome="could_have"))
    assert Story.objects.count() == 2


def test_each_version_of_a_form_resent_leads_to_its_own_story(client):
    token = form_token()
    send_story(client, story_post(form_token=token, what_happened="First words."))
    send_story(client, story_post(form_token=token, what_happened="Better words."))
    again_first = send_story(client, story_post(form_token=token, what_happened="First words."))
    again_edited = send_story(client, story_post(form_token=token, what_happened="Better words."))
    assert Story.objects.count() == 2
    assert again_first["Location"] == thanks_url(
        Story.objects.get(what_happened="First words.").reference
    )
    assert again_edited["Location"] == thanks_url(
        Story.objects.get(what_happened="Better words.").reference
    )


def test_the_submission_event_keeps_a_fingerprint_of_the_fields_not_the_text(client):
    send_story(client, story_post(what_happened="Private words."))
    data = StoryEvent.objects.get(action=StoryEvent.Action.SUBMITTED).data
    assert len(data["fields_hash"]) == 64
    assert "Private words." not in str(data)


def test_two_forms_with_different_stories_make_two_stories(client):
    send_story(client, story_post(what_happened="One thing happened."))
    send_story(client, story_post(what_happened="Another thing happened."))
    assert Story.objects.count() == 2


def test_the_same_story_sent_again_from_a_new_form_within_a_day_leads_to_the_first(client):
    """Back to the start, and send the same story again: one story, the first one's page."""
    first = send_story(client, story_post())
    again = send_story(client, story_post())  # a new form, so a new token and reference
    story = Story.objects.get()
    assert first["Location"] == again["Location"] == thanks_url(story.reference)


def test_the_same_story_sent_again_after_a_day_is_stored_again(client):
    from datetime import timedelta

    from django.utils import timezone

    send_story(client, story_post())
    yesterday = timezone.now() - timedelta(days=1, minutes=1)
    rewrite_history(StoryEvent.objects.all(), created_at=yesterday)
    send_story(client, story_post())
    assert Story.objects.count() == 2


def test_the_same_words_with_another_email_address_are_another_persons_story(client):
    send_story(client, story_post(email="sam@example.org"))
    send_story(client, story_post(email="jo@example.org"))
    assert Story.objects.count() == 2


def test_a_form_whose_reference_is_already_taken_by_another_story_is_still_stored(client):
    other = StoryFactory()
    response = send_story(client, story_post(form_token=form_token(reference=other.reference)))
    assert Story.objects.count() == 2
    mine = Story.objects.exclude(pk=other.pk).get()
    assert mine.reference != other.reference
    assert response["Location"] == thanks_url(mine.reference)


def test_the_reference_drawn_for_the_form_is_the_storys_reference(client):
    token = form_token()
    send_story(client, story_post(form_token=token))
    assert Story.objects.get().reference == FormToken.read(token).reference


# --- emails ---


@pytest.mark.django_db(transaction=True)
def test_the_submitter_and_the_engagement_managers_are_emailed_after_the_commit(client, settings):
    settings.INFOSTORY_MODERATORS_EMAIL = ["moderators@example.org"]
    manager = EngagementManagerFactory(email="manager@example.org")
    EngagementManagerFactory(email="")  # no address: skipped
    EngagementManagerFactory(email="gone@example.org", is_active=False)
    send_story(client, story_post(email="sam@example.org", title="<b>Title</b> & more"))
    story = Story.objects.get()

    acknowledgement, notice = sorted(mail.outbox, key=lambda message: message.to != [story.email])
    assert acknowledgement.to == ["sam@example.org"]
    assert story.reference in acknowledgement.subject
    assert story.reference in acknowledgement.body
    assert story.what_happened not in acknowledgement.body
    assert "<b>Title</b>" not in acknowledgement.body

    assert notice.to == [manager.email, "moderators@example.org"]
    assert story.reference in notice.subject
    assert "<b>Title</b> & more" in notice.body  # plain text: not HTML-escaped
    assert f"/admin/stories/story/{story.pk}/change/" in notice.body
    assert story.email not in notice.body


@pytest.mark.django_db(transaction=True)
def test_no_email_address_means_no_acknowledgement_but_the_managers_still_hear(client, settings):
    settings.INFOSTORY_MODERATORS_EMAIL = ["moderators@example.org"]
    send_story(client, story_post(email=""))
    assert [message.to for message in mail.outbox] == [["moderators@example.org"]]


def test_no_email_is_sent_before_the_transaction_commits(client, settings):
    # Inside a test transaction that never commits, the queued emails never go.
    settings.INFOSTORY_MODERATORS_EMAIL = ["moderators@example.org"]
    send_story(client, story_post(email="sam@example.org"))
    assert Story.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_is_logged_and_the_story_kept(client, settings, caplog):
    settings.INFOSTORY_MODERATORS_EMAIL = ["moderators@example.org"]

    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"  # the mail server is down
    with caplog.at_level(logging.ERROR):
        response = send_story(client, story_post(email="sam@example.org"))
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thanks_url(story.reference)
    assert "could not be sent" in caplog.text
    assert client.get(response["Location"]).status_code == 200
