"""Check your answers: the step between the sharing form and sending (GOV.UK pattern).

A valid form is not stored: its answers wait in the session (stories:submit puts them
there) and this page shows every answer with a Change link back to that field, where the
form is filled from the same answers. The page also carries the answers it shows, signed,
in its "Send my story" form, so what is stored is exactly what the person checked, even if
another tab changed the session meanwhile. Nothing is stored before "Send my story".

The bot traps go through untouched: the honeypot and the form's once-only token are
among the answers, and the token's age is measured when the story is sent.
"""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from stories.forms import NOT_SPECIFIC, ShareStoryForm
from stories.models import Story
from stories.personal_data import find_personal_data
from stories.safeguarding import describe, find_signals
from stories.submission import share_story
from stories.throttling import hit, too_many_requests
from stories.views.sharing import (
    QUESTIONS,
    all_posts_rate,
    as_querydict,
    mark_sent,
    pending_answers,
    remember_answers,
    sent_reference,
    typed_text,
)
from stories.views.submit import remember_shared

ANSWERS_SALT = "stories.check-answers"
# The free text the personal-data finder reads, to say so calmly before sending.
TEXT_ANSWERS = ("title", "what_happened", "difference", "barriers_text")

# Rows shown only when answered.
OPTIONAL_ROWS = ("place_not_listed",)
SECTIONS = (
    ("Your story", ("title", "what_happened", "difference", "barriers_text", "organisations")),
    ("Where, and what about", ("outcome", "local_area", "place_not_listed", "themes", "barriers")),
    ("About you", ("name", "email", "organisation", "role")),
)


def change_url(form, name):
    return reverse("stories:submit") + "#" + form.first_input_id(name)


# --- what the page says ---


def shown(value, empty="Not given"):
    return value if value not in (None, "", []) else empty


def summary_rows(form):
    """[(section, [row])]: every answer in the form's order, each row a dict of its
    question, answer (text, or a list for several choices), Change link and field name."""
    data = form.cleaned_data
    answers = {name: data.get(name) for name in QUESTIONS}
    answers["outcome"] = dict(form.fields["outcome"].choices).get(data["outcome"])
    answers["local_area"] = data["local_area"].name if data["local_area"] else NOT_SPECIFIC
    answers["themes"] = shown([theme.name for theme in data["themes"]], "None chosen")
    answers["barriers"] = shown([barrier.name for barrier in data["barriers"]], "None chosen")
    answers["role"] = dict(form.fields["role"].choices).get(data["role"]) if data["role"] else ""
    return [
        (
            section,
            [
                {
                    "question": QUESTIONS[name],
                    "answer": shown(answers[name]),
                    "is_list": isinstance(answers[name], list),
                    "url": change_url(form, name),
                    "name": name,
                }
                for name in names
                if name not in OPTIONAL_ROWS or answers[name]
            ],
        )
        for section, names in SECTIONS
    ]


def choices_in_words(form):
    """The consents, restated as what will happen: [(sentence, change url)]."""
    data = form.cleaned_data
    email = data["email"]
    if data["consent_contact"] and email:
        contact = f"We may contact you at {email} about your story."
    elif email:
        contact = (
            f"We will send your reference to {email}, with a private link to a page that "
            "shows what becomes of your story, but we will not email you about it."
        )
    else:
        contact = "We will not contact you: you did not give an email address."
    if data["consent_publish"]:
        publish = (
            "We may publish an anonymised version of your story, without names or details "
            "that could identify anyone."
        )
    else:
        publish = "We will not publish your story. It is read by the Centre only."
    if not Story.staff_see_submitter(
        publish_anonymously=data["publish_anonymously"], consent_contact=data["consent_contact"]
    ):
        named = (
            "Centre staff will not see your name. Only the engagement managers who moderate "
            "stories do."
        )
    else:
        named = "Centre staff reading your story may see your name, email and organisation."
    if not any(data[name] for name in ("name", "email", "organisation")):
        named = "You did not give your name, email or organisation."
    return [
        (contact, change_url(form, "consent_contact")),
        (publish, change_url(form, "consent_publish")),
        (named, change_url(form, "publish_anonymously")),
    ]


