"""Case studies: the Centre's in-depth account of a place or a theme, built from stories.

A CaseStudy looks at what happened through the Barrier lenses (a CaseStudySection per
lens: leadership, capacity and culture always; legal and technology when they matter)
and quotes the people who told the stories (CaseStudyQuote, an exact excerpt of a
published story's public version). Its status changes only through
CaseStudy.transition_to, which checks the move, runs the personal-data guard before
publication and writes a CaseStudyEvent in the same transaction.

What the public sees of the quotes is always CaseStudyQuote.objects.visible(): the
quotes whose story is published now and whose words are still an exact excerpt of its
public version. A story that leaves the public site, or whose public version is edited
so a quote no longer matches, takes those quotes with it at once, everywhere, and the
case study is marked as needing review.

While a case study is published, an edit of any of its public texts passes the same
personal-data guard (stories.publishing.check_public_text): what was already public is
not refused again, anything new needs personal_data_reason.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from casestudies.emails import tell_quoted_submitters
from infostory.workflow import (
    AbstractEvent,
    WorkflowModel,
    event_actions,
    event_fields,
    status_field,
)
from stories.models import Barrier, LocalArea, PolicyTheme, Story
from stories.permissions import has_permission
from stories.publishing import check_public_text, find_in_texts, summary_for_log

READ_PERMISSION = "casestudies.view_casestudy"
# Every case study looks through these lenses; the others are written when they matter.
REQUIRED_LENSES = (Barrier.Lens.LEADERSHIP, Barrier.Lens.CAPACITY, Barrier.Lens.CULTURE)
STORY_TEXT_FIELDS = Story.PUBLIC_FIELDS  # what a quote may be an excerpt of

_SPACES = re.compile(r"\s+")


def _squeezed(text):
    """Text with every run of spaces and line breaks as one space.

    A quote copied from a page loses the story's line breaks; the words must still match.
    """
    return _SPACES.sub(" ", text or "").strip()


def is_excerpt(quote, story):
    """Whether quote is an exact excerpt of the story's public title, summary or body
    (story: a Story, or a {field: text} of those three)."""
    words = _squeezed(quote)
    return bool(words) and any(
        words in _squeezed(story[name] if isinstance(story, dict) else getattr(story, name))
        for name in STORY_TEXT_FIELDS
    )


def _check_published_edit(case_study, changed, *, reason=""):
    """An edit of a published case study's public texts passes the personal-data guard.

    changed: [(where, text)] the texts the edit writes. The findings already in the
    case study as saved are allowed; anything new is refused unless reason is given.
    Returns the findings in the changed texts.
    """
    if not changed:
        return []
    stories = case_study.quoted_stories()
    before = find_in_texts(case_study.saved_public_texts(), stories=stories)
    return check_public_text(changed, stories=stories, reason=reason, allowed=before)


def _is_published(case_study_id):
    return CaseStudy.objects.filter(pk=case_study_id, status=CaseStudy.Status.PUBLISHED).exists()


class CaseStudyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CaseStudy.Status.PUBLISHED)

    def needing_review(self):
        return self.filter(needs_review=True)

    def visible_to(self, user):
        """Published ones for everyone; every status for Centre staff and managers."""
        if has_permission(user, READ_PERMISSION):
            return self.all()
        return self.published()


class CaseStudy(WorkflowModel):
    """The Centre's in-depth account of a place or a theme, through the lenses of
    leadership, capacity and culture, built from several stories and quoting them."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # The workflow (infostory.workflow.WorkflowModel).
    EVENT_MODEL = "casestudies.CaseStudyEvent"
    EVENT_SUBJECT = "case_study"
    MOVE_FIELDS = ("published_at", "needs_review")
    PUBLIC_STATUSES = (Status.PUBLISHED,)
    NEW_STATUS_WORDS = "a draft"
    TRANSITIONS = {
        Status.DRAFT: {Status.IN_REVIEW},
        Status.IN_REVIEW: {Status.PUBLISHED, Status.DRAFT},
        Status.PUBLISHED: {Status.WITHDRAWN},
        Status.WITHDRAWN: {Status.DRAFT},
    }
    # The words that go on the public page, each checked by the personal-data guard.
    TEXT_FIELDS = ("title", "summary", "what_changed", "local_actions", "national_asks")
    GUARDED_FIELDS = TEXT_FIELDS

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The end of its address: /case-studies/<slug>/."
    )
    summary = models.TextField(help_text="Two or three sentences: the place or theme, and why.")
    local_areas = models.ManyToManyField(LocalArea, blank=True, related_name="case_studies")
    themes = models.ManyToManyField(PolicyTheme, blank=True, related_name="case_studies")
    status = status_field(Status, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    what_changed = models.TextField("What changed", blank=True)
    local_actions = models.TextField(
        "Local actions", blank=True, help_text="What the places involved are doing next."
    )
    national_asks = models.TextField(
        "National asks", blank=True, help_text="What needs to change nationally."
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="case_studies"
    )
    needs_review = models.BooleanField(
        default=False,
        editable=False,
        help_text="A quoted story has left the public site since the authors last looked.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = "case studies"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="casestudy_status_published")
        ]

    def __str__(self):
        return self.title

    # A manager's reason to publish what the personal-data guard finds in an edit of a
    # published case study; set by the caller (the admin form) for one save.
    personal_data_reason = ""

    def save(self, *args, **kwargs):
        self._check_published_texts(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("casestudies:detail", kwargs={"slug": self.slug})

    @property
    def _public_values(self):
        """The texts as loaded or last saved (deferred ones read again)."""
        return self.loaded_values(self.TEXT_FIELDS)

    def _check_published_texts(self, update_fields):
        """While published, a changed text passes the guard (see _check_published_edit)."""
        if self._state.adding or self.__dict__.pop("_edit_checked", False):
            return
        touched = [
            name
            for name in self.TEXT_FIELDS
            if name in self.__dict__ and (update_fields is None or name in update_fields)
        ]
        if not touched:
            return
        loaded = self.loaded_values([*touched, "status"])
        if not (self.status == loaded.get("status") == self.Status.PUBLISHED):
            return
        changed = [name for name in touched if getattr(self, name) != loaded[name]]
        errors = {}
        for name in changed:
            try:
                _check_published_edit(
                    self,
                    [(self._meta.get_field(name).verbose_name, getattr(self, name))],
                    reason=self.personal_data_reason,
                )
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    # --- the state machine (infostory.workflow.WorkflowModel) ---

    def publication_problems(self):
        """What stops publication, besides personal data (an empty list if nothing)."""
        problems = []
        if not self.summary.strip():
            problems.append("Write a summary before publishing.")
        sections = {section.lens: section for section in self.sections.all()}
        for lens in REQUIRED_LENSES:
            section = sections.get(lens)
            if section is None or not (
                section.what_got_in_the_way.strip() or section.what_helped.strip()
            ):
                problems.append(f"Write the {lens.label.lower()} section before publishing.")
        for quote in self.quotes.select_related("story"):
            if quote.story.status != Story.Status.PUBLISHED:
                problems.append(
                    f"The quote from {quote.story.reference} cannot be published: the story "
                    "is no longer on the public site. Remove the quote."
                )
            elif not is_excerpt(quote.quote, quote.story):
                problems.append(
                    f"The quote from {quote.story.reference} is no longer an exact excerpt of "
                    "the story's public version (it has been edited). Copy it again."
                )
        return problems

    def public_texts(self):
        """(where, text) for every text of the case study the public would read."""
        return self._texts({name: getattr(self, name) for name in self.TEXT_FIELDS})

    def saved_public_texts(self):
        """public_texts() as they are in the database, before an edit is saved."""
        saved = getattr(self, "_public_values", None) or {}
        own = {name: saved.get(name, getattr(self, name)) for name in self.TEXT_FIELDS}
        return self._texts(own, fresh=True)

    def _texts(self, own, *, fresh=False):
        texts = [(self._meta.get_field(name).verbose_name, text) for name, text in own.items()]
        sections = (
            CaseStudySection.objects.filter(case_study=self) if fresh else self.sections.all()
        )
        for section in sections:
            texts.extend(section.public_texts())
        for quote in CaseStudyQuote.objects.filter(case_study=self).select_related("story"):
            texts.extend(quote.public_texts())
        return [(str(where), text) for where, text in texts if text]

    def quoted_stories(self):
        """The stories it quotes: the guard finds each one's own submitter in its texts."""
        return list(Story.objects.filter(case_study_quotes__case_study=self).distinct())

    def personal_data_findings(self):
        """What the personal-data guard finds in the texts (stories.publishing findings)."""
        return find_in_texts(self.public_texts(), stories=self.quoted_stories())

    def transition_to(self, new_status, *, actor, note="", personal_data_reason=""):
        """Move to new_status, or raise ValidationError saying why not.

        Publishing needs the summary, the three required lenses and quotes that are exact
        excerpts of published stories; any personal data found in the texts stops it
        unless personal_data_reason says why it may stay (the reason is logged).
        """
        super().transition_to(
            new_status, actor=actor, note=note, personal_data_reason=personal_data_reason
        )

    def transition_problems(self, new_status):
        problems = super().transition_problems(new_status)
        if not problems and self.Status(new_status) == self.Status.PUBLISHED:
            problems = self.publication_problems()
        return problems

    def before_transition(self, from_status, to_status, options):
        if to_status != self.Status.PUBLISHED:
            return {}
        # The one guard every publication passes; the log keeps kinds, not words.
        reason = options["personal_data_reason"]
        found = check_public_text(self.public_texts(), stories=self.quoted_stories(), reason=reason)
        self.published_at = timezone.now()
        self.needs_review = False
        if not found:
            return {}
        return {
            "personal_data_reason": reason.strip(),
            "personal_data_found": summary_for_log(found),
        }

    def after_move(self, from_status, to_status, *, actor, note):
        if to_status == self.Status.PUBLISHED:
            tell_quoted_submitters(self, actor=actor)

    def mark_reviewed(self, *, actor, note=""):
        """The authors have looked at the case study after a quoted story left the site."""
        with transaction.atomic():
            self.needs_review = False
            self.save(update_fields=["needs_review", "updated_at"])
            self.log(CaseStudyEvent.Action.REVIEWED, actor=actor, note=note)


class CaseStudySection(models.Model):
    """What the case study found through one lens."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="sections")
    lens = models.CharField(max_length=20, choices=Barrier.Lens.choices)
    barriers = models.ManyToManyField(
        Barrier, blank=True, related_name="case_study_sections", help_text="The barriers met."
    )
    what_got_in_the_way = models.TextField("What got in the way", blank=True)
    what_helped = models.TextField("What helped", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_study", "lens"], name="casestudysection_one_per_lens"
            )
        ]

    def __str__(self):
        return self.get_lens_display()

    TEXT_FIELDS = ("what_got_in_the_way", "what_helped")
    personal_data_reason = ""

    def save(self, *args, **kwargs):
        _check_published_part(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        self._public_values = {name: getattr(self, name) for name in self.TEXT_FIELDS}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._public_values = {
            name: getattr(instance, name) for name in cls.TEXT_FIELDS if name in instance.__dict__
        }
        return instance

    def public_texts(self):
        label = f"{self.get_lens_display()} section"
        return [(label, getattr(self, name)) for name in self.TEXT_FIELDS]


def _check_published_part(part, update_fields):
    """A section's or a quote's changed texts, on a published case study, pass the guard."""
    if part.__dict__.pop("_edit_checked", False) or not part.case_study_id:
        return
    saved = getattr(part, "_public_values", {})
    changed = [
        name
        for name in part.TEXT_FIELDS
        if getattr(part, name) != saved.get(name, "")
        and (update_fields is None or name in update_fields)
    ]
    if not changed or not _is_published(part.case_study_id):
        return
    errors = {}
    for name in changed:
        try:
            _check_published_edit(
                part.case_study,
                [(f"{part} ({part._meta.get_field(name).verbose_name})", getattr(part, name))],
                reason=part.personal_data_reason,
            )
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)


class CaseStudyQuoteQuerySet(models.QuerySet):
    def visible(self):
        """The quotes the public may read now: those whose story is published and whose
        words are still an exact excerpt of its public version (is_excerpt).

        The one rule for the page, the PDF, the feed and the open data, so a story that
        leaves the public site, or is edited so a quote no longer matches it, leaves every
        one of them at once. Filter to a case study first: the excerpt test reads the
        quotes this queryset holds (one query), and the result is a queryset again.
        """
        published = self.filter(story__in=Story.objects.published().values("pk"))
        rows = published.values_list("pk", "quote", *(f"story__{n}" for n in STORY_TEXT_FIELDS))
        current = [
            pk
            for pk, quote, *texts in rows
            if is_excerpt(quote, dict(zip(STORY_TEXT_FIELDS, texts, strict=True)))
        ]
        return self.filter(pk__in=current)


class CaseStudyQuote(models.Model):
    """A person's words: an exact excerpt of a published story's public version."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="quotes")
    # Deleting a story (erasure) deletes its quotes; the case study is marked for review.
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="case_study_quotes")
    section = models.ForeignKey(
        CaseStudySection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        help_text="The lens it illustrates; empty puts it under 'In their own words'.",
    )
    quote = models.TextField(
        help_text="Copy it exactly from the story's public title, summary or body."
    )
    position = models.PositiveIntegerField(default=0)

    objects = CaseStudyQuoteQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.story.reference}: {self.quote[:60]}"

    TEXT_FIELDS = ("quote",)
    personal_data_reason = ""

    def save(self, *args, **kwargs):
        _check_published_part(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        self._public_values = {"quote": self.quote, "story_id": self.story_id}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "quote" in instance.__dict__:
            instance._public_values = {"quote": instance.quote, "story_id": instance.story_id}
        return instance

    def is_as_saved(self):
        """A saved quote whose story and words are as they were loaded or last saved."""
        saved = getattr(self, "_public_values", None)
        return bool(self.pk and saved) and saved == {
            "quote": self.quote,
            "story_id": self.story_id,
        }

    def public_texts(self):
        return [(f"quote from {self.story.reference}", self.quote)]

    def clean(self):
        errors = {}
        story = self.story if self.story_id else None
        # A saved quote left as it was is not checked again: when its story leaves the
        # public site the quote is hidden, and the rest of the case study can still be
        # edited. A new or changed quote is checked.
        if story is not None and not self.is_as_saved():
            if story.status != Story.Status.PUBLISHED:
                errors["story"] = (
                    f"{story.reference} is not published: a case study quotes only "
                    "published stories."
                )
            elif not is_excerpt(self.quote, story):
                errors["quote"] = (
                    f"This is not an exact excerpt of {story.reference}'s public version. "
                    "Copy the words from its public title, summary or body, unchanged."
                )
        if (
            self.section_id
            and self.case_study_id
            and self.section.case_study_id != (self.case_study_id)
        ):
            errors["section"] = "Choose a section of this case study."
        if errors:
            raise ValidationError(errors)


class CaseStudyEvent(AbstractEvent):
    """Append-only log: who moved, edited or reviewed a case study, and what left it."""

    Action = event_actions(
        QUOTE_LEFT=("quote_left", "A quoted story left the public site"),
        REVIEWED=("reviewed", "Reviewed"),
    )

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="events")
    action, from_status, to_status = event_fields(Action, CaseStudy.Status)

    def __str__(self):
        return f"{self.case_study_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"
