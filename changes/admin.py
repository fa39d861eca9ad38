"""The change tracker in the Django admin, for engagement managers.

A change is started from a barrier, from a case study's national asks or local actions
("Start a change"), or from a selection of stories on the story list (the bulk action
"Add as evidence for a change…"). Its page holds the texts, the dated updates and the
evidence; stories are added as evidence on "Add evidence", which shows each story's
status and whether the public can read it. The status moves only through the step
buttons, each with a confirmation page, which calls Change.transition_to with the
manager as actor. The list says which changes need an update (none for
NEEDS_UPDATE_DAYS). Staff read every change and change nothing.

Every text the public reads passes the personal-data guard: an edit or an update of a
public change here, every move into a public status in Change.transition_to.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html

from casestudies.models import CaseStudy
from changes import services
from changes.models import NEEDS_UPDATE_DAYS, Change, ChangeEvent, ChangeEvidence, ChangeUpdate
from infostory.admin_pages import admin_page, admin_urls
from infostory.public import public_changed
from infostory.workflow_admin import PublicEditForm, WorkflowStepsMixin, who
from stories.admin.actions import BULK_ACTIONS
from stories.admin.picker import story_picker
from stories.models import Barrier, Story
from stories.publishing import summary_for_log

# Each step is named after where it goes: "Mark as in progress".
STEP_LABELS = {
    status: f"Mark as {status.label.lower()}"
    for status in Change.Status
    if status != Change.Status.PROPOSED
}
PICKER_PAGE_SIZE = 25
# Where a change started from a case study takes its words.
CASE_STUDY_SOURCES = {"national_asks": Change.Level.NATIONAL, "local_actions": Change.Level.LOCAL}


def story_state(story):
    """A story's status and whether the public reads it, in the manager's words."""
    public = "public" if story.status == Story.Status.PUBLISHED else "not public"
    return f"{story.get_status_display()}, {public}"


class ChangeForm(PublicEditForm):
    """The change's own fields; while it is public, each edited text passes the guard."""

    evidence_references = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Change
        fields = [
            "title",
            "slug",
            "summary",
            "level",
            "owner",
            "barriers",
            "themes",
            "local_areas",
            "case_studies",
            "what_changed",
        ]

    def clean(self):
        cleaned = super().clean()
        if "barriers" in cleaned and not cleaned["barriers"]:
            self.add_error("barriers", "Choose at least one barrier this change would remove.")
        if cleaned.get("level") == Change.Level.LOCAL and not cleaned.get("local_areas"):
            self.add_error("local_areas", "A local change needs at least one local area.")
        change = self.instance
        if change.pk and change.is_public and not self.errors:
            saved = Change.objects.get(pk=change.pk)
            changed = [
                (self, name, Change._meta.get_field(name).verbose_name, cleaned.get(name, ""))
                for name in Change.TEXT_FIELDS
                if name in cleaned and cleaned[name] != getattr(saved, name)
            ]
            found = self.check_changed_texts(changed, partial(services.check_edit, change))
            reason = cleaned.get("personal_data_reason", "")
            if found and reason.strip():
                self.reason_used = (reason.strip(), summary_for_log(found))
        return cleaned

    def stories_to_add(self):
        references = [
            ref.strip().upper()
            for ref in self.cleaned_data.get("evidence_references", "").split(",")
            if ref.strip()
        ]
        return list(Story.objects.evidence().filter(reference__in=references))


class UpdateFormSet(forms.BaseInlineFormSet):
    """Updates of a public change are checked by the guard, with the change's reason."""

    def clean(self):
        super().clean()
        change = self.instance
        if not change.pk or not change.is_public:
            return
        parent = getattr(change, "_admin_form", None)
        reason = ""
        if parent is not None and hasattr(parent, "cleaned_data"):
            reason = parent.cleaned_data.get("personal_data_reason", "")
        for form in self.forms:
            if form.cleaned_data.get(DELETION_FIELD_NAME, False) or not form.has_changed():
                continue
            text = form.cleaned_data.get("text", "")
            try:
                form.guard_data = services.check_update_text(change, text, reason=reason)
            except ValidationError as error:
                form.add_error("text", error.messages)


