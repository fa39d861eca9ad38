"""The shared workflow (infostory.workflow): append-only logs in the database, and save
guards that hold whatever was loaded."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from casestudies.models import CaseStudy, CaseStudyEvent
from infostory.workflow import releasing_history
from stories import tracking
from stories.models import Story, StoryEvent
from stories.privacy import erase_stories
from tests.casestudy_factories import CaseStudyFactory
from tests.factories import (
    AcceptedStoryFactory,
    EngagementManagerFactory,
    PublishedStoryFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


def refused(sql, params=()):
    """Whether the database refuses the statement (in a savepoint, so the test goes on)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


# --- the logs are append-only in the database ---


@pytest.mark.parametrize("model", [StoryEvent, CaseStudyEvent])
def test_the_database_refuses_to_change_or_delete_a_logged_event(model):
    subject = StoryFactory() if model is StoryEvent else CaseStudyFactory()
    event = subject.log(model.Action.TRANSITION, actor=None, note="as it happened")
    table = model._meta.db_table

    assert refused(f"UPDATE {table} SET note = 'rewritten' WHERE id = %s", [event.pk])  # noqa: S608
    assert refused(f"DELETE FROM {table} WHERE id = %s", [event.pk])  # noqa: S608
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.filter(pk=event.pk).update(action="edited")
    assert model.objects.get(pk=event.pk).note == "as it happened"


def test_python_refuses_too():
    event = StoryFactory().log(StoryEvent.Action.EDITED, actor=None, note="as it happened")
    event.note = "rewritten"
    with pytest.raises(ValidationError, match="append-only"):
        event.save()
    with pytest.raises(ValidationError, match="append-only"):
        event.delete()


def test_a_deleted_account_leaves_its_events_with_no_actor():
    manager = EngagementManagerFactory()
    story = StoryFactory()
    story.transition_to(Story.Status.IN_REVIEW, actor=manager, note="Started")
    manager.delete()
    event = story.events.get(action=StoryEvent.Action.TRANSITION)
    assert event.actor is None
    assert event.note == "Started"


def test_erasure_deletes_the_story_with_its_history_and_nothing_else():
    erased, kept = PublishedStoryFactory(), PublishedStoryFactory()
    kept_events = kept.events.count()

    assert erase_stories([erased]) == [erased.reference]

    assert not Story.objects.filter(pk=erased.pk).exists()
    assert not StoryEvent.objects.filter(story_id=erased.pk).exists()
    assert kept.events.count() == kept_events > 0
    # Outside the erasure the history is held again.
    assert refused("DELETE FROM stories_storyevent")


def test_releasing_history_ends_with_its_block():
    story = StoryFactory()
    story.log(StoryEvent.Action.EDITED, actor=None)
    with releasing_history():
        pass
    assert refused("DELETE FROM stories_storyevent WHERE story_id = %s", [story.pk])


# --- one workflow for every subject ---


def test_a_case_study_moves_through_the_shared_workflow_and_logs_it():
    manager = EngagementManagerFactory()
    case_study = CaseStudyFactory()
    case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=manager, note="Ready")
    event = case_study.events.get(action=CaseStudyEvent.Action.TRANSITION)
    assert (event.from_status, event.to_status, event.actor) == ("draft", "in_review", manager)
    with pytest.raises(ValidationError, match="cannot move to withdrawn"):
        case_study.transition_to(CaseStudy.Status.WITHDRAWN, actor=manager)


def test_a_move_from_a_stale_copy_is_refused():
    manager = EngagementManagerFactory()
    story = StoryFactory()
    stale = Story.objects.get(pk=story.pk)
    story.transition_to(Story.Status.IN_REVIEW, actor=manager)
    with pytest.raises(ValidationError, match="Someone else has just moved this story"):
        stale.transition_to(Story.Status.REJECTED, actor=manager, note="Out of scope")
    assert Story.objects.get(pk=story.pk).status == Story.Status.IN_REVIEW


# --- the save guard holds whatever was loaded ---


def test_a_status_set_on_a_copy_that_deferred_it_is_not_saved():
    story = AcceptedStoryFactory()
    loaded = Story.objects.defer("status").get(pk=story.pk)
    loaded.status = Story.Status.PUBLISHED
    with pytest.raises(ValidationError, match="only through Story.transition_to"):
        loaded.save()
    story.refresh_from_db()
    assert story.status == Story.Status.ACCEPTED
    assert story.published_at is None


def test_a_status_set_on_a_copy_loaded_with_only_is_not_saved():
    story = AcceptedStoryFactory()
    loaded = Story.objects.only("pk", "moderator_notes").get(pk=story.pk)
    loaded.status = Story.Status.PUBLISHED
    with pytest.raises(ValidationError, match="only through Story.transition_to"):
        loaded.save(update_fields=["status"])
    assert Story.objects.get(pk=story.pk).status == Story.Status.ACCEPTED