def answers_with_personal_data(form):
    """The text answers that seem to mention someone's details: [(question, change url)].

    The finder (stories.personal_data) is the one the publishing guard uses. Details like
    these are removed before anything is published, so this is a note, never an error.
    """
    return [
        (QUESTIONS[name], change_url(form, name))
        for name in TEXT_ANSWERS
        if form.cleaned_data.get(name) and find_personal_data(form.cleaned_data[name])
    ]


def concern_in_words(form):
    """The safeguarding signals in the person's words ("violence or threats"), or "": the
    same signals that flag the story when it is sent (stories.safeguarding)."""
    return describe(find_signals(*(form.cleaned_data.get(name) for name in TEXT_ANSWERS)))


@method_decorator(never_cache, name="dispatch")
class CheckAnswersView(View):
    template_name = "stories/check.html"

    def get(self, request):
        reference = sent_reference(request)
        if reference:
            return redirect("stories:thanks", reference=reference)
        answers = pending_answers(request)
        if answers is None:
            return redirect("stories:submit")
        form = ShareStoryForm(data=answers)
        if not form.is_valid():  # a choice withdrawn meanwhile: the form says which
            return redirect("stories:submit")
        context = {
            "sections": summary_rows(form),
            "choices": choices_in_words(form),
            "personal_data": answers_with_personal_data(form),
            "concern": concern_in_words(form),
            "gave_email": bool(form.cleaned_data["email"]),
            "email": form.cleaned_data["email"],
            "publish": form.cleaned_data["consent_publish"],
            "staff_see_submitter": Story.staff_see_submitter(
                publish_anonymously=form.cleaned_data["publish_anonymously"],
                consent_contact=form.cleaned_data["consent_contact"],
            ),
            "gave_details": any(
                form.cleaned_data[name] for name in ("name", "email", "organisation")
            ),
            "answers": signing.dumps(
                {name: answers.getlist(name) for name in answers},
                salt=ANSWERS_SALT,
                compress=True,
            ),
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request):
        decision = hit(
            request, scope="submit-posts", rate=all_posts_rate(settings.INFOSTORY_SUBMIT_RATE)
        )
        answers = self._signed_answers(request)
        if not decision.allowed:
            return too_many_requests(request, decision, kept=typed_text(answers or request.POST))
        if answers is None:
            reference = sent_reference(request)
            if reference:
                return redirect("stories:thanks", reference=reference)
            messages.warning(request, "Please check your answers again, then send your story.")
            return redirect("stories:check" if pending_answers(request) else "stories:submit")
        form = ShareStoryForm(data=answers)
        if not form.is_valid():
            remember_answers(request, answers)
            return redirect("stories:submit")
        decision = hit(request, scope="submit", rate=settings.INFOSTORY_SUBMIT_RATE)
        if not decision.allowed:
            return too_many_requests(request, decision, kept=typed_text(answers))
        token = form.token
        spam_reasons = form.spam_reasons(settings.INFOSTORY_MIN_FILL_SECONDS)
        story, _created = share_story(
            reference=token.reference if token else "",
            form_token=token.key if token else "",
            is_suspected_spam=bool(spam_reasons),
            spam_reasons=spam_reasons,
            **form.story_fields(),
        )
        remember_shared(request, story)
        mark_sent(request, story.reference)
        return redirect(reverse("stories:thanks", kwargs={"reference": story.reference}))

    @staticmethod
    def _signed_answers(request):
        value = request.POST.get("answers", "")
        if not value or len(value) > 200_000:
            return None
        try:
            return as_querydict(signing.loads(value, salt=ANSWERS_SALT))
        except (signing.BadSignature, ValueError, TypeError, AttributeError):
            return None
