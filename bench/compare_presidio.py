"""Presidio's pattern recognizers against stories/personal_data.py, on the labelled set.

Documents how the README's comparison figures were made; no test imports it. Presidio is
installed in a throwaway virtualenv, never in the project's requirements:

    python3 -m venv /tmp/presidio-venv
    /tmp/presidio-venv/bin/pip install presidio-analyzer
    /tmp/presidio-venv/bin/python bench/compare_presidio.py

Each recognizer's analyze(text, entities, nlp_artifacts=None) is called directly: the
AnalyzerEngine wants a spaCy model, and there is none here. Presidio has no recognizer for
addresses and finds names only with that model (PERSON is NER), so those rows are empty;
its dates are any date, not dates of birth. Our own figures come from the project's
virtualenv (.venv), run as a child process.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scan_speed import sample_story  # noqa: E402
from tests.personal_data_scoring import KINDS, format_figures, load_labelled, score  # noqa: E402

ENTITY_KINDS = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "UK_NHS": "nhs_number",
    "UK_NINO": "ni_number",
    "UK_POSTCODE": "postcode",
    "DATE_TIME": "date_of_birth",
}


def presidio_recognizers(phone_leniency=1):
    from presidio_analyzer.predefined_recognizers import (
        DateRecognizer,
        EmailRecognizer,
        NhsRecognizer,
        PhoneRecognizer,
        UkNinoRecognizer,
        UkPostcodeRecognizer,
    )

    return [
        EmailRecognizer(),
        PhoneRecognizer(supported_regions=("GB", "US", "IE"), leniency=phone_leniency),
        NhsRecognizer(),
        UkNinoRecognizer(),
        UkPostcodeRecognizer(),
        DateRecognizer(),
    ]


def presidio_finder(recognizers):
    def find(text):
        findings = set()
        for recognizer in recognizers:
            for result in recognizer.analyze(text, recognizer.supported_entities, None):
                if result.score > 0 and result.entity_type in ENTITY_KINDS:
                    kind = ENTITY_KINDS[result.entity_type]
                    findings.add((kind, text[result.start : result.end]))
        return sorted(findings)

    return find


def timed(find, story, runs=50):
    find(story)
    cpu = []
    for _ in range(runs):
        started = time.process_time()
        find(story)
        cpu.append((time.process_time() - started) * 1000)
    return round(statistics.median(cpu), 2)


def site_packages_size():
    import presidio_analyzer

    site = Path(presidio_analyzer.__file__).parent.parent
    size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    return f"{size / 1_000_000:.0f} MB"


OURS = """
import json, sys
sys.path.insert(0, {root!r})
from bench.scan_speed import measure
from stories.personal_data import find_personal_data
from tests.personal_data_scoring import format_figures, score
result = score(lambda text: [(f.kind, f.text) for f in find_personal_data(text)])
print(json.dumps({{"figures": format_figures(result, "ours"), "speed": measure(runs=50)}}))
"""


def main():
    story = sample_story()
    rows = load_labelled()
    personal = sum(row["set"] == "personal" for row in rows)
    clean = sum(row["set"] == "clean" for row in rows)
    print(f"labelled set: {personal} sentences with personal data, {clean} without")
    for leniency in (1, 0):
        find = presidio_finder(presidio_recognizers(phone_leniency=leniency))
        result = score(find, KINDS)
        label = f"presidio (phone leniency {leniency})"
        print(format_figures(result, label))
        print(f"  false alarms: {sorted(set(result['alarms']))[:12]}")
        print(f"  CPU ms for a 5,000-character story: {timed(find, story)}")
    print(f"presidio-analyzer site-packages: {site_packages_size()} (spaCy, no model)")
    python = ROOT / ".venv" / "bin" / "python"
    if python.exists():
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        ours = subprocess.run(  # noqa: S603 (this repository's own interpreter and code)
            [str(python), "-c", OURS.format(root=str(ROOT))],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        data = json.loads(ours.stdout.strip().splitlines()[-1])
        print(data["figures"])
        print(f"  CPU ms for a 5,000-character story: {data['speed']['ms_median']}")


if __name__ == "__main__":
    main()
