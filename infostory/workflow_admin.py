"""What the admin of every workflow subject shares (casestudies, changes): the history
table, and the page that confirms a step before WorkflowModel.transition_to takes it.

A subject's ModelAdmin mixes in WorkflowStepsMixin and says what differs: its step labels,
its confirmation template and the name the template knows the subject by, how it reads
the subject for a request (step_subject), how a step is taken (take_step: transition_to,
or a service around it), which steps make it public (and so pass the personal-data
check), anything more the page shows (step_context), and where its page puts the
personal-data check while it is public. Its form is a PublicEditForm; its templates extend
admin/workflow_change_form.html and admin/workflow_step.html.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from infostory.admin_pages import admin_page
from infostory.forms import note_field


def who(user):
    """An event's actor as the history names them."""
    if user is None:
        return "The system"
    return user.get_full_name() or user.get_username()


def status_label(statuses, value):
    """A status value in words (its label), or the value when it is not one any more."""
    return statuses(value).label if value in statuses.values else value


def history_table(events, *, noun, statuses):
    """Everything done to a subject, oldest first, as the admin page's table; a step
    published despite the personal-data check shows the reason given."""
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                timezone.localtime(event.created_at).strftime("%d %b %Y %H:%M"),
                who(event.actor),
                event.get_action_display(),
                status_label(statuses, event.from_status) or "-",
                status_label(statuses, event.to_status) or "-",
                " ".join(
                    [event.note]
                    + (
                        [
                            "Published despite the personal-data check: "
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
        "<caption>Everything done to this {}, oldest first</caption>"
        '<thead><tr><th scope="col">When</th><th scope="col">Who</th>'
        '<th scope="col">What</th><th scope="col">From</th><th scope="col">To</th>'
        '<th scope="col">Note</th></tr></thead><tbody>{}</tbody></table>',
        noun,
        rows,
    )


class StepForm(forms.Form):
    """A step's note and, for a step that makes the subject public, the reason to publish
    what the personal-data check found."""

    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    personal_data_reason = forms.CharField(
        label="Why it may be published anyway",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if what the check found is not personal data, or may be published "
        "(for example a public office's address). Logged with your name.",
    )

    def __init__(self, *args, note_help="Optional. Saved in the history with this step.", **kw):
        super().__init__(*args, **kw)
        self.fields["note"].help_text = note_help


class PublicEditForm(forms.ModelForm):
    """The form of a workflow subject's own fields. While the subject is public, each text
    an edit changes passes the personal-data check (check_changed_texts): what it finds is
    refused beside the field, unless the manager says why it may be published; that reason
    is logged with the kinds and counts found (reason_used), never the words."""

    personal_data_reason = note_field(
        "Reason to publish what was found",
        "Only if what the personal-data check found in your changes is not personal data, "
        "or may be published (for example a public office's address). Logged with your "
        "name; the history keeps the kinds found, not the words.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_used = None  # (reason, kinds and counts) when the reason was needed
        self.instance._admin_form = self  # how the page's inline formsets find this form

    def check_changed_texts(self, changed, check):
        """What the check found in the changed texts, or None if it refused any.

        changed is [(form, field name, where, text)]: the form that holds the field (this
        one or an inline's); check(texts, reason=) is the personal-data check of one
        [(where, text)], which returns what it found or raises ValidationError.
        """
        reason = self.cleaned_data.get("personal_data_reason", "")
        found, refused = [], False
        for form, name, where, text in changed:
            try:
                found += check([(str(where), text)], reason=reason)
            except ValidationError as error:
                form.add_error(name, error.messages)
                refused = True
        if refused:
            self.add_error(
                "personal_data_reason",
                "Remove what could identify a person from your changes, or say here why it "
                "may be published.",
            )
            return None
        return found


class WorkflowStepsMixin:
    """The step buttons of the subject's page and the confirmation page of a step
    (move_view), the history (timeline), the "created" line of the log and the
    personal-data check's place on the page, for the ModelAdmin of a WorkflowModel. A
    subject is never deleted here: its history stays, and a step takes it off the site."""

    step_labels = {}  # status -> the button's words
    step_template = ""  # the confirmation page
    step_subject_name = ""  # what the template calls the subject ("case_study")
    step_note_help = "Optional. Saved in the history with this step."
    step_problems_heading = "Before it can move"  # above what stops the step
    check_fieldset_at = 0  # where the personal-data check goes among the page's fieldsets
    check_description = ""  # what the check says of the subject, while it is public

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.status in obj.PUBLIC_STATUSES:
            fieldsets.insert(
                self.check_fieldset_at,
                (
                    "Personal-data check",
                    {"fields": ["personal_data_reason"], "description": self.check_description},
                ),
            )
        return fieldsets

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            can_change = self.has_change_permission(request, obj)
            context["steps"] = (
                [
                    {"value": status.value, "label": self.step_labels[status]}
                    for status in self.model.Status
                    if obj.can_transition_to(status)
                ]
                if can_change
                else []
            )
            context["can_change"] = can_change
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        """A step button: on to its confirmation page (move_view)."""
        step = request.POST.get("_step")
        if not step:
            return super().response_change(request, obj)
        opts = self.model._meta
        if step not in self.model.Status.values:
            messages.error(request, f"That step is not one a {opts.verbose_name} can take.")
            return HttpResponseRedirect(request.get_full_path())
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_move", args=[obj.pk, step])
        )

    @admin.display(description="history")
    def timeline(self, subject):
        if not subject.pk:
            return "-"
        events = subject.events.select_related("actor").order_by("created_at", "id")
        return history_table(events, noun=self.model._meta.verbose_name, statuses=self.model.Status)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            obj.log(obj.events.model.Action.CREATED, actor=request.user)

    def step_subject(self, request, pk):
        """The subject, if this person may change it (else PermissionDenied or 404)."""
        raise NotImplementedError

    def take_step(self, subject, to, *, actor, note, personal_data_reason):
        subject.transition_to(to, actor=actor, note=note, personal_data_reason=personal_data_reason)

    def goes_public(self, subject, to):
        """Whether the step makes the subject public: its texts pass the personal-data check."""
        raise NotImplementedError

    def step_problems(self, subject, to, *, refusals):
        """What still stands in the step's way, shown above the form."""
        return []

    def step_context(self, request, subject, to):
        """More for the page (a preview link, what the step will tell people)."""
        return {}

    def move_view(self, request, pk, to):
        """Confirm a step; on yes, take it (take_step) with the person as actor."""
        subject = self.step_subject(request, pk)
        statuses = type(subject).Status
        try:
            to = statuses(to)
        except ValueError:
            raise Http404("No such step.") from None
        opts = self.model._meta
        noun = opts.verbose_name
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
        if not subject.can_transition_to(to):
            messages.error(
                request,
                f"A {noun} that is {subject.get_status_display().lower()} cannot move to "
                f"{to.label.lower()}.",
            )
            return HttpResponseRedirect(change_url)
        refusals = []
        data = request.POST if request.method == "POST" else None
        form = StepForm(data, note_help=self.step_note_help)
        if form.is_bound and form.is_valid():
            try:
                self.take_step(
                    subject,
                    to,
                    actor=request.user,
                    note=form.cleaned_data["note"].strip(),
                    personal_data_reason=form.cleaned_data["personal_data_reason"],
                )
            except ValidationError as error:
                refusals = error.messages
                subject.status = type(subject).objects.get(pk=pk).status
            else:
                messages.success(request, f"“{subject.title}” is now {to.label.lower()}.")
                return HttpResponseRedirect(change_url)
        findings = subject.personal_data_findings() if self.goes_public(subject, to) else []
        if findings and refusals:
            form.add_error(
                "personal_data_reason",
                f"Remove the personal data from the {noun}, or say here why it may be published.",
            )
        return admin_page(
            self,
            request,
            self.step_template,
            f"{self.step_labels[to]}: are you sure?",
            step_title=self.step_labels[to],
            to=to,
            form=form,
            problems=self.step_problems(subject, to, refusals=refusals),
            problems_heading=self.step_problems_heading,
            findings=findings,
            refusals=refusals,
            change_url=change_url,
            subject=subject,
            **{self.step_subject_name: subject},
            **self.step_context(request, subject, to),
        )
