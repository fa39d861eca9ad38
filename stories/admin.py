"""Moderation in the Django admin, the way engagement managers work.

The story list is the queue (suspected spam kept apart); the story page shows the
original submission, read-only, beside the editable public version; the status moves only
through the buttons and bulk actions, which call stories.moderation (and so
Story.transition_to) with the manager as actor. Staff may look and not change;
nobody adds or deletes a story here.
"""

import re
from collections import defaultdict

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import CharField, Max, Min, Q, Value
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from stories import moderation
from stories.caching import public_stories_changed
from stories.models import (
    CONTACT_PERMISSION,
    ENGAGEMENT_MANAGERS,
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    REFERENCE_PREFIX,
    Barrier,
    Campaign,
    LocalArea,
    PolicyTheme,
    Story,
    StoryEvent,
    StoryQuerySet,
)
from stories.templatetags.moderation_tags import OPEN_STATUSES

BULK_LIMIT = 500
# The consents a manager records as withdrawn: (value, label, still given?).
WITHDRAWABLE = [
    ("contact", "Being contacted"),
    ("publish", "Publication of the story"),
    ("named", "Being named (they now want to stay anonymous)"),
]
STILL_GIVEN = {
    "contact": lambda story: story.consent_contact,
    "publish": lambda story: story.consent_publish,
    "named": lambda story: not story.publish_anonymously,
}
# What the submission event keeps (slugs), and where to find their names.
CHOICE_MODELS = {"local_area": LocalArea, "themes": PolicyTheme, "barriers": Barrier}
REFERENCE_SHAPE = re.compile(
    rf"{REFERENCE_PREFIX}(?P<body>[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}})", re.IGNORECASE
)


class ChangesPublicPagesAdmin(admin.ModelAdmin):
    """Reference data the public pages show: a change drops the cached public pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_stories_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_stories_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_stories_changed()


@admin.register(PolicyTheme)
class PolicyThemeAdmin(ChangesPublicPagesAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]
    ordering = ["position", "name"]


@admin.register(LocalArea)
class LocalAreaAdmin(ChangesPublicPagesAdmin):
    list_display = ["name", "kind", "region", "ons_code", "parent", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "ons_code", "region"]
    autocomplete_fields = ["parent"]
    ordering = ["name"]
    show_full_result_count = False


@admin.register(Barrier)
class BarrierAdmin(ChangesPublicPagesAdmin):
    list_display = ["name", "lens"]
    list_filter = ["lens"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]
    ordering = ["lens", "name"]


@admin.register(Campaign)
class CampaignAdmin(ChangesPublicPagesAdmin):
    list_display = ["name", "hashtag", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "hashtag"]
    ordering = ["-starts_on"]
    date_hierarchy = "starts_on"


# --- the story list ---


class SuspectedSpamFilter(admin.SimpleListFilter):
    """Suspected spam is kept apart: the list leaves it out until asked for (or searched)."""

    title = "suspected spam"
    parameter_name = "spam"
    default = "no"

    def lookups(self, request, model_admin):
        return [
            ("no", "Not suspected (the queue)"),
            ("yes", "Suspected spam"),
            ("all", "Everything"),
        ]

    def choices(self, changelist):
        current = self.value() or self.default
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value is None and request.GET.get("q"):
            return queryset  # a search by reference finds the story wherever it is
        if value in (None, "no"):
            return queryset.filter(is_suspected_spam=False)
        if value == "yes":
            return queryset.filter(is_suspected_spam=True)
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [
            ("open", "Assigned to me, still open"),
            ("me", "Assigned to me"),
            ("nobody", "Not assigned"),
            ("others", "Someone else"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "open":
            return queryset.filter(
                assigned_to=request.user, status__in=OPEN_STATUSES, is_suspected_spam=False
            )
        if value == "me":
            return queryset.filter(assigned_to=request.user)
        if value == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        if value == "others":
            return queryset.filter(assigned_to__isnull=False).exclude(assigned_to=request.user)
        return queryset


class FeaturedFilter(admin.BooleanFieldListFilter):
    """The is_featured filter, titled in the campaign's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "featured on the home page"


