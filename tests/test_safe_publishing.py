"""The personal-data guard: publishing, re-publishing and editing what is public."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from stories import moderation
from stories.models import Story, StoryEvent
from stories.publishing import check_public_text
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory, StoryFactory

pytestmark = pytest.mark.django_db

Status = Story.Status
PHONE = "07700 900123"
NHS = "943 476 5919"
EMAIL = "jamie.parent@example.com"
WITH_PERSONAL_DATA = (
    f"The school nurse rang his mother on {PHONE} and quoted his NHS number {NHS}; "
    f"the letter went to {EMAIL}."
)
CLEAN = "The school nurse and the GP shared the care plan, so the pupil was safe at school."


def accepted_with_body(body, **fields):
    story = AcceptedStoryFactory(**fields)
    story.public_body = body
    story.save(update_fields=["public_body"])
    return story


def test_publishing_a_public_version_with_personal_data_is_refused_naming_each_finding(manager):
    story = accepted_with_body(WITH_PERSONAL_DATA)

    with pytest.raises(ValidationError) as refused:
        story.transition_to(Status.PUBLISHED, actor=manager)

    message = " ".join(refused.value.messages)
    for text in (PHONE, NHS, EMAIL):
        assert text in message
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED
    assert not story.events.filter(to_status=Status.PUBLISHED).exists()


def test_personal_data_in_the_title_or_summary_is_refused_too(manager):
    story = AcceptedStoryFactory(public_title=f"Call {PHONE}")
    with pytest.raises(ValidationError, match="public title"):
        story.transition_to(Status.PUBLISHED, actor=manager)
    story = AcceptedStoryFactory(public_summary=f"Write to {EMAIL}")
    with pytest.raises(ValidationError, match="public summary"):
        story.transition_to(Status.PUBLISHED, actor=manager)


def test_the_submitters_own_name_is_never_published_unchecked(manager):
    story = AcceptedStoryFactory(name="Priya Chaudhry", public_body="Priya Chaudhry told us.")
    with pytest.raises(ValidationError, match="Priya Chaudhry"):
        story.transition_to(Status.PUBLISHED, actor=manager)


def test_a_reason_publishes_anyway_and_is_kept_in_the_event_without_the_words(manager):
    story = accepted_with_body(WITH_PERSONAL_DATA)

    story.transition_to(
        Status.PUBLISHED,
        actor=manager,
        note="Final check.",
        personal_data_reason="The trust's switchboard number, published on its own site.",
    )

    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    event = story.events.get(action=StoryEvent.Action.TRANSITION, to_status=Status.PUBLISHED)
    assert event.data["personal_data_reason"] == (
        "The trust's switchboard number, published on its own site."
    )
    assert event.data["personal_data_found"]["phone"] == 1
    assert "The trust's switchboard number" in event.note
    assert event.note.startswith("Final check.")
    for text in (PHONE, NHS, EMAIL):
        assert text not in event.note
        assert text not in str(event.data)


def test_a_blank_reason_is_no_reason(manager):
    story = accepted_with_body(WITH_PERSONAL_DATA)
    with pytest.raises(ValidationError):
        story.transition_to(Status.PUBLISHED, actor=manager, personal_data_reason="   ")


def test_publishing_again_after_a_withdrawal_is_checked_again(manager):
    story = PublishedStoryFactory()
    story.transition_to(Status.WITHDRAWN, actor=manager)
    story.public_body = WITH_PERSONAL_DATA
    with pytest.raises(ValidationError, match="could identify a person"):
        story.transition_to(Status.PUBLISHED, actor=manager)
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN


def test_editing_a_published_story_to_add_personal_data_is_refused(manager):
    story = PublishedStoryFactory()
    story.public_body = WITH_PERSONAL_DATA
    with pytest.raises(ValidationError) as refused:
        story.save(update_fields=["public_body"])
    assert "public_body" in refused.value.message_dict
    story.refresh_from_db()
    assert PHONE not in story.public_body


def test_editing_a_published_story_with_a_reason_is_allowed(manager):
    story = PublishedStoryFactory()
    story.public_body = WITH_PERSONAL_DATA
    story.personal_data_reason = "Numbers of the service, public already."
    story.save(update_fields=["public_body"])
    story.refresh_from_db()
    assert PHONE in story.public_body


def test_what_was_published_with_a_reason_does_not_block_the_next_edit(manager):
    story = accepted_with_body(WITH_PERSONAL_DATA)
    story.transition_to(Status.PUBLISHED, actor=manager, personal_data_reason="Public numbers.")
    story.public_body = story.public_body + " The care plan was shared the same day."
    story.save(update_fields=["public_body"])  # nothing new found: no reason needed
    story.public_body += f" Ring {'01632 960001'}."
    with pytest.raises(ValidationError):
        story.save(update_fields=["public_body"])


def test_editing_an_unpublished_story_is_not_checked(manager):
    story = AcceptedStoryFactory()
    story.public_body = WITH_PERSONAL_DATA
    story.save(update_fields=["public_body"])  # the desk shows what is found; publishing checks


def test_factories_publish_clean_text():
    story = PublishedStoryFactory()
    assert (
        check_public_text({name: getattr(story, name) for name in Story.PUBLIC_FIELDS}, story=story)
        == []
    )


def test_check_public_text_is_reusable_for_other_published_texts():
    assert check_public_text({"quote": CLEAN}) == []
    with pytest.raises(ValidationError, match="quote"):
        check_public_text({"quote": f"Ring {PHONE}"})
    found = check_public_text({"quote": f"Ring {PHONE}"}, reason="A public helpline.")
    assert [item.kind for item in found] == ["phone"]


# --- starting a review: a redacted draft, and the story is the manager's ---


def test_start_review_fills_a_redacted_draft_never_the_raw_words(manager):
    story = StoryFactory(
        title=f"The nurse rang {PHONE}",
        what_happened=WITH_PERSONAL_DATA,
        public_title="",
        public_body="",
        public_summary="",
    )
    moderation.move_story(story, Status.IN_REVIEW, actor=manager)
    story.refresh_from_db()
    for text in (PHONE, NHS, EMAIL):
        assert text not in story.public_body
        assert text not in story.public_title
    assert "[phone number]" in story.public_body
    assert "[phone number]" in story.public_title
    assert "The school nurse rang his mother on" in story.public_body
    assert story.public_summary == ""
    # The person's words are untouched.
    assert story.what_happened == WITH_PERSONAL_DATA


def test_start_review_assigns_the_story_to_the_manager_when_nobody_has_it(manager):
    story = StoryFactory()
    moderation.move_story(story, Status.IN_REVIEW, actor=manager)
    story.refresh_from_db()
    assert story.assigned_to == manager
    assert story.events.filter(action=StoryEvent.Action.ASSIGNED, actor=manager).exists()


def test_start_review_keeps_the_story_with_whoever_has_it(manager):
    from tests.factories import EngagementManagerFactory

    colleague = EngagementManagerFactory()
    story = StoryFactory(assigned_to=colleague)
    moderation.move_story(story, Status.IN_REVIEW, actor=manager)
    story.refresh_from_db()
    assert story.assigned_to == colleague


def test_the_checked_tick_is_recorded_in_the_event(manager):
    story = AcceptedStoryFactory()
    moderation.move_story(story, Status.PUBLISHED, actor=manager, checked=True)
    event = story.events.get(action=StoryEvent.Action.TRANSITION, to_status=Status.PUBLISHED)
    assert event.data["checked_for_identifying_details"] is True
    assert "Checked this version for anything that could identify a person" in event.note


def test_the_publication_email_claims_nothing_a_manager_did_not_do(
    manager, django_capture_on_commit_callbacks
):
    story = accepted_with_body(WITH_PERSONAL_DATA)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_story(
            story, Status.PUBLISHED, actor=manager, personal_data_reason="Public numbers."
        )
    (message,) = mail.outbox
    assert "anonymous" not in message.body
    assert "could identify you or anyone else" in message.body


def test_the_demo_data_shows_the_desk_at_work(settings):
    from io import StringIO

    from django.core.management import call_command

    from stories.publishing import find_in_texts

    call_command("seed_demo", "--no-accounts", stdout=StringIO())
    assert Story.objects.filter(safeguarding_concern=True).count() == 1
    found_kinds = {
        item.kind
        for story in Story.objects.filter(status=Status.SUBMITTED)
        for item in find_in_texts({"what_happened": story.what_happened}, story=story)
    }
    assert {"phone", "nhs_number"} <= found_kinds
    # Every demo story published passed the guard without a reason.
    published = StoryEvent.objects.filter(to_status=Status.PUBLISHED, action="transition")
    assert published.exists()
    assert not published.filter(data__has_key="personal_data_reason").exists()


@pytest.mark.parametrize("field", ["public_title", "public_body"])
def test_a_published_story_cannot_lose_its_public_title_or_body(manager, field):
    # Emptied, the public page would fall back on the person's own words.
    story = PublishedStoryFactory()
    setattr(story, field, "  ")
    with pytest.raises(ValidationError) as refused:
        story.save(update_fields=[field])
    assert field in refused.value.message_dict
    story.refresh_from_db()
    assert getattr(story, field).strip()


def test_the_admin_keeps_a_published_storys_title_with_a_message_beside_it(manager_client):
    from tests.admin_helpers import change_url, form_data

    story = PublishedStoryFactory()
    response = manager_client.post(
        change_url(story), form_data(manager_client, story, public_title="")
    )
    assert response.status_code == 200
    assert "A published story needs this" in response.content.decode()
    story.refresh_from_db()
    assert story.public_title
