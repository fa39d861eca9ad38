"""The change tracker: what the Centre asks for, of whom, on which stories' evidence.

A Change is one thing that would remove a barrier people reported, at local or national
level, with an owner who can make it. Its status moves only through
Change.transition_to (the shared workflow, infostory.workflow): proposed -> asked ->
in_progress -> made, asked or in_progress -> not_made, not_made -> asked. Every move is
a ChangeEvent (append-only, in the database too). `proposed` is for staff only; the
others are public, so every move into them, and every edit or update of a public
change, passes the personal-data guard (stories.publishing.check_public_text) over the
change's public texts, with the evidence stories so their own storytellers are found;
a manager's reason publishes anyway and is logged.

ChangeEvidence ties a change to the stories that show the barrier. Who reads which is
ChangeEvidenceQuerySet.shown_to(user): published stories for everyone, accepted ones too
for Centre staff; held_count() is how many stories are held as evidence at all, so a
page can say how many more there are, never which.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudy
from changes.emails import tell_storytellers
from infostory.fields import staff_member
from infostory.workflow import AbstractEvent, WorkflowModel, event_actions, status_field
from stories.models import Barrier, LocalArea, PolicyTheme, Story, StoryQuerySet
from stories.permissions import can_read_evidence
from stories.publishing import check_public_text, find_in_texts, summary_for_log

# A change still being worked for with no news for this long "needs an update".
NEEDS_UPDATE_DAYS = 90


class ChangeQuerySet(models.QuerySet):
    def public(self):
        """What anyone may read: every change but the proposed ones."""
        return self.exclude(status=Change.Status.PROPOSED)

    def made(self):
        return self.filter(status=Change.Status.MADE)

    def visible_to(self, user):
        """Public ones for everyone; proposed ones too for Centre staff and managers."""
        if can_read_evidence(user):
            return self.all()
        return self.public()

    def needing_update(self, today=None):
        """Asked or in progress, and no news (update, move, start) for NEEDS_UPDATE_DAYS."""
        today = today or timezone.localdate()
        return self.filter(
            status__in=Change.OPEN_STATUSES,
            last_progress_on__lt=today - datetime.timedelta(days=NEEDS_UPDATE_DAYS),
        )

    def with_evidence_counts(self):
        """held: the stories held as evidence (accepted or published); public: published."""
        held = StoryQuerySet.evidence_condition(through="evidence__story__")
        public = StoryQuerySet.published_condition(through="evidence__story__")
        return self.annotate(
            held_count=Count("evidence", filter=held, distinct=True),
            public_count=Count("evidence", filter=public, distinct=True),
        )


class Change(WorkflowModel):
    """One thing the Centre is working for, locally or nationally, that would remove a
    barrier people reported, with the stories that show why."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ASKED = "asked", "Asked for"
        IN_PROGRESS = "in_progress", "In progress"
        MADE = "made", "Made"
        NOT_MADE = "not_made", "Not made"

    class Level(models.TextChoices):
        LOCAL = "local", "Local"
        NATIONAL = "national", "National"

    TRANSITIONS = {
        Status.PROPOSED: {Status.ASKED},
        Status.ASKED: {Status.IN_PROGRESS, Status.NOT_MADE},
        Status.IN_PROGRESS: {Status.MADE, Status.NOT_MADE},
        Status.NOT_MADE: {Status.ASKED},
    }
    EVENT_MODEL = "changes.ChangeEvent"
    EVENT_SUBJECT = "change"
    MOVE_FIELDS = ("asked_at", "made_at", "last_progress_on")
    PUBLIC_STATUSES = (Status.ASKED, Status.IN_PROGRESS, Status.MADE, Status.NOT_MADE)
    OPEN_STATUSES = (Status.ASKED, Status.IN_PROGRESS)
    # The words on the public page, each checked by the personal-data guard.
    TEXT_FIELDS = ("title", "summary", "owner", "what_changed")

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The end of its address: /changes/<slug>/."
    )
    summary = models.TextField(help_text="What should change, in plain words.")
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    owner = models.CharField(
        max_length=200,
        help_text="Who can make it: an organisation's name, e.g. a council or a government "
        "department.",
    )
    barriers = models.ManyToManyField(Barrier, related_name="changes")
    themes = models.ManyToManyField(PolicyTheme, blank=True, related_name="changes")
    local_areas = models.ManyToManyField(LocalArea, blank=True, related_name="changes")
    case_studies = models.ManyToManyField(CaseStudy, blank=True, related_name="changes")
    status = status_field(Status, db_index=True)
    what_changed = models.TextField(
        "What changed", blank=True, help_text="Needed before it can be marked as made."
    )
    asked_at = models.DateTimeField(null=True, blank=True, editable=False)
    made_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The day of its latest news (started, moved, an update): what "needs an update" reads.
    last_progress_on = models.DateField(default=timezone.localdate, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-made_at"], name="change_status_made"),
            models.Index(fields=["status", "last_progress_on"], name="change_status_progress"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("changes:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def needs_update(self):
        limit = timezone.localdate() - datetime.timedelta(days=NEEDS_UPDATE_DAYS)
        return self.status in self.OPEN_STATUSES and self.last_progress_on < limit

    # --- the texts the public reads, and the guard over them ---

    def evidence_stories(self):
        """Every story held as evidence: the guard finds each one's storyteller."""
        return list(Story.objects.filter(change_evidence__change=self).distinct())

    def own_texts(self):
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in self.TEXT_FIELDS
        ]

    def public_texts(self):
        """(where, text) for every text of the change the public would read."""
        texts = self.own_texts()
        for update in ChangeUpdate.objects.filter(change=self):
            texts.append((f"update of {update.date:%-d %B %Y}", update.text))
        return [(where, text) for where, text in texts if text]

    def personal_data_findings(self):
        return find_in_texts(self.public_texts(), stories=self.evidence_stories())

    # --- the workflow ---

    def transition_problems(self, new_status):
        problems = super().transition_problems(new_status)
        if problems:
            return problems
        if new_status in self.PUBLIC_STATUSES:
            if not self.barriers.exists():
                problems.append("Choose at least one barrier it would remove.")
            if self.level == self.Level.LOCAL and not self.local_areas.exists():
                problems.append("Choose at least one local area for a local change.")
        if new_status == self.Status.MADE and not self.what_changed.strip():
            problems.append("Say what changed before marking it as made.")
        return problems

    def before_transition(self, from_status, to_status, options):
        """The guard over the public texts, and the dates of the move."""
        data = {}
        reason = options.get("personal_data_reason", "")
        if to_status in self.PUBLIC_STATUSES:
            found = check_public_text(
                self.public_texts(), stories=self.evidence_stories(), reason=reason
            )
            if found:
                data = {
                    "personal_data_reason": reason.strip(),
                    "personal_data_found": summary_for_log(found),
                }
        now = timezone.now()
        self.last_progress_on = timezone.localdate(now)
        if to_status == self.Status.ASKED:
            self.asked_at = now
        if to_status == self.Status.MADE:
            self.made_at = now
        return data

    def after_transition(self, from_status, to_status, *, actor, note):
        """After the commit: the storytellers told when it is made. (The move itself says
        the public version changed: PUBLIC_STATUSES.)"""
        if to_status == self.Status.MADE:
            tell_storytellers(self, actor=actor)


class ChangeUpdate(models.Model):
    """Dated progress, shown on the public page's timeline."""

    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=timezone.localdate)
    text = models.TextField(help_text="What happened, in plain words. The public reads it.")
    created_by = staff_member("change_updates", editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date:%-d %B %Y}: {self.text[:60]}"


class ChangeEvidenceQuerySet(models.QuerySet):
    def held(self):
        """Evidence the Centre holds: stories accepted or published (not spam)."""
        return self.filter(story__in=Story.objects.evidence().values("pk"))

    def shown_to(self, user):
        """Which evidence this reader may see: published stories for everyone, accepted
        ones too for Centre staff (stories.permissions.can_read_evidence)."""
        if can_read_evidence(user):
            return self.held()
        return self.filter(story__in=Story.objects.published().values("pk"))


class ChangeEvidence(models.Model):
    """A story that shows the barrier a change would remove."""

    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="evidence")
    # Erasing a story takes it out of the evidence; the change stays.
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="change_evidence")
    note = models.CharField(
        max_length=300, blank=True, help_text="For staff: why this story shows the barrier."
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ChangeEvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = "evidence"
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(fields=["change", "story"], name="changeevidence_once")
        ]

    def __str__(self):
        return self.story.reference

    def clean(self):
        if self.story_id and self.story.status not in Story.EVIDENCE_STATUSES:
            raise ValidationError(
                {
                    "story": f"{self.story.reference} is {self.story.get_status_display().lower()}"
                    ": only accepted or published stories are evidence."
                }
            )


class ChangeEvent(AbstractEvent):
    """Append-only log: who started, edited, updated or moved a change."""

    Action = event_actions(
        CREATED=("created", "Started"),
        UPDATED=("updated", "Update posted"),
        EVIDENCE=("evidence", "Evidence added"),
    )

    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="events")

    def __str__(self):
        return f"{self.change_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"
