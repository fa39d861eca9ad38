"""Form fields the apps share."""

from django import forms


def email_field(label, *, error_messages=None, attrs=None, **kwargs):
    """An email address someone gives us (a storyteller, someone signing up for alerts):
    the longest an address can be, the browser's email keyboard and autofill, and one
    message for a mistyped one unless the form words it its own way."""
    return forms.EmailField(
        label=label,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org",
            **(error_messages or {}),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", **(attrs or {})}
        ),
        **kwargs,
    )


def note_field(label, help_text, **kwargs):
    """A short note that goes with a step: into the timeline, or kept as the reason."""
    return forms.CharField(
        label=label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=help_text,
        **kwargs,
    )
