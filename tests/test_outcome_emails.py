"""Telling the person what became of their story: Story.RejectionReason, and the outcome
emails (accepted as evidence, rejected with the reason, published with the link)."""

import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from stories import moderation
from stories.models import Story, StoryEvent
from tests.factories import (
    AcceptedStoryFactory,
    InReviewStoryFactory,
    SubmittedStoryFactory,
)

pytestmark = pytest.mark.django_db
Reason = Story.RejectionReason


# --- the reason, from a set list ---


def test_a_reason_from_the_list_is_enough_to_reject_and_its_label_is_kept_as_the_words(manager):
    story = SubmittedStoryFactory()
    moderation.move_story(story, "rejected", actor=manager, rejection_category=Reason.DUPLICATE)
    story.refresh_from_db()
    assert story.rejection_category == Reason.DUPLICATE
    assert story.rejection_reason == Reason.DUPLICATE.label
    assert story.rejection_for_submitter() == Story.REJECTION_EXPLAINED[Reason.DUPLICATE]


def test_other_needs_words_and_the_person_reads_them(manager):
    story = SubmittedStoryFactory()
    with pytest.raises(ValidationError, match="needs a reason"):
        moderation.move_story(story, "rejected", actor=manager, rejection_category=Reason.OTHER)
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED
    moderation.move_story(
        story,
        "rejected",
        actor=manager,
        rejection_category=Reason.OTHER,
        rejection_reason="It happened outside the UK.",
    )
    assert story.rejection_for_submitter() == "It happened outside the UK."


def test_rejecting_without_any_reason_is_still_refused(manager):
    story = SubmittedStoryFactory()
    with pytest.raises(ValidationError, match="Give a reason"):
        moderation.move_story(story, "rejected", actor=manager)


def test_a_reason_written_before_the_list_existed_is_kept_for_the_record_only(manager):
    story = SubmittedStoryFactory()
    moderation.move_story(story, "rejected", actor=manager, rejection_reason="Written freely.")
    assert story.rejection_category == ""
    assert story.rejection_reason == "Written freely."
    # Words without a reason from the list may be internal: the person reads a plain line.
    assert "Written freely" not in story.rejection_for_submitter()


def test_a_timeline_note_is_never_sent_to_the_person_as_the_reason(
    manager, django_capture_on_commit_callbacks
):
    story = InReviewStoryFactory(consent_contact=True)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_story(
            story, "rejected", actor=manager, note="Dup of IS-ABC from Jane at Devon CC"
        )
    (email,) = [message for message in mail.outbox if message.to == [story.email]]
    assert "Jane" not in email.body
    assert "Dup of" not in story.rejection_for_submitter()


def test_other_shows_the_managers_words_to_the_person(manager):
    story = SubmittedStoryFactory()
    moderation.move_story(
        story,
        "rejected",
        actor=manager,
        rejection_category=Reason.OTHER,
        rejection_reason="It is about a service outside the UK.",
    )
    assert story.rejection_for_submitter() == "It is about a service outside the UK."


def test_a_list_value_given_as_the_words_is_read_as_that_choice(manager):
    story = SubmittedStoryFactory()
    story.rejection_reason = "out_of_scope"
    story.transition_to("rejected", actor=manager)
    assert story.rejection_category == Reason.OUT_OF_SCOPE
    assert story.rejection_reason == Reason.OUT_OF_SCOPE.label


def test_bulk_reject_takes_the_reason_for_every_story(manager):
    stories = SubmittedStoryFactory.create_batch(2)
    outcomes = moderation.bulk_move(
        stories, "rejected", actor=manager, rejection_category=Reason.NOT_INFORMATION_SHARING
    )
    assert all(outcome.ok for outcome in outcomes)
    assert set(
        Story.objects.filter(pk__in=[s.pk for s in stories]).values_list(
            "rejection_category", flat=True
        )
    ) == {Reason.NOT_INFORMATION_SHARING}


def test_every_reason_but_other_is_explained_for_the_person():
    assert set(Story.REJECTION_EXPLAINED) == set(Reason) - {Reason.OTHER}


