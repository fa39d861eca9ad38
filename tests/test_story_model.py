import re

import pytest
from django.core.exceptions import ValidationError

from stories.models import REFERENCE_ALPHABET, Story, StoryEvent, new_reference
from tests.factories import AcceptedStoryFactory, StoryFactory

pytestmark = pytest.mark.django_db

REFERENCE_PATTERN = re.compile(rf"^IS-[{REFERENCE_ALPHABET}]{{6}}$")


def test_reference_is_short_readable_and_unique():
    references = [StoryFactory().reference for _ in range(30)]
    assert all(REFERENCE_PATTERN.match(reference) for reference in references)
    assert len(set(references)) == 30
    # No characters that are misheard or misread over the phone.
    assert not set("01IOLUSZ25") & set(REFERENCE_ALPHABET)


def test_references_are_not_sequential():
    assert all(REFERENCE_PATTERN.match(new_reference()) for _ in range(200))
    # Twenty stories in a row: a counter would hand out references in sorted order.
    in_order = [StoryFactory().reference for _ in range(20)]
    assert in_order != sorted(in_order)


def test_a_clashing_reference_is_drawn_again(monkeypatch):
    taken = StoryFactory().reference
    draws = iter([taken, taken, "IS-WXY346"])
    monkeypatch.setattr("stories.models.new_reference", lambda: next(draws))
    story = StoryFactory()
    assert story.reference == "IS-WXY346"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "A better title"),
        ("what_happened", "Edited words"),
        ("difference", "Edited"),
        ("barriers_text", "Edited"),
        ("outcome", Story.Outcome.NOT_SURE),
        ("email", "someone.else@example.org"),
        ("name", "Another Name"),
        ("reference", "IS-AAAAAA"),
        ("consent_publish", True),
        ("consent_contact", True),
        ("publish_anonymously", False),
    ],
)
def test_the_submitted_words_and_wishes_cannot_be_changed(field, value):
    story = StoryFactory(consent_publish=False, consent_contact=False, publish_anonymously=True)
    story = Story.objects.get(pk=story.pk)
    original = getattr(story, field)
    setattr(story, field, value)
    with pytest.raises(ValidationError, match="cannot be changed"):
        story.save()
    assert getattr(Story.objects.get(pk=story.pk), field) == original


def test_staff_cannot_grant_a_consent_the_submitter_did_not_give():
    story = Story.objects.get(pk=StoryFactory(consent_publish=False).pk)
    story.consent_publish = True
    with pytest.raises(ValidationError):
        story.save()


def test_the_moderated_layer_can_be_edited():
    story = Story.objects.get(pk=StoryFactory().pk)
    story.public_title = "Redacted title"
    story.moderator_notes = "Call back on Monday"
    story.save()
    assert Story.objects.get(pk=story.pk).public_title == "Redacted title"


def test_clearing_contact_details_is_allowed_and_logged(manager):
    story = Story.objects.get(pk=StoryFactory(name="Jo", email="jo@example.org").pk)
    assert story.clear_contact_details(actor=manager, note="Erasure request")

    story = Story.objects.get(pk=story.pk)
    assert (story.name, story.email, story.organisation) == ("", "", "")
    assert story.consent_contact is False
    assert story.title.startswith("Sharing a discharge plan")  # the story itself is kept
    event = story.events.get(action=StoryEvent.Action.CONTACT_CLEARED)
    assert event.actor == manager
    assert "Erasure request" in event.note
    assert "jo@example.org" not in event.note


def test_withdrawing_consent_is_logged_and_cannot_be_reversed(manager):
    story = AcceptedStoryFactory(consent_contact=True, publish_anonymously=False)
    story.withdraw_consent(contact=True, named=True, actor=manager)
    story = Story.objects.get(pk=story.pk)
    assert story.consent_contact is False
    assert story.publish_anonymously is True
    assert story.events.filter(action=StoryEvent.Action.CONSENT_WITHDRAWN).count() == 1
    story.consent_contact = True
    with pytest.raises(ValidationError):
        story.save()


def test_only_what_a_person_may_see_is_visible(staff):
    from django.contrib.auth.models import AnonymousUser

    from tests.factories import PublishedStoryFactory, RejectedStoryFactory, SpamStoryFactory

    published = PublishedStoryFactory()
    accepted = AcceptedStoryFactory()
    StoryFactory(), RejectedStoryFactory(), SpamStoryFactory()

    assert list(Story.objects.visible_to(AnonymousUser())) == [published]
    assert set(Story.objects.visible_to(staff)) == {published, accepted}
