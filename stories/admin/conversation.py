"""Writing to a storyteller from the admin story page (stories.conversation).

The story page shows the conversation and a link to "Write to the storyteller": a page
of its own with the messages so far, a reply template to start from (chosen from the
list kept in the admin, which fills the text: it works without JavaScript), and the
text. Opening the story page marks the person's answers read.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from infostory.admin_pages import admin_urls
from stories import conversation
from stories.admin.steps import StoryStepMixin
from stories.models import ReplyTemplate


class MessageForm(forms.Form):
    text = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        max_length=conversation.MAX_LENGTH,
        help_text="The storyteller gets an email with the private link to their story's page, "
        "where they read this and can answer. The email does not carry your words.",
        error_messages={"required": "Write the message."},
    )


class ConversationMixin(StoryStepMixin):
    def get_object(self, request, object_id, from_field=None):
        story = super().get_object(request, object_id, from_field)
        if story is not None:
            # The panel below and the personal-data marks both read the messages: one query.
            prefetch_related_objects(
                [story], Prefetch("messages", queryset=conversation.with_senders())
            )
        return story

    def get_urls(self):
        pages = [
            ("<path:object_id>/write/", self.write_view, "write"),
        ]
        return admin_urls(self, pages) + super().get_urls()

    @admin.display(description="messages with the storyteller")
    def conversation(self, story):
        if not story.pk:
            return "-"
        html = render_to_string(
            "admin/stories/story/conversation.html",
            {
                "messages": story.messages.all(),
                "why_not": conversation.why_not(story),
                "write_url": reverse("admin:stories_story_write", args=[story.pk]),
            },
        )
        return mark_safe(html.strip())  # noqa: S308 (a template's output, autoescaped)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        story = getattr(response, "context_data", {}).get("original")
        if (
            request.method == "GET"
            and story is not None
            and self.has_change_permission(request, story)
        ):
            conversation.mark_answers_read(story)
        return response

    def write_view(self, request, object_id):
        story = self._story_for_step(request, object_id)
        templates = list(ReplyTemplate.objects.filter(is_active=True))
        chosen = next((t for t in templates if str(t.pk) == request.GET.get("template")), None)
        refusal = ""
        if request.method == "POST":
            form = MessageForm(request.POST)
            if form.is_valid():
                try:
                    conversation.write_to_storyteller(
                        story, text=form.cleaned_data["text"], actor=request.user
                    )
                except ValidationError as error:
                    refusal = " ".join(error.messages)
                else:
                    messages.success(
                        request,
                        f"{story.reference}: your message is on the storyteller's page, and "
                        "they have been emailed the link.",
                    )
                    return self._back(story)
        else:
            form = MessageForm(initial={"text": chosen.text if chosen else ""})
        return self._step_page(
            request,
            story,
            "admin/stories/story/write.html",
            f"Write to the storyteller of {story.reference}",
            form=form,
            templates=templates,
            chosen=chosen,
            refusal=refusal,
            why_not=conversation.why_not(story),
            messages_so_far=story.messages.all(),  # as get_object read them: nothing was sent
        )


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    change_form_template = "admin/stories/styled_change_form.html"
    change_list_template = "admin/stories/styled_change_list.html"
    search_fields = ["name", "text"]
