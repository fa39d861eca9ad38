"""Emails from paired templates: templates/stories/email/<name>_subject.txt and <name>.txt.

queue_email() sends after the current transaction commits, and a failing mail server is
logged, never raised: a story is never lost or blocked because an email could not go.
Replies go to settings.INFOSTORY_CONTACT_EMAIL when it is set.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def render_email(name, context):
    context = {
        "site_url": settings.INFOSTORY_SITE_URL,
        "contact_email": settings.INFOSTORY_CONTACT_EMAIL,
        **context,
    }
    subject = render_to_string(f"stories/email/{name}_subject.txt", context)
    body = render_to_string(f"stories/email/{name}.txt", context)
    return " ".join(subject.split()), body


def send_email_now(name, *, to, context):
    """Send one templated email; return True if it went, False (logged) if it did not."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    subject, body = render_email(name, context)
    try:
        contact = settings.INFOSTORY_CONTACT_EMAIL
        EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
            reply_to=[contact] if contact else None,
        ).send()
    except Exception:  # SMTP, DNS, timeouts: whatever it is, the story stays stored
        logger.exception("Email %r to %d recipient(s) could not be sent", name, len(recipients))
        return False
    return True


def queue_email(name, *, to, context):
    """Send a templated email once the current transaction has committed."""
    to = list(to)
    transaction.on_commit(lambda: send_email_now(name, to=to, context=context))
