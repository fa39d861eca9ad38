"""The InfoStory domain: reference data, stories in two layers, and their audit log.

A Story keeps what the person submitted (verbatim, read-only after submission) apart
from what engagement managers make of it (status, filing, the redacted public version).
Its status changes only through Story.transition_to, which checks the move against
TRANSITIONS and writes a StoryEvent in the same transaction.
"""

import secrets
from collections import namedtuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from infostory.fields import staff_member
from infostory.public import public_changed
from infostory.workflow import AbstractEvent, WorkflowModel, event_fields, status_field
from stories import outbox
from stories.permissions import (  # noqa: F401 (older imports name them here)
    CONTACT_PERMISSION,
    ENGAGEMENT_MANAGERS,
    STAFF,
    can_read_evidence,
    can_see_contact,
)
from stories.publishing import check_public_text, counts_sentence, find_in_texts, summary_for_log
from stories.signals import (
    story_evidence_changed,
    story_left_public_site,
    story_public_version_changed,
)

# Readable over the phone: no 0/O, 1/I/L, U (no accidental words), 5/S or 2/Z pairs.
REFERENCE_ALPHABET = "346789ABCDEFGHJKMNPQRTVWXY"
REFERENCE_LENGTH = 6
REFERENCE_PREFIX = "IS-"

# How deep "this area and the areas inside it" looks (partnership > county > district...).
MAX_AREA_DEPTH = 10


