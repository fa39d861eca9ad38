"""The follow-up (once, INFOSTORY_FOLLOW_UP_WEEKS after acceptance or publication, to
those who agreed to be contacted) and messages between managers and storytellers."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alerts.followups import send_follow_ups
from alerts.models import FollowUp
from stories import conversation, outbox
from stories.models import ReplyTemplate, Story, StoryEvent, StoryMessage
from stories.privacy import personal_data
from stories.private_link import track_path
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory, SubmittedStoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = timezone.now()

        def move(self, **delta):
            self.now += timedelta(**delta)
            return self.now

    moving = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moving.now)
    return moving


def follow_ups_to(story):
    return [m for m in mail.outbox if m.to == [story.email] and "changed since" in m.subject]


# --- the follow-up ---


def test_a_storyteller_is_asked_once_what_changed_eight_weeks_after_acceptance(clock, settings):
    assert settings.INFOSTORY_FOLLOW_UP_WEEKS == 8
    story = AcceptedStoryFactory(consent_contact=True)
    clock.move(weeks=7, days=6)
    outbox.send_due()
    assert follow_ups_to(story) == []
    clock.move(days=1, minutes=1)
    assert outbox.send_due()["follow_ups"] == 1
    (email,) = follow_ups_to(story)
    assert story.reference in email.subject
    assert track_path(story).split(":")[0] in email.body  # the private link
    assert story.what_happened not in email.body and story.title not in email.body
    assert StoryEvent.objects.filter(story=story, data__template="alerts/email/follow_up").exists()
    for _ in range(3):
        clock.move(weeks=9)
        outbox.send_due()
    assert len(follow_ups_to(story)) == 1


def test_published_stories_are_followed_up_and_so_is_each_story_once(clock):
    published = PublishedStoryFactory(consent_contact=True)
    clock.move(weeks=8, minutes=1)
    assert send_follow_ups(timezone.now()) == 1
    assert send_follow_ups(timezone.now()) == 0
    assert FollowUp.objects.get().story == published


def test_no_follow_up_without_consent_or_an_email_or_for_open_stories(clock):
    AcceptedStoryFactory(consent_contact=False)
    AcceptedStoryFactory(email="")
    SubmittedStoryFactory()
    clock.move(weeks=9)
    assert send_follow_ups(timezone.now()) == 0
    assert not FollowUp.objects.exists()


def test_the_answer_to_a_follow_up_is_an_addition_marked_as_new_words(client, clock, manager):
    story = AcceptedStoryFactory(consent_contact=True)
    clock.move(weeks=8, minutes=1)
    outbox.send_due()
    response = client.post(track_path(story), {"text": "The council now shares dates."})
    assert response.status_code == 302
    assert story.addenda.get().text == "The council now shares dates."
    assert Story.objects.filter(pk=story.pk).with_new_words_only().exists()


# --- messages ---


def test_a_manager_writes_and_the_email_carries_only_the_private_link(
    manager, django_capture_on_commit_callbacks
):
    story = AcceptedStoryFactory(consent_contact=True)
    with django_capture_on_commit_callbacks(execute=True):
        conversation.write_to_storyteller(
            story, text="Which council was it, please?", actor=manager
        )
    (email,) = [m for m in mail.outbox if m.to == [story.email]]
    assert "/share/story/" in email.body
    assert "Which council" not in email.body and story.what_happened not in email.body
    event = StoryEvent.objects.get(story=story, action=StoryEvent.Action.MESSAGED)
    assert event.actor == manager and event.note == "Which council was it, please?"


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"consent_contact": False}, "did not agree to be contacted"),
        ({"email": ""}, "no email address"),
        ({"is_suspected_spam": True}, "suspected spam"),
    ],
)
def test_only_storytellers_who_agreed_to_be_contacted_can_be_written_to(manager, fields, reason):
    story = SubmittedStoryFactory(**fields)
    with pytest.raises(ValidationError, match=reason):
        conversation.write_to_storyteller(story, text="Hello", actor=manager)
    assert not StoryMessage.objects.exists() and mail.outbox == []


def test_messages_to_one_storyteller_are_throttled(manager, settings):
    settings.INFOSTORY_MESSAGE_RATE = "2/day"
    story = AcceptedStoryFactory(consent_contact=True)
    conversation.write_to_storyteller(story, text="One", actor=manager)
    conversation.write_to_storyteller(story, text="Two", actor=manager)
    with pytest.raises(ValidationError, match="as many messages"):
        conversation.write_to_storyteller(story, text="Three", actor=manager)
    assert StoryMessage.objects.count() == 2


def test_the_storyteller_reads_and_answers_on_their_page_and_the_queue_marks_it(
    client, manager, manager_client
):
    story = AcceptedStoryFactory(consent_contact=True)
    conversation.write_to_storyteller(story, text="Which council was it, please?", actor=manager)
    page = client.get(track_path(story))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Which council was it, please?" in html and "Send my answer" in html
    answer_url = reverse("stories:track_answer", args=[track_path(story).split("/")[-2]])
    empty = client.post(answer_url, {"text": ""})
    assert empty.status_code == 200 and "Write your answer" in empty.content.decode()
    response = client.post(answer_url, {"text": "Torbay <b>council</b>."})
    assert response.status_code == 302
    answer = StoryMessage.objects.get(direction=StoryMessage.Direction.FROM_STORYTELLER)
    assert answer.text == "Torbay <b>council</b>." and answer.read_at is None
    assert StoryEvent.objects.filter(story=story, action=StoryEvent.Action.ANSWERED).exists()

    queue = manager_client.get(reverse("admin:stories_story_changelist"), {"unread_answer": "yes"})
    assert queue.status_code == 200
    assert story.reference in queue.content.decode() and "Unread answer" in queue.content.decode()

    story_page = manager_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    html = story_page.content.decode()
    assert "Torbay &lt;b&gt;council&lt;/b&gt;." in html
    assert "Answered by the submitter" in html and "Wrote to the submitter" in html
    # The visit that reads the answer shows which answers are new to the manager; the
    # next one does not.
    assert 'class="queue-new-words">unread</strong>' in html
    answer.refresh_from_db()
    assert answer.read_at is not None
    queue = manager_client.get(reverse("admin:stories_story_changelist"), {"unread_answer": "yes"})
    assert story.reference not in queue.content.decode()
    again = manager_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    assert 'queue-new-words">unread<' not in again.content.decode()


def test_a_manager_writes_from_a_reply_template_on_the_story_page(
    manager_client, django_capture_on_commit_callbacks
):
    template = ReplyTemplate.objects.create(
        name="Ask for the area", text="Which local area was this in?"
    )
    story = AcceptedStoryFactory(consent_contact=True)
    write_url = reverse("admin:stories_story_write", args=[story.pk])
    assert (
        write_url
        in manager_client.get(
            reverse("admin:stories_story_change", args=[story.pk])
        ).content.decode()
    )
    page = manager_client.get(write_url, {"template": template.pk})
    assert page.status_code == 200
    assert "Which local area was this in?</textarea>" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(write_url, {"text": "Which local area was this in?"})
    assert response.status_code == 302
    assert StoryMessage.objects.get().text == "Which local area was this in?"
    assert [m.to for m in mail.outbox if "A message about" in m.subject] == [[story.email]]
    empty = manager_client.post(write_url, {"text": ""})
    assert empty.status_code == 200 and "Write the message." in empty.content.decode()


def test_the_write_page_says_why_a_storyteller_cannot_be_written_to(manager_client):
    story = AcceptedStoryFactory(consent_contact=False)
    page = manager_client.get(reverse("admin:stories_story_write", args=[story.pk]))
    assert page.status_code == 200
    assert "did not agree to be contacted" in page.content.decode()
    manager_client.post(reverse("admin:stories_story_write", args=[story.pk]), {"text": "Hi"})
    assert not StoryMessage.objects.exists()


def test_staff_cannot_write_to_storytellers(staff_client):
    story = AcceptedStoryFactory(consent_contact=True)
    response = staff_client.get(reverse("admin:stories_story_write", args=[story.pk]))
    assert response.status_code in (302, 403)


def test_the_admin_index_counts_unread_answers_and_failed_emails(manager_client, manager, settings):
    story = AcceptedStoryFactory(consent_contact=True)
    conversation.write_to_storyteller(story, text="A question", actor=manager)
    conversation.storyteller_answers(story, text="An answer")
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    settings.INFOSTORY_EMAIL_MAX_ATTEMPTS = 1
    outbox.send_due()
    html = manager_client.get(reverse("admin:index")).content.decode()
    assert "Unread answers from storytellers" in html and "?unread_answer=yes" in html
    assert "Emails that could not be sent" in html


def test_a_subject_access_export_holds_the_messages(manager):
    story = AcceptedStoryFactory(consent_contact=True, email="asks@example.org")
    conversation.write_to_storyteller(story, text="Which council?", actor=manager)
    conversation.storyteller_answers(story, text="Torbay.")
    (exported,) = personal_data("asks@example.org")["stories"]
    assert [(m["direction"], m["text"]) for m in exported["messages"]] == [
        ("to_storyteller", "Which council?"),
        ("from_storyteller", "Torbay."),
    ]
