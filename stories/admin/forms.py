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


class StoryModerationForm(forms.ModelForm):
    """The story's editable fields, plus the note and reason that go with a step."""

    note = note_field(
        "Note for the timeline",
        "Optional. Saved in the timeline with the step you take below.",
        required=False,
    )
    reason = note_field(
        "Reason for rejecting",
        "Needed to reject. Kept with the story for the Centre's records.",
        required=False,
    )
    personal_data_reason = forms.CharField(
        label="Reason to keep what was found",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Only for a published story: why the public version may keep something "
        "that could identify a person. Saved in the timeline.",
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        story = self.instance
        self.fields["withdrawn"].choices = [
            (value, label) for value, label in WITHDRAWABLE if STILL_GIVEN[value](story)
        ]

    def _post_clean(self):
        # The model's guard on a published story's public version reads the reason.
        self.instance.personal_data_reason = self.cleaned_data.get("personal_data_reason", "")
        super()._post_clean()


class BulkStepForm(forms.Form):
    note = note_field(
        "Note for the timeline", "Optional. Logged with each story's step.", required=False
    )

    def __init__(self, *args, needs_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_reason:
            self.fields["reason"] = note_field(
                "Reason for rejecting",
                "Kept with each story for the Centre's records.",
                error_messages={"required": "Give a reason for rejecting the stories."},
            )


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
    note = forms.CharField(
        label="Note for the timeline",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Optional. Saved in the timeline with the publication.",
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
    note = forms.CharField(
        label="Note for the timeline",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Optional. Why it is withdrawn, saved in the timeline.",
    )
