"""The redaction desk: the person's words with personal data marked, the public version's
remaining findings, the publication preview and the withdrawal confirmation.

Publishing and withdrawing each take a page of their own: the story page's Publish button
saves the edits and opens the preview (the public version exactly as the public story
page shows it, through the same partial), where the manager ticks "I have checked this
version for anything that could identify a person" (kept in the StoryEvent) and, while the
personal-data guard still finds something, can only "Publish anyway" with a reason.
Withdraw asks for confirmation. Every move goes through stories.moderation.move_story,
so Story.transition_to checks it and logs it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from infostory.admin_pages import admin_urls
from stories import moderation, personal_data
from stories.admin.forms import PublishForm, WithdrawForm
from stories.admin.steps import StoryStepMixin
from stories.labels import story_labels
from stories.models import Story
from stories.publishing import find_in_texts, found_in_story, public_texts

Status = Story.Status
BR = SafeString("<br>")


def kind_label(kind):
    return personal_data.KIND_LABELS.get(kind, f"[{kind}]")


def mark_findings(text, findings):
    """The text, escaped, with each finding in <mark> and its kind written beside it.

    The kind is shown as words ("[phone number]"), not by colour alone; line breaks
    become <br>. Findings that overlap an earlier one are skipped.
    """
    text = text or ""
    parts, last = [], 0
    for finding in sorted(findings, key=lambda item: (item.start, -item.end)):
        if finding.start < last or finding.end > len(text):
            continue
        parts.append(_plain(text[last : finding.start]))
        parts.append(
            format_html(
                '<mark class="pd-finding">{}<span class="pd-kind"> {}</span></mark>',
                text[finding.start : finding.end],
                kind_label(finding.kind),
            )
        )
        last = finding.end
    parts.append(_plain(text[last:]))
    return format_html_join("", "{}", ((part,) for part in parts))


def _plain(text):
    """Escaped text with its line breaks as <br>."""
    lines = text.replace("\r\n", "\n").split("\n")
    return format_html_join(BR, "{}", ((line,) for line in lines))


def found_in_submission(story):
    """{field: [finding, ...]} over the person's words and additions, submitter included.

    The answers and the additions ("addition 1", ...) are read as one, as Start review
    drafts them (stories.publishing.found_in_story).
    """
    return found_in_story(story)


def marked_additions(story, found):
    """The person's additions, each with what could identify someone marked like the
    original's words: [{"addendum": StoryAddendum, "marked": html, "found": n}]."""
    return [
        {
            "addendum": addendum,
            "marked": mark_findings(addendum.text, found.get(f"addition {number}", [])),
            "found": len(found.get(f"addition {number}", [])),
        }
        for number, addendum in enumerate(story.addenda.all(), start=1)
    ]


def findings_sentence(found):
    """'2 × [name], 1 × [phone number]' for a list of findings, or ''."""
    counts = {}
    for finding in found:
        label = kind_label(finding.kind)
        counts[label] = counts.get(label, 0) + 1
    return ", ".join(f"{count} × {label}" for label, count in counts.items())


def render_piece(name, context):
    """A piece of the desk from templates/admin/stories/story/desk/<name>.html."""
    html = render_to_string(f"admin/stories/story/desk/{name}.html", context)
    return mark_safe(html.strip())  # noqa: S308 (a template's output, autoescaped)


def public_findings_html(story):
    """What the guard still finds in the public version, as a list a manager reads."""
    return render_piece("still_found", {"found": find_in_texts(public_texts(story), story=story)})


def publish_blockers(story, *, typed_here=False):
    """Why the story cannot be published now, personal data aside (an empty list if it can).

    typed_here: leave out what the manager can still type on the story page (a public
    title and body), so the Publish button is hidden only where pressing it can only fail.
    """
    if not story.can_transition_to(Status.PUBLISHED):
        return []
    problems = story.transition_problems(Status.PUBLISHED)
    if typed_here:
        missing = set(story.missing_public_text())
        problems = [problem for problem in problems if problem not in missing]
    return problems


class PublishingDeskMixin(StoryStepMixin):
    """The preview-and-publish and withdraw-confirmation pages of the story admin."""

    def get_urls(self):
        pages = [
            ("<path:object_id>/publish/", self.publish_view, "publish"),
            ("<path:object_id>/withdraw/", self.withdraw_view, "withdraw"),
        ]
        return admin_urls(self, pages) + super().get_urls()

    def step_url(self, story, step, note=""):
        url = reverse(f"admin:stories_story_{step}", args=[story.pk])
        return url + ("?" + urlencode({"note": note}) if note.strip() else "")

    def publish_view(self, request, object_id):
        story = self._story_for_step(request, object_id)
        if not story.can_transition_to(Status.PUBLISHED):
            messages.error(
                request,
                f"{story.reference} cannot be published: "
                + " ".join(story.transition_problems(Status.PUBLISHED)),
            )
            return self._back(story)
        blockers = publish_blockers(story)
        if blockers:
            messages.error(request, f"{story.reference} cannot be published: " + " ".join(blockers))
            return self._back(story)
        found = find_in_texts(public_texts(story), story=story)
        anyway = bool(found) or "_publish_anyway" in request.POST
        refusal = []
        if request.method == "POST":
            form = PublishForm(request.POST, anyway=anyway)
            if form.is_valid():
                try:
                    moderation.move_story(
                        story,
                        Status.PUBLISHED,
                        actor=request.user,
                        note=form.cleaned_data["note"],
                        personal_data_reason=form.cleaned_data.get("personal_data_reason", ""),
                        checked=True,
                    )
                except ValidationError as error:
                    refusal = error.messages
                else:
                    messages.success(request, f"{story.reference} was published.")
                    return self._back(story)
        else:
            form = PublishForm(initial={"note": request.GET.get("note", "")}, anyway=anyway)
        again = story.status == Status.WITHDRAWN
        return self._step_page(
            request,
            story,
            "admin/stories/story/publish_preview.html",
            f"{'Publish again' if again else 'Publish'} {story.reference}: check the "
            "public version",
            labels=story_labels(story),
            form=form,
            found=found,
            refusal=refusal,
            again=again,
        )

    def withdraw_view(self, request, object_id):
        story = self._story_for_step(request, object_id)
        if not story.can_transition_to(Status.WITHDRAWN):
            messages.error(request, f"{story.reference} is not on the site: nothing to withdraw.")
            return self._back(story)
        if request.method == "POST":
            form = WithdrawForm(request.POST)
            if form.is_valid():
                try:
                    moderation.move_story(
                        story, Status.WITHDRAWN, actor=request.user, note=form.cleaned_data["note"]
                    )
                except ValidationError as error:
                    messages.error(
                        request,
                        f"{story.reference} was not changed: {moderation.describe_refusal(error)}",
                    )
                else:
                    messages.success(
                        request,
                        f"{story.reference} was {moderation.TRANSITION_PAST[Status.WITHDRAWN]}.",
                    )
                return self._back(story)
        else:
            form = WithdrawForm(initial={"note": request.GET.get("note", "")})
        return self._step_page(
            request,
            story,
            "admin/stories/story/withdraw_confirmation.html",
            f"Withdraw {story.reference} from the site?",
            form=form,
        )
