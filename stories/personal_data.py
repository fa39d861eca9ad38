"""Personal data in a text meant for the public: email addresses and UK phone numbers.

A minimal stand-in with the shared interface (find_personal_data, redact, describe);
the fuller detector replaces it.
"""

import re
from typing import NamedTuple

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
UK_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d(?:[\s-]?\d){8,9}\)?(?!\d)")

KINDS = (("email", "an email address", EMAIL), ("phone", "a phone number", UK_PHONE))


class Finding(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


def find_personal_data(text, *, story=None):
    """Each piece of personal data found in text, in order of where it starts."""
    found = []
    for kind, _label, pattern in KINDS:
        found.extend(Finding(kind, m.start(), m.end(), m.group()) for m in pattern.finditer(text))
    return sorted(found, key=lambda finding: finding.start)


def redact(text, findings=None):
    """text with each finding replaced by [removed]."""
    findings = find_personal_data(text) if findings is None else findings
    for finding in sorted(findings, key=lambda finding: finding.start, reverse=True):
        text = text[: finding.start] + "[removed]" + text[finding.end :]
    return text


def describe(findings):
    """One sentence naming what was found, for a person to act on."""
    labels = {kind: label for kind, label, _pattern in KINDS}
    parts = [f"{labels.get(f.kind, f.kind)} ({f.text})" for f in findings]
    return "It looks like personal data: " + "; ".join(parts) + "." if parts else ""