def test_a_copy_that_never_loaded_the_status_saves_its_other_fields():
    story = AcceptedStoryFactory()
    loaded = Story.objects.only("pk", "moderator_notes").get(pk=story.pk)
    loaded.moderator_notes = "Checked with the team"
    loaded.save()
    story.refresh_from_db()
    assert (story.moderator_notes, story.status) == ("Checked with the team", "accepted")


def test_the_persons_words_are_guarded_when_only_other_fields_were_loaded():
    story = StoryFactory(what_happened="The words as the person wrote them.")
    loaded = Story.objects.only("pk").get(pk=story.pk)
    loaded.what_happened = "Rewritten by someone else."
    with pytest.raises(ValidationError, match="cannot be changed"):
        loaded.save()
    assert Story.objects.get(pk=story.pk).what_happened == "The words as the person wrote them."


def test_the_published_text_guard_runs_when_only_other_fields_were_loaded():
    story = PublishedStoryFactory()
    loaded = Story.objects.only("pk", "reference").get(pk=story.pk)
    loaded.public_body = "Ffion Davies, 07700 900123, was let down by the school."
    with pytest.raises(ValidationError) as refusal:
        loaded.save(update_fields=["public_body"])
    assert "public_body" in refusal.value.message_dict
    assert "Ffion" not in Story.objects.get(pk=story.pk).public_body


def test_an_empty_title_is_refused_on_a_deferred_copy_of_a_published_story():
    story = PublishedStoryFactory()
    loaded = Story.objects.defer("public_title").get(pk=story.pk)
    loaded.public_title = ""
    with pytest.raises(ValidationError, match="A published story needs this"):
        loaded.save()


def test_a_consent_withdrawn_elsewhere_does_not_turn_an_unrelated_move_into_an_error():
    manager = EngagementManagerFactory()
    story = AcceptedStoryFactory(consent_publish=True)
    Story.objects.get(pk=story.pk).withdraw_consent(publish=True)  # another request

    story.transition_to(Story.Status.REJECTED, actor=manager, note="Out of scope")

    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert story.consent_publish is False


def test_a_consent_withdrawn_elsewhere_stops_publication_with_the_true_reason():
    manager = EngagementManagerFactory()
    story = AcceptedStoryFactory(consent_publish=True)
    Story.objects.get(pk=story.pk).withdraw_consent(publish=True)  # another request

    with pytest.raises(ValidationError, match="did not consent to publication"):
        story.transition_to(Story.Status.PUBLISHED, actor=manager)
    assert Story.objects.get(pk=story.pk).status == Story.Status.ACCEPTED


def test_a_save_from_a_copy_loaded_before_a_withdrawal_does_not_give_consent_back():
    story = AcceptedStoryFactory(consent_publish=True)
    stale = Story.objects.get(pk=story.pk)
    Story.objects.get(pk=story.pk).withdraw_consent(publish=True)  # another request

    stale.moderator_notes = "Filed under health"
    stale.save()

    story.refresh_from_db()
    assert story.moderator_notes == "Filed under health"
    assert story.consent_publish is False


def test_the_storytellers_page_answers_a_withdrawal_crossing_a_withdrawal():
    """The storyteller's copy was loaded while the story was published; a manager
    withdraws it meanwhile: their withdrawal of consent still goes through, no error."""
    story = PublishedStoryFactory(consent_publish=True)
    storytellers_copy = Story.objects.get(pk=story.pk)
    story.transition_to(Story.Status.WITHDRAWN, actor=EngagementManagerFactory(), note="Asked")

    assert tracking.submitter_withdraws(storytellers_copy, publish=True) == ["publication"]
    story.refresh_from_db()
    assert (story.status, story.consent_publish) == (Story.Status.WITHDRAWN, False)


def test_a_rebuilt_event_table_gets_its_triggers_back_after_migrate():
    """SQLite rebuilds a table a migration alters, dropping its triggers: post_migrate
    puts them back (infostory.workflow.keep_append_only)."""
    from infostory.workflow import keep_append_only

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps a table's triggers when a migration alters it")
    story = StoryFactory()
    story.log(StoryEvent.Action.EDITED, actor=None)
    with connection.cursor() as cursor:
        for name in ("no_update", "no_new_actor", "no_delete"):
            cursor.execute(f"DROP TRIGGER stories_storyevent_{name}")
    assert not refused("UPDATE stories_storyevent SET note = 'x' WHERE id = 0")

    keep_append_only(using="default")

    assert refused("DELETE FROM stories_storyevent WHERE story_id = %s", [story.pk])
