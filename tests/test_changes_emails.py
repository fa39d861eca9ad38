"""When a change is made, each storyteller behind it who agreed is told once."""

import pytest
from django.core import mail

from changes.emails import tell_storytellers
from changes.models import Change
from stories.models import StoryEvent
from tests.change_factories import change_at
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory, WithdrawnStoryFactory

pytestmark = pytest.mark.django_db
S = Change.Status


def told(story):
    return story.events.filter(
        action=StoryEvent.Action.EMAILED, data__template="change_made"
    ).count()


def test_each_storyteller_who_agreed_is_emailed_once_when_the_change_is_made(
    manager, django_capture_on_commit_callbacks, settings
):
    settings.INFOSTORY_SITE_URL = "https://infostory.example.org"
    agreed = PublishedStoryFactory(consent_contact=True, email="teller@example.org")
    accepted = AcceptedStoryFactory(consent_contact=True, email="held@example.org")
    refused = PublishedStoryFactory(consent_contact=False, email="quiet@example.org")
    no_email = PublishedStoryFactory(consent_contact=True, email="")
    gone = WithdrawnStoryFactory(consent_contact=True, email="gone@example.org")
    stories = [agreed, accepted, refused, no_email, gone]
    with django_capture_on_commit_callbacks(execute=True):
        change = change_at(S.IN_PROGRESS, actor=manager, stories=stories)
        change.what_changed = "Hospitals now send the discharge date two days ahead."
        change.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change.transition_to(S.MADE, actor=manager)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "held@example.org",
        "teller@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["teller@example.org"])
    assert agreed.reference in message.subject
    assert f"https://infostory.example.org{change.get_absolute_url()}" in message.body
    assert change.title in message.body
    assert "Hospitals now send the discharge date" in message.body
    assert [told(story) for story in stories] == [1, 1, 0, 0, 0]


def test_no_email_before_the_change_is_made(manager, django_capture_on_commit_callbacks):
    story = PublishedStoryFactory(consent_contact=True, email="teller@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_at(S.IN_PROGRESS, actor=manager, stories=[story])
    assert mail.outbox == []
    assert told(story) == 0


def test_the_storyteller_is_not_told_twice_about_the_same_change(
    manager, django_capture_on_commit_callbacks
):
    story = PublishedStoryFactory(consent_contact=True, email="teller@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change = change_at(S.MADE, actor=manager, stories=[story])
    assert len(mail.outbox) == 1
    # Told again (a retry, a second run): nobody is emailed twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert tell_storytellers(change, actor=manager) == []
    assert len(mail.outbox) == 1
    assert told(story) == 1
    # A second change made on the same story is news: one email for it.
    with django_capture_on_commit_callbacks(execute=True):
        change_at(S.MADE, actor=manager, stories=[story])
    assert len(mail.outbox) == 2