class UpdateInline(admin.StackedInline):
    model = ChangeUpdate
    formset = UpdateFormSet
    extra = 1
    fields = ["date", "text", "posted_by"]
    readonly_fields = ["posted_by"]
    verbose_name = "dated update"
    verbose_name_plural = "dated updates (the public reads them on the change's timeline)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description="posted by")
    def posted_by(self, update):
        return who(update.created_by) if update.pk else "You, when you save"


class EvidenceInline(admin.StackedInline):
    model = ChangeEvidence
    extra = 0
    fields = ["story_link", "state", "note"]
    readonly_fields = ["story_link", "state"]
    verbose_name = "story held as evidence"
    verbose_name_plural = "evidence (add stories with 'Add evidence' above)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("story")

    @admin.display(description="story")
    def story_link(self, evidence):
        return format_html(
            '<a href="{}">{}</a> {}',
            reverse("admin:stories_story_change", args=[evidence.story_id]),
            evidence.story.reference,
            evidence.story.public_title or evidence.story.title,
        )

    @admin.display(description="status")
    def state(self, evidence):
        return story_state(evidence.story)


class NeedsUpdateFilter(admin.SimpleListFilter):
    title = "needs an update"
    parameter_name = "needs_update"

    def lookups(self, request, model_admin):
        return [("yes", f"No news for {NEEDS_UPDATE_DAYS} days")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.needing_update()
        return queryset


class LensFilter(admin.SimpleListFilter):
    title = "barrier lens"
    parameter_name = "lens"

    def lookups(self, request, model_admin):
        return Barrier.Lens.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                pk__in=Change.objects.filter(barriers__lens=self.value()).values("pk")
            )
        return queryset


class ChooseChangeForm(forms.Form):
    change = forms.ModelChoiceField(
        label="Change",
        queryset=Change.objects.exclude(status=Change.Status.MADE).order_by("title"),
        empty_label="Choose a change",
        help_text="Or start a new change from these stories below.",
    )
    note = forms.CharField(
        label="Why these stories show the barrier",
        required=False,
        max_length=300,
        help_text="Optional, for staff.",
    )


