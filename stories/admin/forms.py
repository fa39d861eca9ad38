"""The forms of the story page and of the bulk steps' confirmation page."""

from django import forms

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


def note_field(label, help_text, **kwargs):
    """A short note that goes with a step: into the timeline, or kept as the reason."""
    return forms.CharField(
        label=label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=help_text,
        **kwargs,
    )


def reason_choice_field(help_text):
    """The reason for rejecting, from the set list written for the person."""
    return forms.ChoiceField(
        label="Reason for rejecting",
        required=False,
        choices=[("", "Choose a reason"), *Story.RejectionReason.choices],
        help_text=help_text,
    )


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
