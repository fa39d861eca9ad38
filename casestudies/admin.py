"""Writing case studies in the Django admin, for engagement managers.

The case study page holds the texts, the lens sections and the quotes, in order. Stories
to quote are found on "Find stories to quote" (published stories only, case-study
candidates first, filtered by theme, area, barrier and lens), which shows each story's
public version to copy an excerpt from. A quote names its story by reference; a quote
that is not an exact excerpt is refused beside the field. "Preview" shows the page
exactly as the public will see it. The status moves only through the step buttons, each
with a confirmation page, which calls CaseStudy.transition_to with the manager as actor.
Staff read every case study (drafts too) and change nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from casestudies.models import (
    REQUIRED_LENSES,
    CaseStudy,
    CaseStudyEvent,
    CaseStudyQuote,
    CaseStudySection,
)
from casestudies.reading import page_context, with_everything
from infostory.public import public_changed
from stories.admin.forms import note_field
from stories.filters import StoryFilter
from stories.models import Story
from stories.permissions import engagement_managers
from stories.publishing import _key, check_public_text, find_in_texts, summary_for_log

STEP_LABELS = {
    CaseStudy.Status.IN_REVIEW: "Send for review",
    CaseStudy.Status.PUBLISHED: "Publish",
    CaseStudy.Status.WITHDRAWN: "Withdraw from the site",
    CaseStudy.Status.DRAFT: "Back to draft",
}
CANDIDATES_PAGE_SIZE = 20


def who(user):
    if user is None:
        return "The system"
    return user.get_full_name() or user.get_username()


# --- a published case study's edit: the personal-data guard reads all of it at once ---


class CaseStudyForm(forms.ModelForm):
    """The case study's own fields; while it is published, the check of the whole edit.

    The admin validates this form, then the section and quote formsets in turn, and
    saves nothing unless all are valid. The last formset to be cleaned calls
    check_published_edit(): by then every text the save would write is known, so the
    personal-data guard reads the case study as it will be, and a refusal is a message
    beside the field that holds it, with the typed words kept.
    """

    personal_data_reason = note_field(
        "Reason to publish what was found",
        "Only if what the personal-data check found in your changes is not "
        "personal data, or may be published (for example a public office's address). "
        "Logged with your name; the history keeps the kinds found, not the words.",
        required=False,
    )

    class Meta:
        model = CaseStudy
        # The admin names the fields from its fieldsets; these are the case study's own.
        fields = [
            "title",
            "slug",
            "summary",
            "local_areas",
            "themes",
            "authors",
            "what_changed",
            "local_actions",
            "national_asks",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formsets = []  # the inline formsets join in (CaseStudyPartsFormSet)
        self.reason_used = None  # (reason, kinds and counts) when the reason was needed
        self.instance._admin_form = self

    def check_published_edit(self):
        """Refuse, beside each field, what the edit adds that could identify a person."""
        case_study = self.instance
        status = getattr(case_study, "_saved_status", None)
        if case_study.pk is None or status != CaseStudy.Status.PUBLISHED:
            return
        if self.errors or any(form.errors for fs in self.formsets for form in fs.forms):
            return  # nothing is saved anyway; the check runs once the rest is right
        saved = getattr(case_study, "_public_values", {})
        changed = [
            (self, name, case_study._meta.get_field(name).verbose_name, getattr(case_study, name))
            for name in CaseStudy.TEXT_FIELDS
            if getattr(case_study, name) != saved.get(name)
        ]
        stories = {story.pk: story for story in case_study.quoted_stories()}
        parts = [case_study]
        for formset in self.formsets:
            for form in formset.forms:
                if formset._should_delete_form(form) or not (
                    form.instance.pk or form.has_changed()
                ):
                    continue
                part = form.instance
                parts.append(part)
                if isinstance(part, CaseStudyQuote) and part.story_id:
                    stories.setdefault(part.story_id, part.story)
                before = getattr(part, "_public_values", {})
                changed.extend(
                    (form, name, where, text)
                    for name, (where, text) in zip(
                        part.TEXT_FIELDS, part.public_texts(), strict=True
                    )
                    if text != before.get(name, "")
                )
        if not changed:
            return
        stories = list(stories.values())
        before = find_in_texts(case_study.saved_public_texts(), stories=stories)
        reason = self.cleaned_data.get("personal_data_reason", "")
        found, refused = [], False
        for form, name, where, text in changed:
            try:
                found += check_public_text(
                    [(str(where), text)], stories=stories, reason=reason, allowed=before
                )
            except ValidationError as error:
                form.add_error(name, error.messages)
                refused = True
        if refused:
            self.add_error(
                "personal_data_reason",
                "Remove what could identify a person from your changes, or say here why it "
                "may be published.",
            )
            raise ValidationError(
                "Nothing was saved: this case study is on the public site, and your changes "
                "add something that could identify a person. See the messages beside the "
                "fields."
            )
        allowed = {_key(item) for item in before}
        new = [item for item in found if _key(item) not in allowed]
        if new:
            self.reason_used = (reason.strip(), summary_for_log(new))
        for part in parts:
            part._edit_checked = True  # checked here as a whole: the model need not again


class CaseStudyPartsFormSet(forms.BaseInlineFormSet):
    """An inline of the case study: joins its form, so the last one checks the edit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.case_study_form = getattr(self.instance, "_admin_form", None)
        if self.case_study_form is not None:
            self.case_study_form.formsets.append(self)

    def clean(self):
        super().clean()
        form = self.case_study_form
        if form is not None and form.formsets and form.formsets[-1] is self:
            form.check_published_edit()