@admin.register(Change)
class ChangeAdmin(WorkflowStepsMixin, admin.ModelAdmin):
    form = ChangeForm
    list_display = [
        "title",
        "level",
        "status",
        "owner",
        "evidence_count",
        "last_progress_on",
        "update_due",
    ]
    list_filter = ["status", "level", NeedsUpdateFilter, LensFilter, "themes"]
    search_fields = ["title", "summary", "owner"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [UpdateInline, EvidenceInline]
    readonly_fields = ["status", "asked_at", "made_at", "last_progress_on", "timeline"]
    fieldsets = [
        ("The change", {"fields": ["title", "slug", "summary", "level", "owner"]}),
        (
            "What it is about",
            {"fields": ["barriers", "themes", "local_areas", "case_studies"]},
        ),
        ("What changed", {"fields": ["what_changed"]}),
        ("Status", {"fields": ["status", "asked_at", "made_at", "last_progress_on"]}),
        ("History", {"fields": ["timeline"], "classes": ["story-timeline"]}),
    ]
    change_form_template = "admin/changes/change/change_form.html"
    change_list_template = "admin/changes/change/change_list.html"
    # While it is public, the personal-data check comes after "What changed". A change is
    # never deleted (WorkflowStepsMixin): one not pursued is "not made".
    check_fieldset_at = 3
    check_description = (
        "This change is on the public site: changes to its words and updates are checked "
        "for anything that could identify a person before they are saved."
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_evidence_counts()

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            fieldsets.insert(1, (None, {"fields": ["evidence_references"]}))
        return fieldsets

    @admin.display(description="stories", ordering="held_count")
    def evidence_count(self, change):
        return change.held_count

    @admin.display(description="needs an update", boolean=True)
    def update_due(self, change):
        return change.needs_update

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("themes", "barriers", "case_studies"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        if db_field.name == "barriers":
            kwargs["queryset"] = Barrier.objects.order_by("lens", "name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # --- starting a change: the add form, filled from where it starts ---

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        barrier = Barrier.objects.filter(slug=request.GET.get("barrier", "")).first()
        if barrier is not None:
            initial.update(
                barriers=[barrier.pk],
                title=f"Remove the barrier: {barrier.name.lower()}",
                level=Change.Level.NATIONAL,
            )
        source = request.GET.get("from", "")
        # A hand-edited link may carry any text as the id: anything but digits starts blank.
        case_study_id = request.GET.get("case_study", "")
        case_study = (
            CaseStudy.objects.filter(pk=int(case_study_id)).first()
            if case_study_id.isdecimal()
            else None
        )
        if case_study is not None and source in CASE_STUDY_SOURCES:
            barriers = Barrier.objects.filter(case_study_sections__case_study=case_study)
            initial.update(
                title=f"{case_study.title}: what needs to change",
                summary=getattr(case_study, source),
                level=CASE_STUDY_SOURCES[source],
                case_studies=[case_study.pk],
                themes=list(case_study.themes.values_list("pk", flat=True)),
                local_areas=list(case_study.local_areas.values_list("pk", flat=True)),
                barriers=list(barriers.values_list("pk", flat=True).distinct()),
            )
        references = request.GET.get("stories", "")
        if references:
            stories = Story.objects.evidence().filter(
                reference__in=[ref.strip().upper() for ref in references.split(",")]
            )
            initial["evidence_references"] = ",".join(stories.values_list("reference", flat=True))
            initial.setdefault(
                "barriers",
                list(
                    Barrier.objects.filter(stories__in=stories)
                    .values_list("pk", flat=True)
                    .distinct()
                ),
            )
        return initial

    # --- saving: logged, and the public version told ---

    def save_formset(self, request, form, formset, change):
        if formset.model is not ChangeUpdate:
            return super().save_formset(request, form, formset, change)
        updates = formset.save(commit=False)
        for update in updates:
            fresh = update.pk is None
            if fresh:
                update.created_by = request.user
            update.save()
            guard = next(
                (getattr(f, "guard_data", {}) for f in formset.forms if f.instance is update), {}
            )
            services.record_progress(form.instance, update.date)
            form.instance.log(
                ChangeEvent.Action.UPDATED,
                actor=request.user,
                note=("" if fresh else "Edited: ") + update.text[:200],
                data=guard,
            )
        for update in formset.deleted_objects:
            update.delete()
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        stories = form.stories_to_add() if not change else []
        if stories:
            services.add_evidence(obj, stories, actor=request.user)
        edited = [
            name
            for name in form.changed_data
            if name not in ("personal_data_reason", "evidence_references")
        ]
        edited += [fs.prefix for fs in formsets if fs.has_changed()]
        if change and edited:
            data = {}
            if form.reason_used:
                reason, counts = form.reason_used
                data = {"personal_data_reason": reason, "personal_data_found": counts}
            obj.log(
                ChangeEvent.Action.EDITED, actor=request.user, note=", ".join(edited), data=data
            )
        if obj.is_public:
            public_changed(reason="change edited")

    # --- the steps, the evidence picker, the starts ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["evidence_url"] = reverse("admin:changes_change_evidence", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        pages = [
            ("start/", self.start_view, "start"),
            ("from-stories/", self.from_stories_view, "from_stories"),
            ("<int:pk>/evidence/", self.evidence_view, "evidence"),
            ("<int:pk>/move/<str:to>/", self.move_view, "move"),
        ]
        return admin_urls(self, pages) + super().get_urls()

    def _get(self, request, pk, *, change=False):
        obj = get_object_or_404(Change.objects.all(), pk=pk)
        allowed = (
            self.has_change_permission(request, obj)
            if change
            else self.has_view_or_change_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        return obj

    # --- the steps (the confirmation page is infostory.workflow_admin's) ---

    step_labels = STEP_LABELS
    step_template = "admin/changes/change/move.html"
    step_subject_name = "change"
    step_note_help = "Optional, for staff. Saved in the change's history with this step."

    def step_subject(self, request, pk):
        return self._get(request, pk, change=True)

    def take_step(self, change, to, **how):
        services.move(change, to, **how)

    def goes_public(self, change, to):
        return to in Change.PUBLIC_STATUSES

    def step_problems(self, change, to, *, refusals):
        return [] if refusals else change.transition_problems(to)

    def step_context(self, request, change, to):
        return {"tells": to == Change.Status.MADE}

    def evidence_view(self, request, pk):
        """Pick stories as evidence: accepted and published ones, each with its status and
        whether the public reads it; the ones already held are marked."""
        change = self._get(request, pk)
        can_change = self.has_change_permission(request, change)
        change_url = reverse("admin:changes_change_change", args=[pk])
        if request.method == "POST":
            if not can_change:
                raise PermissionDenied
            chosen = request.POST.getlist("story")
            stories = list(
                Story.objects.evidence().filter(pk__in=[s for s in chosen if s.isdigit()])
            )
            if not stories:
                messages.error(request, "Choose at least one story to add as evidence.")
                return HttpResponseRedirect(request.get_full_path())
            added = services.add_evidence(
                change, stories, actor=request.user, note=request.POST.get("note", "")[:300]
            )
            messages.success(
                request,
                f"{len(added)} stor{'y' if len(added) == 1 else 'ies'} added as evidence"
                + (f": {', '.join(added)}." if added else " (they were already held)."),
            )
            return HttpResponseRedirect(change_url)
        picker = story_picker(
            request,
            Story.objects.evidence(),
            order=["-submitted_at", "-id"],
            per_page=PICKER_PAGE_SIZE,
        )
        held = set(ChangeEvidence.objects.filter(change=change).values_list("story_id", flat=True))
        rows = [
            {"story": story, "state": story_state(story), "held": story.pk in held}
            for story in picker["page_obj"].object_list
        ]
        return admin_page(
            self,
            request,
            "admin/changes/change/evidence.html",
            f"Add evidence: {change.title}",
            change=change,
            rows=rows,
            change_url=change_url,
            can_change=can_change,
            **picker,
        )

    def start_view(self, request):
        """Start a change from a barrier, or from a case study's asks or actions."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        add_url = reverse("admin:changes_change_add")
        case_studies = [
            {
                "case_study": case_study,
                "starts": [
                    (f"{add_url}?case_study={case_study.pk}&from={source}", label, text)
                    for source, label, text in (
                        ("national_asks", "its national asks", case_study.national_asks),
                        ("local_actions", "its local actions", case_study.local_actions),
                    )
                    if text.strip()
                ],
            }
            for case_study in CaseStudy.objects.order_by("title").only(
                "pk", "title", "status", "national_asks", "local_actions"
            )
        ]
        return admin_page(
            self,
            request,
            "admin/changes/change/start.html",
            "Start a change",
            add_url=add_url,
            barriers=Barrier.objects.order_by("lens", "name"),
            case_studies=[row for row in case_studies if row["starts"]],
        )

    def from_stories_view(self, request):
        """The stories chosen on the story list: add them to a change, or start one."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        references = request.GET.get("stories", request.POST.get("stories", "")).split(",")
        stories = list(
            Story.objects.filter(reference__in=[r.strip() for r in references if r.strip()])
            .order_by("reference")
            .only("pk", "reference", "title", "public_title", "status")
        )
        usable = [story for story in stories if story.status in Story.EVIDENCE_STATUSES]
        form = ChooseChangeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            change = form.cleaned_data["change"]
            added = services.add_evidence(
                change, usable, actor=request.user, note=form.cleaned_data["note"]
            )
            messages.success(
                request,
                f"{len(added)} stor{'y' if len(added) == 1 else 'ies'} added as evidence for "
                f"“{change.title}”.",
            )
            return HttpResponseRedirect(reverse("admin:changes_change_change", args=[change.pk]))
        refs = ",".join(story.reference for story in usable)
        return admin_page(
            self,
            request,
            "admin/changes/change/from_stories.html",
            "Add as evidence for a change",
            form=form,
            rows=[{"story": story, "state": story_state(story)} for story in stories],
            usable=usable,
            refused=[story for story in stories if story not in usable],
            stories_param=refs,
            start_url=f"{reverse('admin:changes_change_add')}?stories={refs}",
        )


@admin.action(description="Add as evidence for a change…", permissions=["change"])
def add_as_evidence(model_admin, request, queryset):
    """The story list's bulk action: on to the page that picks the change."""
    references = ",".join(queryset.order_by("reference").values_list("reference", flat=True)[:200])
    return HttpResponseRedirect(
        f"{reverse('admin:changes_change_from_stories')}?stories={references}"
    )


# The story list's actions are a list other apps may add to (stories.admin.actions).
if add_as_evidence not in BULK_ACTIONS:
    BULK_ACTIONS.append(add_as_evidence)
