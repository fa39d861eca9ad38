import itertools

import pytest
from django.core.exceptions import ValidationError

from stories.models import Story, StoryEvent
from tests.factories import (
    AcceptedStoryFactory,
    PublishedStoryFactory,
    SpamStoryFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

Status = Story.Status
ALLOWED = {
    (Status.SUBMITTED, Status.IN_REVIEW),
    (Status.SUBMITTED, Status.REJECTED),
    (Status.IN_REVIEW, Status.ACCEPTED),
    (Status.IN_REVIEW, Status.REJECTED),
    (Status.ACCEPTED, Status.PUBLISHED),
    (Status.ACCEPTED, Status.REJECTED),
    (Status.PUBLISHED, Status.WITHDRAWN),
    (Status.WITHDRAWN, Status.PUBLISHED),
}
ALL_PAIRS = list(itertools.product(Status, Status))
# The shortest way from a new story to each status.
PATH_TO = {
    Status.SUBMITTED: [],
    Status.IN_REVIEW: [Status.IN_REVIEW],
    Status.ACCEPTED: [Status.IN_REVIEW, Status.ACCEPTED],
    Status.PUBLISHED: [Status.IN_REVIEW, Status.ACCEPTED, Status.PUBLISHED],
    Status.WITHDRAWN: [Status.IN_REVIEW, Status.ACCEPTED, Status.PUBLISHED, Status.WITHDRAWN],
    Status.REJECTED: [Status.REJECTED],
}


def story_in(status, **fields):
    story = StoryFactory(**fields)
    for step in PATH_TO[status]:
        story.transition_to(step, actor=None, note="reason for the test")
    return story


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_allowed_transition_moves_and_is_logged(from_status, to_status, manager):
    story = story_in(from_status)
    events_before = story.events.count()

    story.transition_to(to_status, actor=manager, note="checked with the team")

    story.refresh_from_db()
    assert story.status == to_status
    event = story.events.order_by("-id").first()
    assert story.events.count() == events_before + 1
    assert (event.actor, event.action) == (manager, StoryEvent.Action.TRANSITION)
    assert (event.from_status, event.to_status) == (from_status, to_status)
    assert event.note == "checked with the team"


@pytest.mark.parametrize(
    ("from_status", "to_status"), [pair for pair in ALL_PAIRS if pair not in ALLOWED]
)
def test_forbidden_transition_raises_and_changes_nothing(from_status, to_status, manager):
    story = story_in(from_status)
    events_before = story.events.count()

    with pytest.raises(ValidationError):
        story.transition_to(to_status, actor=manager, note="should not happen")

    story.refresh_from_db()
    assert story.status == from_status
    assert story.events.count() == events_before


def test_story_without_consent_cannot_be_published(manager):
    story = AcceptedStoryFactory(consent_publish=False)
    with pytest.raises(ValidationError, match="did not consent"):
        story.transition_to(Status.PUBLISHED, actor=manager)
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED
    assert story.published_at is None


@pytest.mark.parametrize("missing", ["public_title", "public_body"])
def test_story_without_a_public_version_cannot_be_published(manager, missing):
    story = AcceptedStoryFactory(**{missing: "   "})
    with pytest.raises(ValidationError, match="before publishing"):
        story.transition_to(Status.PUBLISHED, actor=manager)
    assert Story.objects.get(pk=story.pk).status == Status.ACCEPTED


def test_publishing_stamps_published_at_and_saves_the_public_version(manager):
    story = AcceptedStoryFactory(public_title="", public_body="")
    story.public_title = "A discharge that went well"
    story.public_body = "Redacted words."
    story.transition_to(Status.PUBLISHED, actor=manager)

    story.refresh_from_db()
    assert story.published_at is not None
    assert story.public_title == "A discharge that went well"
    assert story.public_body == "Redacted words."


def test_rejecting_needs_a_reason_and_the_note_can_be_it(manager):
    story = StoryFactory()
    with pytest.raises(ValidationError, match="reason"):
        story.transition_to(Status.REJECTED, actor=manager)
    story.transition_to(Status.REJECTED, actor=manager, note="Not about information sharing")
    story.refresh_from_db()
    assert story.rejection_reason == "Not about information sharing"


def test_suspected_spam_cannot_be_accepted(manager):
    story = SpamStoryFactory()
    story.transition_to(Status.IN_REVIEW, actor=manager)
    with pytest.raises(ValidationError, match="not spam"):
        story.transition_to(Status.ACCEPTED, actor=manager)


def test_a_stale_copy_cannot_move_a_story_someone_else_moved(manager):
    story = StoryFactory()
    stale = Story.objects.get(pk=story.pk)
    story.transition_to(Status.IN_REVIEW, actor=manager)
    with pytest.raises(ValidationError, match="Someone else"):
        stale.transition_to(Status.REJECTED, actor=manager, note="spam")
    assert Story.objects.get(pk=story.pk).status == Status.IN_REVIEW


def test_consent_withdrawn_after_publication_withdraws_the_story(manager):
    story = PublishedStoryFactory()
    withdrawn = story.withdraw_consent(publish=True, actor=manager, note="Asked by phone")

    story.refresh_from_db()
    assert withdrawn == ["publication"]
    assert story.consent_publish is False
    assert story.status == Status.WITHDRAWN
    actions = list(story.events.values_list("action", flat=True))
    assert actions[-2:] == [StoryEvent.Action.CONSENT_WITHDRAWN, StoryEvent.Action.TRANSITION]
    with pytest.raises(ValidationError, match="did not consent"):
        story.transition_to(Status.PUBLISHED, actor=manager)


def test_a_stale_copy_cannot_publish_after_consent_was_withdrawn(manager):
    story = AcceptedStoryFactory()
    stale = Story.objects.get(pk=story.pk)
    story.withdraw_consent(publish=True, actor=None)
    with pytest.raises(ValidationError, match="did not consent"):
        stale.transition_to(Status.PUBLISHED, actor=manager)


def test_the_audit_log_is_append_only():
    story = PublishedStoryFactory()
    event = story.events.first()
    event.note = "rewritten history"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
