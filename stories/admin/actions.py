"""Bulk steps on the story list: a confirmation page, then one result per story.

The confirmation page says what the step will do to each chosen story, from the step's
plan: the moves it takes (Accept on a new story starts its review first), or why it
cannot and is left as it is. Only the stories that can take the step are moved, each in
its own transaction through stories.moderation, so one that cannot move (changed
meanwhile) is named without stopping the others.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils.html import format_html

from infostory.admin_pages import admin_page
from stories import moderation
from stories.admin.forms import BulkStepForm
from stories.models import Story

BULK_LIMIT = 500


class BulkActionsMixin:
    def action_checkbox(self, obj):
        """The row's checkbox, as Django's own: written out directly rather than through a
        form widget and its template, which took a third of the list's row layout."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            str(obj),
        )

    def run_bulk_step(self, request, queryset, step):
        # The limit holds for the step itself, not only for its confirmation page.
        count = queryset.count()
        if count > BULK_LIMIT:
            self.message_user(
                request,
                f"Choose at most {BULK_LIMIT} stories at a time ({count} were selected).",
                messages.ERROR,
            )
            return None
        plans = [
            step.plan(story)
            for story in queryset.select_related(None).order_by("-submitted_at", "-id")
        ]
        able = [plan for plan in plans if plan.ok]
        left = [plan for plan in plans if not plan.ok]
        if request.POST.get("post") == "yes":
            form = BulkStepForm(request.POST, needs_reason=step.needs_reason)
            if form.is_valid():
                for plan in left:
                    self.message_user(
                        request,
                        f"{plan.story.reference} was left as it was: {plan.problem}",
                        messages.WARNING,
                    )
                results = step.run(
                    [plan.story for plan in able],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    reason=form.cleaned_data.get("reason", ""),
                    reason_choice=form.cleaned_data.get("reason_choice", ""),
                )
                self.report(request, results, step.title)
                return None
        else:
            form = BulkStepForm(needs_reason=step.needs_reason)
        return admin_page(
            self,
            request,
            "admin/stories/story/bulk_confirmation.html",
            f"{step.title}: are you sure?",
            step_title=step.title,
            stories=[plan.story for plan in plans],
            groups=plan_groups(able, step),
            left=left,
            able_count=len(able),
            count=count,
            action_name=step.name,
            action_checkbox_name=admin.helpers.ACTION_CHECKBOX_NAME,
            form=form,
        )

    def report(self, request, results, title):
        done = defaultdict(list)
        for result in results:
            if result.ok:
                done[result.message].append(result.reference)
            else:
                self.message_user(
                    request,
                    f"{result.reference} could not be changed ({title.lower()}): {result.message}",
                    messages.ERROR,
                )
        for what, references in done.items():
            story_word = "story" if len(references) == 1 else "stories"
            self.message_user(
                request,
                f"{len(references)} {story_word} {what}: {', '.join(references)}.",
                messages.SUCCESS,
            )


def plan_groups(plans, step):
    """[(what will happen, [stories])]: the stories that can take the step, by their moves."""
    groups = defaultdict(list)
    for plan in plans:
        groups[plan.in_words() or step.will].append(plan.story)
    return list(groups.items())


def _move_to(status):
    def run(stories, *, actor, note, reason, reason_choice=""):
        return moderation.bulk_move(
            stories,
            status,
            actor=actor,
            note=note,
            rejection_reason=reason,
            rejection_category=reason_choice,
        )

    return run


def _reject_as_spam(stories, *, actor, note, reason, reason_choice=""):
    return moderation.bulk_reject_as_spam(stories, actor=actor, note=note)


def _mark_not_spam(stories, *, actor, note, reason, reason_choice=""):
    return moderation.bulk_mark_not_spam(stories, actor=actor, note=note)


def _assign_to_me(stories, *, actor, note, reason, reason_choice=""):
    return moderation.bulk_assign(stories, actor, actor=actor, note=note)


def _plan_move_to(status):
    def plan(story):
        return moderation.plan_move(story, status)

    return plan


def _plan_not_spam(story):
    if not story.is_suspected_spam:
        return moderation.Plan(story, problem="It is not marked as suspected spam.")
    return moderation.Plan(story)


@dataclass(frozen=True)
class BulkStep:
    """One bulk step on the story list: a new step is one more entry in BULK_STEPS.

    run(stories, *, actor, note, reason, reason_choice) returns a moderation.StepResult per
    story; plan(story) says beforehand what the step will do to it (moderation.Plan), by
    default that every story can take it.
    """

    name: str
    description: str
    title: str
    run: Callable
    plan: Callable = moderation.Plan
    needs_reason: bool = False
    will: str = ""  # what the confirmation page says will happen, for a step that is no move


def move_step(name, description, to, *, needs_reason=False):
    """A step that takes each story to the status `to` (with the moves on the way), titled
    as the story page's button for that move."""
    return BulkStep(
        name,
        description,
        moderation.TRANSITION_LABELS[to],
        _move_to(to),
        _plan_move_to(to),
        needs_reason=needs_reason,
    )


BULK_STEPS = (
    move_step("start_review", "Start review of the selected stories", Story.Status.IN_REVIEW),
    move_step(
        "accept",
        "Accept the selected stories (starting review first where needed)",
        Story.Status.ACCEPTED,
    ),
    move_step(
        "reject",
        "Reject the selected stories (with a reason)",
        Story.Status.REJECTED,
        needs_reason=True,
    ),
    BulkStep(
        "reject_as_spam",
        "Reject the selected stories as spam",
        "Reject as spam",
        _reject_as_spam,
        _plan_move_to(Story.Status.REJECTED),
    ),
    BulkStep(
        "mark_not_spam",
        "Mark the selected stories as not spam",
        "Not spam",
        _mark_not_spam,
        _plan_not_spam,
        will="be marked as not spam",
    ),
    BulkStep(
        "assign_to_me",
        "Assign the selected stories to me",
        "Assign to me",
        _assign_to_me,
        will="be assigned to you",
    ),
)


def admin_action(step):
    """The admin action for a BulkStep: named after it, for managers (change permission)."""

    def action(model_admin, request, queryset):
        return model_admin.run_bulk_step(request, queryset, step)

    action.__name__ = step.name
    return admin.action(description=step.description, permissions=["change"])(action)


BULK_ACTIONS = [admin_action(step) for step in BULK_STEPS]
