"""UK GDPR tools: the retention purge, subject access export, and erasure."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from stories.models import Story, StoryEvent
from stories.moderation import mark_not_spam
from tests.factories import (
    AcceptedStoryFactory,
    InReviewStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    SpamStoryFactory,
    StoryFactory,
    WithdrawnStoryFactory,
    rewrite_history,
)

pytestmark = pytest.mark.django_db


def run(*args, **kwargs):
    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def age(story, days):
    """Pretend every step of the story's history happened `days` ago."""
    when = timezone.now() - timedelta(days=days)
    Story.objects.filter(pk=story.pk).update(submitted_at=when)
    rewrite_history(StoryEvent.objects.filter(story=story), created_at=when)
    return story


def cleared_events(story):
    return story.events.filter(action=StoryEvent.Action.CONTACT_CLEARED)


# --- purge_contact_details ---


@pytest.fixture
def stories():
    return {
        "rejected_old": age(RejectedStoryFactory(), 400),
        "withdrawn_old": age(WithdrawnStoryFactory(), 400),
        "published_old": age(PublishedStoryFactory(), 400),
        "accepted_old": age(AcceptedStoryFactory(), 400),
        "named_published_old": age(
            PublishedStoryFactory(publish_anonymously=False, name="Sam Named"), 400
        ),
        "spam_old": age(SpamStoryFactory(), 400),
        "rejected_recent": age(RejectedStoryFactory(), 10),
        "spam_recent": age(SpamStoryFactory(), 10),
        "in_review_old": age(InReviewStoryFactory(), 400),
        "submitted_old": age(StoryFactory(), 400),
    }


PURGED = (
    "rejected_old",
    "withdrawn_old",
    "published_old",
    "accepted_old",
    "named_published_old",
    "spam_old",
)


def test_purge_dry_run_lists_closed_stories_and_changes_nothing(stories):
    output = run("purge_contact_details", "--older-than", "365")
    for key, story in stories.items():
        assert (story.reference in output) == (key in PURGED), key
    assert f"Dry run: {len(PURGED)} closed stories" in output
    assert Story.objects.exclude(email="").count() == len(stories)
    assert not StoryEvent.objects.filter(action=StoryEvent.Action.CONTACT_CLEARED).exists()


def test_purge_apply_clears_closed_stories_only_and_logs_each(stories):
    output = run("purge_contact_details", "--older-than", "365", "--apply")
    assert f"cleared on {len(PURGED)} stories" in output
    for key, story in stories.items():
        story.refresh_from_db()
        if key in PURGED:
            assert (story.name, story.email, story.organisation) == ("", "", "")
            assert not story.consent_contact
            event = cleared_events(story).get()
            assert "Retention" in event.note and event.actor is None
            # The story itself is kept as evidence.
            assert story.what_happened
        else:
            assert story.email
            assert not cleared_events(story).exists()


def test_purge_is_idempotent(stories):
    run("purge_contact_details", "--older-than", "365", "--apply")
    output = run("purge_contact_details", "--older-than", "365", "--apply")
    assert "cleared on 0 stories" in output
    cleared = StoryEvent.objects.filter(action=StoryEvent.Action.CONTACT_CLEARED)
    assert cleared.count() == len(PURGED)


def test_an_accepted_story_is_closed_from_the_day_it_was_accepted():
    story = age(InReviewStoryFactory(), 400)
    story.transition_to(Story.Status.ACCEPTED, actor=None)  # accepted today
    assert story.reference not in run("purge_contact_details", "--older-than", "365")
    assert story.reference in run("purge_contact_details", "--older-than", "0")


def test_suspected_spam_someone_has_moderated_follows_its_status():
    story = age(SpamStoryFactory(), 400)
    mark_not_spam(story, actor=None)
    assert story.reference not in run("purge_contact_details", "--older-than", "365")


def test_purge_counts_from_the_last_status_change_not_the_submission():
    story = age(AcceptedStoryFactory(), 400)
    story.rejection_reason = "Out of scope."
    story.transition_to(Story.Status.REJECTED, actor=None)  # rejected today
    assert story.reference not in run("purge_contact_details", "--older-than", "365")
    assert story.reference in run("purge_contact_details", "--older-than", "0")


