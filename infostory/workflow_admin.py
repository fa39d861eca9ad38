"""What the admin of every workflow subject shares (casestudies, changes): the history
table, and the page that confirms a step before WorkflowModel.transition_to takes it.

A subject's ModelAdmin mixes in WorkflowStepsMixin and says what differs: its step labels,
its confirmation template and the name the template knows the subject by, how it reads
the subject for a request (step_subject), how a step is taken (take_step: transition_to,
or a service around it), which steps make it public (and so pass the personal-data
check), and anything more the page shows (step_context).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from infostory.admin_pages import admin_page


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


class WorkflowStepsMixin:
    """The confirmation page of a step (move_view), the history (timeline) and the
    "created" line of the log, for the ModelAdmin of a WorkflowModel."""

    step_labels = {}  # status -> the button's words
    step_template = ""  # the confirmation page
    step_subject_name = ""  # what the template calls the subject ("case_study")
    step_note_help = "Optional. Saved in the history with this step."

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
            findings=findings,
            refusals=refusals,
            change_url=change_url,
            **{self.step_subject_name: subject},
            **self.step_context(request, subject, to),
        )
