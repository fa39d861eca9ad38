"""Score a personal-data finder against the labelled sentences in tests/data/.

personal_data_labelled.jsonl is the set the finder was tuned on; personal_data_held_out.jsonl
was written after tuning and is never tuned on (a sentence seen missing there is added to
the tuning set in other words, never fixed in place). Rows marked "community" name people
of the UK's communities (Welsh, Scottish, Irish, South Asian, Polish, West African,
Somali, Chinese ...).

Plain Python, no Django: bench/compare_presidio.py scores Presidio with it too.
A labelled finding is found when the finder returns the same kind with the same text.
"""

import json
from pathlib import Path

LABELLED = Path(__file__).parent / "data" / "personal_data_labelled.jsonl"
HELD_OUT = Path(__file__).parent / "data" / "personal_data_held_out.jsonl"
KINDS = [
    "email",
    "phone",
    "nhs_number",
    "ni_number",
    "postcode",
    "date_of_birth",
    "address",
    "person_name",
]


def load_labelled(path=LABELLED):
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score(find, kinds=KINDS, rows=None):
    """Recall per kind over the personal sentences, false alarms over the clean ones.

    `find(text)` returns (kind, text) pairs. Returns {"recall": {kind: (found, expected)},
    "false_alarms": n, "clean_sentences": n, "missed": [(kind, text, sentence)],
    "alarms": [(kind, text, sentence)]}.
    """
    recall = {kind: [0, 0] for kind in kinds}
    missed, alarms, clean = [], [], 0
    for row in load_labelled() if rows is None else rows:
        found = list(find(row["text"]))
        if row["set"] == "clean":
            clean += 1
            alarms.extend((kind, text, row["text"]) for kind, text in found)
            continue
        for expected in row["expected"]:
            if expected["kind"] not in recall:
                continue
            recall[expected["kind"]][1] += 1
            if (expected["kind"], expected["text"]) in found:
                recall[expected["kind"]][0] += 1
            else:
                missed.append((expected["kind"], expected["text"], row["text"]))
    return {
        "recall": {kind: tuple(counts) for kind, counts in recall.items()},
        "false_alarms": len(alarms),
        "clean_sentences": clean,
        "missed": missed,
        "alarms": alarms,
    }


def format_figures(result, label):
    parts = [
        f"{kind} {found}/{total} ({100 * found / total:.0f}%)"
        for kind, (found, total) in result["recall"].items()
        if total
    ]
    return (
        f"{label}: recall " + ", ".join(parts) + f"; false alarms {result['false_alarms']} "
        f"in {result['clean_sentences']} clean sentences"
    )


# Lines that tests/test_personal_data_recall.py measured, printed at the end of the run
# (tests/conftest.py).
MEASURED = []
