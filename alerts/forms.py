from django import forms

from alerts.models import Subscription
from infostory.forms import email_field
from stories.models import LocalArea, PolicyTheme


class ChoicesForm(forms.ModelForm):
    """What an alert follows, and how often."""

    kinds = forms.MultipleChoiceField(
        label="What to hear about",
        choices=Subscription.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing to hear about."},
    )
    themes = forms.ModelMultipleChoiceField(
        label="Policy areas",
        queryset=PolicyTheme.objects.active().order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose none to hear about every policy area.",
    )
    local_areas = forms.ModelMultipleChoiceField(
        label="Places",
        queryset=LocalArea.objects.active().order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 8, "class": "form-select"}),
        required=False,
        help_text="Choose none to hear about everywhere. A partnership or county includes "
        "the councils inside it. To choose more than one, hold Ctrl (or Cmd on a Mac).",
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscription.Frequency.choices,
        widget=forms.RadioSelect,
        initial=Subscription.Frequency.WEEKLY,
        help_text="One email with everything new, only when there is something new.",
    )

    class Meta:
        model = Subscription
        fields = ["kinds", "themes", "local_areas", "frequency"]


class SubscribeForm(ChoicesForm):
    email = email_field(
        "Your email address",
        help_text="We send a link to confirm it first; nothing else is sent until you do.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
        attrs={"class": "form-control"},
    )

    class Meta(ChoicesForm.Meta):
        fields = ["email", *ChoicesForm.Meta.fields]

    field_order = ["email", "kinds", "themes", "local_areas", "frequency"]
