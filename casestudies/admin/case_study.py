"""The case study's ModelAdmin: the list, the page with its sections and quotes, the
history, and the saves (logged); the steps go through the pages in views.py."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from casestudies.admin.filters import NeedsReviewFilter
from casestudies.admin.forms import CaseStudyForm
from casestudies.admin.inlines import QuoteInline, SectionInline
from casestudies.admin.views import CaseStudyPagesMixin
from casestudies.models import REQUIRED_LENSES, CaseStudy, CaseStudyEvent
from infostory.public import public_changed
from stories.permissions import engagement_managers


@admin.register(CaseStudy)
class CaseStudyAdmin(CaseStudyPagesMixin, admin.ModelAdmin):
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
    # While it is published, the personal-data check comes after "What it found". A case
    # study is never deleted (WorkflowStepsMixin): it is withdrawn, and its history stays.
    check_fieldset_at = 2
    check_description = (
        "This case study is on the public site: changes to its words are checked for "
        "anything that could identify a person before they are saved."
    )

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

    # --- saving: logged, and the public pages dropped ---

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
            if obj.is_published:
                # Its sections and filing (not only its own row and quotes, which
                # casestudies.receivers sees saved) changed a public page; a draft's edits
                # change nothing the public sees.
                public_changed(reason=f"published case study {obj.pk} edited in the admin")

    # --- the steps (their buttons and pages are WorkflowStepsMixin's) ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["preview_url"] = reverse("admin:casestudies_casestudy_preview", args=[obj.pk])
        context["candidates_url"] = reverse("admin:casestudies_casestudy_candidates")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        # "I have reviewed it"; a step button is WorkflowStepsMixin's (its confirmation page).
        if "_reviewed" in request.POST and not request.POST.get("_step"):
            obj.mark_reviewed(actor=request.user, note=request.POST.get("note", "").strip())
            messages.success(request, f"“{obj.title}” is marked as reviewed.")
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)
