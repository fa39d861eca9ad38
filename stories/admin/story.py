"""The story list (the queue) and the story page, the way engagement managers work.

The story list is the queue (suspected spam kept apart); the story page shows the
original submission, read-only, beside the editable public version; the status moves only
through the buttons and bulk actions, which call stories.moderation (and so
Story.transition_to) with the manager as actor. Staff may look and not change;
nobody adds or deletes a story here.
"""

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import CharField, Value, prefetch_related_objects
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from infostory.public import public_changed
from stories import moderation, safeguarding, working_days
from stories.admin.actions import BULK_ACTIONS, BulkActionsMixin
from stories.admin.changelist import (
    QueueChangeList,
    QueueQuerySet,
    StoryPaginator,
    queue_search,
)
from stories.admin.conversation import ConversationMixin
from stories.admin.desk import (
    BR,
    PublishingDeskMixin,
    findings_sentence,
    found_in_submission,
    mark_findings,
    marked_additions,
    public_findings_html,
    publish_blockers,
    render_piece,
)
from stories.admin.filters import (
    AssignedFilter,
    ConsentPublishFilter,
    FeaturedFilter,
    HavingRelatedFilter,
    NewWordsFilter,
    PlaceNotListedFilter,
    SuspectedSpamFilter,
    UnreadAnswerFilter,
)
from stories.admin.forms import STILL_GIVEN, StoryModerationForm
from stories.duplicates import duplicates_report
from stories.forms import ShareStoryForm
from stories.models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    REFERENCE_PREFIX,
    Barrier,
    LocalArea,
    PolicyTheme,
    Story,
    StoryEvent,
)
from stories.permissions import can_see_contact, engagement_managers
from stories.tracking import BY_SUBMITTER

# What the submission event keeps (slugs), and where to find their names.
CHOICE_MODELS = {"local_area": LocalArea, "themes": PolicyTheme, "barriers": Barrier}
REFERENCE_SHAPE = re.compile(
    rf"{REFERENCE_PREFIX}(?P<body>[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}})", re.IGNORECASE
)


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


def marked_words(field, description):
    """A read-only field of the story page: the person's words in `field`, as submitted,
    with what could identify someone marked."""

    @admin.display(description=description)
    def words(model_admin, story):
        return model_admin._marked(story, field)

    return words


def obj_is_public(story):
    return story.status == Story.Status.PUBLISHED


SUBMISSION_FIELDS = [
    "reference",
    "submitted_at",
    "duplicates",
    "campaign",
    "personal_data_found",
    "submitted_title",
    "submitted_what_happened",
    "submitted_difference",
    "what_got_in_the_way",
    "submitted_organisations",
    "outcome",
    "role",
    "wishes",
    "submitted_choices",
    "added_later",
]
MODERATION_READONLY = [
    "still_found",
    "safeguarding",
    "status",
    "suspected_spam",
    "rejection_reason",
    "rejection_category",
    "published_at",
    "timeline",
    "conversation",
    "contact_hidden",
]


