"""Forms. ShareStoryForm is the public "Share your story" form.

Its inputs are named after the Story fields they fill; the server sets the status, the
reference and the campaign. Two hidden helpers are not Story fields: `form_token` (signed:
the reference drawn for this page and when the page was made) and `website`, a honeypot
that people never see.
"""

import secrets
import time
from dataclasses import dataclass
from functools import partial
from itertools import groupby

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.core import signing, validators
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from infostory.forms import email_field
from stories.models import (
    REFERENCE_PREFIX,
    Barrier,
    LocalArea,
    PolicyTheme,
    Story,
    new_reference,
)

TOKEN_SALT = "stories.share-form"  # noqa: S105 (a namespace, not a secret)
# Limits that fit a rich story (README, "Sharing a story"): what happened may take a few
# thousand words, the difference and the barriers half that; a title and a list of
# organisations are short by nature (and the model's columns).
STORY_TEXT = 20_000
LONG_TEXT = 10_000
MEDIUM_TEXT = LONG_TEXT
NOT_SPECIFIC = "Not specific to one area"
NULL_BYTES = validators.ProhibitNullCharactersValidator(
    message="This text contains a null character (\\x00), which often comes from copying out "
    "of another program: remove it, or retype that part, and send it again."
)


def refuse_null_choice(field, value):
    if "\x00" in str(value):
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
        )


def limit_hint(limit):
    return f"Up to {limit:,} characters."


def counted(text):
    """Characters as the person sees them: a line break is one, however the browser sent
    it (textareas send CRLF), so the server agrees with the character count."""
    return len(str(text).replace("\r\n", "\n"))


class TooLong(validators.MaxLengthValidator):
    """The length limit, counted as the person sees it, with a message that names the
    field and says by how much it is over."""

    def __init__(self, limit, question):
        super().__init__(limit)
        self.question = question

    def __call__(self, value):
        length = counted(value)
        if length > self.limit_value:
            raise ValidationError(
                f"“{self.question}” is {length:,} characters long: shorten it by "
                f"{length - self.limit_value:,} to {self.limit_value:,} characters or fewer. "
                "Your text is kept below.",
                code="max_length",
            )


