"""Property tests (hypothesis) on what takes outside input: the CSV import, the story
state machine, and query strings on the fixed pages. Settings: tests/hypothesis_helpers.py.
"""

import io
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import event, example, given
from hypothesis import strategies as st

import tests.hypothesis_helpers  # noqa: F401  (loads the profile)
from stories.models import LocalArea, Story, StoryEvent
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

# --- import_local_areas on random CSV text ---

KIND_WORDS = [*LocalArea.Kind.values, "County", "london borough", "Unitary authority"]
cell = st.one_of(
    st.text(max_size=12),
    st.text(max_size=200),
    st.sampled_from(["Surrey", "Devon", "E10000030", "W06000015", "", " ", '"', ",", "\n"]),
    st.from_regex(r"[A-Z][0-9]{8}", fullmatch=True),
)
# Mostly plausible rows, so that the import gets past the checks and reaches the database.
plausible_name = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGH-'&,", min_size=1, max_size=40
)
row = st.fixed_dictionaries(
    {
        "name": st.one_of(plausible_name, plausible_name, plausible_name, cell),
        "ons_code": st.one_of(st.just(""), st.from_regex(r"[EWSN][0-9]{8}", fullmatch=True), cell),
        "kind": st.one_of(*[st.sampled_from(KIND_WORDS)] * 4, cell),
        "region": st.one_of(*[st.sampled_from(["", "South West", "London"])] * 3, cell),
        "parent": st.one_of(
            *[st.sampled_from(["", "", "Surrey", "London", "E10000030"])] * 3, cell
        ),
    }
)
HEADER = "name,ons_code,kind,region,parent\n"


def _csv_text(header, rows):
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return out.getvalue()


COLUMNS = ["name", "ons_code", "kind", "region", "parent"]
csv_text = st.one_of(
    st.builds(
        _csv_text,
        st.one_of(
            *[st.just(COLUMNS)] * 3,
            st.permutations(COLUMNS),
            st.lists(st.sampled_from([*COLUMNS, "x", "Name", " kind "])),
        ),
        st.lists(row, max_size=5),
    ),
    st.text(max_size=300),
)


def _import(content):
    """Run the import on content in a file; roll the database back afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "areas.csv"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        with transaction.atomic():
            before = LocalArea.objects.count()
            try:
                call_command("import_local_areas", str(path), stdout=io.StringIO())
                event("imported")
            except CommandError:
                # A refused file imports nothing.
                assert LocalArea.objects.count() == before
                event("refused")
            transaction.set_rollback(True)


@given(csv_text)
@example(HEADER + "Long region,,district," + "r" * 101 + ",\n")  # was a DataError on PostgreSQL
@example(HEADER + "Nul\x00area,,district,South,\n")  # was a ValueError on PostgreSQL
@example(HEADER + "Area,,district,So\x00uth,\n")
def test_import_local_areas_on_random_csv_fails_only_with_a_command_error(content):
    _import(content)


@given(st.binary(max_size=200))
def test_import_local_areas_on_random_bytes_fails_only_with_a_command_error(content):
    _import(content)


# --- the story state machine under random sequences of moves ---

STATUSES = list(Story.Status)
step = st.one_of(
    st.tuples(st.just("move"), st.sampled_from(STATUSES)),
    st.tuples(st.just("withdraw_publish_consent"), st.none()),
    st.tuples(st.just("edit_public_title"), st.sampled_from(["", "A public title"])),
    st.tuples(st.just("set_status_and_save"), st.sampled_from(STATUSES)),
    st.tuples(st.just("clear_contact"), st.none()),
)


@given(
    steps=st.lists(step, max_size=10),
    consent_publish=st.booleans(),
    spam=st.booleans(),
)
def test_random_sequences_change_status_only_by_allowed_logged_transitions(
    steps, consent_publish, spam
):
    with transaction.atomic():
        story = StoryFactory(consent_publish=consent_publish, is_suspected_spam=spam)
        for action, value in steps:
            before = Story.objects.get(pk=story.pk).status
            transitions_before = story.events.filter(action=StoryEvent.Action.TRANSITION).count()
            try:
                if action == "move":
                    story.transition_to(value, actor=None, note="fuzz")
                elif action == "withdraw_publish_consent":
                    story.withdraw_consent(publish=True)
                elif action == "edit_public_title":
                    story.public_title = value
                    story.save()
                elif action == "set_status_and_save":
                    story.status = value
                    story.save()
                else:
                    story.clear_contact_details()
            except ValidationError:
                pass
            story = Story.objects.get(pk=story.pk)
            after = story.status
            moves = list(story.events.filter(action=StoryEvent.Action.TRANSITION).order_by("id"))[
                transitions_before:
            ]
            # Every change of status is an allowed move, logged as it happened.
            path = [before] + [event.to_status for event in moves]
            assert path[-1] == after
            for event, start in zip(moves, path, strict=False):
                assert event.from_status == start
                assert event.to_status in Story.TRANSITIONS[Story.Status(start)]
            if after == Story.Status.PUBLISHED:
                assert story.consent_publish and story.public_title and story.public_body
                assert not story.is_suspected_spam
        transaction.set_rollback(True)


# --- random query strings on the fixed pages ---

query_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
query = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(["page", "q", "theme", "next", "format", ""]), query_text),
        query_text,
    ),
    max_size=5,
)


@pytest.mark.parametrize("path", ["/healthz", "/", "/privacy/"])
@given(params=query)
def test_random_query_strings_never_cause_a_server_error(client, path, params):
    response = client.get(path, params)
    assert response.status_code < 500