def test_purge_refuses_a_negative_age():
    with pytest.raises(CommandError):
        run("purge_contact_details", "--older-than", "-1")


# --- export_personal_data ---


def test_export_prints_everything_held_for_an_email_whatever_its_case():
    mine = PublishedStoryFactory(email="Jo.Bloggs@Example.org", name="Jo Bloggs")
    mine.tags.add("discharge")
    other = StoryFactory(email="jo.bloggs@example.org")
    StoryFactory(email="someone.else@example.org")
    data = json.loads(run("export_personal_data", "JO.BLOGGS@example.ORG"))
    assert data["story_count"] == 2
    references = [story["reference"] for story in data["stories"]]
    assert sorted(references) == sorted([mine.reference, other.reference])
    exported = next(s for s in data["stories"] if s["reference"] == mine.reference)
    assert exported["status"] == "published"
    assert exported["as_submitted"]["name"] == "Jo Bloggs"
    assert exported["as_submitted"]["what_happened"] == mine.what_happened
    assert exported["as_moderated"]["tags"] == ["discharge"]
    actions = [event["action"] for event in exported["events"]]
    assert actions.count("transition") == 3
    assert all("actor" not in event for event in exported["events"])


def test_export_for_an_unknown_email_is_empty():
    data = json.loads(run("export_personal_data", "nobody@example.org"))
    assert data["story_count"] == 0 and data["stories"] == []


def test_export_refuses_something_that_is_not_an_email():
    with pytest.raises(CommandError):
        run("export_personal_data", "IS-7Q4K2M")


# --- erase_personal_data ---


def test_erase_dry_run_changes_nothing():
    story = StoryFactory(email="ask@example.org")
    output = run("erase_personal_data", "ASK@example.org")
    assert story.reference in output and "Dry run" in output
    story.refresh_from_db()
    assert story.email == "ask@example.org"
    assert not cleared_events(story).exists()


def test_erase_apply_clears_every_story_with_that_email_logged_and_idempotent():
    first = PublishedStoryFactory(email="ask@example.org")
    second = StoryFactory(email="Ask@Example.org")
    kept = StoryFactory(email="keep@example.org")
    output = run("erase_personal_data", "ask@example.org", "--apply")
    assert "cleared on 2 stories" in output
    for story in (first, second):
        story.refresh_from_db()
        assert (story.name, story.email, story.organisation) == ("", "", "")
        assert "Erasure request" in cleared_events(story).get().note
    kept.refresh_from_db()
    assert kept.email == "keep@example.org"
    again = run("erase_personal_data", "ask@example.org", "--apply")
    assert "Nothing to erase" in again
    assert StoryEvent.objects.filter(action=StoryEvent.Action.CONTACT_CLEARED).count() == 2


def test_erase_can_delete_the_stories_after_confirmation(monkeypatch):
    story = PublishedStoryFactory(email="gone@example.org")
    story.tags.add("discharge")
    kept = StoryFactory(email="keep@example.org")
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    output = run("erase_personal_data", "gone@example.org", "--apply", "--delete-stories")
    assert "1 stories deleted" in output
    assert not Story.objects.filter(pk=story.pk).exists()
    assert not StoryEvent.objects.filter(story_id=story.pk).exists()
    assert Story.objects.filter(pk=kept.pk).exists()


def test_erase_deletes_nothing_without_a_yes(monkeypatch):
    story = StoryFactory(email="gone@example.org")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing deleted"):
        run("erase_personal_data", "gone@example.org", "--apply", "--delete-stories")
    assert Story.objects.filter(pk=story.pk).exists()


def test_erase_deletes_without_asking_with_no_input():
    StoryFactory(email="gone@example.org")
    run("erase_personal_data", "gone@example.org", "--apply", "--delete-stories", "--no-input")
    assert not Story.objects.filter(email__iexact="gone@example.org").exists()


def test_deleting_a_published_story_drops_the_cached_public_pages(
    django_capture_on_commit_callbacks,
):
    from infostory.public import public_version

    PublishedStoryFactory(email="gone@example.org")
    before = public_version()
    with django_capture_on_commit_callbacks(execute=True):
        run("erase_personal_data", "gone@example.org", "--apply", "--delete-stories", "--no-input")
    assert public_version() != before