# --- quotes: the story is named by its reference ---


class StoryReferenceField(forms.Field):
    """A story typed as its reference (IS-7Q4K3M, any case)."""

    widget = forms.TextInput(attrs={"maxlength": "12", "size": "12", "autocomplete": "off"})

    def to_python(self, value):
        value = str(value or "").strip().upper()
        if not value:
            return None
        story = Story.objects.filter(reference=value).first()
        if story is None:
            raise ValidationError(
                f"No story has the reference {value}. Find one with 'Find stories to quote'."
            )
        return story

    def prepare_value(self, value):
        return value.reference if isinstance(value, Story) else value

    def has_changed(self, initial, data):
        initial = initial.reference if isinstance(initial, Story) else (initial or "")
        return str(initial).strip().upper() != str(data or "").strip().upper()


class QuoteForm(forms.ModelForm):
    story = StoryReferenceField(
        label="Story reference",
        help_text="For example IS-7Q4K3M: a published story.",
    )

    class Meta:
        model = CaseStudyQuote
        fields = ["story", "section", "quote", "position"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.story_id:
            self.initial["story"] = self.instance.story.reference

    def _post_clean(self):
        # A saved quote left as it was is not checked again: when its story leaves the
        # public site the quote is hidden, and the rest of the case study can still be
        # edited. A new or changed quote is checked (CaseStudyQuote.clean).
        if self.instance.pk and not self.has_changed():
            return
        super()._post_clean()


class QuoteInline(admin.StackedInline):
    model = CaseStudyQuote
    form = QuoteForm
    formset = CaseStudyPartsFormSet
    extra = 1
    fields = ["story", "story_public_version", "section", "quote", "position"]
    readonly_fields = ["story_public_version"]
    verbose_name = "quote"
    verbose_name_plural = "quotes (the people's words, in order)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("story", "section")

    def get_formset(self, request, obj=None, **kwargs):
        self.parent = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            parent = getattr(self, "parent", None)
            kwargs["queryset"] = (
                CaseStudySection.objects.filter(case_study=parent)
                if parent is not None
                else CaseStudySection.objects.none()
            )
            kwargs["empty_label"] = "In their own words (no lens)"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="the story's public version")
    def story_public_version(self, quote):
        story = quote.story if quote.pk else None
        if story is None:
            return "Save to see the story's public version here."
        state = "" if story.status == Story.Status.PUBLISHED else " (NOT PUBLISHED: not shown)"
        return format_html(
            '<div class="quote-source"><strong>{}{}</strong><p>{}</p><p>{}</p></div>',
            story.public_title,
            state,
            story.public_summary,
            story.public_body,
        )