@admin.register(Story)
class StoryAdmin(ConversationMixin, PublishingDeskMixin, BulkActionsMixin, admin.ModelAdmin):
    form = StoryModerationForm
    list_display = [
        "reference",
        "title",
        "status",
        "local_area",
        "theme_list",
        "submitted",
        "waiting",
        "assigned_to",
        "spam",
    ]
    list_display_links = ["reference", "title"]
    # The story's own fields the list's rows read (the columns above, the row's checkbox,
    # which names the story by reference and title): QueueChangeList reads only these.
    list_row_fields = [
        "reference",
        "title",
        "status",
        "local_area",
        "submitted_at",
        "safeguarding_concern",
        "is_suspected_spam",
        "assigned_to",
    ]
    list_filter = [
        "status",
        SuspectedSpamFilter,
        AssignedFilter,
        NewWordsFilter,
        UnreadAnswerFilter,
        # Plain related filters list the (small) reference tables; the "related only"
        # kind would scan every story to build them.
        ("themes", HavingRelatedFilter),
        "local_area",
        PlaceNotListedFilter,
        "outcome",
        "campaign",
        ("barriers", HavingRelatedFilter),
        ("consent_publish", ConsentPublishFilter),
        "case_study_candidate",
        ("is_featured", FeaturedFilter),
    ]
    list_select_related = ["local_area", "assigned_to"]
    # About 400 areas: a search box (LocalAreaAdmin.search_fields) rather than a long menu.
    autocomplete_fields = ["local_area"]
    search_fields = ["reference", "title", "public_title", "what_happened", "difference"]
    search_help_text = "Search by reference (IS-…), title or the words of the story."
    date_hierarchy = "submitted_at"
    # The queue keeps the thanks page's promise: open safeguarding concerns first, then the
    # stories waiting for a decision, oldest first, then the rest, newest first
    # (get_ordering; a column header orders by that column instead).
    ordering = ["-submitted_at", "-id"]
    show_full_result_count = False
    paginator = StoryPaginator
    list_per_page = 50
    actions = BULK_ACTIONS
    change_form_template = "admin/stories/story/change_form.html"

    # --- who may do what ---

    def has_add_permission(self, request):
        return False  # stories come from the public form only

    def has_delete_permission(self, request, obj=None):
        return False  # erasure goes through the privacy tools, and is logged

    def can_see_contact(self, request):
        return can_see_contact(request.user)

    def view_on_site(self, story):
        """Only a story the site shows (to the public or to staff) has a page to view."""
        if story.is_suspected_spam or story.status not in Story.EVIDENCE_STATUSES:
            return None
        return story.get_absolute_url()

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_ordering(self, request):
        return list(Story.QUEUE_ORDERING)

    def get_queryset(self, request):
        # The queue's own queryset: cheap date links (see QueueQuerySet).
        queryset = QueueQuerySet.over(super().get_queryset(request))
        if getattr(request.resolver_match, "url_name", "") == "stories_story_changelist":
            # The queue's "new words since review" column and filter; only the rows shown
            # are computed (PostgreSQL drops the unused columns from the page count).
            queryset = queryset.with_new_words().with_unread_answers()
        if not self.has_change_permission(request):
            # Staff read accepted and published stories only (StoryQuerySet.evidence).
            queryset = queryset.evidence()
        return queryset

    def get_object(self, request, object_id, from_field=None):
        story = super().get_object(request, object_id, from_field)
        if story is not None:
            # The marks on the words, the preview, "still found" and the safeguarding
            # signals each read the additions and answers: one query each for the page
            # (ConversationMixin.get_object reads the answers, with the conversation).
            prefetch_related_objects([story], "addenda")
        return story

    def get_search_results(self, request, queryset, search_term):
        # A whole reference (IS-7Q4K3M, any case) is looked up through its unique index;
        # anything else searches the words (where part of a reference also matches).
        reference = REFERENCE_SHAPE.fullmatch(search_term.strip())
        if reference:
            wanted = REFERENCE_PREFIX + reference["body"].upper()
            return queryset.filter(reference=wanted), False
        found = queue_search(queryset, search_term, with_email=self.can_see_contact(request))
        return found, False

    # --- the list's columns ---

    @admin.display(description="themes")
    def theme_list(self, story):
        return ", ".join(theme.name for theme in story.themes.all())

    @admin.display(description="spam", boolean=True, ordering="is_suspected_spam")
    def spam(self, story):
        return story.is_suspected_spam

    def get_list_display(self, request):
        # Suspected spam is kept apart (SuspectedSpamFilter): its column shows only where
        # the list can hold some.
        shown = list(super().get_list_display(request))
        if request.GET.get("spam", "no") == "no" and not request.GET.get("q"):
            shown.remove("spam")
        return shown

    def changelist_view(self, request, extra_context=None):
        # The queue needs the width: without the list of models on the left it fits
        # 1280 px without scrolling sideways (the breadcrumbs still lead everywhere).
        return super().changelist_view(
            request, {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        )

    @admin.display(description="submitted", ordering="submitted_at")
    def submitted(self, story):
        return format_html(
            '<time datetime="{}">{}</time>',
            story.submitted_at.isoformat(),
            timezone.localtime(story.submitted_at).strftime("%-d %b %Y"),
        )

    @admin.display(description="waiting (working days)", ordering="waiting_since")
    def waiting(self, story):
        """Working days waiting for a decision, overdue past the thanks page's promise;
        an open safeguarding concern and new words since review are named here too, in
        words (one column, so the queue fits a 1280 px screen)."""
        parts = []
        if story.safeguarding_concern:
            parts.append(SafeString('<strong class="queue-concern">Safeguarding</strong>'))
        if story.status in Story.WAITING_STATUSES and not story.is_suspected_spam:
            days = working_days.working_days_waiting(story.submitted_at)
            text = f"{days} day{'' if days == 1 else 's'}"
            if days > working_days.reply_working_days():
                parts.append(
                    format_html('<strong class="queue-overdue">{}, overdue</strong>', text)
                )
            else:
                parts.append(format_html("{}", text))
        if getattr(story, "has_new_words", False):
            # The person added to their story since a manager last acted on it.
            parts.append(SafeString('<strong class="queue-new-words">New words</strong>'))
        if getattr(story, "has_unread_answer", False):
            # The person answered a manager's message; nobody has opened the story since.
            parts.append(SafeString('<strong class="queue-new-words">Unread answer</strong>'))
        if not parts:
            return "-"
        return format_html_join(BR, "{}", ((part,) for part in parts))

    # --- the page ---

    def get_fieldsets(self, request, obj=None):
        # Who told the story: the one rule, Story.submitter_details_for.
        shown = obj is not None and obj.submitter_details_for(request.user) is not None
        contact = list(Story.CONTACT_FIELDS) if shown else ["contact_hidden"]
        return [
            (
                "As submitted",
                {
                    "fields": [
                        name
                        for name in [*SUBMISSION_FIELDS, *contact]
                        # Other stories (their titles, a shared email) are for those who
                        # moderate: Staff read accepted and published stories only.
                        if name != "duplicates" or self.has_change_permission(request, obj)
                    ],
                    "classes": ["story-submission"],
                    "description": "The person's own words and wishes, kept as they wrote them.",
                },
            ),
            (
                "Public version",
                {
                    "fields": [
                        "still_found",
                        "public_title",
                        "public_summary",
                        "public_body",
                        *(
                            ["personal_data_reason"]
                            if obj is not None and obj_is_public(obj)
                            else []
                        ),
                    ],
                    "classes": ["story-public"],
                    "description": (
                        "What may be published: nothing that could identify a person. Start "
                        "review fills an empty title and body with the person's words, each "
                        "piece of personal data found replaced by its kind in brackets; read "
                        "it all, redact what the check missed, and write the summary yourself."
                    ),
                },
            ),
            (
                "Filing",
                {
                    "fields": [
                        # The person's own words for a place not in the list, beside the
                        # area a manager files it under.
                        *(["place_not_listed"] if obj is not None and obj.place_not_listed else []),
                        "local_area",
                        "themes",
                        "barriers",
                        "tags",
                    ]
                },
            ),
            (
                "Moderation",
                {
                    "fields": [
                        "status",
                        "safeguarding",
                        "suspected_spam",
                        "assigned_to",
                        "case_study_candidate",
                        "is_featured",
                        "moderator_notes",
                        "rejection_category",
                        "rejection_reason",
                        "published_at",
                    ]
                },
            ),
            *(
                [("Messages with the storyteller", {"fields": ["conversation"]})]
                if self.has_change_permission(request, obj)
                else []
            ),
            ("Timeline", {"fields": ["timeline"], "classes": ["story-timeline"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [
            *SUBMISSION_FIELDS,
            *Story.CONTACT_FIELDS,
            *Story.PLACE_FIELDS,
            *MODERATION_READONLY,
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = engagement_managers()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("themes", "barriers"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="submitter's wishes")
    def wishes(self, story):
        """What the person agreed to, in the words of the form they ticked (or did not)."""
        wishes = [
            {"ticked": getattr(story, name), "label": ShareStoryForm.base_fields[name].label}
            for name in Story.WISHES_FIELDS
        ]
        return render_piece("wishes", {"wishes": wishes})

    # --- the person's words, with what could identify someone marked ---

    def _found(self, story):
        cached = getattr(story, "_found_in_submission", None)
        if cached is None:
            cached = story._found_in_submission = found_in_submission(story)
        return cached

    def _marked(self, story, field):
        text = getattr(story, field) or ""
        if not text:
            return "-"
        return mark_findings(text, self._found(story)[field])

    @admin.display(description="could identify someone")
    def personal_data_found(self, story):
        found = [item for items in self._found(story).values() for item in items]
        if not found:
            return "Nothing that looks like personal data was found in the person's words."
        return format_html(
            "Found in the person's words: {}. Each is marked below.", findings_sentence(found)
        )

    submitted_title = marked_words("title", "title")
    submitted_what_happened = marked_words("what_happened", "what happened")
    submitted_difference = marked_words("difference", "the difference it made, or could have made")
    submitted_organisations = marked_words("organisations", "organisations")
    what_got_in_the_way = marked_words("barriers_text", "what got in the way")

    @admin.display(description="possible duplicate")
    def duplicates(self, story):
        found, compared = duplicates_report(story) if story.pk else ([], None)
        return render_piece("duplicates", {"found": found, "compared": compared})

    @admin.display(description="still found")
    def still_found(self, story):
        return public_findings_html(story)

    @admin.display(description="safeguarding")
    def safeguarding(self, story):
        if story.safeguarding_concern:
            return SafeString(
                '<strong class="queue-concern">A safeguarding concern is open.</strong> '
                'Record how it was handled under <a href="#safeguarding">Safeguarding</a>.'
            )
        return "No open concern."

    @admin.display(description="what they chose")
    def submitted_choices(self, story):
        event = (
            story.events.filter(action=StoryEvent.Action.SUBMITTED).only("data", "story").first()
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

    @admin.display(description="what they added later")
    def added_later(self, story):
        """The person's own additions, beside the original they never change."""
        if not story.pk:
            return "-"
        additions = marked_additions(story, self._found(story))
        if not additions:
            return "Nothing yet."
        return render_to_string("admin/stories/story/added_later.html", {"additions": additions})

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
        rows = [
            {
                "when": timezone.localtime(event.created_at).strftime("%d %b %Y %H:%M"),
                "who": self._who(event),
                "what": event.get_action_display(),
                "from_status": event.get_from_status_display() or "-",
                "to_status": event.get_to_status_display() or "-",
                "note": " ".join(filter(None, [event.note, self._told_note(event)])),
            }
            for event in events
        ]
        html = render_to_string("admin/stories/story/timeline.html", {"rows": rows})
        return mark_safe(html.strip())  # noqa: S308 (a template's output, autoescaped)

    @staticmethod
    def _told_note(event):
        """Who a safeguarding concern was emailed to, as the log recorded it."""
        if event.action == StoryEvent.Action.SAFEGUARDING_RAISED and "told_as" in event.data:
            return moderation.who_was_told([event])
        return ""

    @staticmethod
    def _who(event):
        if event.actor is not None:
            return event.actor.get_full_name() or event.actor.get_username()
        if event.action == StoryEvent.Action.SUBMITTED or BY_SUBMITTER in event.note:
            return "The submitter"
        if event.action == StoryEvent.Action.SAFEGUARDING_RAISED:
            return "The safeguarding check"
        return "The system"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            # Beside the words: what to do if they suggest someone is in danger now.
            context["safeguarding_signals"] = safeguarding.describe(
                safeguarding.find_signals(
                    *(getattr(obj, name) for name in Story.WORDS_FIELDS),
                    *(addendum.text for addendum in obj.addenda.all()),
                )
            )
        if obj is not None and self.has_change_permission(request, obj):
            context["moderation"] = self._moderation_context(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _moderation_context(self, story):
        blockers = publish_blockers(story, typed_here=True)
        steps = [
            {
                "value": status.value,
                "label": "Publish again"
                if status == Story.Status.PUBLISHED and story.status == Story.Status.WITHDRAWN
                else moderation.TRANSITION_LABELS[status],
            }
            for status in Story.Status
            if status != Story.Status.REJECTED
            and story.can_transition_to(status)
            and not (status == Story.Status.PUBLISHED and blockers)
        ]
        warnings = []
        if story.safeguarding_concern:
            warnings.append(
                "A safeguarding concern is open: it cannot be published until you record how "
                "it was handled."
            )
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
            "cannot_publish": blockers,
            "safeguarding_concern": story.safeguarding_concern,
            "safeguarding_told": moderation.who_was_told(
                story.events.filter(
                    action__in=[
                        StoryEvent.Action.SAFEGUARDING_RAISED,
                        StoryEvent.Action.NOT_SPAM,
                    ]
                ).order_by("created_at", "id")
            )
            if story.safeguarding_concern
            else "",
            "safeguarding_would_tell": moderation.who_would_be_told(),
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
        reason = form.cleaned_data.get("personal_data_reason", "").strip()
        kept = reason and obj_is_public(obj) and set(edited) & set(Story.PUBLIC_FIELDS)
        moderation.record_edit(
            obj,
            edited,
            actor=request.user,
            note=f"Kept in the public version what could identify a person. Reason: {reason}"
            if kept
            else "",
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and form.changed_data and obj_is_public(form.instance):
            public_changed(reason="a published story edited in the admin")

    def response_change(self, request, obj):
        if "_withdraw_consent" in request.POST:
            self.record_withdrawn_consent(request, obj)
            return HttpResponseRedirect(request.get_full_path())
        if "_safeguarding" in request.POST:
            self.record_safeguarding(request, obj)
            return HttpResponseRedirect(request.get_full_path())
        step = request.POST.get("_transition")
        if not step:
            if obj_is_public(obj):
                messages.info(request, "The changes are on the public site now.")
            return super().response_change(request, obj)
        note = request.POST.get("note", "")
        if step == Story.Status.PUBLISHED and obj.can_transition_to(step):
            # Publishing is a page of its own: the preview, the check, then the step.
            blockers = publish_blockers(obj)
            if blockers:
                messages.error(request, f"{obj.reference} was not changed: " + " ".join(blockers))
                return HttpResponseRedirect(request.get_full_path())
            return HttpResponseRedirect(self.step_url(obj, "publish", note))
        if step == Story.Status.WITHDRAWN and obj.can_transition_to(step):
            return HttpResponseRedirect(self.step_url(obj, "withdraw", note))
        try:
            if step == "not_spam":
                moderation.mark_not_spam(obj, actor=request.user, note=note)
                done = "marked as not spam"
            else:
                to = Story.Status(step)
                choice = request.POST.get("reason_choice", "")
                moderation.move_story(
                    obj,
                    to,
                    actor=request.user,
                    note=note,
                    rejection_reason=request.POST.get("reason", ""),
                    rejection_category=choice if choice in Story.RejectionReason.values else "",
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

    def record_safeguarding(self, request, story):
        """Raise a safeguarding concern, or record how the open one was handled; logged."""
        note = request.POST.get("note", "")
        try:
            if request.POST["_safeguarding"] == "raise":
                moderation.raise_safeguarding_concern(story, actor=request.user, note=note)
                told = moderation.safeguarding_recipients().describe()
                if told:
                    messages.success(
                        request,
                        f"{story.reference}: a safeguarding concern is open; an email went to "
                        f"{told}.",
                    )
                else:
                    messages.warning(
                        request,
                        f"{story.reference}: a safeguarding concern is open. "
                        f"{moderation.NOBODY_TOLD} Tell your safeguarding lead yourself.",
                    )
            else:
                moderation.record_safeguarding_handled(
                    story, actor=request.user, how=request.POST.get("safeguarding_handled", "")
                )
                messages.success(request, f"{story.reference}: the concern is recorded as handled.")
        except ValidationError as error:
            messages.error(request, f"{story.reference}: {moderation.describe_refusal(error)}")

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
