"""The case study's forms: its own fields with the check of a published edit as a whole,
the quotes (a story named by its reference), and the confirmation of a step."""

from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME

from casestudies.models import CaseStudy, CaseStudyQuote
from infostory.workflow_admin import PublicEditForm
from stories.models import Story
from stories.publishing import _key, check_public_text, find_in_texts, summary_for_log

# --- a published case study's edit: the personal-data guard reads all of it at once ---


class CaseStudyForm(PublicEditForm):
    """The case study's own fields; while it is published, the check of the whole edit.

    The admin validates this form, then the section and quote formsets in turn, and
    saves nothing unless all are valid. The last formset to be cleaned calls
    check_published_edit(): by then every text the save would write is known, so the
    personal-data guard reads the case study as it will be, and a refusal is a message
    beside the field that holds it, with the typed words kept.
    """

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
                if form.cleaned_data.get(DELETION_FIELD_NAME) or not (
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
        found = self.check_changed_texts(
            changed, partial(check_public_text, stories=stories, allowed=before)
        )
        if found is None:
            raise ValidationError(
                "Nothing was saved: this case study is on the public site, and your changes "
                "add something that could identify a person. See the messages beside the "
                "fields."
            )
        allowed = {_key(item) for item in before}
        new = [item for item in found if _key(item) not in allowed]
        if new:
            reason = self.cleaned_data.get("personal_data_reason", "")
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
