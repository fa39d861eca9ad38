"""The storyteller's own page: what became of their story, and what they can do about it.

stories:track opens from the private, expiring link in their emails (stories.tracking):
the status in plain words with dates, the public link when published, the reason when
not. From there the person withdraws a consent, asks for their details to be erased (each
after a confirmation page) or adds to their story; each is logged with no actor, "by the
submitter" (stories.tracking). stories:track_request sends a new link to the address on
the story, with the same answer whether or not the reference and the email match.

A link that is expired, altered or for no story gets a page that says so and how to get a
new one, never a 500. The pages carry the link in their address, so they are never cached,
never indexed and send no Referer to other sites.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from stories import conversation, working_days
from stories.forms import AddToStoryForm, AnswerForm, TrackRequestForm
from stories.models import Story, StoryEvent
from stories.private_link import LinkExpired, LinkInvalid, read_token
from stories.throttling import throttle
from stories.tracking import (
    STORYTELLER_PAGE_PANELS,
    send_track_link,
    submitter_adds,
    submitter_erases,
    submitter_withdraws,
)

Status = Story.Status
HASHTAG = "#InfoStory"

# The status in plain words: (what it is called on the page, what it means).
STATUS_WORDS = {
    Status.SUBMITTED: (
        "Submitted",
        "Your story has arrived. An engagement manager will read it, usually within "
        "{reply_days} working days.",
    ),
    Status.IN_REVIEW: ("In review", "An engagement manager is reading your story."),
    Status.ACCEPTED: ("Accepted as evidence", "Centre staff read your story as evidence."),
    Status.PUBLISHED: (
        "Published",
        "An anonymised version of your story, without names or details that could identify "
        "anyone, is on the {hashtag} site.",
    ),
    Status.WITHDRAWN: ("Taken off the site", "Your story is no longer on the public site."),
    Status.REJECTED: ("Not used", "We read your story, and we are not using it."),
}

# What the person can do after a confirmation: (consent page title, button, done message).
ACTIONS = {
    "withdraw-publication": (
        "Withdraw your consent to publish",
        "Withdraw my consent to publish",
        "You have withdrawn your consent to publish. Your story will not be published.",
    ),
    "withdraw-contact": (
        "Withdraw your consent to be contacted",
        "Withdraw my consent to be contacted",
        "You have withdrawn your consent to be contacted.",
    ),
    "erase": (
        "Erase your name, email address and organisation",
        "Erase my details",
        "Your name, email address and organisation have been erased.",
    ),
}
WITHDRAWN_FROM_SITE = " It has been taken off the public site, the feeds and the open data."


def story_from_link(token):
    """(story, token) for a good link; raise LinkExpired or LinkInvalid otherwise."""
    link = read_token(token)
    story = Story.objects.select_related("local_area").filter(pk=link.pk).first()
    if story is None or story.reference != link.reference:
        raise LinkInvalid
    return story, link


def link_problem(request, *, expired):
    """The page for a link that does not work, with the way to a new one."""
    response = TemplateResponse(
        request,
        "stories/track_link_problem.html",
        {
            "expired": expired,
            "form": TrackRequestForm(),
            "days": settings.INFOSTORY_TRACK_LINK_DAYS,
        },
        status=410 if expired else 404,
    )
    return private(response)


def private(response):
    """The link is the key to the page: keep it out of other sites' Referer headers (same-origin,
    not no-referrer: browsers then send "Origin: null", which fails the CSRF check) and
    out of search engines."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def error_links(form):
    """[(input id, message)] for the error summary: each message links to its input."""
    return [(form[name].auto_id, error) for name, errors in form.errors.items() for error in errors]


def throttled(kept_as=None):
    """Every POST on these pages counts against INFOSTORY_TRACK_RATE, per address; over
    it, the 429 page shows back what the person typed (the "text" input) under kept_as."""

    def keep(request):
        return [(kept_as, request.POST.get("text", ""))]

    return method_decorator(
        throttle(
            scope="track", rate_setting="INFOSTORY_TRACK_RATE", keep=keep if kept_as else None
        ),
        name="post",
    )


def status_context(story):
    name, meaning = STATUS_WORDS[Status(story.status)]
    meaning = meaning.format(hashtag=HASHTAG, reply_days=working_days.reply_working_days())
    changed = (
        story.events.filter(action=StoryEvent.Action.TRANSITION)
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )
    context = {"status_name": name, "status_meaning": meaning, "status_changed_at": changed}
    if story.status == Status.ACCEPTED:
        context["why_not_published"] = (
            "It is not published because you did not agree to publication."
            if not story.consent_publish
            else "It is not published yet: an engagement manager may write an anonymised "
            "version to publish."
        )
    if story.status == Status.REJECTED:
        context["reason"] = story.rejection_for_submitter()
    return context


def conversation_context(story, answer_form=None):
    """The messages with the engagement managers, and the form to answer them."""
    messages_so_far = conversation.conversation(story)
    asked = any(m.direction == m.Direction.TO_STORYTELLER for m in messages_so_far)
    return {
        "conversation": messages_so_far,
        "answer_form": (answer_form or AnswerForm()) if asked else None,
        "answer_error_links": error_links(answer_form) if answer_form is not None else [],
    }