def new_reference():
    """A random, non-sequential reference such as IS-7Q4K3M (26**6, about 309 million)."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return REFERENCE_PREFIX + body


class PolicyThemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class PolicyTheme(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0, db_index=True)
    is_active = models.BooleanField(default=True)

    objects = PolicyThemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "policy theme"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stories:theme", kwargs={"slug": self.slug})


class LocalAreaQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def within(self, *areas):
        """These areas (LocalArea objects or slugs) and every area inside them.

        A partnership includes its councils, a county its districts. One query reads the
        parent links (a few hundred short rows), then a breadth-first walk over ids, at
        most MAX_AREA_DEPTH levels: a loop of parents cannot make it endless.
        """
        every_area = list(LocalArea.objects.only("pk", "parent_id", "slug"))
        slugs = {area for area in areas if isinstance(area, str)}
        start = {area.pk for area in areas if isinstance(area, LocalArea)}
        start.update(area.pk for area in every_area if area.slug in slugs)
        return self.filter(pk__in=area_ids_within(start, children_in(every_area)))


def area_ids_within(start_ids, children_of):
    """start_ids and the ids of every area inside them, breadth-first and cycle-safe.

    children_of(ids) gives the ids of the areas whose parent is in ids (children_in makes
    one from areas already loaded).
    """
    found = set(start_ids)
    level = set(found)
    for _depth in range(MAX_AREA_DEPTH):
        if not level:
            break
        level = set(children_of(level)) - found
        found |= level
    return frozenset(found)


def children_in(areas):
    """children_of for area_ids_within, over LocalArea rows already in memory."""
    by_parent = {}
    for area in areas:
        by_parent.setdefault(area.parent_id, []).append(area.pk)
    return lambda ids: [child for pk in ids for child in by_parent.get(pk, ())]


class LocalArea(models.Model):
    class Kind(models.TextChoices):
        COUNTY = "county", "County"
        UNITARY = "unitary", "Unitary authority"
        METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan district"
        LONDON_BOROUGH = "london_borough", "London borough"
        DISTRICT = "district", "District"
        PARTNERSHIP = "partnership", "Partnership"
        OTHER = "other", "National or other"

    class Nation(models.TextChoices):
        ENGLAND = "England"
        WALES = "Wales"
        SCOTLAND = "Scotland"
        NORTHERN_IRELAND = "Northern Ireland"

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    region = models.CharField(max_length=100, blank=True)
    nation = models.CharField(max_length=20, choices=Nation.choices, blank=True)
    ons_code = models.CharField(
        "ONS code", max_length=9, blank=True, help_text="For example E10000030. Optional."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The partnership or area that contains this one, if any.",
    )
    is_active = models.BooleanField(default=True)

    objects = LocalAreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "local area"
        constraints = [
            models.UniqueConstraint(
                fields=["ons_code"],
                condition=~Q(ons_code=""),
                name="localarea_ons_code_unique_when_set",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stories:area", kwargs={"slug": self.slug})

    def clean(self):
        # A loop of parents would make "this area and the areas inside it" endless.
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "An area cannot be inside itself."})
            if ancestor.pk in seen:
                raise ValidationError(
                    {"parent": f"{ancestor.name} is inside itself: fix its parent first."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Barrier(models.Model):
    class Lens(models.TextChoices):
        LEADERSHIP = "leadership", "Leadership"
        CAPACITY = "capacity", "Capacity"
        CULTURE = "culture", "Culture"
        LEGAL = "legal", "Legal and governance"
        TECHNOLOGY = "technology", "Technology and data"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    lens = models.CharField(max_length=20, choices=Lens.choices, db_index=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CampaignQuerySet(models.QuerySet):
    def running_on(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Campaign(models.Model):
    name = models.CharField(max_length=150)
    hashtag = models.CharField(max_length=50, help_text="For example #InfoStory.")
    slug = models.SlugField(max_length=150, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    intro = models.TextField(blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.hashtag})"


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(self.published_condition())

    def awaiting_review(self):
        """Waiting for a manager's first decision, suspected spam apart."""
        return self.filter(status__in=Story.WAITING_STATUSES, is_suspected_spam=False)

    def open(self):
        """Still someone's work: not yet published, rejected or withdrawn; never spam."""
        return self.filter(status__in=Story.OPEN_STATUSES, is_suspected_spam=False)

    # The conditions of closed(), evidence() and published() on their own, for a query that
    # asks them of every story at once (stories.story_index), or of the stories another
    # model joins to (through: the path to the story, "evidence__story__"): a join is many
    # times faster than "story in (every such story)" over the whole table.
    @staticmethod
    def closed_condition():
        return Q(status__in=Story.CLOSED_STATUSES, is_suspected_spam=False)

    @staticmethod
    def evidence_condition(through=""):
        return Q(
            **{
                f"{through}status__in": Story.EVIDENCE_STATUSES,
                f"{through}is_suspected_spam": False,
            }
        )

    @staticmethod
    def published_condition(through=""):
        return Q(**{f"{through}status": Story.Status.PUBLISHED})

    def closed(self):
        """Decided: accepted, rejected, withdrawn or published; never spam."""
        return self.filter(self.closed_condition())

    def evidence(self):
        """What Centre staff read: accepted and published stories, never suspected spam."""
        return self.filter(self.evidence_condition())

    def with_new_words(self):
        """Annotate has_new_words: the person added to their story (StoryAddendum) after
        the last thing a member of staff did to it (any logged event with an actor)."""
        last_added = StoryAddendum.objects.filter(story=models.OuterRef("pk")).order_by(
            "-created_at"
        )
        last_reviewed = StoryEvent.objects.filter(
            story=models.OuterRef("pk"), actor__isnull=False
        ).order_by("-created_at")
        added = models.Subquery(last_added.values("created_at")[:1])
        reviewed = models.Subquery(last_reviewed.values("created_at")[:1])
        return self.annotate(last_added_at=added, last_reviewed_at=reviewed).annotate(
            has_new_words=models.Case(
                models.When(
                    Q(last_added_at__isnull=False)
                    & (
                        Q(last_reviewed_at__isnull=True)
                        | Q(last_added_at__gt=models.F("last_reviewed_at"))
                    ),
                    then=models.Value(True),
                ),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def with_unread_answers(self):
        """Annotate has_unread_answer: the person answered a manager's message and no
        manager has opened the story since (StoryMessage.read_at)."""
        return self.annotate(
            has_unread_answer=models.Exists(
                StoryMessage.objects.unread().filter(story=models.OuterRef("pk"))
            )
        )

    def with_new_words_only(self):
        """Stories with new words since review; the addenda table is read first (small)."""
        with_addenda = self.filter(pk__in=StoryAddendum.objects.values("story_id"))
        return with_addenda.with_new_words().filter(has_new_words=True)

    def visible_to(self, user):
        """The stories this person may read: published for everyone, accepted for staff."""
        if can_read_evidence(user):
            return self.evidence()
        return self.published()


SubmitterDetails = namedtuple("SubmitterDetails", ["name", "email", "organisation"])


class Story(WorkflowModel):
    """A real-life experience of sharing information between public services, in two
    layers: the person's words and wishes as submitted, which never change, and what the
    engagement managers make of it (status, filing, the anonymised public version)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        IN_REVIEW = "in_review", "In review"
        ACCEPTED = "accepted", "Accepted"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"
        REJECTED = "rejected", "Rejected"

    class Outcome(models.TextChoices):
        MADE_DIFFERENCE = "made_difference", "Sharing information made a difference"
        COULD_HAVE = "could_have", "Sharing information could have made a difference"
        NOT_SURE = "not_sure", "Not sure"

    class Role(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        MANAGER = "manager", "Manager or leader"
        SERVICE_USER = "service_user", "Service user, family member or carer"
        PUBLIC = "public", "Member of the public"
        OTHER = "other", "Other"

    class RejectionReason(models.TextChoices):
        """Why a story is not used, from a set list written for the person who told it."""

        OUT_OF_SCOPE = "out_of_scope", "Out of scope"
        NOT_INFORMATION_SHARING = "not_information_sharing", "Not about information sharing"
        COULD_IDENTIFY = "could_identify", "Could identify someone"
        DUPLICATE = "duplicate", "A duplicate"
        OTHER = "other", "Other (say why in the reason)"

    # What the person reads about each reason (their story page and the rejection email).
    REJECTION_EXPLAINED = {
        RejectionReason.OUT_OF_SCOPE: "Your story is about something outside what #InfoStory "
        "collects: experiences of sharing information between public services.",
        RejectionReason.NOT_INFORMATION_SHARING: "Your story does not say how sharing "
        "information between services made, or could have made, a difference.",
        RejectionReason.COULD_IDENTIFY: "Your story could identify someone, and we could not "
        "make a version of it that keeps everyone anonymous.",
        RejectionReason.DUPLICATE: "We already have this story, so we are using the other copy.",
    }

    # The status groups (docs/architecture.md, "Where each rule lives"); StoryQuerySet has
    # a method for each. What Centre staff read; the public reads published only:
    EVIDENCE_STATUSES = (Status.ACCEPTED, Status.PUBLISHED)
    # Waiting for a manager's decision (the queue, and suspected spam kept apart):
    WAITING_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW)
    # Still someone's work (what "assigned to me, still open" counts):
    OPEN_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.ACCEPTED)
    # Nobody needs to follow it up any more: contact details may be cleared after retention.
    CLOSED_STATUSES = (Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.PUBLISHED)
    # Settled: nothing more to decide or publish (the queue lists them last).
    SETTLED_STATUSES = (Status.PUBLISHED, Status.WITHDRAWN, Status.REJECTED)

    # The admin queue's order, read from the story_queue_order index.
    QUEUE_ORDERING = (
        "-safeguarding_concern",
        "queue_rank",
        "waiting_since",
        "-settled_since",
        "-id",
    )

    # The workflow (infostory.workflow.WorkflowModel): where each status may go
    # (transition_to refuses anything else), its log, and what a move re-reads and saves.
    EVENT_MODEL = "stories.StoryEvent"
    EVENT_SUBJECT = "story"
    # Consents can only be withdrawn, and spam and safeguarding flags change beside a
    # move: the stored ones are the ones to obey.
    LOCKED_FIELDS = ("consent_publish", "is_suspected_spam", "safeguarding_concern")
    MOVE_FIELDS = (
        "published_at",
        "public_title",
        "public_summary",
        "public_body",
        "rejection_reason",
        "rejection_category",
    )
    PUBLIC_STATUSES = (Status.PUBLISHED,)
    TRANSITIONS = {
        Status.SUBMITTED: {Status.IN_REVIEW, Status.REJECTED},
        Status.IN_REVIEW: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: {Status.PUBLISHED, Status.REJECTED},
        Status.PUBLISHED: {Status.WITHDRAWN},
        Status.WITHDRAWN: {Status.PUBLISHED},
        Status.REJECTED: set(),
    }

    # What the person gives through the sharing form: the one list of it. The form, the
    # submission, the guard below, the admin, the exports and the privacy tools derive
    # theirs from these.
    WORDS_FIELDS = ("title", "what_happened", "difference", "barriers_text", "organisations")
    CONTACT_FIELDS = ("name", "email", "organisation")
    WISHES_FIELDS = ("consent_contact", "consent_publish", "publish_anonymously")
    # Where the person thinks it belongs: kept in the submission event, re-filed by managers.
    FILING_FIELDS = ("local_area", "themes", "barriers")
    # Stored as typed or ticked, never changed afterwards (see _check_submitted_layer_unchanged).
    # The person's own words for their place, when it is not in the list of local areas (a
    # manager files the story under a LocalArea later).
    PLACE_FIELDS = ("place_not_listed",)
    TYPED_FIELDS = (
        *WORDS_FIELDS,
        "outcome",
        *PLACE_FIELDS,
        *CONTACT_FIELDS,
        "role",
        *WISHES_FIELDS,
    )
    # The sharing form's inputs, in the form's order.
    FORM_FIELDS = (
        *WORDS_FIELDS,
        "outcome",
        "local_area",
        *PLACE_FIELDS,
        "themes",
        "barriers",
        *CONTACT_FIELDS,
        "role",
        *WISHES_FIELDS,
    )
    # The as-submitted layer: the person's own words and wishes, and when and how they came.
    SUBMITTED_FIELDS = (*TYPED_FIELDS, "submitted_at", "reference", "campaign_id")
    # What the save guards compare with the values loaded (infostory.workflow).
    GUARDED_FIELDS = (*SUBMITTED_FIELDS, "public_title", "public_summary", "public_body")

    # --- as submitted ---
    reference = models.CharField(max_length=12, unique=True, editable=False)
    title = models.CharField(max_length=150)
    what_happened = models.TextField()
    difference = models.TextField()
    barriers_text = models.TextField(blank=True)
    organisations = models.CharField(max_length=500, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, db_index=True)
    place_not_listed = models.CharField(
        "place, in their words",
        max_length=200,
        blank=True,
        help_text="Where the person said the story happened, when their place was not in the "
        "list of local areas. File the story under a local area when you can.",
    )
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    consent_contact = models.BooleanField(default=False)
    consent_publish = models.BooleanField(default=False)
    publish_anonymously = models.BooleanField(default=True)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="stories"
    )

    # --- as moderated ---
    status = status_field(Status)
    local_area = models.ForeignKey(
        LocalArea, null=True, blank=True, on_delete=models.PROTECT, related_name="stories"
    )
    themes = models.ManyToManyField(PolicyTheme, blank=True, related_name="stories")
    barriers = models.ManyToManyField(Barrier, blank=True, related_name="stories")
    tags = TaggableManager(blank=True)
    public_title = models.CharField(max_length=150, blank=True)
    public_summary = models.TextField(blank=True)
    public_body = models.TextField(blank=True)
    assigned_to = staff_member("assigned_stories")
    moderator_notes = models.TextField(blank=True)
    rejection_reason = models.TextField(blank=True)
    rejection_category = models.CharField(
        "reason from the list",
        max_length=30,
        choices=RejectionReason.choices,
        blank=True,
        help_text="Chosen when rejecting; the person is told it in plain words.",
    )
    is_featured = models.BooleanField(default=False)
    case_study_candidate = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_suspected_spam = models.BooleanField(default=False)
    # An open safeguarding concern: suggested by the words on submission
    # (stories/safeguarding.py) or raised by a manager; closed only by a manager recording
    # how it was handled. While it is open the story cannot be published.
    safeguarding_concern = models.BooleanField(
        "open safeguarding concern",
        default=False,
        editable=False,
        help_text="Raised on submission when the words suggest someone may be at risk, "
        "or by an engagement manager; closed when a manager records how it was handled.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    # --- the admin queue's order, kept by the database (see QUEUE_ORDERING) ---
    # 0 waiting for a decision (the thanks page's promise), 1 accepted (waiting to be
    # published), 2 the rest; the submission time in the column of its group only.
    queue_rank = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=WAITING_STATUSES, then=models.Value(0)),
            models.When(status__in=OPEN_STATUSES, then=models.Value(1)),
            default=models.Value(2),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    waiting_since = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=OPEN_STATUSES, then=models.F("submitted_at"))
        ),
        output_field=models.DateTimeField(null=True),
        db_persist=True,
    )
    settled_since = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=SETTLED_STATUSES, then=models.F("submitted_at"))
        ),
        output_field=models.DateTimeField(null=True),
        db_persist=True,
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name_plural = "stories"
        permissions = [
            ("view_submitter_contact", "Can see a submitter's name, email and organisation"),
            ("export_story", "Can export stories as CSV or JSON"),
        ]
        indexes = [
            models.Index(fields=["status", "-submitted_at"], name="story_status_submitted"),
            models.Index(fields=["status", "-published_at"], name="story_status_published"),
            models.Index(fields=["is_suspected_spam", "status"], name="story_spam_status"),
            # Migration 0004 (performance): each in the exact order of a page's ORDER BY,
            # so a page, even page 500, reads its rows from the index instead of sorting.
            # The public lists (newest published first):
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published"),
                name="story_published_order",
            ),
            # The home page's featured stories:
            models.Index(
                fields=["-is_featured", "-published_at", "-id"],
                condition=Q(status="published"),
                name="story_featured_order",
            ),
            # The admin queue and the staff lists (newest submitted first):
            models.Index(fields=["-submitted_at", "-id"], name="story_submitted_order"),
            # Migration 0009: the home page's counts (stories, made a difference, places)
            # read from this index alone, not from 70,000 rows: 68 ms instead of 400.
            models.Index(
                fields=["local_area", "outcome", "id"],
                condition=Q(status="published"),
                name="story_published_counts",
            ),
            # Migration 0009: insights count the stories that are not suspected spam (the
            # evidence, the closed ones, every status) from this index alone, not from the
            # wide rows: each count 3-6 times faster at 100,000 stories.
            models.Index(
                fields=["submitted_at", "id", "status", "outcome", "local_area", "campaign"],
                condition=Q(is_suspected_spam=False),
                name="story_counts",
            ),
            # Migration 0010: the insights story index (stories.story_index) reads every
            # story in submission order from this index alone, without sorting: the table's
            # wide rows are never read.
            models.Index(
                fields=["submitted_at", "id"],
                include=[
                    "status",
                    "is_suspected_spam",
                    "outcome",
                    "local_area",
                    "campaign",
                    "case_study_candidate",
                ],
                name="story_insights_read",
            ),
            # Migration 0009: the admin story page's "same email address" (email__iexact).
            models.Index(Upper("email"), name="story_email_upper"),
            # Migration 0009 (admin speed): the admin story page's "very similar words"
            # candidates, the stories of one local area sent nearest in time to the story
            # (stories.duplicates.similar_candidates).
            models.Index(fields=["local_area", "submitted_at"], name="story_area_submitted"),
            # The admin queue (Story.QUEUE_ORDERING): open safeguarding concerns, then the
            # stories waiting for a decision oldest first, accepted oldest first, the rest
            # newest first. Within a group the other time column is empty, so where empty
            # values sort never matters.
            models.Index(
                fields=[
                    "-safeguarding_concern",
                    "queue_rank",
                    "waiting_since",
                    "-settled_since",
                    "-id",
                ],
                # Carried in the index so a deep page of the queue is skipped in the index
                # alone (stories.admin.changelist.StoryPaginator.page; migration 0008).
                include=["is_suspected_spam", "status"],
                name="story_queue_order",
            ),
            # The same order within one status (the index's links filter by status).
            models.Index(
                fields=[
                    "status",
                    "-safeguarding_concern",
                    "queue_rank",
                    "waiting_since",
                    "-settled_since",
                    "-id",
                ],
                name="story_status_queue_order",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    # The public version, as the personal-data guard reads it (stories/publishing.py).
    PUBLIC_FIELDS = ("public_title", "public_summary", "public_body")
    # What a story's card in a list shows (includes/story_card.html): lists read only
    # these, not the ~1 KB of each of the person's own texts.
    CARD_FIELDS = ("reference", "title", *PUBLIC_FIELDS, "status", "outcome", "local_area")

    # A manager's reason to keep, in a published story's public version, something the
    # personal-data guard finds; set by the caller (the admin form) for one save.
    personal_data_reason = ""

    def save(self, *args, **kwargs):
        self._check_submitted_layer_unchanged()
        if not self._state.adding and kwargs.get("update_fields") is None:
            # The as-submitted layer is written once: a later save never writes it back,
            # so a copy loaded before a consent was withdrawn cannot give it back.
            kwargs["update_fields"] = self._moderated_fields_loaded()
        previous = self._check_published_public_version(kwargs.get("update_fields"))
        if self._state.adding and not self.reference:
            self._save_with_new_reference(*args, **kwargs)
        else:
            super().save(*args, **kwargs)
        if previous:
            story_public_version_changed.send(Story, story=self, previous=previous)
            public_changed(reason=f"story {self.reference} public version edited")

    def get_absolute_url(self):
        return reverse("stories:detail", kwargs={"reference": self.reference})

    def _moderated_fields_loaded(self):
        submitted = set(self.SUBMITTED_FIELDS)
        return [
            field.name
            for field in self._meta.concrete_fields
            if not field.primary_key
            and not field.generated
            and field.attname in self.__dict__
            and not {field.name, field.attname} & submitted
        ]

    def clean(self):
        super().clean()
        self._check_published_public_version()

    # --- the guard on the as-submitted layer ---

    @property
    def _public_values(self):
        """The public version as loaded or last saved (deferred texts read again)."""
        return self.loaded_values(self.PUBLIC_FIELDS)

    def _check_published_public_version(self, update_fields=None):
        """An edit to a published story's public version passes the personal-data guard.

        What was already public (and so was published with a reason, or found nothing) is
        not refused again; anything new the guard finds needs personal_data_reason.
        Returns the public version as it was before the edit ({} when nothing changed).
        Texts this instance never loaded (deferred, .only()) are compared with the
        database's, so what was loaded never decides whether the guard runs.
        """
        if self._state.adding:
            return {}
        touched = [
            name
            for name in self.PUBLIC_FIELDS
            if name in self.__dict__ and (update_fields is None or name in update_fields)
        ]
        if not touched:
            return {}
        loaded = self.loaded_values([*touched, "status"])
        if loaded.get("status") != self.Status.PUBLISHED or self.status != loaded["status"]:
            return {}
        changed = {
            name: getattr(self, name) for name in touched if getattr(self, name) != loaded[name]
        }
        if not changed:
            return {}
        errors = {}
        # Emptied, the page would fall back on the person's own words (display_title).
        for name in ("public_title", "public_body"):
            if name in changed and not changed[name].strip():
                errors[name] = [
                    "A published story needs this: write it, or withdraw the story first."
                ]
        if errors:
            raise ValidationError(errors)
        saved = self.loaded_values(self.PUBLIC_FIELDS)
        before = find_in_texts(saved, story=self)
        for name, text in changed.items():
            try:
                check_public_text(
                    {name: text}, story=self, reason=self.personal_data_reason, allowed=before
                )
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)
        return dict(saved)

    def _check_submitted_layer_unchanged(self):
        """Refuse any change to the person's words.

        Only withdraw_consent and clear_contact_details (which log what they do) may
        withdraw a consent or empty a contact field, and only while they are saving. A
        field this instance never loaded but was given is compared with the database's.
        """
        if self._state.adding:
            return
        present = [name for name in self.SUBMITTED_FIELDS if name in self.__dict__]
        loaded = self.loaded_values(present)
        releasing = getattr(self, "_releasing", False)
        for name, before in loaded.items():
            after = getattr(self, name)
            if after == before:
                continue
            if releasing and name in ("consent_contact", "consent_publish") and not after:
                continue  # a consent withdrawn
            if releasing and name == "publish_anonymously" and after:
                continue  # permission to be named withdrawn
            if releasing and name in self.CONTACT_FIELDS and after == "":
                continue  # personal details cleared under the privacy duties
            raise ValidationError(
                f"The submitted {name.replace('_id', '').replace('_', ' ')} cannot be changed: "
                "the as-submitted story is kept as the person wrote it."
            )

    def _save_with_new_reference(self, *args, **kwargs):
        for _attempt in range(10):
            self.reference = new_reference()
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                if not Story.objects.filter(reference=self.reference).exists():
                    raise
        raise IntegrityError("Could not find a free story reference after 10 attempts.")

    # --- the state machine (infostory.workflow.WorkflowModel) ---

    def transition_problems(self, new_status):
        """Why this story cannot move to new_status now (an empty list if it can)."""
        new_status = self.Status(new_status)
        if not self.can_transition_to(new_status):
            return [
                f"A story that is {self.get_status_display().lower()} cannot be "
                f"{new_status.label.lower()}."
            ]
        problems = super().transition_problems(new_status)
        if new_status == self.Status.PUBLISHED:
            if not self.consent_publish:
                problems.append("The submitter did not consent to publication.")
            problems.extend(self.missing_public_text())
        if self.is_suspected_spam and new_status in (self.Status.ACCEPTED, self.Status.PUBLISHED):
            problems.append("Mark the story as not spam first.")
        if self.safeguarding_concern and new_status == self.Status.PUBLISHED:
            problems.append(
                "A safeguarding concern is open: record how it was handled before publishing."
            )
        return problems

    def missing_public_text(self):
        """What must still be written before publishing (the manager can type it in)."""
        missing = []
        if not self.public_title.strip():
            missing.append("Write a public title before publishing.")
        if not self.public_body.strip():
            missing.append("Write the public version of the story before publishing.")
        return missing

    def transition_to(self, new_status, *, actor, note="", personal_data_reason="", data=None):
        """Move to new_status, or raise ValidationError saying why not.

        The public version (title, summary, body) and the rejection reason held on this
        instance are saved with the move, so writing and publishing is one step. Rejecting
        needs a reason: the rejection_reason or, failing that, the note.

        Publishing passes the personal-data guard (stories.publishing.check_public_text):
        while the public version holds anything that could identify a person it is
        refused, naming each finding, unless personal_data_reason says why it may be
        published anyway; the reason and what was found (kinds and counts, never the
        words) are kept in the StoryEvent. data: more for the event (the admin records
        the manager's "I have checked" there).
        """
        super().transition_to(
            new_status,
            actor=actor,
            note=note,
            personal_data_reason=(personal_data_reason or "").strip(),
            data=data,
        )

    def before_transition(self, from_status, to_status, options):
        event_data = dict(options.get("data") or {})
        if to_status == self.Status.REJECTED:
            self._settle_rejection_reason(options["note"])
        if to_status == self.Status.PUBLISHED:
            reason = options["personal_data_reason"]
            found = check_public_text(
                {name: getattr(self, name) for name in self.PUBLIC_FIELDS},
                story=self,
                reason=reason,
            )
            if found:
                counts = summary_for_log(found)
                event_data["personal_data_found"] = counts
                event_data["personal_data_reason"] = reason
                options["note"] = (
                    f"{options['note']} Published with what could identify a person "
                    f"({counts_sentence(counts)}). Reason: {reason}"
                ).strip()
            self.published_at = timezone.now()
        return event_data

    def after_move(self, from_status, to_status, *, actor, note):
        if from_status == self.Status.PUBLISHED:
            story_left_public_site.send(Story, story=self, actor=actor, reason=note)
        if (from_status in self.EVIDENCE_STATUSES) != (to_status in self.EVIDENCE_STATUSES):
            story_evidence_changed.send(Story, story=self)

    def _settle_rejection_reason(self, note):
        """Rejecting needs a reason: one from the list, or words (for "other", words).

        A reason from the list with no words of its own keeps its label as the words, so the
        records that show rejection_reason (admin, exports) still say why. Words that are a
        list value ("duplicate") are read as that choice.
        """
        reasons = self.RejectionReason
        words = (self.rejection_reason or "").strip()
        if not self.rejection_category and words in reasons.values:
            self.rejection_category, words = words, ""
        words = words or note.strip()
        if self.rejection_category and self.rejection_category != reasons.OTHER:
            words = words or reasons(self.rejection_category).label
        if not words:
            if self.rejection_category == reasons.OTHER:
                raise ValidationError("Say why the story is rejected: “Other” needs a reason.")
            raise ValidationError("Give a reason for rejecting the story.")
        self.rejection_reason = words

    def rejection_for_submitter(self):
        """Why the story was not used, as the person who told it reads it.

        A reason from the list in its plain words; the manager's own words only for
        "Other", where the form says they are shown to the person. Words kept without a
        reason from the list (or a timeline note standing in for them) are the Centre's
        record, never sent to the person.
        """
        if self.rejection_category == self.RejectionReason.OTHER:
            return self.rejection_reason
        return self.REJECTION_EXPLAINED.get(
            self.rejection_category,
            "Your story could not be used as evidence this time.",
        )

    # --- the as-submitted layer's own writes ---

    def _save_released(self, update_fields):
        """Save a withdrawn consent or cleared details: the one way past the guard."""
        self._releasing = True
        try:
            self.save(update_fields=update_fields)
        finally:
            self._releasing = False

    # --- the only changes the as-submitted layer ever sees ---

    def withdraw_consent(self, *, contact=False, publish=False, named=False, actor=None, note=""):
        """Withdraw consent to contact, to publication, or to being named; each is logged.

        The story's row is locked and its status and consents read again first, so a
        withdrawal that crosses a publication ends withdrawn, whichever commits first: a
        publication waiting for the lock finds no consent, and a withdrawal waiting for
        a publication's lock finds the story published and takes it down.
        """
        withdrawn = []
        with transaction.atomic():
            current = (
                Story.objects.select_for_update()
                .filter(pk=self.pk)
                .values("status", *self.WISHES_FIELDS)
                .get()
            )
            for name, value in current.items():
                setattr(self, name, value)
            self.set_loaded(**current)
            if contact and self.consent_contact:
                self.consent_contact = False
                withdrawn.append("contact")
            if publish and self.consent_publish:
                self.consent_publish = False
                withdrawn.append("publication")
            if named and not self.publish_anonymously:
                self.publish_anonymously = True
                withdrawn.append("being named")
            if not withdrawn:
                return []
            self._save_released([*self.WISHES_FIELDS, "updated_at"])
            self.log(
                StoryEvent.Action.CONSENT_WITHDRAWN,
                actor=actor,
                note=("Consent withdrawn: " + ", ".join(withdrawn) + ". " + note).strip(),
            )
            if "contact" in withdrawn:
                # What is waiting in the outbox was written while they agreed: it stays unsent.
                outbox.cancel_unsent(self.email, templates=outbox.CONTACT_TEMPLATES)
            if "publication" in withdrawn and self.status == self.Status.PUBLISHED:
                self.transition_to(
                    self.Status.WITHDRAWN, actor=actor, note="Consent to publish withdrawn."
                )
        return withdrawn

    def clear_contact_details(self, *, actor=None, note=""):
        """Erase the submitter's name, email and organisation (retention or a request)."""
        if not any(getattr(self, name) for name in self.CONTACT_FIELDS):
            return False
        with transaction.atomic():
            for name in self.CONTACT_FIELDS:
                setattr(self, name, "")
            self.consent_contact = False
            self._save_released([*self.CONTACT_FIELDS, "consent_contact", "updated_at"])
            self.log(
                StoryEvent.Action.CONTACT_CLEARED,
                actor=actor,
                note=("Submitter's contact details cleared. " + note).strip(),
            )
            if self.status == self.Status.PUBLISHED:
                # a named submitter's name leaves the public page
                public_changed(reason=f"story {self.reference} contact details cleared")
        return True

    # --- safeguarding ---

    def raise_safeguarding_concern(self, *, actor, note="", signals=(), told=None):
        """Open a safeguarding concern (a manager's, or the words' suggestion with actor None).

        Returns False if one is already open. The caller tells the safeguarding contact
        (stories.moderation.raise_safeguarding_concern does both) and says who in told,
        which the log keeps.
        """
        with transaction.atomic():
            current = Story.objects.select_for_update().only("safeguarding_concern").get(pk=self.pk)
            if current.safeguarding_concern:
                self.safeguarding_concern = True
                return False
            self.safeguarding_concern = True
            self.save(update_fields=["safeguarding_concern", "updated_at"])
            self.log(
                StoryEvent.Action.SAFEGUARDING_RAISED,
                actor=actor,
                note=note.strip(),
                data={"signals": [signal.name for signal in signals], **(told or {})},
            )
        return True

    def record_safeguarding_handled(self, *, actor, how):
        """Close the open concern with what was done about it (required), logged."""
        how = (how or "").strip()
        if not how:
            raise ValidationError(
                {"safeguarding_handled": "Say how the concern was handled before closing it."}
            )
        with transaction.atomic():
            current = Story.objects.select_for_update().only("safeguarding_concern").get(pk=self.pk)
            if not current.safeguarding_concern:
                self.safeguarding_concern = False
                raise ValidationError("No safeguarding concern is open on this story.")
            self.safeguarding_concern = False
            self.save(update_fields=["safeguarding_concern", "updated_at"])
            self.log(StoryEvent.Action.SAFEGUARDING_HANDLED, actor=actor, note=how)
        return True

    # --- reading ---

    @property
    def display_title(self):
        return self.public_title or self.title

    def submitter_details_for(self, user):
        """Who told the story, as far as this person may see it, or None.

        The one rule (docs/architecture.md, "Where each rule lives"): the public never;
        engagement managers (stories.permissions.can_see_contact) always; Staff only when
        the submitter did not ask to stay anonymous and agreed to be contacted, and then
        the name, email and organisation. The browse pages, the exports and the admin all ask here.
        """
        if user is None or not user.is_authenticated:
            return None
        if not any(getattr(self, name) for name in self.CONTACT_FIELDS):
            return None
        if not can_see_contact(user):
            if not can_read_evidence(user):
                return None
            if not self.staff_see_submitter(
                publish_anonymously=self.publish_anonymously, consent_contact=self.consent_contact
            ):
                return None
        return SubmitterDetails(self.name, self.email, self.organisation)

    @staticmethod
    def staff_see_submitter(*, publish_anonymously, consent_contact):
        """Whether Centre staff (not only engagement managers) see who told a story, from
        the person's two choices: the rule submitter_details_for applies, and what the
        check page and the person's own page tell them."""
        return not publish_anonymously and consent_contact

    def why_submitter_hidden(self):
        """Why Staff do not see who told the story, built from what the person chose."""
        if not any(getattr(self, name) for name in self.CONTACT_FIELDS):
            return "The submitter gave no name or contact details, or they have been cleared."
        if self.publish_anonymously and not self.consent_contact:
            return "The submitter asked to stay anonymous and did not agree to be contacted."
        if self.publish_anonymously:
            return "The submitter asked to stay anonymous."
        return "The submitter did not agree to be contacted."


class StoryEvent(AbstractEvent):
    """Append-only audit log: who did what to a story, and when (infostory.workflow)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        TRANSITION = "transition", "Status changed"
        CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
        CONTACT_CLEARED = "contact_cleared", "Contact details cleared"
        NOT_SPAM = "not_spam", "Marked as not spam"
        ASSIGNED = "assigned", "Assigned"
        EMAILED = "emailed", "Emailed the submitter"
        EDITED = "edited", "Edited"
        ADDED_TO = "added_to", "Added to by the submitter"
        SAFEGUARDING_RAISED = "safeguarding_raised", "Safeguarding concern raised"
        SAFEGUARDING_HANDLED = "safeguarding_handled", "Safeguarding concern handled"
        MESSAGED = "messaged", "Wrote to the submitter"
        ANSWERED = "answered", "Answered by the submitter"
        PUBLISHED_TEXT_CHECK = "published_text_check", "Published version to check"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="events")
    action, from_status, to_status = event_fields(Action, Story.Status)

    class Meta(AbstractEvent.Meta):
        indexes = [models.Index(fields=["story", "created_at"], name="storyevent_story_created")]

    def __str__(self):
        return f"{self.story_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"


class StoryAddendum(models.Model):
    """What the person added to their story later, in their own words.

    Kept beside the original, which it never changes; append-only like the history.
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "addition by the submitter"
        verbose_name_plural = "additions by the submitter"

    def __str__(self):
        return f"{self.story_id} addition {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("What a person added to their story is kept as they wrote it.")
        super().save(*args, **kwargs)


class ReplyTemplate(models.Model):
    """A message managers start from when writing to a storyteller (kept in the admin)."""

    name = models.CharField(max_length=100, unique=True)
    text = models.TextField(max_length=5000)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StoryMessageQuerySet(models.QuerySet):
    def answers(self):
        return self.filter(direction=StoryMessage.Direction.FROM_STORYTELLER)

    def unread(self):
        return self.answers().filter(read_at__isnull=True)


class StoryMessage(models.Model):
    """A message between an engagement manager and a storyteller, about their story.

    The manager's goes by email as a notice with the private link (never the words); the
    person reads and answers on their story's own page. Each is in the story's timeline.
    """

    class Direction(models.TextChoices):
        TO_STORYTELLER = "to_storyteller", "To the storyteller"
        FROM_STORYTELLER = "from_storyteller", "From the storyteller"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=20, choices=Direction.choices)
    text = models.TextField(max_length=5000)
    sent_by = staff_member()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When a manager first opened the story page after an answer came.
    read_at = models.DateTimeField(null=True, blank=True)

    objects = StoryMessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["story", "direction", "read_at"], name="storymessage_unread"),
        ]

    def __str__(self):
        return f"{self.story_id} {self.direction} {self.created_at:%Y-%m-%d %H:%M}"
