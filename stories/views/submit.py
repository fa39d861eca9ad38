"""The public "Share your story" journey: the form, and the thanks page.

Post/Redirect/Get: a valid form is kept in the session and the browser is sent to
"check your answers" (stories.views.check), whose "Send my story" stores it through
stories.submission.share_story and sends the browser to /share/thanks/<reference>/. The
form, opened again from a Change link or the Back button, is filled from the answers
waiting to be sent. Nothing a person sends is dropped: a
suspected bot (honeypot filled, sent too fast, token missing) is stored with
is_suspected_spam=True and sees the same thanks page; the same form sent twice leads to
the first story's thanks page; a throttled POST gets a 429 page that shows the text back.

Two throttles, per address: INFOSTORY_SUBMIT_RATE counts the stories stored (a person
correcting their form a few times, or an office behind one address, is not stopped by
its mistakes), and every POST, valid or not, counts against ALL_POSTS_FACTOR times that
rate, so a flood of bad forms is still stopped. The steps this page shares with the
check page are stories.views.sharing.
"""

import datetime

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from stories import moderation, safeguarding
from stories.forms import NOT_SPECIFIC, ShareStoryForm
from stories.models import Campaign, Story
from stories.throttling import hit, too_many_requests
from stories.views.sharing import (
    QUESTIONS,
    all_posts_rate,
    pending_answers,
    remember_answers,
    sent_reference,
    typed_text,
)

SESSION_KEY = "shared_stories"  # {reference: what the thanks page says}, the last few only
SESSION_KEEP = 20
# How long the browser that sent a story may open its copy and read its choices back on
# the thanks page: long enough to print or save it, short enough that the next person at
# a shared or library computer does not find someone's name, email and words there.
# The thanks page, the copy and the page after it say "an hour" / "within the hour".
COPY_KEEP = datetime.timedelta(hours=1)


def shared_here(request):
    """{reference: what the thanks page says} of the stories this browser sent within
    COPY_KEEP; older entries (and any without a sending time) are dropped from the session."""
    shared = request.session.get(SESSION_KEY, {})
    oldest = (timezone.now() - COPY_KEEP).timestamp()
    fresh = {
        reference: entry
        for reference, entry in shared.items()
        if isinstance(entry, dict) and entry.get("sent_at", 0) > oldest
    }
    if len(fresh) != len(shared):
        request.session[SESSION_KEY] = fresh
    return fresh


def remember_shared(request, story):
    """What the thanks page tells the browser that sent the story, from its own choices."""
    shared = shared_here(request)
    concern = story.safeguarding_concern and safeguarding.describe(
        safeguarding.story_signals(story)
    )
    shared[story.reference] = {
        "sent_at": timezone.now().timestamp(),
        # The words suggest someone may be at risk: the page says what to do today, and
        # whether the safeguarding contact was emailed (never when nobody could be).
        "concern": concern or "",
        "concern_told": bool(
            concern
            and not story.is_suspected_spam
            and moderation.safeguarding_recipients().addresses
        ),
        "emailed": bool(story.email) and not story.is_suspected_spam,
        "email": story.email,
        "gave_email": bool(story.email),
        "contact": story.consent_contact,
        "publish": story.consent_publish,
        "gave_details": any(getattr(story, name) for name in story.CONTACT_FIELDS),
        "staff_see_submitter": story.staff_see_submitter(
            publish_anonymously=story.publish_anonymously, consent_contact=story.consent_contact
        ),
    }
    request.session[SESSION_KEY] = dict(list(shared.items())[-SESSION_KEEP:])


@method_decorator(never_cache, name="dispatch")
class ShareStoryView(FormView):
    template_name = "stories/submit.html"
    form_class = ShareStoryForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            answers = pending_answers(self.request)
            if answers is not None and not sent_reference(self.request):
                kwargs["data"] = answers  # back from "check your answers": every answer kept
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["campaign"] = Campaign.objects.running_on(timezone.localdate()).first()
        context["error_links"] = [
            (form.first_input_id(name), error)
            for name, errors in form.errors.items()
            if name in form.fields
            for error in errors
        ]
        return context

    def post(self, request, *args, **kwargs):
        rate = all_posts_rate(settings.INFOSTORY_SUBMIT_RATE)
        decision = hit(request, scope="submit-posts", rate=rate)
        if not decision.allowed:
            return too_many_requests(request, decision, kept=typed_text(request))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # Nothing is stored yet: the person checks their answers first.
        remember_answers(self.request, form.data)
        return redirect(reverse("stories:check"))


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    """Says the reference and what happens next. Never shows a story's content: anyone who
    has the link sees only the reference they already know. The browser that sent the story
    is also told it arrived, and what it chose, for COPY_KEEP after sending."""

    template_name = "stories/thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shared = shared_here(self.request).get(kwargs["reference"])
        context.update(reference=kwargs["reference"], sent_here=shared is not None)
        context["emailed"] = bool(shared and shared.get("emailed"))
        context["shared"] = shared or {}
        return context


@method_decorator(never_cache, name="dispatch")
class SentCopyView(TemplateView):
    """A copy of the story as it was sent, to print or save: only for the browser that sent
    it (its session), and only for COPY_KEEP after sending. The private page
    (stories:track) never shows the original words, because its link goes to an address
    nobody checked; this browser typed them. Any other browser, or this one later, is told
    the copy is not available here and what to do instead (status 404)."""

    template_name = "stories/sent_copy.html"
    gone_template_name = "stories/sent_copy_gone.html"

    def get(self, request, *args, **kwargs):
        if kwargs["reference"] not in shared_here(request):
            context = {"reference": kwargs["reference"]}
            return render(request, self.gone_template_name, context, status=404)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = kwargs["reference"]
        story = get_object_or_404(
            Story.objects.select_related("local_area").prefetch_related("themes", "barriers"),
            reference=reference,
        )
        words = [(QUESTIONS[name], getattr(story, name)) for name in Story.WORDS_FIELDS]
        filing = [
            (QUESTIONS["outcome"], story.get_outcome_display()),
            (
                QUESTIONS["local_area"],
                story.local_area.name if story.local_area else NOT_SPECIFIC,
            ),
            *(
                [(QUESTIONS["place_not_listed"], story.place_not_listed)]
                if story.place_not_listed
                else []
            ),
            (QUESTIONS["themes"], ", ".join(theme.name for theme in story.themes.all())),
            (QUESTIONS["barriers"], ", ".join(item.name for item in story.barriers.all())),
        ]
        about = [(QUESTIONS[name], getattr(story, name)) for name in Story.CONTACT_FIELDS] + [
            (QUESTIONS["role"], story.get_role_display() if story.role else "")
        ]
        # Like the pages before it, the copy says first what to do if someone is in danger.
        concern = safeguarding.describe(safeguarding.story_signals(story))
        context.update(story=story, words=words, filing=filing, about=about, concern=concern)
        return context
