"""Bulk actions on the story list: a confirmation page, then each story on its own."""

import pytest
from django.core import mail

from stories.models import Story, StoryEvent
from stories.moderation import SPAM_REJECTION_REASON
from tests.admin_helpers import CHANGELIST, bulk, messages_of
from tests.factories import (
    AcceptedStoryFactory,
    InReviewStoryFactory,
    RejectedStoryFactory,
    SpamStoryFactory,
    SubmittedStoryFactory,
)

pytestmark = pytest.mark.django_db


def statuses(stories):
    return [Story.objects.get(pk=story.pk).status for story in stories]


def test_a_bulk_step_asks_for_confirmation_first(manager_client):
    stories = SubmittedStoryFactory.create_batch(2)
    response = bulk(manager_client, "start_review", stories, confirm=False)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Start review: 2 stories" in html
    assert all(story.reference in html for story in stories)
    assert 'name="post" value="yes"' in html
    assert statuses(stories) == [Story.Status.SUBMITTED] * 2


def test_bulk_start_review_moves_each_story_and_logs_each_on_its_own(manager_client, manager):
    stories = SubmittedStoryFactory.create_batch(3, public_title="", public_body="")
    response = bulk(manager_client, "start_review", stories, note="Campaign week")
    assert statuses(stories) == [Story.Status.IN_REVIEW] * 3
    (message,) = messages_of(response)
    assert message.startswith("3 stories moved into review: ")
    for story in stories:
        event = story.events.get(action=StoryEvent.Action.TRANSITION)
        assert (event.actor, event.note) == (manager, "Campaign week")
        assert Story.objects.get(pk=story.pk).public_title == story.title  # prefilled


def test_stories_are_never_published_in_bulk_without_opening_them(manager_client):
    stories = AcceptedStoryFactory.create_batch(2)
    html = manager_client.get(CHANGELIST).content.decode()
    assert 'value="accept"' in html and 'value="publish"' not in html
    bulk(manager_client, "publish", stories)
    assert statuses(stories) == [Story.Status.ACCEPTED] * 2
    assert len(mail.outbox) == 0


def test_bulk_accept_takes_a_new_story_through_review_and_names_one_that_cannot(
    manager_client,
):
    in_review = InReviewStoryFactory()
    submitted = SubmittedStoryFactory()
    rejected = RejectedStoryFactory()
    response = bulk(manager_client, "accept", [in_review, submitted, rejected])
    assert statuses([in_review, submitted, rejected]) == [
        Story.Status.ACCEPTED,
        Story.Status.ACCEPTED,
        Story.Status.REJECTED,
    ]
    assert any(
        m.startswith(rejected.reference) and "left as it was" in m and "cannot be accepted" in m
        for m in messages_of(response)
    )


def test_bulk_reject_needs_a_reason(manager_client):
    stories = InReviewStoryFactory.create_batch(2)
    response = bulk(manager_client, "reject", stories)
    assert response.status_code == 200
    assert "Give a reason for rejecting the stories." in response.content.decode()
    assert statuses(stories) == [Story.Status.IN_REVIEW] * 2
    bulk(manager_client, "reject", stories, reason="Duplicates of IS-ABCDEF")
    assert statuses(stories) == [Story.Status.REJECTED] * 2
    assert Story.objects.get(pk=stories[0].pk).rejection_reason == "Duplicates of IS-ABCDEF"


def test_reject_as_spam_rejects_the_selected_with_a_reason(manager_client):
    spam = SpamStoryFactory.create_batch(2)
    response = bulk(manager_client, "reject_as_spam", spam, query="?spam=yes")
    assert statuses(spam) == [Story.Status.REJECTED] * 2
    assert Story.objects.get(pk=spam[0].pk).rejection_reason == SPAM_REJECTION_REASON
    assert messages_of(response)[0].startswith("2 stories rejected: ")


def test_bulk_not_spam_reports_a_story_that_was_not_suspected(manager_client):
    spam = SpamStoryFactory()
    fine = SubmittedStoryFactory()
    response = bulk(manager_client, "mark_not_spam", [spam, fine], query="?spam=all")
    assert not Story.objects.get(pk=spam.pk).is_suspected_spam
    assert any(
        m.startswith(fine.reference) and "not marked as suspected spam" in m
        for m in messages_of(response)
    )


def test_assign_to_me_assigns_and_logs(manager_client, manager):
    stories = SubmittedStoryFactory.create_batch(2)
    bulk(manager_client, "assign_to_me", stories)
    assert all(Story.objects.get(pk=s.pk).assigned_to == manager for s in stories)
    assert StoryEvent.objects.filter(action=StoryEvent.Action.ASSIGNED).count() == 2


def test_staff_have_no_bulk_actions(staff_client):
    story = AcceptedStoryFactory()
    response = staff_client.get("/admin/stories/story/")
    assert response.status_code == 200
    assert 'name="action"' not in response.content.decode()
    response = staff_client.post(
        "/admin/stories/story/",
        {"action": "publish", "_selected_action": [str(story.pk)], "post": "yes"},
    )
    assert statuses([story]) == [Story.Status.ACCEPTED]


def test_the_limit_holds_for_the_step_itself_not_only_its_confirmation(manager_client, monkeypatch):
    from tests.factories import SubmittedStoryFactory

    monkeypatch.setattr("stories.admin.actions.BULK_LIMIT", 2)
    stories = SubmittedStoryFactory.create_batch(3)
    response = bulk(manager_client, "start_review", stories)  # straight to "yes"
    assert any("at most 2 stories" in message for message in messages_of(response))
    assert not Story.objects.filter(status=Story.Status.IN_REVIEW).exists()