def count_characters(form):
    """The GOV.UK character count on every field with a length limit: no maxlength (a
    person can paste everything and sees how far over they are; nothing is cut), the limit
    in data-maxlength for static/js/submit.js, and the server's TooLong message."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit or isinstance(field.widget, forms.HiddenInput):
            continue
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["data-maxlength"] = str(limit)
        question = str(field.label).removesuffix(" (optional)")
        field.validators = [
            TooLong(limit, question) if isinstance(v, validators.MaxLengthValidator) else v
            for v in field.validators
        ]


def optional_text(question, limit, help_text, **kwargs):
    """A written answer the person may leave empty: "(optional)" after the question, and
    the length limit told after the help."""
    return forms.CharField(
        label=f"{question} (optional)",
        required=False,
        max_length=limit,
        help_text=f"{help_text} {limit_hint(limit)}",
        **kwargs,
    )


def tick_all(question, queryset, what):
    """Optional tick boxes, one per row of queryset."""
    wrong = f"Choose only the {what} shown"
    return forms.ModelMultipleChoiceField(
        label=f"{question} (optional)",
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick all that apply.",
        error_messages={"invalid_choice": wrong, "invalid_pk_value": wrong},
    )


@dataclass(frozen=True)
class FormToken:
    """What the signed hidden field says: the reference drawn for this form, and its age."""

    reference: str
    nonce: str
    issued_at: float

    @classmethod
    def new(cls):
        return cls(
            reference=new_reference(), nonce=secrets.token_urlsafe(12), issued_at=time.time()
        )

    def sign(self):
        return signing.dumps(
            {"r": self.reference, "n": self.nonce, "t": self.issued_at}, salt=TOKEN_SALT
        )

    @classmethod
    def read(cls, value):
        """The token, or None if it is missing, altered or malformed."""
        if not value or "\x00" in value or len(value) > 500:
            return None
        try:
            data = signing.loads(value, salt=TOKEN_SALT)
            return cls(reference=str(data["r"]), nonce=str(data["n"]), issued_at=float(data["t"]))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None

    @property
    def key(self):
        """Recorded with the story, to recognise the same form sent again."""
        return f"{self.reference}:{self.nonce}"

    def seconds_taken(self):
        return time.time() - self.issued_at


class ShareStoryForm(forms.ModelForm):
    title = forms.CharField(
        label="Give your story a short title",
        max_length=Story._meta.get_field("title").max_length,
        help_text="For example: “Sharing a discharge date meant care was ready on the day”. "
        + limit_hint(150),
        error_messages={"required": "Enter a title for your story"},
    )
    what_happened = forms.CharField(
        label="What happened?",
        max_length=STORY_TEXT,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="Tell us about the situation and who was involved. Please do not name "
        "the people you worked with or supported. " + limit_hint(STORY_TEXT),
        error_messages={
            "required": "Tell us what happened",
        },
    )
    difference = forms.CharField(
        label="What difference did sharing information make, or what difference could it "
        "have made?",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="To the service, to the outcome for the person, or to you. "
        + limit_hint(LONG_TEXT),
        error_messages={
            "required": "Tell us what difference sharing information made, or could have made",
        },
    )
    barriers_text = optional_text(
        "What got in the way?",
        MEDIUM_TEXT,
        "For example uncertainty about the law, systems that do not talk to each other, or "
        "a lack of trust between agencies.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    organisations = optional_text(
        "Which organisations or services were involved?",
        Story._meta.get_field("organisations").max_length,
        "For example: the hospital trust, the council’s adult social care team, the police.",
    )
    outcome = forms.ChoiceField(
        label="Did sharing information make a difference?",
        choices=Story.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether sharing information made a difference",
            "invalid_choice": "Choose one of the answers shown",
        },
    )
    local_area = forms.ModelChoiceField(
        label="Which local area is your story about? (optional)",
        queryset=LocalArea.objects.active(),
        required=False,
        empty_label=NOT_SPECIFIC,
        help_text="Your council or partnership area, for example Carmarthenshire or Surrey: "
        f"type its name and choose it. If your story is not about one place, leave it as "
        f"“{NOT_SPECIFIC}” (or empty).",
        error_messages={"invalid_choice": "Choose one of the local areas in the list"},
    )
    place_not_listed = optional_text(
        "My place is not listed: where did it happen?",
        Story._meta.get_field("place_not_listed").max_length,
        "For example a town, a county or a health board. An engagement manager files your "
        "story under the right area.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    themes = tick_all(
        "Which policy areas does it touch?", PolicyTheme.objects.active(), "policy areas"
    )
    barriers = tick_all("Did any of these get in the way?", Barrier.objects.all(), "barriers")
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = email_field(
        "Your email address (optional)",
        required=False,
        help_text="We use it to send you your reference and, if you agree below, to contact "
        "you about your story. We never publish it.",
    )
    organisation = forms.CharField(
        label="Your organisation (optional)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label="Which best describes you? (optional)",
        required=False,
        choices=[("", "Prefer not to say"), *Story.Role.choices],
        error_messages={"invalid_choice": "Choose one of the descriptions in the list"},
    )
    consent_contact = forms.BooleanField(
        label="You may contact me about my story",
        required=False,
        help_text="An engagement manager may email you, for example to turn your story "
        "into a case study. You need to give your email address above.",
    )
    consent_publish = forms.BooleanField(
        label="You may publish an anonymised version of my story",
        required=False,
        help_text="An engagement manager writes a public version without names or details "
        "that could identify anyone. Without this, your story is read by the Centre only.",
    )
    publish_anonymously = forms.BooleanField(
        label="Keep my name and organisation from Centre staff",
        required=False,
        initial=True,
        help_text="Only the engagement managers who moderate stories see them. Untick this "
        "if other Centre staff reading your story may see who told it. Names and "
        "organisations are never published, whatever you choose.",
    )
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_token = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    class Meta:
        model = Story
        fields = list(Story.FORM_FIELDS)

    # The first input of each field, for the error summary's links.
    def first_input_id(self, name):
        bound = self[name]
        if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = FormToken.new().sign()
        # One query per list, made here, so rendering asks the database nothing more.
        areas = list(self.fields["local_area"].queryset.order_by("region", "name"))
        self.fields["local_area"].choices = [("", NOT_SPECIFIC)] + [
            (region or "National and other", [(area.pk, area.name) for area in group])
            for region, group in groupby(areas, key=lambda area: area.region)
        ]
        for name in ("themes", "barriers"):
            field = self.fields[name]
            field.choices = [(item.pk, item.name) for item in field.queryset]
        for name in ("local_area", "themes", "barriers"):
            # A null byte in a choice gets the field's own "choose from the list" message.
            self.fields[name].validate_no_null_characters = partial(
                refuse_null_choice, self.fields[name]
            )
        for name, field in self.fields.items():
            if name in ("website", "form_token"):
                field.validators = []  # never stored; a bot's odd bytes must not stop it
                continue
            field.validators = [
                NULL_BYTES if isinstance(v, validators.ProhibitNullCharactersValidator) else v
                for v in field.validators
            ]
        count_characters(self)
        self.helper = self._helper()

    def _helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        privacy = format_html(
            '<p class="form-text">Read the <a href="{}">privacy notice</a>: what we keep, '
            "why, for how long, who sees it and how to ask us to delete it.</p>",
            reverse("privacy"),
        )
        helper.layout = Layout(
            Fieldset(
                "Your story",
                "title",
                "what_happened",
                "difference",
                "barriers_text",
                "organisations",
                css_class="mb-4",
            ),
            "outcome",
            Fieldset(
                "Where, and what about",
                Field("local_area", css_class="area-picker"),
                "place_not_listed",
                "themes",
                "barriers",
                css_class="mb-4",
            ),
            Fieldset(
                "About you (all optional)",
                HTML(
                    '<p class="form-text">You can stay anonymous: leave these empty if you '
                    "prefer.</p>"
                ),
                "name",
                "email",
                "organisation",
                "role",
                css_class="mb-4",
            ),
            Fieldset(
                "Your choices",
                HTML(privacy),
                "consent_contact",
                "consent_publish",
                "publish_anonymously",
                css_class="mb-4",
            ),
            Div(Field("website"), css_class="hp-field", aria_hidden="true"),
            "form_token",
            Submit("send", "Continue", css_class="btn-cta btn-lg"),
        )
        return helper

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("consent_contact")
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "email",
                "Enter your email address so we can contact you, or untick “You may contact "
                "me about my story”",
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        if self.errors and not FormToken.read(self.data.get("form_token")):
            # An altered or missing token is not the person's fault: give the page a good one.
            self.data = self.data.copy()
            self.data["form_token"] = FormToken.new().sign()

    # --- what the view needs after validation ---

    @property
    def token(self):
        return FormToken.read(self.data.get("form_token"))

    def spam_reasons(self, min_seconds):
        reasons = []
        if self.cleaned_data.get("website"):
            reasons.append("the hidden “leave this empty” field was filled in")
        token = self.token
        if token is None:
            reasons.append("the form's token was missing or altered")
        elif token.seconds_taken() < min_seconds:
            reasons.append(
                f"sent {max(token.seconds_taken(), 0):.1f} seconds after the form was opened "
                f"(under {min_seconds})"
            )
        return reasons

    def story_fields(self):
        """Keyword arguments for stories.submission.share_story."""
        data = self.cleaned_data
        return {name: data[name] for name in Story.TYPED_FIELDS} | {
            "role": data["role"] or "",
            "local_area": data["local_area"],
            "themes": list(data["themes"]),
            "barriers": list(data["barriers"]),
        }


# --- The storyteller's own page ---


class TrackRequestForm(forms.Form):
    """Ask for a new link to a story's page: the reference and the email on the story."""

    reference = forms.CharField(
        label="Your story's reference",
        max_length=20,
        help_text="It is in the email we sent when you shared your story, for example IS-7Q4K3M.",
        error_messages={
            "required": "Enter your story's reference, like IS-7Q4K3M",
            "max_length": "A reference is 9 characters long, like IS-7Q4K3M",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = email_field(
        "The email address you gave with your story",
        error_messages={"required": "Enter the email address you gave with your story"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"
            field.validators = [
                NULL_BYTES if isinstance(v, validators.ProhibitNullCharactersValidator) else v
                for v in field.validators
            ]

    def clean_reference(self):
        """Forgiving of case, spaces and a missing "IS-": people copy it from an email."""
        reference = "".join(self.cleaned_data["reference"].split()).upper()
        body = reference.removeprefix(REFERENCE_PREFIX)
        if body == reference:  # "IS7Q4K3M" or "7Q4K3M"
            body = reference.removeprefix(REFERENCE_PREFIX.rstrip("-")).lstrip("-")
        return REFERENCE_PREFIX + body


class AddToStoryForm(forms.Form):
    text = forms.CharField(
        label="Add to your story",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What happened next, or something you did not say before. It is kept "
        "beside your story in your own words; your story itself does not change. Please do "
        "not name the people involved. " + limit_hint(LONG_TEXT),
        error_messages={
            "required": "Write what you want to add to your story",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["class"] = "form-control"
        self.fields["text"].validators = [
            NULL_BYTES if isinstance(v, validators.ProhibitNullCharactersValidator) else v
            for v in self.fields["text"].validators
        ]
        count_characters(self)


class AnswerForm(AddToStoryForm):
    """The storyteller's answer to a manager's message, on their story's own page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["text"]
        field.label = "Your answer"
        field.help_text = (
            "The engagement manager reads it here; it is not published. " + limit_hint(LONG_TEXT)
        )
        field.error_messages["required"] = "Write your answer"
        self.auto_id = "answer_%s"
