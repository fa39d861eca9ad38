"""Safeguarding: signals in the words, the concern, who is told, and publishing held back."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from stories import moderation, safeguarding
from stories.models import Story, StoryEvent
from stories.submission import share_story
from tests.factories import AcceptedStoryFactory, StoryFactory

pytestmark = pytest.mark.django_db

Status = Story.Status
AT_RISK = "She told the teacher she does not feel safe at home and her dad hits her."


def fields(**overrides):
    return {
        "title": "The school and the GP did not talk",
        "what_happened": "The school noticed the pupil was absent for weeks.",
        "difference": "Sharing earlier would have helped.",
        "outcome": Story.Outcome.COULD_HAVE,
        **overrides,
    }


# --- the signals ---


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("He said he wanted to kill himself.", "self_harm"),
        ("She had been self-harming for months.", "self_harm"),
        ("The boy was suicidal.", "self_harm"),
        ("Her partner abused her for years.", "abuse"),
        ("The children were being neglected.", "abuse"),
        ("He was groomed online.", "exploitation"),
        ("Police suspected county lines.", "exploitation"),
        ("Her stepfather threatened to kill her.", "violence"),
        ("Her dad hits her when he drinks.", "violence"),
        ("I do not feel safe in that house.", "unsafe_now"),
        ("He is scared to go home.", "unsafe_now"),
    ],
)
def test_each_signal_is_found_in_the_words(text, signal):
    assert signal in [found.name for found in safeguarding.find_signals(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The safeguarding team shared the child protection plan with the school.",
        "Sharing information made a difference to the discharge.",
        "The council's safeguarding board agreed a protocol.",
        "She felt safe once the care package started.",
    ],
)
def test_talking_about_safeguarding_work_is_not_a_signal(text):
    assert safeguarding.find_signals(text) == []


def test_every_signal_is_documented_with_a_label():
    assert {signal.name for signal in safeguarding.SIGNALS} == {
        "self_harm",
        "abuse",
        "exploitation",
        "violence",
        "unsafe_now",
    }
    assert all(signal.label for signal in safeguarding.SIGNALS)


# --- on submission ---


def test_a_story_with_a_signal_opens_a_concern_and_tells_the_contact_without_the_words(
    settings, django_capture_on_commit_callbacks
):
    settings.INFOSTORY_SAFEGUARDING_EMAIL = ["safeguarding@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        story, created = share_story(**fields(what_happened=AT_RISK))
    assert created and story.safeguarding_concern
    event = story.events.get(action=StoryEvent.Action.SAFEGUARDING_RAISED)
    assert event.actor is None
    assert event.data["signals"] == ["violence", "unsafe_now"]
    assert AT_RISK not in event.note
    (alert,) = [message for message in mail.outbox if message.to == ["safeguarding@example.org"]]
    assert story.reference in alert.subject
    assert f"/admin/stories/story/{story.pk}/change/" in alert.body
    for words in ("does not feel safe", "hits her", story.title):
        assert words not in alert.body
        assert words not in alert.subject


def test_without_a_safeguarding_address_the_engagement_managers_are_told(
    settings, manager, django_capture_on_commit_callbacks
):
    settings.INFOSTORY_SAFEGUARDING_EMAIL = []
    with django_capture_on_commit_callbacks(execute=True):
        story, _ = share_story(**fields(what_happened=AT_RISK))
    alerts = [message for message in mail.outbox if "safeguarding" in message.subject]
    assert [message.to for message in alerts] == [[manager.email]]


def test_a_story_without_a_signal_opens_no_concern(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story, _ = share_story(**fields())
    assert not story.safeguarding_concern
    assert not [message for message in mail.outbox if "safeguarding" in message.subject]


def test_suspected_spam_is_flagged_but_nobody_emailed_until_marked_not_spam(
    settings, manager, django_capture_on_commit_callbacks
):
    settings.INFOSTORY_SAFEGUARDING_EMAIL = ["safeguarding@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        story, _ = share_story(
            **fields(what_happened=AT_RISK), is_suspected_spam=True, spam_reasons=["too fast"]
        )
    assert story.safeguarding_concern
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        moderation.mark_not_spam(story, actor=manager)
    assert [message.to for message in mail.outbox] == [["safeguarding@example.org"]]


# --- a manager's decisions ---


def test_a_manager_raises_a_concern_and_the_contact_is_told(
    settings, manager, django_capture_on_commit_callbacks
):
    settings.INFOSTORY_SAFEGUARDING_EMAIL = ["safeguarding@example.org"]
    story = StoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.raise_safeguarding_concern(
            story, actor=manager, note="Read between lines."
        )
    story.refresh_from_db()
    assert story.safeguarding_concern
    assert story.events.get(action=StoryEvent.Action.SAFEGUARDING_RAISED).actor == manager
    assert len(mail.outbox) == 1
    # Raising it again changes nothing and tells nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert not moderation.raise_safeguarding_concern(story, actor=manager)
    assert len(mail.outbox) == 1


def test_a_story_with_an_open_concern_cannot_be_published(manager):
    story = AcceptedStoryFactory()
    story.raise_safeguarding_concern(actor=manager)
    with pytest.raises(ValidationError, match="safeguarding concern is open"):
        story.transition_to(Status.PUBLISHED, actor=manager)
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED


def test_a_reason_to_publish_personal_data_does_not_override_a_concern(manager):
    story = AcceptedStoryFactory()
    story.raise_safeguarding_concern(actor=manager)
    with pytest.raises(ValidationError, match="safeguarding"):
        story.transition_to(Status.PUBLISHED, actor=manager, personal_data_reason="Checked.")


def test_recording_how_it_was_handled_closes_the_concern_and_allows_publishing(manager):
    story = AcceptedStoryFactory()
    story.raise_safeguarding_concern(actor=manager)
    moderation.record_safeguarding_handled(
        story, actor=manager, how="Referred to the council's MASH on 3 March; they knew."
    )
    story.refresh_from_db()
    assert not story.safeguarding_concern
    event = story.events.get(action=StoryEvent.Action.SAFEGUARDING_HANDLED)
    assert (event.actor, event.note) == (
        manager,
        "Referred to the council's MASH on 3 March; they knew.",
    )
    story.transition_to(Status.PUBLISHED, actor=manager)
    assert story.status == Status.PUBLISHED


def test_closing_a_concern_needs_to_say_how_it_was_handled(manager):
    story = AcceptedStoryFactory()
    story.raise_safeguarding_concern(actor=manager)
    with pytest.raises(ValidationError, match="how the concern was handled"):
        moderation.record_safeguarding_handled(story, actor=manager, how="  ")
    story.refresh_from_db()
    assert story.safeguarding_concern


def test_a_concern_cannot_be_closed_when_none_is_open(manager):
    story = AcceptedStoryFactory()
    with pytest.raises(ValidationError, match="No safeguarding concern"):
        moderation.record_safeguarding_handled(story, actor=manager, how="Nothing to do.")


def test_the_concern_flag_is_not_set_by_a_plain_save_of_an_old_copy(manager):
    """transition_to reads the concern from the database, not from a stale instance."""
    story = AcceptedStoryFactory()
    stale = Story.objects.get(pk=story.pk)
    story.raise_safeguarding_concern(actor=manager)
    with pytest.raises(ValidationError, match="safeguarding"):
        stale.transition_to(Status.PUBLISHED, actor=manager)


def test_what_the_person_adds_later_is_read_for_the_same_signals(
    settings, django_capture_on_commit_callbacks
):
    from stories.tracking import submitter_adds

    settings.INFOSTORY_SAFEGUARDING_EMAIL = ["safeguarding@example.org"]
    story = AcceptedStoryFactory()
    assert not story.safeguarding_concern
    with django_capture_on_commit_callbacks(execute=True):
        submitter_adds(story, text=AT_RISK)
    story.refresh_from_db()
    assert story.safeguarding_concern
    event = story.events.get(action=StoryEvent.Action.SAFEGUARDING_RAISED)
    assert event.actor is None and "added to their story" in event.note
    assert AT_RISK not in event.note
    (alert,) = [message for message in mail.outbox if message.to == ["safeguarding@example.org"]]
    assert AT_RISK not in alert.body
