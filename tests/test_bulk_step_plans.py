"""Bulk steps say beforehand what they will do to each chosen story, take each story
through the moves it needs (Accept on a new story starts its review first), and leave the
ones that cannot take the step as they are, named."""

import re

import pytest

from stories import moderation
from stories.models import Story, StoryEvent
from tests.admin_helpers import bulk, messages_of
from tests.factories import (
    AcceptedStoryFactory,
    InReviewStoryFactory,
    PublishedStoryFactory,
    SpamStoryFactory,
    SubmittedStoryFactory,
)

pytestmark = pytest.mark.django_db
Status = Story.Status


def html_of(response):
    return response.content.decode()


def test_the_confirmation_says_a_new_story_will_start_review_then_be_accepted(manager_client):
    new = SubmittedStoryFactory.create_batch(3)
    reviewed = InReviewStoryFactory()
    response = bulk(manager_client, "accept", [*new, reviewed], confirm=False)
    assert response.status_code == 200
    html = html_of(response)
    assert "Will start review, then accept: 3 stories" in html
    assert "Will accept: 1 story" in html
    assert 'value="Yes, accept 4 stories"' in html
    assert [story.reference for story in new if story.reference in html] == [
        story.reference for story in new
    ]
    assert Story.objects.filter(status=Status.SUBMITTED).count() == 3  # nothing moved yet


def test_bulk_accept_on_new_stories_accepts_every_one_through_review(manager_client, manager):
    new = SubmittedStoryFactory.create_batch(3)
    response = bulk(manager_client, "accept", new)
    assert response.status_code == 200
    assert [Story.objects.get(pk=story.pk).status for story in new] == [Status.ACCEPTED] * 3
    assert any(
        m.startswith("3 stories moved into review and accepted:") for m in messages_of(response)
    )
    story = Story.objects.get(pk=new[0].pk)
    moves = list(
        story.events.filter(action=StoryEvent.Action.TRANSITION)
        .order_by("created_at", "id")
        .values_list("from_status", "to_status")
    )
    assert moves == [(Status.SUBMITTED, Status.IN_REVIEW), (Status.IN_REVIEW, Status.ACCEPTED)]
    assert story.public_title  # starting review drafted the public version on the way
    assert story.assigned_to == manager


def test_stories_that_cannot_take_the_step_are_named_and_left_as_they_are(manager_client):
    published = PublishedStoryFactory()
    spam = SpamStoryFactory()
    new = SubmittedStoryFactory()
    page = bulk(manager_client, "accept", [published, spam, new], confirm=False, query="?spam=all")
    html = html_of(page)
    assert "Left as they are: 2 stories" in html
    assert re.search(re.escape(spam.reference) + r".*Mark the story as not spam first\.", html)
    assert re.search(re.escape(published.reference) + r".*cannot be accepted", html)
    assert 'value="Yes, accept 1 story"' in html
    response = bulk(manager_client, "accept", [published, spam, new], query="?spam=all")
    assert Story.objects.get(pk=new.pk).status == Status.ACCEPTED
    assert Story.objects.get(pk=spam.pk).status == Status.SUBMITTED
    assert Story.objects.get(pk=published.pk).status == Status.PUBLISHED
    assert (
        not Story.objects.get(pk=spam.pk)
        .events.filter(action=StoryEvent.Action.TRANSITION)
        .exists()
    )  # not even half-way: the spam story did not start review
    left = [m for m in messages_of(response) if "left as it was" in m]
    assert len(left) == 2


def test_when_no_chosen_story_can_take_the_step_there_is_no_button(manager_client):
    accepted = AcceptedStoryFactory.create_batch(2)
    response = bulk(manager_client, "start_review", accepted, confirm=False)
    html = html_of(response)
    assert response.status_code == 200
    assert "None of the chosen stories can take this step." in html
    assert 'value="Yes, start review' not in html
    assert "Left as they are: 2 stories" in html


def test_not_spam_is_planned_only_for_suspected_spam(manager_client):
    spam = SpamStoryFactory()
    plain = SubmittedStoryFactory()
    html = html_of(
        bulk(manager_client, "mark_not_spam", [spam, plain], confirm=False, query="?spam=all")
    )
    assert "Will be marked as not spam: 1 story" in html
    assert re.search(re.escape(plain.reference) + r".*It is not marked as suspected spam\.", html)


def test_a_plan_checks_each_move_as_the_story_will_stand():
    story = SubmittedStoryFactory()
    plan = moderation.plan_move(story, Status.ACCEPTED)
    assert plan.ok and plan.moves == (Status.IN_REVIEW, Status.ACCEPTED)
    assert plan.in_words() == "start review, then accept"
    assert Story.objects.get(pk=story.pk).status == Status.SUBMITTED  # a plan moves nothing
    spam = SpamStoryFactory()
    assert (
        moderation.plan_move(spam, Status.ACCEPTED).problem == "Mark the story as not spam first."
    )
