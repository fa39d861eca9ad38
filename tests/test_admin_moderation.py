"""The story page in the admin: each moderation step, its refusals, edits and the timeline."""

import pytest
from django.core import mail

from stories.models import Story, StoryEvent
from tests.admin_helpers import change_url, form_data, messages_of, take_step
from tests.factories import (
    AcceptedStoryFactory,
    EngagementManagerFactory,
    InReviewStoryFactory,
    PublishedStoryFactory,
    SpamStoryFactory,
    SubmittedStoryFactory,
    WithdrawnStoryFactory,
)

pytestmark = pytest.mark.django_db

NO_PUBLIC_VERSION = {"public_title": "", "public_summary": "", "public_body": ""}


def last_event(story):
    """The story's last step or edit (an outcome email, logged after a step, aside)."""
    events = story.events.exclude(action=StoryEvent.Action.EMAILED)
    return events.order_by("-created_at", "-id").first()


def test_the_public_is_sent_to_the_admin_login(client):
    story = SubmittedStoryFactory()
    for url in ["/admin/", "/admin/stories/story/", change_url(story)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")


def test_the_public_cannot_take_a_step_by_posting(client):
    story = SubmittedStoryFactory()
    response = client.post(change_url(story), {"_transition": "in_review"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


def test_the_story_page_shows_the_submission_beside_the_public_version(manager_client):
    story = InReviewStoryFactory(what_happened="The school rang the GP <b>first</b>.")
    response = manager_client.get(change_url(story))
    html = response.content.decode()
    assert "As submitted" in html and "Public version" in html
    assert "The school rang the GP &lt;b&gt;first&lt;/b&gt;." in html  # escaped, verbatim
    form = response.context["adminform"].form
    assert {"public_title", "public_summary", "public_body"} <= set(form.fields)
    assert not {"title", "what_happened", "email", "status"} & set(form.fields)
    assert 'name="_transition" value="accepted"' in html
    assert 'name="_transition" value="published"' not in html  # not a step from in review


def test_starting_review_prefills_the_public_title_and_body_but_not_the_summary(manager_client):
    story = SubmittedStoryFactory(**NO_PUBLIC_VERSION)
    response = take_step(manager_client, story, "in_review", note="Mine this week")
    assert f"{story.reference} was moved into review." in messages_of(response)
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert story.public_title == story.title
    assert story.what_happened in story.public_body
    # The draft is redacted: "Mrs B" in the person's words becomes "[name]".
    assert "so [name] went home safely" in story.public_body
    assert "Mrs B" not in story.public_body
    assert story.public_summary == ""  # the manager writes it


def test_starting_review_keeps_a_public_version_already_written(manager_client):
    story = SubmittedStoryFactory(public_title="Agreed title", public_summary="", public_body="")
    take_step(manager_client, story, "in_review")
    story.refresh_from_db()
    assert story.public_title == "Agreed title"
    assert story.public_body  # the empty parts are filled


def test_each_step_is_logged_with_the_manager_and_the_note(manager_client, manager):
    story = SubmittedStoryFactory()
    take_step(manager_client, story, "in_review", note="Starting")
    take_step(manager_client, story, "accepted", note="Good evidence")
    event = last_event(story)
    assert (event.actor, event.action) == (manager, StoryEvent.Action.TRANSITION)
    assert (event.from_status, event.to_status) == (Story.Status.IN_REVIEW, Story.Status.ACCEPTED)
    assert event.note == "Good evidence"


def test_publishing_saves_the_public_version_written_in_the_same_step(manager_client):
    story = AcceptedStoryFactory(**NO_PUBLIC_VERSION)
    response = take_step(
        manager_client,
        story,
        "published",
        public_title="A discharge date shared in time",
        public_body="Care was ready the day she went home.",
    )
    assert f"{story.reference} was published." in messages_of(response)
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert story.published_at is not None
    assert story.public_title == "A discharge date shared in time"
    assert StoryEvent.objects.filter(story=story, action=StoryEvent.Action.EDITED).exists()


def test_story_without_consent_cannot_be_published(manager_client):
    story = AcceptedStoryFactory(consent_publish=False)
    response = take_step(manager_client, story, "published")
    assert response.status_code == 200
    (message,) = messages_of(response)
    assert "did not consent to publication" in message and story.reference in message
    story.refresh_from_db()
    assert story.status == Story.Status.ACCEPTED
    assert "never published" in response.content.decode()  # the standing warning


def test_story_without_a_public_version_cannot_be_published(manager_client):
    story = AcceptedStoryFactory(**NO_PUBLIC_VERSION)
    response = take_step(manager_client, story, "published")
    (message,) = messages_of(response)
    assert "Write a public title before publishing." in message
    assert "Write the public version of the story before publishing." in message
    story.refresh_from_db()
    assert story.status == Story.Status.ACCEPTED


def test_a_refused_publication_still_keeps_the_edits_typed(manager_client):
    story = AcceptedStoryFactory(consent_publish=False, **NO_PUBLIC_VERSION)
    take_step(manager_client, story, "published", public_title="Draft title")
    story.refresh_from_db()
    assert story.public_title == "Draft title"
    assert story.status == Story.Status.ACCEPTED


def test_rejecting_needs_a_reason(manager_client):
    story = InReviewStoryFactory()
    response = take_step(manager_client, story, "rejected")
    assert any("Give a reason" in message for message in messages_of(response))
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW


def test_rejecting_with_a_reason_keeps_it(manager_client):
    story = InReviewStoryFactory()
    take_step(manager_client, story, "rejected", reason="Not about information sharing")
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert story.rejection_reason == "Not about information sharing"
    response = manager_client.get(change_url(story))
    assert "No further step" in response.content.decode()


def test_a_published_story_can_be_withdrawn_and_published_again(manager_client):
    story = PublishedStoryFactory()
    take_step(manager_client, story, "withdrawn", note="Asked by the council")
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN
    html = manager_client.get(change_url(story)).content.decode()
    assert "Publish again" in html
    take_step(manager_client, story, "published")
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED


def test_a_step_the_status_does_not_allow_is_refused_with_the_reason(manager_client):
    story = SubmittedStoryFactory()
    response = take_step(manager_client, story, "published")
    (message,) = messages_of(response)
    assert "A story that is submitted cannot be published." in message
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


def test_an_unknown_step_is_refused_without_an_error(manager_client):
    story = SubmittedStoryFactory()
    response = take_step(manager_client, story, "deleted")
    assert response.status_code == 200
    assert messages_of(response) == ["That step is not one a story can take."]


def test_the_status_cannot_be_set_through_the_form(manager_client):
    story = InReviewStoryFactory()
    data = form_data(manager_client, story, status="published", published_at="2026-01-01")
    manager_client.post(change_url(story), data)
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert story.published_at is None


def test_the_submitted_words_cannot_be_changed_through_the_form(manager_client):
    story = InReviewStoryFactory()
    original = story.what_happened
    data = form_data(manager_client, story, what_happened="Rewritten", email="x@example.org")
    manager_client.post(change_url(story), data)
    story.refresh_from_db()
    assert story.what_happened == original
    assert story.email != "x@example.org"


def test_suspected_spam_must_be_marked_not_spam_before_it_is_accepted(manager_client, manager):
    story = SpamStoryFactory()
    take_step(manager_client, story, "in_review")
    response = take_step(manager_client, story, "accepted")
    assert any("Mark the story as not spam first." in m for m in messages_of(response))
    response = take_step(manager_client, story, "not_spam", note="A real story")
    assert f"{story.reference} was marked as not spam." in messages_of(response)
    story.refresh_from_db()
    assert not story.is_suspected_spam
    event = last_event(story)
    assert (event.action, event.actor, event.note) == (
        StoryEvent.Action.NOT_SPAM,
        manager,
        "A real story",
    )
    take_step(manager_client, story, "accepted")
    story.refresh_from_db()
    assert story.status == Story.Status.ACCEPTED


def test_assigning_a_story_is_logged(manager_client, manager):
    colleague = EngagementManagerFactory(first_name="Gurpreet", last_name="Sarai")
    story = SubmittedStoryFactory()
    data = form_data(manager_client, story, assigned_to=str(colleague.pk))
    response = manager_client.post(change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.assigned_to == colleague
    event = story.events.get(action=StoryEvent.Action.ASSIGNED)
    assert event.actor == manager
    assert event.note == "Assigned to Gurpreet Sarai."


def test_filing_and_edits_are_logged_by_field(manager_client, manager):
    story = InReviewStoryFactory()
    data = form_data(manager_client, story, moderator_notes="Call the council", tags="discharge")
    manager_client.post(change_url(story), data)
    event = story.events.get(action=StoryEvent.Action.EDITED)
    assert set(event.data["fields"]) == {"moderator_notes", "tags"}
    assert event.actor == manager
    assert list(story.tags.names()) == ["discharge"]


def test_the_timeline_shows_who_when_from_to_and_the_note(manager_client):
    colleague = EngagementManagerFactory(first_name="Sam", last_name="Jones")
    story = SubmittedStoryFactory()
    story.transition_to(Story.Status.IN_REVIEW, actor=colleague, note="Reading it <now>")
    html = manager_client.get(change_url(story)).content.decode()
    assert "Timeline" in html
    table = html[html.index("story-timeline-table") :]
    assert "Sam Jones" in table
    assert "Status changed" in table
    assert "<td>Submitted</td><td>In review</td>" in table
    assert "Reading it &lt;now&gt;" in table  # escaped


def test_the_timeline_cannot_be_edited(manager_client):
    story = InReviewStoryFactory()
    form = manager_client.get(change_url(story)).context["adminform"].form
    assert "timeline" not in form.fields


def test_publishing_emails_the_submitter_the_public_link(
    manager_client, settings, django_capture_on_commit_callbacks
):
    settings.INFOSTORY_SITE_URL = "https://infostory.example.org"
    story = AcceptedStoryFactory(consent_contact=True, email="alex@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        take_step(manager_client, story, "published")
    (message,) = mail.outbox
    assert message.to == ["alex@example.org"]
    assert story.reference in message.subject
    assert f"https://infostory.example.org/stories/{story.reference}/" in message.body
    event = story.events.order_by("-created_at", "-id").first()
    assert event.action == StoryEvent.Action.EMAILED


def test_no_email_when_the_submitter_did_not_agree_to_be_contacted(
    manager_client, django_capture_on_commit_callbacks
):
    story = AcceptedStoryFactory(consent_contact=False)
    with django_capture_on_commit_callbacks(execute=True):
        take_step(manager_client, story, "published")
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert mail.outbox == []
    assert not story.events.filter(action=StoryEvent.Action.EMAILED).exists()


def test_publishing_again_after_a_withdrawal_does_not_email_again(
    manager_client, django_capture_on_commit_callbacks
):
    story = WithdrawnStoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        take_step(manager_client, story, "published")
    assert mail.outbox == []


def test_a_refused_publication_sends_no_email(manager_client, django_capture_on_commit_callbacks):
    story = AcceptedStoryFactory(consent_publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        take_step(manager_client, story, "published")
    assert mail.outbox == []
