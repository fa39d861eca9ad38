"""The forms of the story page and of the bulk steps' confirmation page."""

from django import forms

from infostory.forms import note_field
from stories.models import Story

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


def reason_choice_field(help_text):
    """The reason for rejecting, from the set list written for the person."""
    return forms.ChoiceField(
        label="Reason for rejecting",
        required=False,
        choices=[("", "Choose a reason"), *Story.RejectionReason.choices],
        help_text=help_text,
    )


class PlainTextField(forms.CharField):
    """A text box's value with the browser's CRLF line ends as the stored LF.

    Browsers send every line break in a textarea as CRLF; without this a text saved
    unchanged would count as changed (and the timeline would say it was edited).
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class StoryModerationForm(forms.ModelForm):
    """The story's editable fields, plus the note and reason that go with a step."""

    note = note_field(
        "Note for the timeline",
        "Optional. Saved in the timeline with the step you take below.",
        required=False,
    )
    reason_choice = reason_choice_field(
        "The person is told this reason in plain words, if they agreed to be contacted, "
        "and on their story's page."
    )
    reason = note_field(
        "The reason in your words",
        "Needed for “Other”, and shown to the person then. Otherwise optional, kept with "
        "the story for the Centre's records.",
        required=False,
    )
    personal_data_reason = note_field(
        "Reason to keep what was found",
        "Only for a published story: why the public version may keep something that could "
        "identify a person. Saved in the timeline.",
        required=False,
    )
    safeguarding_handled = forms.CharField(
        label="How the concern was handled",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Who you told and what they did, or why there was no concern after all. "
        "Saved in the timeline.",
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
        field_classes = {
            "public_summary": PlainTextField,
            "public_body": PlainTextField,
            "moderator_notes": PlainTextField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        story = self.instance
        self.fields["withdrawn"].choices = [
            (value, label) for value, label in WITHDRAWABLE if STILL_GIVEN[value](story)
        ]

    def clean(self):
        cleaned = super().clean()
        # The model's guard on a published story's public version (run by the model
        # validation that follows) reads the reason.
        self.instance.personal_data_reason = cleaned.get("personal_data_reason", "")
        return cleaned


class BulkStepForm(forms.Form):
    note = note_field(
        "Note for the timeline", "Optional. Logged with each story's step.", required=False
    )

    def __init__(self, *args, needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_reason = needs_reason
        if needs_reason:
            self.fields["reason_choice"] = reason_choice_field(
                "Each person who agreed to be contacted is told it in plain words."
            )
            self.fields["reason"] = note_field(
                "The reason in your words",
                "Needed for “Other” or without a reason from the list. Kept with each "
                "story for the Centre's records.",
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        if not self.needs_reason or self.errors:
            return cleaned
        choice, words = cleaned.get("reason_choice"), cleaned.get("reason", "").strip()
        if not words and (not choice or choice == Story.RejectionReason.OTHER):
            self.add_error("reason", "Give a reason for rejecting the stories.")
        return cleaned


class PublishForm(forms.Form):
    """The preview's confirmation: the check is ticked; a reason when something is found."""

    checked = forms.BooleanField(
        label="I have checked this version for anything that could identify a person",
        label_suffix="",
        error_messages={
            "required": "Tick to confirm you have checked this version for anything that "
            "could identify a person"
        },
    )
    note = note_field(
        "Note for the timeline",
        "Optional. Saved in the timeline with the publication.",
        required=False,
    )

    def __init__(self, *args, anyway=False, **kwargs):
        super().__init__(*args, **kwargs)
        if anyway:
            self.fields["personal_data_reason"] = forms.CharField(
                label="Why this may be published anyway",
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                help_text="For example: the name is a public official's, acting in their "
                "role. Kept in the timeline.",
                error_messages={
                    "required": "Say why this may be published with what was found, or go "
                    "back and replace it"
                },
            )


class WithdrawForm(forms.Form):
    note = note_field(
        "Note for the timeline",
        "Optional. Why it is withdrawn, saved in the timeline.",
        required=False,
    )
