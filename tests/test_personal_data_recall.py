"""How much of the labelled set's personal data the finder finds, and how often it is wrong.

tests/data/personal_data_labelled.jsonl: sentences in the campaign's register with the
personal data a careful reader would mark (kind and exact words), and sentences dense with
councils, trusts, programmes, places, Acts and roles that hold none. The sentences marked
"held_out" were written after the finder was tuned, and never tuned on.
"""

import pytest

from stories.personal_data import find_personal_data
from tests.personal_data_scoring import MEASURED, format_figures, load_labelled, score

MINIMUM_RECALL = {
    "email": 0.95,
    "phone": 0.95,
    "nhs_number": 0.95,
    "ni_number": 0.95,
    "postcode": 0.95,
    "person_name": 0.80,
    "date_of_birth": 0.75,
    "address": 0.75,
}


def ours(text):
    return [(finding.kind, finding.text) for finding in find_personal_data(text)]


@pytest.fixture(scope="module")
def result():
    measured = score(ours)
    MEASURED.append(format_figures(measured, "all sentences"))
    held_out = [row for row in load_labelled() if row.get("held_out")]
    MEASURED.append(format_figures(score(ours, rows=held_out), "held-out sentences only"))
    return measured


def test_labelled_set_is_big_enough_and_covers_every_kind():
    rows = load_labelled()
    personal = [row for row in rows if row["set"] == "personal"]
    clean = [row for row in rows if row["set"] == "clean"]
    assert len(personal) >= 150
    assert len(clean) >= 100
    kinds = {expected["kind"] for row in personal for expected in row["expected"]}
    assert kinds == set(MINIMUM_RECALL)


@pytest.mark.parametrize("kind", sorted(MINIMUM_RECALL))
def test_recall_per_kind(result, kind):
    found, expected = result["recall"][kind]
    missed = [(text, sentence) for k, text, sentence in result["missed"] if k == kind]
    assert found / expected >= MINIMUM_RECALL[kind], missed


def test_at_most_one_false_alarm_per_ten_clean_sentences(result):
    assert result["false_alarms"] <= result["clean_sentences"] / 10, result["alarms"]
