"""The steps the sharing journey's pages share (stories.views.submit: the form and the
thanks page; stories.views.check: check your answers), so that neither page imports the
other's helpers back.

- The answers waiting to be sent, in the session: a valid form keeps them
  (remember_answers), the check page shows them and the form is filled from them again
  (pending_answers), and once sent they become the story's reference (mark_sent,
  sent_reference), so a resend or the Back button finds the thanks page.
- The questions as the summary names them (QUESTIONS), in the form's order.
- The throttles' shared steps: every POST counts against ALL_POSTS_FACTOR times the
  stories' rate (all_posts_rate), and a throttled page shows back what was typed
  (typed_text).
"""

import time

from django.http import QueryDict

from stories.throttling import PERIODS, parse_rate

PENDING_KEY = "share_answers"  # {"data": {name: [values]}, "saved_at": time} or {"sent": ref}
PENDING_HOURS = 24  # answers older than this are not put back in the form
NOT_KEPT = ("csrfmiddlewaretoken", "send")

# The summary's short questions, in the form's order; the form's own labels are longer.
QUESTIONS = {
    "title": "Title",
    "what_happened": "What happened",
    "difference": "The difference sharing information made, or could have made",
    "barriers_text": "What got in the way",
    "organisations": "Organisations or services involved",
    "outcome": "Did sharing information make a difference?",
    "local_area": "Local area",
    "place_not_listed": "Your place, in your words",
    "themes": "Policy areas",
    "barriers": "What got in the way, from the list",
    "name": "Your name",
    "email": "Your email address",
    "organisation": "Your organisation",
    "role": "Which best describes you",
}

KEPT_ON_429 = [
    ("title", "Title"),
    ("what_happened", "What happened"),
    ("difference", "What difference sharing information made, or could have made"),
    ("barriers_text", "What got in the way"),
    ("organisations", "Organisations involved"),
]


ALL_POSTS_FACTOR = 5


def typed_text(data):
    """What the person wrote (a request's POST, or the answers being sent), to show back
    if the throttle stops the form."""
    data = getattr(data, "POST", data)
    return [(label, data.get(name, "")) for name, label in KEPT_ON_429]


# --- the pending answers, in the session ---


def remember_answers(request, data):
    """Keep a valid form's answers (every input, lists kept) until they are sent."""
    request.session[PENDING_KEY] = {
        "data": {name: data.getlist(name) for name in data if name not in NOT_KEPT},
        "saved_at": time.time(),
    }


def pending_answers(request):
    """The answers waiting to be checked, as a QueryDict for the form, or None."""
    pending = request.session.get(PENDING_KEY) or {}
    data = pending.get("data")
    if (
        not isinstance(data, dict)
        or time.time() - pending.get("saved_at", 0) > PENDING_HOURS * 3600
    ):
        return None
    return as_querydict(data)


def as_querydict(data):
    answers = QueryDict(mutable=True)
    for name, values in data.items():
        if isinstance(name, str) and isinstance(values, list):
            answers.setlist(name, [str(value) for value in values])
    return answers


def sent_reference(request):
    """The reference of the story these answers became, once sent."""
    return (request.session.get(PENDING_KEY) or {}).get("sent")


def mark_sent(request, reference):
    """The answers are now the story with this reference: nothing waits to be sent."""
    request.session[PENDING_KEY] = {"sent": reference}


def all_posts_rate(rate):
    """ALL_POSTS_FACTOR times a rate: '10/hour' -> '50/hour'; '' stays '' (no throttle)."""
    parsed = parse_rate(rate)
    if parsed is None:
        return ""
    limit, period = parsed
    unit = {seconds: name for name, seconds in PERIODS.items()}[period]
    return f"{limit * ALL_POSTS_FACTOR}/{unit}"
