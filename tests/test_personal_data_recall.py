"""How much of the labelled sets' personal data the finder finds, and how often it is wrong.

tests/data/personal_data_labelled.jsonl: sentences in the campaign's register with the
personal data a careful reader would mark (kind and exact words), many naming people of
the UK's communities, and sentences dense with councils, health boards, trusts,
programmes, places, Acts and roles that hold none; the finder was tuned on it.
tests/data/personal_data_held_out.jsonl was written after tuning and is never tuned on.
"""

import pytest

from stories.personal_data import find_personal_data
from tests.personal_data_scoring import (
    HELD_OUT,
    MEASURED,
    format_figures,
    load_labelled,
    score,
)

STRUCTURED = ["email", "phone", "nhs_number", "ni_number", "postcode", "date_of_birth", "address"]
# Every structured kind is found; names at least 90% of the time.
MINIMUM_RECALL = {**dict.fromkeys(STRUCTURED, 1.0), "person_name": 0.90}


def ours(text):
    return [(finding.kind, finding.text) for finding in find_personal_data(text)]


def community_names(rows):
    return [
        expected
        for row in rows
        if row.get("community")
        for expected in row["expected"]
        if expected["kind"] == "person_name"
    ]


@pytest.fixture(scope="module")
def tuned():
    measured = score(ours)
    MEASURED.append(format_figures(measured, "tuning sentences"))
    return measured


@pytest.fixture(scope="module")
def held_out():
    measured = score(ours, rows=load_labelled(HELD_OUT))
    MEASURED.append(format_figures(measured, "held-out sentences"))
    return measured


def test_labelled_sets_are_big_enough_and_cover_every_kind():
    rows, held = load_labelled(), load_labelled(HELD_OUT)
    assert len(rows) >= 300 and len(held) >= 50
    assert len(community_names(rows)) >= 100
    assert len(community_names(held)) >= 25
    for labelled in (rows, held):
        assert sum(row["set"] == "clean" for row in labelled) >= 10
        kinds = {expected["kind"] for row in labelled for expected in row["expected"]}
        assert kinds == set(MINIMUM_RECALL)
    # Held out means never seen while tuning.
    assert not {row["text"] for row in rows} & {row["text"] for row in held}


@pytest.mark.parametrize("kind", sorted(MINIMUM_RECALL))
def test_recall_per_kind_on_the_tuning_sentences(tuned, kind):
    found, expected = tuned["recall"][kind]
    missed = [(text, sentence) for k, text, sentence in tuned["missed"] if k == kind]
    assert found / expected >= MINIMUM_RECALL[kind], missed


@pytest.mark.parametrize("kind", sorted(MINIMUM_RECALL))
def test_recall_per_kind_on_the_held_out_sentences(held_out, kind):
    found, expected = held_out["recall"][kind]
    missed = [(text, sentence) for k, text, sentence in held_out["missed"] if k == kind]
    assert found / expected >= MINIMUM_RECALL[kind], missed


@pytest.mark.parametrize("figures", ["tuned", "held_out"])
def test_at_most_one_false_alarm_per_ten_clean_sentences(request, figures):
    result = request.getfixturevalue(figures)
    assert result["clean_sentences"] >= 10
    assert result["false_alarms"] <= result["clean_sentences"] / 10, result["alarms"]
