"""The change tracker's workflow: the moves, the log, the guard, who sees which evidence."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from changes import services
from changes.models import Change, ChangeEvent, ChangeEvidence
from stories.models import LocalArea
from tests.change_factories import ChangeFactory, change_at
from tests.factories import (
    AcceptedStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    StaffFactory,
    SubmittedStoryFactory,
)

pytestmark = pytest.mark.django_db
S = Change.Status


def test_a_new_change_is_proposed_and_walks_to_made_with_each_move_logged(manager):
    change = ChangeFactory(what_changed="The guidance now names discharge dates.")
    assert change.status == S.PROPOSED
    for step in (S.ASKED, S.IN_PROGRESS, S.MADE):
        change.transition_to(step, actor=manager, note=f"to {step}")
    change.refresh_from_db()
    assert change.status == S.MADE
    assert change.asked_at is not None and change.made_at is not None
    assert change.made_at >= change.asked_at
    moves = list(
        change.events.filter(action=ChangeEvent.Action.TRANSITION).values_list(
            "from_status", "to_status", "actor"
        )
    )
    assert moves == [
        (S.PROPOSED, S.ASKED, manager.pk),
        (S.ASKED, S.IN_PROGRESS, manager.pk),
        (S.IN_PROGRESS, S.MADE, manager.pk),
    ]


@pytest.mark.parametrize(
    "start, to",
    [
        (S.PROPOSED, S.MADE),
        (S.PROPOSED, S.IN_PROGRESS),
        (S.ASKED, S.MADE),
        (S.MADE, S.NOT_MADE),
        (S.MADE, S.ASKED),
        (S.NOT_MADE, S.IN_PROGRESS),
        (S.PROPOSED, S.NOT_MADE),
    ],
)
def test_a_move_the_table_does_not_allow_is_refused(manager, start, to):
    change = change_at(start, actor=manager)
    with pytest.raises(ValidationError):
        change.transition_to(to, actor=manager)
    change.refresh_from_db()
    assert change.status == start


@pytest.mark.parametrize(
    "start, to",
    [(S.ASKED, S.NOT_MADE), (S.IN_PROGRESS, S.NOT_MADE), (S.NOT_MADE, S.ASKED)],
)
def test_the_other_moves_are_allowed(manager, start, to):
    change = change_at(start, actor=manager)
    change.transition_to(to, actor=manager)
    change.refresh_from_db()
    assert change.status == to


def test_made_needs_what_changed(manager):
    change = change_at(S.IN_PROGRESS, actor=manager)
    with pytest.raises(ValidationError) as refused:
        change.transition_to(S.MADE, actor=manager)
    assert "Say what changed" in " ".join(refused.value.messages)
    change.what_changed = "Councils now get the date two days ahead."
    change.save()
    change.transition_to(S.MADE, actor=manager)
    assert Change.objects.get(pk=change.pk).status == S.MADE


def test_a_local_change_needs_an_area_before_it_is_asked_for(manager):
    change = ChangeFactory(level=Change.Level.LOCAL, owner="Torbay Council")
    with pytest.raises(ValidationError) as refused:
        change.transition_to(S.ASKED, actor=manager)
    assert "local area" in " ".join(refused.value.messages)
    change.local_areas.add(LocalArea.objects.first())
    change.transition_to(S.ASKED, actor=manager)
    assert Change.objects.get(pk=change.pk).status == S.ASKED


def test_the_status_cannot_be_saved_any_other_way(manager):
    change = ChangeFactory()
    change.status = S.MADE
    with pytest.raises(ValidationError):
        change.save()
    assert Change.objects.get(pk=change.pk).status == S.PROPOSED


def test_the_log_is_append_only_in_the_database_too(manager):
    change = change_at(S.ASKED, actor=manager)
    event = change.events.get(action=ChangeEvent.Action.TRANSITION)
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 - the database refuses
        ChangeEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017
        ChangeEvent.objects.filter(pk=event.pk).delete()
    assert ChangeEvent.objects.get(pk=event.pk).note == ""


# --- the personal-data guard ---


def test_personal_data_in_a_change_stops_it_being_asked_for_without_a_reason(manager):
    change = ChangeFactory(summary="Ring 07700 900123 to ask about discharge dates.")
    with pytest.raises(ValidationError) as refused:
        change.transition_to(S.ASKED, actor=manager)
    assert "phone number" in " ".join(refused.value.messages)
    assert Change.objects.get(pk=change.pk).status == S.PROPOSED
    change.transition_to(
        S.ASKED, actor=manager, personal_data_reason="The council's public switchboard."
    )
    event = change.events.get(action=ChangeEvent.Action.TRANSITION)
    assert event.data["personal_data_reason"] == "The council's public switchboard."
    assert event.data["personal_data_found"] == {"phone": 1}
    assert "07700" not in str(event.data)


def test_an_evidence_storyteller_named_in_an_update_is_refused(manager):
    story = PublishedStoryFactory(name="Ffion Davies")
    change = change_at(S.ASKED, actor=manager, stories=[story])
    with pytest.raises(ValidationError):
        services.post_update(change, text="Ffion told us the guidance helped.", actor=manager)
    assert not change.updates.exists()
    update = services.post_update(
        change, text="The department agreed to write the guidance.", actor=manager
    )
    assert update.created_by == manager
    assert change.events.filter(action=ChangeEvent.Action.UPDATED).count() == 1


def test_an_update_of_a_proposed_change_is_checked_when_it_goes_public(manager):
    change = ChangeFactory()
    services.post_update(change, text="Call 07700 900123 for the draft.", actor=manager)
    with pytest.raises(ValidationError):
        change.transition_to(S.ASKED, actor=manager)


# --- evidence ---


def test_only_accepted_or_published_stories_are_evidence(manager):
    change = ChangeFactory()
    with pytest.raises(ValidationError):
        services.add_evidence(change, [SubmittedStoryFactory()], actor=manager)
    with pytest.raises(ValidationError):
        services.add_evidence(change, [RejectedStoryFactory()], actor=manager)
    story = AcceptedStoryFactory()
    assert services.add_evidence(change, [story], actor=manager) == [story.reference]
    assert services.add_evidence(change, [story], actor=manager) == []  # held once
    assert change.evidence.count() == 1


def test_a_story_is_evidence_for_a_change_once(manager):
    change = ChangeFactory()
    story = AcceptedStoryFactory()
    ChangeEvidence.objects.create(change=change, story=story)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeEvidence.objects.create(change=change, story=story)


def test_the_public_sees_published_evidence_staff_accepted_too(manager):
    published = PublishedStoryFactory()
    accepted = AcceptedStoryFactory()
    rejected = RejectedStoryFactory()
    change = change_at(S.ASKED, actor=manager, stories=[published, accepted, rejected])
    evidence = ChangeEvidence.objects.filter(change=change)
    public = set(evidence.shown_to(None).values_list("story_id", flat=True))
    staff = set(evidence.shown_to(StaffFactory()).values_list("story_id", flat=True))
    assert public == {published.pk}
    assert staff == {published.pk, accepted.pk}
    assert set(evidence.held().values_list("story_id", flat=True)) == staff


def test_proposed_changes_are_for_staff_only(manager):
    proposed = ChangeFactory()
    asked = change_at(S.ASKED, actor=manager)
    assert list(Change.objects.visible_to(None)) == [asked]
    assert set(Change.objects.visible_to(StaffFactory())) == {proposed, asked}


def test_a_change_with_no_news_for_90_days_needs_an_update(manager):
    change = change_at(S.ASKED, actor=manager)
    fresh = change_at(S.IN_PROGRESS, actor=manager)
    made = change_at(S.MADE, actor=manager)
    old = timezone.localdate() - datetime.timedelta(days=91)
    Change.objects.filter(pk__in=[change.pk, made.pk]).update(last_progress_on=old)
    assert list(Change.objects.needing_update()) == [change]
    services.post_update(change, text="We met the department.", actor=manager)
    assert not Change.objects.needing_update().exists()
    assert fresh not in Change.objects.needing_update()
