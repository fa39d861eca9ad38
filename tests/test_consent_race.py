"""Consent that cannot race: a withdrawal and a publication crossing, in two threads with
their own database connections, end withdrawn; never published without consent, and the
storyteller never sees an error. PostgreSQL (SQLite has one writer at a time anyway)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from stories import tracking
from stories.models import Story, StoryEvent
from tests.factories import AcceptedStoryFactory, EngagementManagerFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# How long the first transaction holds the story's lock while the other waits for it.
HOLD_SECONDS = 0.5


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("two transactions crossing need PostgreSQL's row locks")


def in_thread(work, outcome, name):
    """Run work() in a thread with its own connection; keep what it returned or raised."""

    def run():
        try:
            outcome[name] = work()
        except Exception as error:  # noqa: BLE001 (the test asserts on it)
            outcome[name] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def holding_the_lock(monkeypatch, cls, method, locked):
    """Make cls.method say it runs (inside the locked transaction), then hold on."""
    original = getattr(cls, method)

    def held(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        locked.set()
        time.sleep(HOLD_SECONDS)
        return result

    monkeypatch.setattr(cls, method, held)


def test_a_withdrawal_waiting_for_a_publication_takes_the_story_down(monkeypatch):
    manager = EngagementManagerFactory()
    story = AcceptedStoryFactory(consent_publish=True)
    storytellers_copy = Story.objects.get(pk=story.pk)  # loaded before the publication
    locked, outcome = threading.Event(), {}
    holding_the_lock(monkeypatch, Story, "before_transition", locked)

    publishing = in_thread(
        lambda: story.transition_to(Story.Status.PUBLISHED, actor=manager), outcome, "publish"
    )
    assert locked.wait(10)
    monkeypatch.undo()
    withdrawing = in_thread(
        lambda: tracking.submitter_withdraws(storytellers_copy, publish=True), outcome, "withdraw"
    )
    publishing.join(20)
    withdrawing.join(20)

    assert outcome["publish"] is None  # published first
    assert outcome["withdraw"] == ["publication"]  # no error for the storyteller
    story.refresh_from_db()
    assert (story.status, story.consent_publish) == (Story.Status.WITHDRAWN, False)
    moves = story.events.filter(action=StoryEvent.Action.TRANSITION).order_by("id")
    assert [event.to_status for event in moves][-2:] == ["published", "withdrawn"]


def test_a_publication_waiting_for_a_withdrawal_finds_no_consent(monkeypatch):
    manager = EngagementManagerFactory()
    story = AcceptedStoryFactory(consent_publish=True)
    managers_copy = Story.objects.get(pk=story.pk)  # loaded before the withdrawal
    locked, outcome = threading.Event(), {}
    holding_the_lock(monkeypatch, Story, "_save_released", locked)

    withdrawing = in_thread(
        lambda: tracking.submitter_withdraws(story, publish=True), outcome, "withdraw"
    )
    assert locked.wait(10)
    monkeypatch.undo()
    publishing = in_thread(
        lambda: managers_copy.transition_to(Story.Status.PUBLISHED, actor=manager),
        outcome,
        "publish",
    )
    withdrawing.join(20)
    publishing.join(20)

    assert outcome["withdraw"] == ["publication"]
    assert isinstance(outcome["publish"], ValidationError)
    assert "did not consent to publication" in " ".join(outcome["publish"].messages)
    story.refresh_from_db()
    assert (story.status, story.consent_publish) == (Story.Status.ACCEPTED, False)