class ConsentPublishFilter(admin.BooleanFieldListFilter):
    """Which stories the submitter let us publish: what a manager looks for first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "the submitter consented to publication"


class StoryPaginator(Paginator):
    """Counts exactly up to a limit; beyond it, on PostgreSQL, asks the planner instead.

    At 100,000 stories an exact COUNT(*) on every page of the queue is the slowest query
    on the page; the planner's estimate is good enough to number the pages.
    """

    exact_count_limit = 20_000

    @cached_property
    def count(self):
        queryset = self.object_list
        capped = queryset.order_by()[: self.exact_count_limit + 1].count()
        if capped <= self.exact_count_limit:
            return capped
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return queryset.count()
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            import json

            plan = json.loads(plan)
        return max(int(plan[0]["Plan"]["Plan Rows"]), capped)


class QueueQuerySet(StoryQuerySet):
    """The admin list's stories, with date links that cost two index lookups.

    The date links above the list (date_hierarchy) ask for every year, then every month,
    that has stories: a DISTINCT over the date of every story, 100 ms at 100,000 stories
    on each page of the queue. Here the years or months run from the first story's date
    to the last one's (MIN and MAX, read from the submitted_at index), so a year or month
    in between with no story at all would still be offered, and lead to an empty list.
    Days (within one month) are counted exactly.
    """

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind not in ("year", "month"):
            return super().datetimes(field_name, kind, order=order, tzinfo=tzinfo)
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        zone = tzinfo or timezone.get_current_timezone()
        first, last = (timezone.localtime(bounds[end], zone) for end in ("first", "last"))
        start = {"hour": 0, "minute": 0, "second": 0, "microsecond": 0, "day": 1}
        current = first.replace(month=1 if kind == "year" else first.month, **start)
        periods = []
        while current <= last:
            periods.append(current)
            if kind == "year" or current.month == 12:
                current = current.replace(year=current.year + 1, month=1)
            else:
                current = current.replace(month=current.month + 1)
        return periods if order == "ASC" else periods[::-1]


# --- the story page ---


def chosen_names(chosen):
    """{(key, slug): name} for the slugs a submission kept ({key: [slug, ...]}), one query."""
    queries = [
        model.objects.filter(slug__in=chosen[key])
        .annotate(chosen_as=Value(key, output_field=CharField()))
        .values_list("chosen_as", "slug", "name")
        .order_by()
        for key, model in CHOICE_MODELS.items()
        if chosen.get(key)
    ]
    if not queries:
        return {}
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    return {(kind, slug): name for kind, slug, name in rows}


def obj_is_public(story):
    return story.status == Story.Status.PUBLISHED


class StoryModerationForm(forms.ModelForm):
    """The story's editable fields, plus the note and reason that go with a step."""

    note = forms.CharField(
        label="Note for the timeline",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Optional. Saved in the timeline with the step you take below.",
    )
    reason = forms.CharField(
        label="Reason for rejecting",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Needed to reject. Kept with the story for the Centre's records.",
    )
    withdrawn = forms.MultipleChoiceField(
        label="Consent withdrawn",
        required=False,
        choices=WITHDRAWABLE,
        widget=forms.CheckboxSelectMultiple,
        help_text="What the person told us they no longer agree to. The note above is "
        "saved with it.",
    )

    class Meta:
        model = Story
        # Only the moderated layer: the submission and the status are never form fields.
        fields = [
            "public_title",
            "public_summary",
            "public_body",
            "local_area",
            "themes",
            "barriers",
            "tags",
            "assigned_to",
            "case_study_candidate",
            "is_featured",
            "moderator_notes",
        ]
        labels = {"is_featured": "Featured on the home page"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        story = self.instance
        self.fields["withdrawn"].choices = [
            (value, label) for value, label in WITHDRAWABLE if STILL_GIVEN[value](story)
        ]


SUBMISSION_FIELDS = [
    "reference",
    "submitted_at",
    "campaign",
    "title",
    "what_happened",
    "difference",
    "what_got_in_the_way",
    "organisations",
    "outcome",
    "role",
    "wishes",
    "submitted_choices",
]
CONTACT_FIELDS = ["name", "email", "organisation"]
MODERATION_READONLY = [
    "status",
    "suspected_spam",
    "rejection_reason",
    "published_at",
    "timeline",
    "contact_hidden",
]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    form = StoryModerationForm
    list_display = [
        "reference",
        "title",
        "status",
        "local_area",
        "theme_list",
        "submitted_at",
        "assigned_to",
        "spam",
    ]
    list_display_links = ["reference", "title"]
    list_filter = [
        "status",
        SuspectedSpamFilter,
        AssignedFilter,
        # Plain related filters list the (small) reference tables; the "related only"
        # kind would scan every story to build them.
        "themes",
        "local_area",
        "outcome",
        "campaign",
        "barriers",
        ("consent_publish", ConsentPublishFilter),
        "case_study_candidate",
        ("is_featured", FeaturedFilter),
    ]
    list_select_related = ["local_area", "assigned_to"]
    search_fields = ["reference", "title", "public_title", "what_happened", "difference"]
    search_help_text = "Search by reference (IS-…), title or the words of the story."
    date_hierarchy = "submitted_at"
    ordering = ["-submitted_at", "-id"]
    show_full_result_count = False
    paginator = StoryPaginator
    list_per_page = 50
    actions = [
        "start_review",
        "accept",
        "reject",
        "reject_as_spam",
        "mark_not_spam",
        "assign_to_me",
    ]
    change_form_template = "admin/stories/story/change_form.html"

    # --- who may do what ---

    def has_add_permission(self, request):
        return False  # stories come from the public form only

    def has_delete_permission(self, request, obj=None):
        return False  # erasure goes through the privacy tools, and is logged

    def can_see_contact(self, request):
        return request.user.has_perm(CONTACT_PERMISSION)

    def view_on_site(self, story):
        """Only a story the site shows (to the public or to staff) has a page to view."""
        if story.is_suspected_spam or story.status not in Story.EVIDENCE_STATUSES:
            return None
        return story.get_absolute_url()

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("themes")
        queryset.__class__ = QueueQuerySet  # cheap date links (see QueueQuerySet)
        if not self.has_change_permission(request):
            # Staff read accepted and published stories only (shared/DESIGN.md).
            queryset = queryset.evidence()
        return queryset

    def get_search_results(self, request, queryset, search_term):
        # A whole reference (IS-7Q4K3M, any case) is looked up through its unique index;
        # anything else searches the words (where part of a reference also matches).
        reference = REFERENCE_SHAPE.fullmatch(search_term.strip())
        if reference:
            wanted = REFERENCE_PREFIX + reference["body"].upper()
            return queryset.filter(reference=wanted), False
        return super().get_search_results(request, queryset, search_term)

    def get_search_fields(self, request):
        fields = list(super().get_search_fields(request))
        if self.can_see_contact(request):
            fields.append("=email")
        return fields

    # --- the list's columns ---

    @admin.display(description="themes")
    def theme_list(self, story):
        return ", ".join(theme.name for theme in story.themes.all())

    @admin.display(description="spam", boolean=True, ordering="is_suspected_spam")
    def spam(self, story):
        return story.is_suspected_spam

    # --- the page ---

    def get_fieldsets(self, request, obj=None):
        # Who told the story: the one rule, Story.submitter_details_for.
        shown = obj is not None and obj.submitter_details_for(request.user) is not None
        contact = CONTACT_FIELDS if shown else ["contact_hidden"]
        return [
            (
                "As submitted",
                {
                    "fields": [*SUBMISSION_FIELDS, *contact],
                    "classes": ["story-submission"],
                    "description": "The person's own words and wishes, kept as they wrote them.",
                },
            ),
            (
                "Public version",
                {
                    "fields": ["public_title", "public_summary", "public_body"],
                    "classes": ["story-public"],
                    "description": (
                        "What may be published: redact anything that identifies a person. "
                        "Starting review fills an empty title and body from the submission; "
                        "write the summary yourself."
                    ),
                },
            ),
            ("Filing", {"fields": ["local_area", "themes", "barriers", "tags"]}),
            (
                "Moderation",
                {
                    "fields": [
                        "status",
                        "suspected_spam",
                        "assigned_to",
                        "case_study_candidate",
                        "is_featured",
                        "moderator_notes",
                        "rejection_reason",
                        "published_at",
                    ]
                },
            ),
            ("Timeline", {"fields": ["timeline"], "classes": ["story-timeline"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*SUBMISSION_FIELDS, *CONTACT_FIELDS, *MODERATION_READONLY]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .filter(Q(groups__name=ENGAGEMENT_MANAGERS) | Q(is_superuser=True))
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("themes", "barriers"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="submitter's wishes")
    def wishes(self, story):
        publish = "may be published" if story.consent_publish else "not to be published"
        named = "anonymously" if story.publish_anonymously else "with their name"
        contact = "may be contacted" if story.consent_contact else "are not to be contacted"
        if story.consent_publish:
            return f"Their story {publish}, {named}. They {contact}."
        return f"Their story is {publish}. They {contact}."

    @admin.display(description="what they chose")
    def submitted_choices(self, story):
        event = (
            story.events.filter(action=StoryEvent.Action.SUBMITTED).only("data").first()
            if story.pk
            else None
        )
        data = event.data if event else {}
        chosen = {
            key: value if isinstance(value, list) else [value] if value else []
            for key, value in ((key, data.get(key)) for key in CHOICE_MODELS)
        }
        names = chosen_names(chosen)
        parts = []
        for key, label in [("local_area", "area"), ("themes", "themes"), ("barriers", "barriers")]:
            value = ", ".join(names.get((key, slug), slug) for slug in chosen[key])
            parts.append(f"{label}: {value or 'none'}")
        return "; ".join(parts)

    @admin.display(description="what got in the way")
    def what_got_in_the_way(self, story):
        return story.barriers_text

    @admin.display(description="suspected spam", boolean=True)
    def suspected_spam(self, story):
        return story.is_suspected_spam

    @admin.display(description="who told it")
    def contact_hidden(self, story):
        return story.why_submitter_hidden()

    @admin.display(description="timeline")
    def timeline(self, story):
        if not story.pk:
            return "-"
        events = story.events.select_related("actor").order_by("created_at", "id")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(event.created_at).strftime("%d %b %Y %H:%M"),
                    self._who(event),
                    event.get_action_display(),
                    event.get_from_status_display() or "-",
                    event.get_to_status_display() or "-",
                    event.note or "",
                )
                for event in events
            ),
        )
        return format_html(
            '<table class="story-timeline-table">'
            "<caption>Everything done to this story, oldest first</caption>"
            '<thead><tr><th scope="col">When</th><th scope="col">Who</th>'
            '<th scope="col">What</th><th scope="col">From</th><th scope="col">To</th>'
            '<th scope="col">Note</th></tr></thead><tbody>{}</tbody></table>',
            rows,
        )

    @staticmethod
    def _who(event):
        if event.actor is not None:
            return event.actor.get_full_name() or event.actor.get_username()
        if event.action == StoryEvent.Action.SUBMITTED:
            return "The submitter"
        return "The system"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context["moderation"] = self._moderation_context(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _moderation_context(self, story):
        steps = [
            {
                "value": status.value,
                "label": "Publish again"
                if status == Story.Status.PUBLISHED and story.status == Story.Status.WITHDRAWN
                else moderation.TRANSITION_LABELS[status],
            }
            for status in Story.Status
            if status != Story.Status.REJECTED and story.can_transition_to(status)
        ]
        warnings = []
        if story.is_suspected_spam:
            warnings.append(
                "Suspected spam: mark it as not spam before accepting it, or reject it."
            )
        if not story.consent_publish and story.status != Story.Status.REJECTED:
            warnings.append(
                "The submitter did not consent to publication: it can be accepted as "
                "evidence for staff but never published."
            )
        return {
            "status": story.get_status_display(),
            "steps": steps,
            "can_reject": story.can_transition_to(Story.Status.REJECTED),
            "can_mark_not_spam": story.is_suspected_spam,
            "can_withdraw_consent": any(given(story) for given in STILL_GIVEN.values()),
            "warnings": warnings,
        }

    # --- saving: edits are logged; a step runs after the edits are saved ---

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        concrete = {field.name for field in Story._meta.concrete_fields}
        changed = [name for name in form.changed_data if name in concrete]
        assignment = "assigned_to" in changed
        new_assignee = obj.assigned_to
        if assignment:
            changed.remove("assigned_to")
            obj.assigned_to_id = form.initial.get("assigned_to")
        if changed:
            # Only what the form changed: never write back a status someone else just moved.
            obj.save(update_fields=[*changed, "updated_at"])
        if assignment:
            moderation.assign(obj, new_assignee, actor=request.user)
        edited = changed + [
            name for name in form.changed_data if name in ("themes", "barriers", "tags")
        ]
        moderation.record_edit(obj, edited, actor=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and form.changed_data and obj_is_public(form.instance):
            public_stories_changed()  # an edit to a published story: drop cached pages

    def response_change(self, request, obj):
        if "_withdraw_consent" in request.POST:
            self.record_withdrawn_consent(request, obj)
            return HttpResponseRedirect(request.get_full_path())
        step = request.POST.get("_transition")
        if not step:
            return super().response_change(request, obj)
        note = request.POST.get("note", "")
        try:
            if step == "not_spam":
                moderation.mark_not_spam(obj, actor=request.user, note=note)
                done = "marked as not spam"
            else:
                to = Story.Status(step)
                moderation.move_story(
                    obj,
                    to,
                    actor=request.user,
                    note=note,
                    rejection_reason=request.POST.get("reason", ""),
                )
                done = moderation.TRANSITION_PAST[to]
        except (ValueError, KeyError):
            messages.error(request, "That step is not one a story can take.")
        except ValidationError as error:
            messages.error(
                request,
                f"{obj.reference} was not changed: {moderation.describe_refusal(error)}",
            )
        else:
            messages.success(request, f"{obj.reference} was {done}.")
        return HttpResponseRedirect(request.get_full_path())

    def record_withdrawn_consent(self, request, story):
        """The person withdrew a consent (told us by email, phone or letter): log it."""
        chosen = set(request.POST.getlist("withdrawn")) & set(STILL_GIVEN)
        if not chosen:
            messages.error(request, "Choose the consent the person withdrew; nothing was recorded.")
            return
        was_published = story.status == Story.Status.PUBLISHED
        withdrawn = story.withdraw_consent(
            contact="contact" in chosen,
            publish="publish" in chosen,
            named="named" in chosen,
            actor=request.user,
            note=request.POST.get("note", "").strip(),
        )
        if not withdrawn:
            messages.info(request, f"{story.reference}: that consent was already withdrawn.")
            return
        done = f"{story.reference}: consent withdrawn ({', '.join(withdrawn)})"
        if was_published and story.status == Story.Status.WITHDRAWN:
            done += ", and the story was taken off the site"
        messages.success(request, done + ".")

    # --- bulk actions: a confirmation page, then one outcome per story ---

    def _bulk(self, request, queryset, *, name, title, run, needs_reason=False):
        if request.POST.get("post") == "yes":
            form = BulkStepForm(request.POST, needs_reason=needs_reason)
            if form.is_valid():
                stories = list(queryset.select_related(None).order_by("-submitted_at", "-id"))
                outcomes = run(
                    stories,
                    note=form.cleaned_data["note"],
                    reason=form.cleaned_data.get("reason", ""),
                )
                self.report(request, outcomes, title)
                return None
        else:
            form = BulkStepForm(needs_reason=needs_reason)
        count = queryset.count()
        if count > BULK_LIMIT:
            self.message_user(
                request,
                f"Choose at most {BULK_LIMIT} stories at a time ({count} were selected).",
                messages.ERROR,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"{title}: are you sure?",
            "step_title": title,
            "opts": self.model._meta,
            "stories": queryset.select_related(None).only("pk", "reference", "title", "status"),
            "count": count,
            "action_name": name,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "form": form,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/stories/story/bulk_confirmation.html", context)

    def report(self, request, outcomes, title):
        done = defaultdict(list)
        for outcome in outcomes:
            if outcome.ok:
                done[outcome.message].append(outcome.reference)
            else:
                self.message_user(
                    request,
                    f"{outcome.reference} could not be changed ({title.lower()}): "
                    f"{outcome.message}",
                    messages.ERROR,
                )
        for what, references in done.items():
            story_word = "story" if len(references) == 1 else "stories"
            self.message_user(
                request,
                f"{len(references)} {story_word} {what}: {', '.join(references)}.",
                messages.SUCCESS,
            )

    def _mover(self, request, to):
        def run(stories, *, note, reason):
            return moderation.bulk_move(
                stories, to, actor=request.user, note=note, rejection_reason=reason
            )

        return run

    @admin.action(description="Start review of the selected stories", permissions=["change"])
    def start_review(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            name="start_review",
            title="Start review",
            run=self._mover(request, Story.Status.IN_REVIEW),
        )

    @admin.action(description="Accept the selected stories", permissions=["change"])
    def accept(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            name="accept",
            title="Accept",
            run=self._mover(request, Story.Status.ACCEPTED),
        )

    @admin.action(description="Reject the selected stories (with a reason)", permissions=["change"])
    def reject(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            name="reject",
            title="Reject",
            run=self._mover(request, Story.Status.REJECTED),
            needs_reason=True,
        )

    @admin.action(description="Reject the selected stories as spam", permissions=["change"])
    def reject_as_spam(self, request, queryset):
        def run(stories, *, note, reason):
            return moderation.bulk_reject_as_spam(stories, actor=request.user, note=note)

        return self._bulk(request, queryset, name="reject_as_spam", title="Reject as spam", run=run)

    @admin.action(description="Mark the selected stories as not spam", permissions=["change"])
    def mark_not_spam(self, request, queryset):
        def run(stories, *, note, reason):
            return moderation.bulk_mark_not_spam(stories, actor=request.user, note=note)

        return self._bulk(request, queryset, name="mark_not_spam", title="Not spam", run=run)

    @admin.action(description="Assign the selected stories to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        def run(stories, *, note, reason):
            return moderation.bulk_assign(stories, request.user, actor=request.user, note=note)

        return self._bulk(request, queryset, name="assign_to_me", title="Assign to me", run=run)


class BulkStepForm(forms.Form):
    note = forms.CharField(
        label="Note for the timeline",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Optional. Logged with each story's step.",
    )

    def __init__(self, *args, needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_reason:
            self.fields["reason"] = forms.CharField(
                label="Reason for rejecting",
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
                help_text="Kept with each story for the Centre's records.",
                error_messages={"required": "Give a reason for rejecting the stories."},
            )
