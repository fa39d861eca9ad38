"""Who may see who told a story: one rule, Story.submitter_details_for, on every surface.

The rule: the public never; engagement managers always; Staff only when
the submitter did not ask to stay anonymous and agreed to be contacted (then the name,
email and organisation). The browse story page, the staff export and the admin all
follow it.
"""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from stories.models import SubmitterDetails
from tests.admin_helpers import change_url
from tests.factories import (
    AcceptedStoryFactory,
    EngagementManagerFactory,
    PublishedStoryFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DETAILS = {"name": "Farah Siddiqui", "email": "farah@example.org", "organisation": "Advice Org"}
# (publish_anonymously, consent_contact) -> may Staff see the details?
CHOICES = {
    "named_and_contactable": (False, True, True),
    "named_not_contactable": (False, False, False),
    "anonymous_contactable": (True, True, False),
    "anonymous_not_contactable": (True, False, False),
}


def make_story(choice, factory=AcceptedStoryFactory):
    anonymous, contact, _staff_see = CHOICES[choice]
    return factory(**DETAILS, publish_anonymously=anonymous, consent_contact=contact)


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def shows_details(text):
    found = [value in text for value in DETAILS.values()]
    assert all(found) or not any(found), f"some details only: {found}"
    return all(found)


def export_body(client):
    response = client.get(reverse("stories:export") + "?format=csv")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize("choice", CHOICES)
def test_the_rule_in_the_model(choice):
    story = make_story(choice)
    staff_see = CHOICES[choice][2]
    expected = SubmitterDetails(**DETAILS)
    assert story.submitter_details_for(None) is None
    assert story.submitter_details_for(AnonymousUser()) is None
    assert story.submitter_details_for(UserFactory()) is None  # signed in, not staff
    assert story.submitter_details_for(EngagementManagerFactory()) == expected
    assert story.submitter_details_for(StaffFactory()) == (expected if staff_see else None)


def test_nothing_to_show_when_the_details_were_cleared(manager):
    story = make_story("named_and_contactable")
    story.clear_contact_details(actor=manager)
    assert story.submitter_details_for(manager) is None
    assert story.why_submitter_hidden().startswith("The submitter gave no name")


@pytest.mark.parametrize("choice", CHOICES)
def test_the_browse_story_page_follows_the_rule(choice):
    story = make_story(choice, PublishedStoryFactory)
    public = client_for(None).get(story.get_absolute_url()).content.decode()
    assert not shows_details(public)
    staff = client_for(StaffFactory()).get(story.get_absolute_url()).content.decode()
    assert shows_details(staff) == CHOICES[choice][2]
    manager = client_for(EngagementManagerFactory()).get(story.get_absolute_url())
    assert shows_details(manager.content.decode())


@pytest.mark.parametrize("choice", CHOICES)
def test_the_staff_export_follows_the_rule(choice):
    make_story(choice)
    assert shows_details(export_body(client_for(StaffFactory()))) == CHOICES[choice][2]
    assert shows_details(export_body(client_for(EngagementManagerFactory())))


def test_the_export_columns_carry_the_three_details_for_staff_when_allowed():
    make_story("named_and_contactable")
    (row,) = csv.DictReader(io.StringIO(export_body(client_for(StaffFactory()))))
    assert (row["submitter_name"], row["submitter_email"], row["submitter_organisation"]) == (
        DETAILS["name"],
        DETAILS["email"],
        DETAILS["organisation"],
    )


@pytest.mark.parametrize("choice", CHOICES)
def test_the_admin_story_page_follows_the_rule(choice):
    story = make_story(choice)
    staff = client_for(StaffFactory()).get(change_url(story)).content.decode()
    assert shows_details(staff) == CHOICES[choice][2]
    manager = client_for(EngagementManagerFactory()).get(change_url(story)).content.decode()
    assert shows_details(manager)


@pytest.mark.parametrize(
    ("choice", "reason"),
    [
        ("named_not_contactable", "The submitter did not agree to be contacted."),
        ("anonymous_contactable", "The submitter asked to stay anonymous."),
        (
            "anonymous_not_contactable",
            "The submitter asked to stay anonymous and did not agree to be contacted.",
        ),
    ],
)
def test_staff_are_told_the_real_reason_the_submitter_is_hidden(choice, reason):
    story = make_story(choice)
    staff = client_for(StaffFactory())
    assert reason in staff.get(story.get_absolute_url()).content.decode()
    assert reason in staff.get(change_url(story)).content.decode()
