"""Bulk steps on the story list: a confirmation page, then one outcome per story.

Each story moves in its own transaction through stories.moderation, so one that cannot
move is named without stopping the others.
"""

from collections import defaultdict

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from stories import moderation
from stories.admin.forms import BulkStepForm
from stories.models import Story

BULK_LIMIT = 500


class BulkActionsMixin:
    def _bulk(self, request, queryset, *, name, title, run, needs_reason=False):
        if request.POST.get("post") == "yes":
            form = BulkStepForm(request.POST, needs_reason=needs_reason)
            if form.is_valid():
                stories = list(queryset.select_related(None).order_by("-submitted_at", "-id"))
                outcomes = run(
                    stories,
                    note=form.cleaned_data["note"],
                    reason=form.cleaned_data.get("reason", ""),
                )
                self.report(request, outcomes, title)
                return None
        else:
            form = BulkStepForm(needs_reason=needs_reason)
        count = queryset.count()
        if count > BULK_LIMIT:
            self.message_user(
                request,
                f"Choose at most {BULK_LIMIT} stories at a time ({count} were selected).",
                messages.ERROR,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"{title}: are you sure?",
            "step_title": title,
            "opts": self.model._meta,
            "stories": queryset.select_related(None).only("pk", "reference", "title", "status"),
            "count": count,
            "action_name": name,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "form": form,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/stories/story/bulk_confirmation.html", context)

    def report(self, request, outcomes, title):
        done = defaultdict(list)
        for outcome in outcomes:
            if outcome.ok:
                done[outcome.message].append(outcome.reference)
            else:
                self.message_user(
                    request,
                    f"{outcome.reference} could not be changed ({title.lower()}): "
                    f"{outcome.message}",
                    messages.ERROR,
                )
        for what, references in done.items():
            story_word = "story" if len(references) == 1 else "stories"
            self.message_user(
                request,
                f"{len(references)} {story_word} {what}: {', '.join(references)}.",
                messages.SUCCESS,
            )

    def _mover(self, request, to):
        def run(stories, *, note, reason):
            return moderation.bulk_move(
                stories, to, actor=request.user, note=note, rejection_reason=reason
            )

        return run

    @admin.action(description="Start review of the selected stories", permissions=["change"])
    def start_review(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            name="start_review",
            title="Start review",
            run=self._mover(request, Story.Status.IN_REVIEW),
        )

    @admin.action(description="Accept the selected stories", permissions=["change"])
    def accept(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            name="accept",
            title="Accept",
            run=self._mover(request, Story.Status.ACCEPTED),
        )

    @admin.action(description="Reject the selected stories (with a reason)", permissions=["change"])
    def reject(self, request, queryset):
        return self._bulk(
            request,
            queryset,
            name="reject",
            title="Reject",
            run=self._mover(request, Story.Status.REJECTED),
            needs_reason=True,
        )

    @admin.action(description="Reject the selected stories as spam", permissions=["change"])
    def reject_as_spam(self, request, queryset):
        def run(stories, *, note, reason):
            return moderation.bulk_reject_as_spam(stories, actor=request.user, note=note)

        return self._bulk(request, queryset, name="reject_as_spam", title="Reject as spam", run=run)

    @admin.action(description="Mark the selected stories as not spam", permissions=["change"])
    def mark_not_spam(self, request, queryset):
        def run(stories, *, note, reason):
            return moderation.bulk_mark_not_spam(stories, actor=request.user, note=note)

        return self._bulk(request, queryset, name="mark_not_spam", title="Not spam", run=run)

    @admin.action(description="Assign the selected stories to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        def run(stories, *, note, reason):
            return moderation.bulk_assign(stories, request.user, actor=request.user, note=note)

        return self._bulk(request, queryset, name="assign_to_me", title="Assign to me", run=run)