class SectionInline(admin.StackedInline):
    model = CaseStudySection
    formset = CaseStudyPartsFormSet
    fields = ["lens", "barriers", "what_got_in_the_way", "what_helped", "position"]
    verbose_name = "lens section"
    verbose_name_plural = (
        "lens sections (leadership, capacity and culture are required; legal and "
        "technology when they matter)"
    )

    def get_extra(self, request, obj=None, **kwargs):
        if obj is None or not obj.pk:
            return len(REQUIRED_LENSES)
        return (
            1 if obj.sections.count() < len(CaseStudySection._meta.get_field("lens").choices) else 0
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "barriers":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "needs review"
    parameter_name = "needs_review"

    def lookups(self, request, model_admin):
        return [("yes", "Needs review"), ("no", "Reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(needs_review=True)
        if self.value() == "no":
            return queryset.filter(needs_review=False)
        return queryset


class StepForm(forms.Form):
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional. Saved in the case study's history with this step.",
    )
    personal_data_reason = forms.CharField(
        label="Why it may be published anyway",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if what the check found is not personal data, or may be published "
        "(for example a public office's address). Logged with your name.",
    )


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    form = CaseStudyForm
    list_display = ["title", "status", "review_flag", "published_at", "updated_at"]
    list_filter = ["status", NeedsReviewFilter, "themes", "local_areas"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline, QuoteInline]
    readonly_fields = ["status", "published_at", "needs_review", "timeline"]
    fieldsets = [
        (
            "The case study",
            {"fields": ["title", "slug", "summary", "local_areas", "themes", "authors"]},
        ),
        ("What it found", {"fields": ["what_changed", "local_actions", "national_asks"]}),
        ("Status", {"fields": ["status", "published_at", "needs_review"]}),
        ("History", {"fields": ["timeline"], "classes": ["story-timeline"]}),
    ]
    change_form_template = "admin/casestudies/casestudy/change_form.html"

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw instead: the history stays

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.is_published:
            fieldsets.insert(
                2,
                (
                    "Personal-data check",
                    {
                        "fields": ["personal_data_reason"],
                        "description": "This case study is on the public site: changes to "
                        "its words are checked for anything that could identify a person "
                        "before they are saved.",
                    },
                ),
            )
        return fieldsets

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, SectionInline) and (obj is None or obj._state.adding):
            # A new case study starts with a section for each lens it must have.
            kwargs["initial"] = [
                {"lens": lens, "position": n} for n, lens in enumerate(REQUIRED_LENSES)
            ]
        return kwargs

    @admin.display(description="needs review", boolean=True, ordering="needs_review")
    def review_flag(self, case_study):
        return case_study.needs_review

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        if db_field.name == "authors":
            kwargs["queryset"] = engagement_managers()
            kwargs["help_text"] = (
                "The engagement managers who write it: they are told when it needs review."
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="history")
    def timeline(self, case_study):
        if not case_study.pk:
            return "-"
        events = case_study.events.select_related("actor").order_by("created_at", "id")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(event.created_at).strftime("%d %b %Y %H:%M"),
                    who(event.actor),
                    event.get_action_display(),
                    event.get_from_status_display() or "-",
                    event.get_to_status_display() or "-",
                    " ".join(
                        [event.note]
                        + (
                            [
                                f"Published despite the personal-data check: "
                                f"{event.data['personal_data_reason']}"
                            ]
                            if event.data.get("personal_data_reason")
                            else []
                        )
                    ).strip(),
                )
                for event in events
            ),
        )
        return format_html(
            '<table class="story-timeline-table">'
            "<caption>Everything done to this case study, oldest first</caption>"
            '<thead><tr><th scope="col">When</th><th scope="col">Who</th>'
            '<th scope="col">What</th><th scope="col">From</th><th scope="col">To</th>'
            '<th scope="col">Note</th></tr></thead><tbody>{}</tbody></table>',
            rows,
        )

    # --- saving: logged, and the public pages dropped ---

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            obj.log(CaseStudyEvent.Action.CREATED, actor=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if not change and not obj.authors.exists():
            obj.authors.add(request.user)
        edited = list(form.changed_data) + [
            formset.prefix for formset in formsets if formset.has_changed()
        ]
        edited = [name for name in edited if name != "personal_data_reason"]
        if change and edited:
            data, note = {}, ", ".join(edited)
            if getattr(form, "reason_used", None):
                reason, counts = form.reason_used
                # The kinds and counts found, never the words: the log outlives the text.
                data = {"personal_data_reason": reason, "personal_data_found": counts}
            obj.log(CaseStudyEvent.Action.EDITED, actor=request.user, note=note, data=data)
            obj.save(update_fields=["updated_at"])  # a new PDF for the new words
        public_changed(reason="case study saved in the admin")

    # --- the steps ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["steps"] = (
                [
                    {"value": status.value, "label": STEP_LABELS[status]}
                    for status in CaseStudy.Status
                    if obj.can_transition_to(status)
                ]
                if self.has_change_permission(request, obj)
                else []
            )
            context["can_change"] = self.has_change_permission(request, obj)
            context["preview_url"] = reverse("admin:casestudies_casestudy_preview", args=[obj.pk])
        context["candidates_url"] = reverse("admin:casestudies_casestudy_candidates")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        step = request.POST.get("_step")
        if step:
            if step not in CaseStudy.Status.values:
                messages.error(request, "That step is not one a case study can take.")
                return HttpResponseRedirect(request.get_full_path())
            return HttpResponseRedirect(
                reverse("admin:casestudies_casestudy_move", args=[obj.pk, step])
            )
        if "_reviewed" in request.POST:
            obj.mark_reviewed(actor=request.user, note=request.POST.get("note", "").strip())
            messages.success(request, f"“{obj.title}” is marked as reviewed.")
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def get_urls(self):
        own = [
            path(
                "candidates/",
                self.admin_site.admin_view(self.candidates_view),
                name="casestudies_casestudy_candidates",
            ),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="casestudies_casestudy_preview",
            ),
            path(
                "<int:pk>/move/<str:to>/",
                self.admin_site.admin_view(self.move_view),
                name="casestudies_casestudy_move",
            ),
        ]
        return own + super().get_urls()

    def _get(self, request, pk):
        case_study = get_object_or_404(with_everything(CaseStudy.objects.all()), pk=pk)
        if not self.has_view_or_change_permission(request, case_study):
            raise PermissionDenied
        return case_study

    def preview_view(self, request, pk):
        """The page exactly as the public will see it: the same template."""
        case_study = self._get(request, pk)
        context = page_context(case_study)
        context.update(
            preview=True,
            change_url=reverse("admin:casestudies_casestudy_change", args=[pk]),
            page_url=request.build_absolute_uri(case_study.get_absolute_url()),
        )
        return TemplateResponse(request, "casestudies/case_study_detail.html", context)

    def move_view(self, request, pk, to):
        """Confirm a step; on yes, take it through CaseStudy.transition_to."""
        case_study = self._get(request, pk)
        if not self.has_change_permission(request, case_study):
            raise PermissionDenied
        try:
            to = CaseStudy.Status(to)
        except ValueError:
            raise Http404("No such step.") from None
        change_url = reverse("admin:casestudies_casestudy_change", args=[pk])
        if not case_study.can_transition_to(to):
            messages.error(
                request,
                f"A case study that is {case_study.get_status_display().lower()} cannot move "
                f"to {to.label.lower()}.",
            )
            return HttpResponseRedirect(change_url)
        refusals = []
        if request.method == "POST":
            form = StepForm(request.POST)
            if form.is_valid():
                try:
                    case_study.transition_to(
                        to,
                        actor=request.user,
                        note=form.cleaned_data["note"].strip(),
                        personal_data_reason=form.cleaned_data["personal_data_reason"],
                    )
                except ValidationError as error:
                    refusals = error.messages
                    case_study.status = CaseStudy.objects.get(pk=pk).status
                else:
                    messages.success(request, f"“{case_study.title}” is now {to.label.lower()}.")
                    return HttpResponseRedirect(change_url)
        else:
            form = StepForm()
        publishing = to == CaseStudy.Status.PUBLISHED
        findings = case_study.personal_data_findings() if publishing else []
        if findings and refusals:
            form.add_error(
                "personal_data_reason",
                "Remove the personal data from the case study, or say here why it may be "
                "published.",
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{STEP_LABELS[to]}: are you sure?",
            "step_title": STEP_LABELS[to],
            "opts": self.model._meta,
            "case_study": case_study,
            "to": to,
            "form": form,
            "problems": case_study.publication_problems() if publishing else [],
            "findings": findings,
            "refusals": refusals,
            "change_url": change_url,
            "preview_url": reverse("admin:casestudies_casestudy_preview", args=[pk]),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/casestudies/casestudy/move.html", context)

    def candidates_view(self, request):
        """Published stories to quote: candidates first, with their public version."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        data = request.GET.copy()
        data.pop("page", None)
        story_filter = StoryFilter(data, Story.objects.published(), request=request)
        dropped = []
        if not story_filter.is_valid():
            dropped = [
                f"{story_filter.filter_label(name)}: {' '.join(errors)}"
                for name, errors in story_filter.errors.items()
            ]
            for name in story_filter.errors:
                data.pop(name, None)
            story_filter = StoryFilter(data, Story.objects.published(), request=request)
            story_filter.is_valid()
        stories = (
            story_filter.qs.select_related("local_area")
            .prefetch_related("themes", "barriers")
            .order_by("-case_study_candidate", "-published_at", "-id")
        )
        from django.core.paginator import Paginator

        page = Paginator(stories, CANDIDATES_PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            **self.admin_site.each_context(request),
            "title": "Find stories to quote",
            "opts": self.model._meta,
            "form": story_filter.form,
            "page_obj": page,
            "stories": list(page.object_list),
            "dropped": dropped,
            "query": query.urlencode(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/casestudies/casestudy/candidates.html", context)
