"""The case study page's inlines: the lens sections and the quotes, in order."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from casestudies.admin.forms import CaseStudyPartsFormSet, QuoteForm
from casestudies.models import REQUIRED_LENSES, CaseStudyQuote, CaseStudySection
from stories.models import Story


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
