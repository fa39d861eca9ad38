"""What managers do to a change: start it, add evidence, post an update, move it.

The admin and the demo data call these; each writes the change, logs it as a ChangeEvent
and, when the public can read the change, says so once (infostory.public.public_changed).
Moves go through Change.transition_to; what follows a move (the storytellers told, the
public version) is Change.after_transition, run after the commit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from changes.models import Change, ChangeEvent, ChangeEvidence, ChangeUpdate
from infostory.public import public_changed
from stories.models import Story
from stories.publishing import check_public_text, find_in_texts, summary_for_log


def unique_slug(title, *, exclude=None):
    base = slugify(title)[:180] or "change"
    slug, n = base, 2
    taken = Change.objects.exclude(pk=exclude)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def start_change(
    *,
    actor,
    title,
    summary,
    level,
    owner,
    barriers,
    themes=(),
    local_areas=(),
    case_studies=(),
    stories=(),
    slug="",
    note="",
):
    """A new, proposed change (staff only until it is asked for), with its evidence."""
    with transaction.atomic():
        change = Change(
            title=title,
            slug=slug or unique_slug(title),
            summary=summary,
            level=level,
            owner=owner,
        )
        change.full_clean(exclude=["barriers"])
        change.save()
        change.barriers.set(barriers)
        change.themes.set(themes)
        change.local_areas.set(local_areas)
        change.case_studies.set(case_studies)
        change.log(ChangeEvent.Action.CREATED, actor=actor, note=note)
        if stories:
            add_evidence(change, stories, actor=actor)
    return change


def add_evidence(change, stories, *, actor, note=""):
    """Add stories as evidence (accepted or published ones; others are refused).

    Returns the references added; a story already held is skipped.
    """
    stories = list(stories)
    refused = [s.reference for s in stories if s.status not in Story.EVIDENCE_STATUSES]
    if refused:
        raise ValidationError(
            f"Only accepted or published stories are evidence: {', '.join(refused)} "
            "cannot be added."
        )
    with transaction.atomic():
        held = set(ChangeEvidence.objects.filter(change=change).values_list("story_id", flat=True))
        new = [story for story in stories if story.pk not in held]
        ChangeEvidence.objects.bulk_create(
            [ChangeEvidence(change=change, story=story, note=note) for story in new]
        )
        if new:
            references = [story.reference for story in new]
            change.log(
                ChangeEvent.Action.EVIDENCE,
                actor=actor,
                note=", ".join(references),
                data={"stories": references},
            )
            if change.is_public:
                public_changed(reason="change evidence")
    return [story.reference for story in new]


def check_update_text(change, text, *, reason=""):
    """An update of a public change passes the personal-data guard; returns the log data."""
    if not change.is_public:
        return {}
    found = check_public_text([("update", text)], stories=change.evidence_stories(), reason=reason)
    if found:
        return {
            "personal_data_reason": reason.strip(),
            "personal_data_found": summary_for_log(found),
        }
    return {}


def post_update(change, *, text, actor, date=None, personal_data_reason=""):
    """A dated update: on the public page's timeline at once if the change is public."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write what happened."})
    data = check_update_text(change, text, reason=personal_data_reason)
    with transaction.atomic():
        update = ChangeUpdate.objects.create(
            change=change, date=date or timezone.localdate(), text=text, created_by=actor
        )
        record_progress(change, update.date)
        change.log(ChangeEvent.Action.UPDATED, actor=actor, note=text[:200], data=data)
        if change.is_public:
            public_changed(reason="change updated")
    return update


def record_progress(change, day):
    """The change had news on day: what "needs an update" reads (the later day wins)."""
    Change.objects.filter(pk=change.pk, last_progress_on__lt=day).update(
        last_progress_on=day, updated_at=timezone.now()
    )
    change.last_progress_on = max(change.last_progress_on, day)


def check_edit(change, changed, *, reason=""):
    """An edit of a public change's texts passes the guard; what was already public is not
    refused again. changed: [(where, text)]. Returns the findings new to this edit."""
    if not changed or not change.is_public:
        return []
    stories = change.evidence_stories()
    saved = Change.objects.get(pk=change.pk)
    before = find_in_texts(saved.public_texts(), stories=stories)
    return check_public_text(changed, stories=stories, reason=reason, allowed=before)


def move(change, to, *, actor, note="", personal_data_reason=""):
    """Move a change (Change.transition_to), or raise ValidationError saying why not."""
    change.transition_to(
        Change.Status(to), actor=actor, note=note, personal_data_reason=personal_data_reason
    )


def story_evidence_changed(sender, *, story, **kwargs):
    """A story entered or left the evidence statuses (stories.signals): the public pages of
    each public change it is evidence for count the stories held, so they change at once."""
    if ChangeEvidence.objects.filter(
        story=story, change__status__in=Change.PUBLIC_STATUSES
    ).exists():
        public_changed(reason=f"story {story.pk}, evidence for a public change, moved")
