"""The personal-data guard: nothing that could identify a person is published unchecked.

check_public_text() is the one check every publication passes: a story's public version
(Story.transition_to to published, and any edit of a published story's public version)
and, through the same function, anything else the site publishes. It looks for personal
data with stories.personal_data.find_personal_data and refuses, naming each finding,
unless the engagement manager gives a reason to publish anyway; the caller logs that
reason.

What the finder finds anywhere in a story (its original words, the additions its
storyteller made later, their answers to a manager's messages, its submitter's own
details) is sought in every public text made from it, in any form (story_identifiers,
personal_data.find_known): a name found once in the original is refused in the public
title as a first name alone, a possessive or in lower case. Case studies pass the
stories they quote (stories=...), and so does anything else made from stories, such as
a change with its evidence:
    check_public_text(texts, stories=evidence_stories, reason=...)
"""

import re
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects

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


YEAR = re.compile(r"[0-9]{4}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2}")
# The person's words read as one text (a paragraph break between answers and additions).
SEPARATOR = "\n\n"


def submitted_texts(story):
    """[(field, text)] of everything the person wrote: their answers to the form, each
    addition, then each of their answers to a manager's messages.

    An addition's field is "addition <n>" and an answer's "answer <n>" (1 for the first);
    they are read through story.addenda.all() and story.messages.all(), so a prefetch
    serves them. A name given only in an answer is sought in the public texts too.
    """
    texts = [(field, getattr(story, field) or "") for field in story.WORDS_FIELDS]
    if story.pk:
        texts.extend(
            (f"addition {number}", addendum.text or "")
            for number, addendum in enumerate(story.addenda.all(), start=1)
        )
        answers = [
            message
            for message in story.messages.all()
            if message.direction == message.Direction.FROM_STORYTELLER
        ]
        texts.extend(
            (f"answer {number}", message.text or "")
            for number, message in enumerate(answers, start=1)
        )
    return texts


def found_in_story(story):
    """{field: [finding, ...]} over all the person wrote, their submitter details included.

    The texts are read as one, so a name given in full in one answer is found again where
    the person uses it alone in another or in an addition; each finding is then given back
    to its field with offsets into that field's text.
    """
    texts = submitted_texts(story)
    joined = SEPARATOR.join(text for _field, text in texts)
    found = personal_data.find_personal_data(joined, story=story)
    by_field, start = {}, 0
    for field, text in texts:
        end = start + len(text)
        by_field[field] = [
            replace(item, start=item.start - start, end=item.end - start)
            for item in found
            if start <= item.start and item.end <= end
        ]
        start = end + len(SEPARATOR)
    return by_field


def story_identifiers(*stories):
    """personal_data.KnownIdentifiers of what was found anywhere in these stories.

    Their original words, additions and answers to messages (found_in_story) and each
    submitter's name, email and organisation, so that any text made from them can be
    searched for the same.
    """
    stories = [story for story in stories if story is not None]
    saved = [story for story in stories if story.pk]
    if len(saved) > 1:
        # A case study's quoted stories, a change's evidence: their additions in one query,
        # their messages in another.
        prefetch_related_objects(saved, "addenda", "messages")
    found, names = [], []
    for story in stories:
        for findings in found_in_story(story).values():
            for item in findings:
                if item.kind == "date_of_birth" and not YEAR.search(item.text):
                    continue  # "aged 7" says who only beside the name, which is sought
                (names if item.kind in personal_data.NAME_KINDS else found).append(
                    (item.kind, item.text)
                )
        names.append(("submitter", story.name))
        found.extend(("submitter", value) for value in (story.email, story.organisation))
    return personal_data.known_identifiers(found, names=names)


def find_in_texts(texts, *, story=None, stories=()):
    """Every finding in texts ({field: text} or [(field, text)]), field by field, in order.

    story: the story the texts are made from, so its submitter is found and so is
    whatever was found anywhere in it (story_identifiers); stories: several stories the
    texts are made from (a case study's quoted stories, a change's evidence).
    """
    items = texts.items() if hasattr(texts, "items") else texts
    stories = [story] if story is not None else [one for one in stories if one is not None]
    known = story_identifiers(*stories) if stories else None
    found = []
    for field, text in items:
        if not text:
            continue
        label = PUBLIC_FIELD_LABELS.get(field, str(field).replace("_", " "))
        found.extend(
            PublicFinding(field, label, finding) for finding in _find(text, stories, known)
        )
    return found


def _find(text, stories, known=None):
    """The finder's findings in text, each story's submitter's and the known identifiers."""
    findings = []
    for one in stories or [None]:
        findings.extend(personal_data.find_personal_data(text, story=one))
    if known:
        findings.extend(personal_data.find_known(text, known))
    # The same choice between overlapping findings as one pass makes (the longer, then
    # the more specific), so each is found once.
    return personal_data.without_overlaps(text, set(findings))


def redact_for_story(text, story):
    """text with what the finder finds in it, or anywhere in the story, replaced by its kind."""
    return personal_data.redact(text, _find(text, [story], story_identifiers(story)))


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
