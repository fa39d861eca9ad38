"""Who may do what in the story admin: managers moderate, Staff look, nobody adds or deletes."""

import pytest
from django.test import Client

from stories.models import Story
from tests.admin_helpers import CHANGELIST, change_url, form_data
from tests.factories import (
    AcceptedStoryFactory,
    InReviewStoryFactory,
    SpamStoryFactory,
    SubmittedStoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_can_open_an_accepted_story_read_only(staff_client):
    story = AcceptedStoryFactory()
    response = staff_client.get(change_url(story))
    assert response.status_code == 200
    html = response.content.decode()
    assert story.what_happened in html and story.public_title in html
    assert 'name="public_title"' not in html
    assert 'name="_transition"' not in html
    assert "Timeline" in html


def test_staff_cannot_change_a_story_by_posting(staff_client):
    story = AcceptedStoryFactory()
    response = staff_client.post(
        change_url(story), {"public_title": "Changed", "_transition": "published"}
    )
    assert response.status_code == 403
    story.refresh_from_db()
    assert (story.status, story.public_title) == (Story.Status.ACCEPTED, f"Public: {story.title}")


def test_staff_see_only_accepted_and_published_stories(staff_client):
    accepted = AcceptedStoryFactory()
    submitted = SubmittedStoryFactory()
    spam = SpamStoryFactory()
    response = staff_client.get(CHANGELIST + "?spam=all")
    assert {s.reference for s in response.context["cl"].result_list} == {accepted.reference}
    for hidden in [submitted, spam]:
        response = staff_client.get(change_url(hidden))
        assert response.status_code == 302  # "does not exist", the same as a wrong id
        assert response["Location"] == "/admin/"


def test_staff_see_no_contact_details_of_a_submitter_who_asked_to_stay_anonymous(manager, staff):
    manager_client, staff_client = Client(), Client()
    manager_client.force_login(manager)
    staff_client.force_login(staff)
    story = AcceptedStoryFactory(
        name="Alex Carer", email="alex.carer@example.org", organisation="Carers' forum"
    )
    html = manager_client.get(change_url(story)).content.decode()
    assert "alex.carer@example.org" in html and "Alex Carer" in html
    html = staff_client.get(change_url(story)).content.decode()
    assert "alex.carer@example.org" not in html
    assert "Alex Carer" not in html and "Carers&#x27; forum" not in html
    assert "The submitter asked to stay anonymous." in html


def test_an_anonymous_submitters_details_stay_hidden_from_staff(staff_client):
    story = AcceptedStoryFactory(
        name="Sam Named", email="sam@example.org", publish_anonymously=True
    )
    html = staff_client.get(change_url(story)).content.decode()
    assert "Sam Named" not in html and "sam@example.org" not in html


def test_nobody_adds_a_story_in_the_admin(manager_client, superuser_client):
    for client in (manager_client, superuser_client):
        assert client.get("/admin/stories/story/add/").status_code == 403


def test_nobody_deletes_a_story_in_the_admin(superuser_client):
    story = SubmittedStoryFactory()
    url = f"/admin/stories/story/{story.pk}/delete/"
    assert superuser_client.get(url).status_code == 403
    assert superuser_client.post(url, {"post": "yes"}).status_code == 403
    changelist = superuser_client.get(CHANGELIST).content.decode()
    assert "delete_selected" not in changelist
    assert Story.objects.filter(pk=story.pk).exists()


def test_a_superuser_moderates(superuser_client):
    story = InReviewStoryFactory()
    data = form_data(superuser_client, story, _transition="accepted")
    superuser_client.post(change_url(story), data)
    story.refresh_from_db()
    assert story.status == Story.Status.ACCEPTED


def test_managers_edit_reference_data_with_prepopulated_slugs(manager_client):
    response = manager_client.get("/admin/stories/policytheme/add/")
    assert response.status_code == 200
    assert "prepopulated" in response.content.decode()
    response = manager_client.post(
        "/admin/stories/policytheme/add/",
        {"name": "Early help", "slug": "early-help", "position": "5", "is_active": "on"},
    )
    assert response.status_code == 302


def test_staff_read_reference_data_without_changing_it(staff_client):
    assert staff_client.get("/admin/stories/localarea/").status_code == 200
    assert staff_client.get("/admin/stories/localarea/add/").status_code == 403
