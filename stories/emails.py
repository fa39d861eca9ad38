"""Emails from paired templates: templates/stories/email/<name>_subject.txt and <name>.txt.

Every email is stored in the outbox (post_office.Email, stories/outbox.py) before it is
sent: queue_email() stores it inside the caller's transaction, so an email and the story
it is about are kept together or not at all, and sends it after the commit when
INFOSTORY_EMAIL_SEND_AT_ONCE is on (development, tests). Whatever did not go (the mail
server down, the setting off in production) is sent by `manage.py send_due`, with
retries; a failing mail server is logged, never raised: a story is never lost or blocked
because an email could not go. Replies go to settings.INFOSTORY_CONTACT_EMAIL when it is
set.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from post_office.models import PRIORITY, STATUS, Email

from stories import outbox

logger = logging.getLogger(__name__)


def render_email(name, context):
    """Subject and body of a templated email. A bare name is one of the stories app's
    (stories/email/<name>); another app names its own ("alerts/email/digest")."""
    stem = name if "/" in name else f"stories/email/{name}"
    context = {
        "site_url": settings.INFOSTORY_SITE_URL,
        "contact_email": settings.INFOSTORY_CONTACT_EMAIL,
        **context,
    }
    subject = render_to_string(f"{stem}_subject.txt", context)
    body = render_to_string(f"{stem}.txt", context)
    return " ".join(subject.split()), body


def prepare_email(name, *, to, context, headers=None):
    """The outbox row of one templated email, rendered and due now, not yet saved; None if
    it has no recipient."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    subject, body = render_email(name, context)
    headers = dict(headers or {})
    if settings.INFOSTORY_CONTACT_EMAIL:
        headers.setdefault("Reply-To", settings.INFOSTORY_CONTACT_EMAIL)
    return Email(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        subject=subject[:989],
        message=body,
        headers=headers,
        status=STATUS.queued,
        priority=PRIORITY.medium,
        number_of_retries=0,
        context={"template": name},
    )


def store_email(name, *, to, context, headers=None):
    """Render one templated email and keep it in the outbox, due now; None if it has no
    recipient (or an address the outbox cannot hold, which is logged)."""
    email = prepare_email(name, to=to, context=context, headers=headers)
    if email is None:
        return None
    try:
        email.save()  # post_office validates every address first
    except ValidationError:
        logger.exception("Email %r could not be stored: a recipient is not an address", name)
        return None
    return email


def send_email_now(name, *, to, context):
    """Store one templated email and send it at once; True if it went, False if it did
    not (it stays in the outbox and send_due tries again), or had no recipient."""
    email = store_email(name, to=to, context=context)
    if email is None:
        return False
    return outbox.deliver([email.pk]) == 1


def queue_email(name, *, to, context, headers=None):
    """Store a templated email now (in the caller's transaction) and send it after the
    commit when INFOSTORY_EMAIL_SEND_AT_ONCE is on; send_due sends it otherwise."""
    email = store_email(name, to=list(to), context=context, headers=headers)
    if email is not None and settings.INFOSTORY_EMAIL_SEND_AT_ONCE:
        transaction.on_commit(lambda: outbox.deliver([email.pk]))
    return email