# --- the outcome emails ---


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_accepted_as_evidence_says_why_it_is_not_published(
    manager, django_capture_on_commit_callbacks
):
    story = InReviewStoryFactory(
        email="sam@example.org", consent_contact=True, consent_publish=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_story(story, "accepted", actor=manager)
    (message,) = emails_to("sam@example.org")
    assert story.reference in message.subject
    assert "because you did not agree to publication" in message.body
    assert "/share/story/" in message.body
    event = story.events.get(action=StoryEvent.Action.EMAILED)
    assert event.data["template"] == "story_accepted"
    assert event.actor == manager


def test_rejected_gives_the_reason_written_for_the_person(
    manager, django_capture_on_commit_callbacks
):
    story = SubmittedStoryFactory(email="sam@example.org", consent_contact=True)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_story(
            story, "rejected", actor=manager, rejection_category=Reason.COULD_IDENTIFY
        )
    (message,) = emails_to("sam@example.org")
    assert Story.REJECTION_EXPLAINED[Reason.COULD_IDENTIFY] in message.body
    assert story.events.filter(
        action=StoryEvent.Action.EMAILED, data__template="story_rejected"
    ).exists()


def test_published_carries_the_public_link_and_the_storys_page(
    manager, django_capture_on_commit_callbacks
):
    story = AcceptedStoryFactory(email="sam@example.org", consent_contact=True)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_story(story, "published", actor=manager)
    (message,) = emails_to("sam@example.org")
    assert story.get_absolute_url() in message.body
    assert "/share/story/" in message.body


@pytest.mark.parametrize(
    "details", [{"consent_contact": False}, {"email": "", "consent_contact": False}]
)
def test_no_outcome_email_without_an_address_and_consent_to_contact(
    manager, django_capture_on_commit_callbacks, details
):
    story = InReviewStoryFactory(**details)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_story(story, "accepted", actor=manager)
        moderation.move_story(story, "published", actor=manager)
    assert mail.outbox == []
    assert not story.events.filter(action=StoryEvent.Action.EMAILED).exists()


def test_spam_rejected_in_bulk_is_never_emailed(manager, django_capture_on_commit_callbacks):
    story = SubmittedStoryFactory(is_suspected_spam=True, consent_contact=True)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.bulk_reject_as_spam([story], actor=manager)
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert story.rejection_category == Reason.NOT_INFORMATION_SHARING
    assert mail.outbox == []


def test_no_email_goes_before_the_commit(manager):
    story = InReviewStoryFactory(consent_contact=True)
    moderation.move_story(story, "accepted", actor=manager)
    assert mail.outbox == []  # the test's transaction never commits


def test_a_failing_mail_server_is_logged_and_the_move_kept(
    manager, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"  # the mail server is down
    story = InReviewStoryFactory(consent_contact=True)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        moderation.move_story(story, "accepted", actor=manager)
    story.refresh_from_db()
    assert story.status == Story.Status.ACCEPTED
    assert "could not be sent" in caplog.text


# --- "Told the outcome", by month (for insights) ---


def test_told_the_outcome_counts_closed_stories_and_those_whose_teller_was_emailed(manager):
    from stories.filters import Filters
    from stories.insights import told_the_outcome_by_month

    told = InReviewStoryFactory(consent_contact=True)
    moderation.move_story(told, "accepted", actor=manager)
    not_told = InReviewStoryFactory(consent_contact=False)
    moderation.move_story(
        not_told,
        "rejected",
        actor=manager,
        rejection_category=Reason.OTHER,
        rejection_reason="Outside the UK.",
    )
    SubmittedStoryFactory()  # still open: not counted
    SubmittedStoryFactory(is_suspected_spam=True)
    (row,) = told_the_outcome_by_month(Filters())
    assert (row.closed, row.told, row.share) == (2, 1, 50)


def test_insights_shows_the_share_of_closed_stories_whose_person_was_told(manager, manager_client):
    told = InReviewStoryFactory(consent_contact=True)
    moderation.move_story(told, "accepted", actor=manager)
    not_told = InReviewStoryFactory(consent_contact=False)
    moderation.move_story(not_told, "accepted", actor=manager)

    page = manager_client.get(reverse("stories:insights")).content.decode()

    assert "Told the outcome" in page
    assert "1 of 2 (50%)" in page
    assert "Over these months: 1 of 2 closed stories (50%)" in page
    csv = manager_client.get(reverse("stories:insights_csv", args=["told"])).content.decode()
    assert csv.splitlines()[0] == "Month submitted,Key,People told"
