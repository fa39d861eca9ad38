"""The personal-data guard: nothing that could identify a person is published unchecked.

check_public_text() is the one check every publication passes: a story's public version
(Story.transition_to to published, and any edit of a published story's public version)
and, through the same function, anything else the site publishes. It looks for personal
data with stories.personal_data.find_personal_data and refuses, naming each finding,
unless the engagement manager gives a reason to publish anyway; the caller logs that
reason.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from stories import personal_data

# The guard reads texts and the story they come from; it never imports stories.models,
# which calls it (Story.save, Story.before_transition): a story's field lists are read
# from the story itself (story.PUBLIC_FIELDS).
PUBLIC_FIELD_LABELS = {
    "public_title": "public title",
    "public_summary": "public summary",
    "public_body": "public version of the story",
}


@dataclass(frozen=True)
class PublicFinding:
    """One piece of personal data found in one of the texts about to be published."""

    field: str
    label: str  # the text's name as a manager reads it: "public title"
    finding: object  # a stories.personal_data finding (kind, start, end, text)

    @property
    def kind(self):
        return self.finding.kind

    @property
    def kind_label(self):
        return personal_data.KIND_LABELS.get(self.kind, f"[{self.kind}]")

    @property
    def text(self):
        return self.finding.text

    def sentence(self):
        return f"{self.label}: “{self.text}” looks like {kind_words(self.kind)}."


def kind_words(kind):
    """'[phone number]' -> 'a phone number', for sentences."""
    words = personal_data.KIND_LABELS.get(kind, kind).strip("[]").replace("_", " ")
    article = "an" if words[:1].lower() in "aeiou" else "a"
    return f"{article} {words}"


def find_in_texts(texts, *, story=None, stories=()):
    """Every finding in texts ({field: text} or [(field, text)]), field by field, in order.

    stories: several stories the texts quote (a case study), so each one's submitter is
    found as if the text came from it; story is the one-story case.
    """
    items = texts.items() if hasattr(texts, "items") else texts
    stories = [story] if story is not None else list(stories)
    found = []
    for field, text in items:
        if not text:
            continue
        label = PUBLIC_FIELD_LABELS.get(field, str(field).replace("_", " "))
        found.extend(PublicFinding(field, label, finding) for finding in _find(text, stories))
    return found


def _find(text, stories):
    if len(stories) <= 1:
        return personal_data.find_personal_data(text, story=stories[0] if stories else None)
    # One pass per story, then the same choice between overlapping findings as one pass
    # makes (the longer, then the more specific), so each submitter is found once.
    candidates = {
        (finding.start, finding.end, finding.kind)
        for one in stories
        for finding in personal_data.find_personal_data(text, story=one)
    }
    return personal_data._without_overlaps(str(text), list(candidates))


def check_public_text(texts, *, story=None, stories=(), reason="", allowed=()):
    """Refuse to publish texts holding personal data, unless there is a reason.

    texts: {field name: text} (or pairs). story: the story they come from, so its own
    submitter's name, email and organisation are found too (stories: several).
    reason: the manager's reason to publish anyway; when it is non-empty nothing is
    refused. allowed: findings already accepted with a reason earlier (PublicFinding or
    (kind, text) pairs), not refused again.

    Returns the findings (empty when the texts are clean); raises ValidationError with one
    message per finding when any is left and no reason was given.
    """
    found = find_in_texts(texts, story=story, stories=stories)
    if reason.strip():
        return found
    accepted = {_key(item) for item in allowed}
    refused = [item for item in found if _key(item) not in accepted]
    if refused:
        raise ValidationError(
            [
                "This could identify a person, so it cannot be published as it is. "
                "Replace it, or give a reason to publish anyway."
            ]
            + [item.sentence() for item in refused],
            code="personal_data",
        )
    return found


def _key(item):
    if isinstance(item, PublicFinding):
        return (item.kind, item.text.casefold())
    kind, text = item
    return (kind, text.casefold())


def public_texts(story):
    """{field: text} of the story's public version."""
    return {field: getattr(story, field) for field in story.PUBLIC_FIELDS}


def summary_for_log(found):
    """What the log keeps of findings published with a reason: kinds and counts, not the words.

    The log outlives the story's text (erasure clears the text, not the log), so it never
    copies the personal data itself.
    """
    counts = {}
    for item in found:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts


def counts_sentence(counts):
    """{'person_name': 2, 'phone': 1} -> '2 × [name], 1 × [phone number]'."""
    return ", ".join(
        f"{count} × {personal_data.KIND_LABELS.get(kind, kind)}" for kind, count in counts.items()
    )
