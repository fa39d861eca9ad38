"""Case studies: the Centre's in-depth account of a place or a theme, built from stories.

A CaseStudy looks at what happened through the Barrier lenses (a CaseStudySection per
lens: leadership, capacity and culture always; legal and technology when they matter)
and quotes the people who told the stories (CaseStudyQuote, an exact excerpt of a
published story's public version). Its status changes only through
CaseStudy.transition_to, which checks the move, runs the personal-data guard before
publication and writes a CaseStudyEvent in the same transaction.

What the public sees of the quotes is always CaseStudyQuote.objects.visible(): the
quotes whose story is published now. A story that leaves the public site takes its
quotes with it at once, everywhere, and the case study is marked as needing review.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from stories.caching import public_stories_changed
from stories.models import Barrier, LocalArea, PolicyTheme, Story
from stories.publishing import check_public_text, find_in_texts, summary_for_log

READ_PERMISSION = "casestudies.view_casestudy"
# Every case study looks through these lenses; the others are written when they matter.
REQUIRED_LENSES = (Barrier.Lens.LEADERSHIP, Barrier.Lens.CAPACITY, Barrier.Lens.CULTURE)
STORY_TEXT_FIELDS = ("public_title", "public_summary", "public_body")

_SPACES = re.compile(r"\s+")


def _squeezed(text):
    """Text with every run of spaces and line breaks as one space.

    A quote copied from a page loses the story's line breaks; the words must still match.
    """
    return _SPACES.sub(" ", text or "").strip()


def is_excerpt(quote, story):
    """Whether quote is an exact excerpt of the story's public title, summary or body."""
    words = _squeezed(quote)
    return bool(words) and any(
        words in _squeezed(getattr(story, name)) for name in STORY_TEXT_FIELDS
    )


class CaseStudyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CaseStudy.Status.PUBLISHED)

    def needing_review(self):
        return self.filter(needs_review=True)

    def visible_to(self, user):
        """Published ones for everyone; every status for Centre staff and managers."""
        if user is not None and user.is_authenticated and user.has_perm(READ_PERMISSION):
            return self.all()
        return self.published()


