"""A withdrawn consent is recorded by a manager and logged; nothing else touches the submission."""

import pytest
from django.core.exceptions import ValidationError

from stories.models import Story, StoryEvent
from tests.admin_helpers import change_url, form_data, messages_of
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory, StoryFactory

pytestmark = pytest.mark.django_db


def withdraw(client, story, *choices, note=""):
    data = form_data(client, story, _withdraw_consent="1", withdrawn=list(choices), note=note)
    return client.post(change_url(story), data, follow=True)


# --- the admin step ---


def test_a_manager_records_a_withdrawn_consent_to_contact_with_a_note(manager_client, manager):
    story = AcceptedStoryFactory(consent_contact=True)
    response = withdraw(manager_client, story, "contact", note="Phoned on Tuesday")
    assert f"{story.reference}: consent withdrawn (contact)." in messages_of(response)
    story.refresh_from_db()
    assert story.consent_contact is False
    event = story.events.get(action=StoryEvent.Action.CONSENT_WITHDRAWN)
    assert event.actor == manager
    assert "contact" in event.note and "Phoned on Tuesday" in event.note


def test_withdrawing_publication_takes_a_published_story_off_the_site(manager_client, client):
    story = PublishedStoryFactory()
    response = withdraw(manager_client, story, "publish")
    assert any("taken off the site" in message for message in messages_of(response))
    story.refresh_from_db()
    assert (story.consent_publish, story.status) == (False, Story.Status.WITHDRAWN)
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_withdrawing_being_named_hides_the_submitter_from_staff(manager_client, staff):
    story = AcceptedStoryFactory(publish_anonymously=False, consent_contact=True)
    assert story.submitter_details_for(staff) is not None
    withdraw(manager_client, story, "named")
    story.refresh_from_db()
    assert story.publish_anonymously is True
    assert story.submitter_details_for(staff) is None


def test_recording_a_withdrawal_needs_a_choice(manager_client):
    story = AcceptedStoryFactory(consent_contact=True)
    response = withdraw(manager_client, story)
    assert any("Choose the consent" in message for message in messages_of(response))
    assert not story.events.filter(action=StoryEvent.Action.CONSENT_WITHDRAWN).exists()


def test_only_consents_still_given_are_offered(manager_client):
    story = AcceptedStoryFactory(consent_contact=False, publish_anonymously=True)
    html = manager_client.get(change_url(story)).content.decode()
    assert "Record a withdrawn consent" in html
    assert 'name="withdrawn" value="publish"' in html
    assert 'name="withdrawn" value="contact"' not in html
    assert 'name="withdrawn" value="named"' not in html
    response = withdraw(manager_client, story, "contact")
    assert response.context["adminform"].form.errors["withdrawn"]


def test_staff_cannot_record_a_withdrawn_consent(staff_client):
    story = AcceptedStoryFactory(consent_contact=True)
    assert "Record a withdrawn consent" not in staff_client.get(change_url(story)).content.decode()
    response = staff_client.post(
        change_url(story), {"_withdraw_consent": "1", "withdrawn": ["contact"]}
    )
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.consent_contact is True


# --- the model guard ---


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("consent_contact", False),
        ("consent_publish", False),
        ("publish_anonymously", True),
        ("name", ""),
        ("email", ""),
        ("organisation", ""),
    ],
)
def test_a_plain_save_cannot_withdraw_a_consent_or_clear_a_detail(field, value):
    story = StoryFactory(
        consent_contact=True, consent_publish=True, publish_anonymously=False, organisation="Org"
    )
    story = Story.objects.get(pk=story.pk)
    setattr(story, field, value)
    with pytest.raises(ValidationError, match="cannot be changed"):
        story.save()
    assert not story.events.exclude(action=StoryEvent.Action.SUBMITTED).exists()


def test_the_logged_ways_still_withdraw_and_clear(manager):
    story = Story.objects.get(pk=StoryFactory(publish_anonymously=False).pk)
    assert story.withdraw_consent(contact=True, publish=True, named=True, actor=manager)
    assert story.clear_contact_details(actor=manager)
    # ... and the guard is shut again afterwards.
    story = Story.objects.get(pk=story.pk)
    story.what_happened = "Changed"
    with pytest.raises(ValidationError):
        story.save()


@pytest.mark.parametrize(
    "status", [status for status in Story.Status if status != Story.Status.SUBMITTED]
)
def test_a_new_story_cannot_start_in_any_status_but_submitted(status):
    with pytest.raises(ValidationError, match="starts as submitted"):
        Story(
            title="Skipped the queue",
            what_happened="x",
            difference="y",
            outcome=Story.Outcome.NOT_SURE,
            status=status,
        ).save()
    assert not Story.objects.filter(title="Skipped the queue").exists()


def test_seed_demo_still_loads_every_status():
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", "--no-accounts", stdout=StringIO())
    assert set(Story.objects.values_list("status", flat=True)) == set(Story.Status.values)