class TrackLinkMixin:
    def dispatch(self, request, *args, **kwargs):
        try:
            self.story, self.link = story_from_link(kwargs["token"])
        except LinkExpired:
            return link_problem(request, expired=True)
        except LinkInvalid:
            return link_problem(request, expired=False)
        return private(super().dispatch(request, *args, **kwargs))


@method_decorator(never_cache, name="dispatch")
@throttled("What you added")
class TrackView(TrackLinkMixin, View):
    template_name = "stories/track.html"

    def get(self, request, token, form=None, answer_form=None):
        story = self.story
        has_details = any(getattr(story, name) for name in Story.CONTACT_FIELDS)
        context = {
            "story": story,
            "token": token,
            "expires_at": self.link.expires_at,
            "addenda": list(story.addenda.all()),
            **conversation_context(story, answer_form),
            "form": form or AddToStoryForm(),
            "error_links": error_links(form) if form is not None else [],
            "has_details": has_details,
            "staff_see_submitter": Story.staff_see_submitter(
                publish_anonymously=story.publish_anonymously,
                consent_contact=story.consent_contact,
            ),
            "published": story.status == Status.PUBLISHED,
            "panels": [
                render_to_string(*panel, request=request)
                for panel in (build(story) for build in STORYTELLER_PAGE_PANELS.values())
                if panel
            ],
            "erased": not has_details
            and story.events.filter(action=StoryEvent.Action.CONTACT_CLEARED).exists(),
            **status_context(story),
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, token):
        form = AddToStoryForm(request.POST)
        if not form.is_valid():
            return self.get(request, token, form=form)
        submitter_adds(self.story, text=form.cleaned_data["text"])
        messages.success(request, "Thank you: what you added is kept with your story.")
        return redirect("stories:track", token=token)


@method_decorator(never_cache, name="dispatch")
@throttled()
class TrackActionView(TrackLinkMixin, View):
    """A confirmation page (GET) and the change itself (POST)."""

    template_name = "stories/track_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("action") not in ACTIONS:
            raise Http404("No such thing to do.")
        return super().dispatch(request, *args, **kwargs)

    def available(self, action):
        story = self.story
        return {
            "withdraw-publication": story.consent_publish,
            "withdraw-contact": story.consent_contact,
            "erase": any(getattr(story, name) for name in Story.CONTACT_FIELDS),
        }[action]

    def get(self, request, token, action):
        if not self.available(action):
            return redirect("stories:track", token=token)
        title, button, _done = ACTIONS[action]
        context = {
            "story": self.story,
            "token": token,
            "action": action,
            "title": title,
            "button": button,
            "published": self.story.status == Status.PUBLISHED,
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, token, action):
        if not self.available(action):  # done already (a second click, another tab)
            return redirect("stories:track", token=token)
        story = self.story
        was_published = story.status == Status.PUBLISHED
        if action == "withdraw-publication":
            submitter_withdraws(story, publish=True)
        elif action == "withdraw-contact":
            submitter_withdraws(story, contact=True)
        else:
            submitter_erases(story)
        done = ACTIONS[action][2]
        if action == "withdraw-publication" and was_published:
            done += WITHDRAWN_FROM_SITE
        messages.success(request, done)
        return redirect("stories:track", token=token)


class SendAfterResponse(TemplateResponse):
    """Runs `after` once the response has gone to the browser (the server closes it then),
    so whether an email is sent cannot be read from how long the answer took."""

    after = None

    def close(self):
        try:
            if self.after is not None:
                self.after()
        finally:
            super().close()


@method_decorator(never_cache, name="dispatch")
@throttled()
class TrackRequestView(View):
    template_name = "stories/track_request.html"

    def get(self, request):
        return self.page(request, TrackRequestForm())

    def page(self, request, form):
        response = TemplateResponse(
            request,
            self.template_name,
            {
                "form": form,
                "error_links": error_links(form),
                "days": settings.INFOSTORY_TRACK_LINK_DAYS,
            },
        )
        return private(response)

    def post(self, request):
        form = TrackRequestForm(request.POST)
        if not form.is_valid():
            return self.page(request, form)
        send = send_track_link(
            reference=form.cleaned_data["reference"], email=form.cleaned_data["email"]
        )
        # The same page, word for word, whether or not the reference and the email match.
        response = SendAfterResponse(
            request, "stories/track_request_sent.html", {"days": settings.INFOSTORY_TRACK_LINK_DAYS}
        )
        response.after = send
        return private(response)


@method_decorator(never_cache, name="dispatch")
@throttled("Your answer")
class TrackAnswerView(TrackLinkMixin, View):
    """The person answers a manager's message (POST only; the page is stories:track)."""

    def get(self, request, token):
        return redirect("stories:track", token=token)

    def post(self, request, token):
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return TrackView(story=self.story, link=self.link).get(request, token, answer_form=form)
        conversation.storyteller_answers(self.story, text=form.cleaned_data["text"])
        messages.success(request, "Thank you: your answer is with the engagement manager.")
        return redirect("stories:track", token=token)