class CaseStudy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    TRANSITIONS = {
        Status.DRAFT: {Status.IN_REVIEW},
        Status.IN_REVIEW: {Status.PUBLISHED, Status.DRAFT},
        Status.PUBLISHED: {Status.WITHDRAWN},
        Status.WITHDRAWN: {Status.DRAFT},
    }
    # The words that go on the public page, each checked by the personal-data guard.
    TEXT_FIELDS = ("title", "summary", "what_changed", "local_actions", "national_asks")

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The end of its address: /case-studies/<slug>/."
    )
    summary = models.TextField(help_text="Two or three sentences: the place or theme, and why.")
    local_areas = models.ManyToManyField(LocalArea, blank=True, related_name="case_studies")
    themes = models.ManyToManyField(PolicyTheme, blank=True, related_name="case_studies")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False, db_index=True
    )
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
        verbose_name = "case study"
        verbose_name_plural = "case studies"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="casestudy_status_published")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        saved = getattr(self, "_saved_status", None)
        if self._state.adding and self.status != self.Status.DRAFT:
            raise ValidationError("A new case study starts as a draft.")
        if saved is not None and self.status != saved and not getattr(self, "_moving", False):
            raise ValidationError(
                "A case study's status changes only through CaseStudy.transition_to, "
                "which checks the move and logs it."
            )
        super().save(*args, **kwargs)
        self._saved_status = self.status

    def get_absolute_url(self):
        return reverse("casestudies:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "status" in instance.__dict__:
            instance._saved_status = instance.status
        return instance

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    # --- the state machine ---

    def can_transition_to(self, new_status):
        return new_status in self.TRANSITIONS.get(self.status, set())

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
        texts = [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.TEXT_FIELDS
        ]
        for section in self.sections.all():
            label = f"{section.get_lens_display()} section"
            texts.append((label, section.what_got_in_the_way))
            texts.append((label, section.what_helped))
        for quote in self.quotes.select_related("story"):
            texts.append((f"quote from {quote.story.reference}", quote.quote))
        return [(str(where), text) for where, text in texts if text]

    def personal_data_findings(self):
        """What the personal-data guard finds in the texts (stories.publishing findings)."""
        return find_in_texts(self.public_texts())

    def transition_to(self, new_status, *, actor, note="", personal_data_reason=""):
        """Move to new_status, or raise ValidationError saying why not.

        Publishing needs the summary, the three required lenses and quotes that are exact
        excerpts of published stories; any personal data found in the texts stops it
        unless personal_data_reason says why it may stay (the reason is logged).
        """
        new_status = self.Status(new_status)
        with transaction.atomic():
            current = CaseStudy.objects.select_for_update().only("status").get(pk=self.pk)
            if current.status != self.status:
                raise ValidationError(
                    f"Someone else has just moved this case study to "
                    f"{current.get_status_display().lower()}; reload it and try again."
                )
            if not self.can_transition_to(new_status):
                raise ValidationError(
                    f"A case study that is {self.get_status_display().lower()} cannot move to "
                    f"{new_status.label.lower()}."
                )
            data = {}
            if new_status == self.Status.PUBLISHED:
                problems = self.publication_problems()
                if problems:
                    raise ValidationError(problems)
                # The one guard every publication passes; the log keeps kinds, not words.
                found = check_public_text(self.public_texts(), reason=personal_data_reason)
                if found:
                    data = {
                        "personal_data_reason": personal_data_reason.strip(),
                        "personal_data_found": summary_for_log(found),
                    }
                self.published_at = timezone.now()
                self.needs_review = False
            from_status = self.status
            self.status = new_status
            self._moving = True
            try:
                self.save(update_fields=["status", "published_at", "needs_review", "updated_at"])
            finally:
                self._moving = False
            self.log(
                CaseStudyEvent.Action.TRANSITION,
                actor=actor,
                note=note,
                data=data,
                from_status=from_status,
                to_status=new_status,
            )
            if self.Status.PUBLISHED in (from_status, new_status):
                public_stories_changed()
            if new_status == self.Status.PUBLISHED:
                from casestudies.emails import tell_quoted_submitters

                tell_quoted_submitters(self, actor=actor)

    def mark_reviewed(self, *, actor, note=""):
        """The authors have looked at the case study after a quoted story left the site."""
        with transaction.atomic():
            self.needs_review = False
            self.save(update_fields=["needs_review", "updated_at"])
            self.log(CaseStudyEvent.Action.REVIEWED, actor=actor, note=note)

    def log(self, action, *, actor, note="", data=None, from_status=None, to_status=None):
        return CaseStudyEvent.objects.create(
            case_study=self,
            actor=actor,
            action=action,
            from_status=self.status if from_status is None else from_status,
            to_status=self.status if to_status is None else to_status,
            note=note,
            data=data or {},
        )


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


class CaseStudyQuoteQuerySet(models.QuerySet):
    def visible(self):
        """The quotes the public may read now: those whose story is published.

        The one rule for the page, the PDF, the feed and the open data, so a story that
        leaves the public site leaves every one of them at once.
        """
        return self.filter(story__in=Story.objects.published().values("pk"))


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

    def clean(self):
        errors = {}
        story = self.story if self.story_id else None
        if story is not None:
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


class CaseStudyEvent(models.Model):
    """Append-only log: who moved, edited or reviewed a case study, and what left it."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        TRANSITION = "transition", "Status changed"
        EDITED = "edited", "Edited"
        QUOTE_LEFT = "quote_left", "A quoted story left the public site"
        REVIEWED = "reviewed", "Reviewed"

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_study_events",
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=CaseStudy.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStudy.Status.choices, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case_study_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("The case study's history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The case study's history is append-only.")
