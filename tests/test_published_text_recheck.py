"""A name the storyteller gives only after publication is sought in the published version.

The published version was checked against all that was known of the story when it was
published. What the person adds later (an addition on their own page, an answer to a
manager's message) can name someone that version mentions; the engagement managers are
told at once, with the reference and the admin link only, and the log says so.
"""

import pytest
from django.core import mail
from django.urls import reverse

from stories import conversation
from stories.checks import managers_have_an_address
from stories.models import StoryEvent
from stories.private_link import make_token
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db

# Clean when published: nothing in the story says that "Okafor" is anyone's name.
PUBLIC_BODY = "The Okafor family waited three weeks before the school saw the care plan."
WORDS = "A pupil moved school and nobody passed on her care plan."


def published():
    return PublishedStoryFactory(what_happened=WORDS, public_body=PUBLIC_BODY)


@pytest.fixture
def add(client, django_capture_on_commit_callbacks):
    """Add to the story from its own page; the emails go after the commit."""

    def post(story, text):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("stories:track", kwargs={"token": make_token(story)}),
                {"text": text},
                follow=True,
            )

    return post


def checks_sent():
    return [message for message in mail.outbox if "check the published version" in message.subject]


def test_an_addition_naming_someone_in_the_published_version_tells_the_managers(add, manager):
    story = published()
    mail.outbox.clear()

    response = add(story, "Six months on: my daughter Chioma Okafor is doing well.")

    assert response.status_code == 200
    assert "Six months on" in response.content.decode()
    [sent] = checks_sent()
    assert manager.email in sent.to
    assert story.reference in sent.subject
    assert reverse("admin:stories_story_change", args=[story.pk]) in sent.body
    assert "has added to their story" in sent.body
    assert "1 × [name]" in sent.body
    # Only the reference, the link and the kinds: never the words.
    assert "Okafor" not in sent.body and "Chioma" not in sent.body
    event = story.events.get(action=StoryEvent.Action.PUBLISHED_TEXT_CHECK)
    assert event.get_action_display() == "Published version to check"
    assert event.data["template"] == "published_text_check"
    assert event.data["found"] == {"person_name": 1}
    assert manager.email in event.note and "Okafor" not in event.note
    story.refresh_from_db()
    assert story.status == story.Status.PUBLISHED  # a manager decides, not the finder


def test_an_answer_to_a_message_is_read_the_same_way(manager, django_capture_on_commit_callbacks):
    story = published()
    conversation.write_to_storyteller(story, text="How is your daughter now?", actor=manager)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        conversation.storyteller_answers(story, text="Chioma Okafor is settled at the new school.")

    [sent] = checks_sent()
    assert story.reference in sent.subject
    assert "has answered a message" in sent.body


def test_an_addition_that_names_nothing_in_the_published_version_tells_nobody(add, manager):
    story = published()
    mail.outbox.clear()

    response = add(story, "Six months on, the two schools share one plan. Ring 07700 900461.")

    assert response.status_code == 200
    assert story.addenda.count() == 1
    assert checks_sent() == []
    assert not story.events.filter(data__template="published_text_check").exists()


def test_a_story_not_yet_published_is_checked_when_it_is_published_instead(add, manager):
    story = AcceptedStoryFactory(what_happened=WORDS, public_body=PUBLIC_BODY)
    mail.outbox.clear()

    add(story, "My daughter is Chioma Okafor.")

    assert checks_sent() == []


def test_with_no_manager_to_tell_the_log_says_nobody_could_be(add, settings):
    settings.INFOSTORY_MODERATORS_EMAIL = []
    story = published()
    mail.outbox.clear()

    add(story, "My daughter is Chioma Okafor.")

    assert checks_sent() == []
    event = story.events.get(data__template="published_text_check")
    assert "nobody could be told" in event.note


def test_the_system_check_warns_when_no_manager_could_be_told(settings, manager):
    settings.INFOSTORY_MODERATORS_EMAIL = []
    assert managers_have_an_address(databases=["default"]) == []
    manager.email = ""
    manager.save()
    warnings = managers_have_an_address(databases=["default"])
    assert [warning.id for warning in warnings] == ["stories.W002"]
    assert "INFOSTORY_MODERATORS_EMAIL" in warnings[0].hint
    settings.INFOSTORY_MODERATORS_EMAIL = ["moderators@example.org"]
    assert managers_have_an_address(databases=["default"]) == []
