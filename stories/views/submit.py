"""The public "Share your story" journey: the form, and the thanks page.

Post/Redirect/Get: a valid form is stored through stories.submission.share_story and the
browser is sent to /share/thanks/<reference>/. Nothing a person sends is dropped: a
suspected bot (honeypot filled, sent too fast, token missing) is stored with
is_suspected_spam=True and sees the same thanks page; the same form sent twice leads to
the first story's thanks page; a throttled POST gets a 429 page that shows the text back.

Two throttles, per address: INFOSTORY_SUBMIT_RATE counts the stories stored (a person
correcting their form a few times, or an office behind one address, is not stopped by
its mistakes), and every POST, valid or not, counts against ALL_POSTS_FACTOR times that
rate, so a flood of bad forms is still stopped.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from stories.forms import ShareStoryForm
from stories.models import Campaign
from stories.submission import share_story
from stories.throttling import PERIODS, hit, parse_rate, too_many_requests

SESSION_KEY = "shared_stories"  # {reference: {"emailed": bool}}, the last few only
SESSION_KEEP = 20
KEPT_ON_429 = [
    ("title", "Title"),
    ("what_happened", "What happened"),
    ("difference", "What difference sharing information made, or could have made"),
    ("barriers_text", "What got in the way"),
    ("organisations", "Organisations involved"),
]


ALL_POSTS_FACTOR = 5


def typed_text(request):
    """What the person wrote, to show back if the throttle stops the form."""
    return [(label, request.POST.get(name, "")) for name, label in KEPT_ON_429]


def all_posts_rate(rate):
    """ALL_POSTS_FACTOR times a rate: '10/hour' -> '50/hour'; '' stays '' (no throttle)."""
    parsed = parse_rate(rate)
    if parsed is None:
        return ""
    limit, period = parsed
    unit = {seconds: name for name, seconds in PERIODS.items()}[period]
    return f"{limit * ALL_POSTS_FACTOR}/{unit}"


@method_decorator(never_cache, name="dispatch")
class ShareStoryView(FormView):
    template_name = "stories/submit.html"
    form_class = ShareStoryForm

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
        decision = hit(self.request, scope="submit", rate=settings.INFOSTORY_SUBMIT_RATE)
        if not decision.allowed:
            return too_many_requests(self.request, decision, kept=typed_text(self.request))
        token = form.token
        spam_reasons = form.spam_reasons(settings.INFOSTORY_MIN_FILL_SECONDS)
        story, _created = share_story(
            reference=token.reference if token else "",
            form_token=token.key if token else "",
            is_suspected_spam=bool(spam_reasons),
            spam_reasons=spam_reasons,
            **form.story_fields(),
        )
        shared = self.request.session.get(SESSION_KEY, {})
        shared[story.reference] = {"emailed": bool(story.email) and not story.is_suspected_spam}
        self.request.session[SESSION_KEY] = dict(list(shared.items())[-SESSION_KEEP:])
        return redirect(reverse("stories:thanks", kwargs={"reference": story.reference}))


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    """Says the reference and what happens next. Never shows a story's content: anyone who
    has the link sees only the reference they already know. The browser that sent the story
    is also told it arrived."""

    template_name = "stories/thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shared = self.request.session.get(SESSION_KEY, {}).get(kwargs["reference"])
        context.update(reference=kwargs["reference"], sent_here=shared is not None)
        context["emailed"] = bool(shared and shared.get("emailed"))
        return context
