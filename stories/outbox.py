"""The email outbox: sending what stories.emails stored, once, with retries.

Emails are post_office.Email rows (django-post-office: the stored email, its status,
each failed try in its log, and the admin where managers see them). Sending is ours,
because the library's own sender guards against a second run with a lock file (one
machine only) and retries at a fixed interval:

- deliver(ids) sends the given emails now (right after a commit); send_due() sends
  every email that is due. Both claim an email before sending it: in one transaction
  the due rows are locked (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, so a second
  run at the same moment skips them) and their next try moved CLAIM_MINUTES ahead,
  which takes them out of every other run's "due". Only then is the mail server asked,
  and each email is marked sent as soon as it has gone. Two runs, on any number of
  machines, never send one email twice; a run killed mid-send leaves its claimed emails
  due again after CLAIM_MINUTES (then one may go twice: the mail server may have taken
  it without our hearing back).
- A failed try is logged on the email (post_office.Log) and the email is due again
  after INFOSTORY_EMAIL_RETRY_MINUTES, doubled after each failure, until
  INFOSTORY_EMAIL_MAX_ATTEMPTS; then it is marked failed, and stays in the admin, where
  a manager can try it again.

send_due also runs the due work other apps register in DUE_WORK (the follow-ups, the
alert digests): each makes emails (stored here) before the outbox is sent.
"""

import contextlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.models import STATUS, Email, Log

logger = logging.getLogger(__name__)

CLAIM_MINUTES = 10
BATCH_SIZE = 200
MARK_EVERY = 20
# The longest wait between two tries of one email.
MAX_RETRY_WAIT = timedelta(hours=6)
WAITING = (STATUS.queued, STATUS.requeued)

# name -> callable(now) returning how many emails it stored; filled by each app's ready().
DUE_WORK = {}
# The emails that go to a story's address only while its teller agrees to be contacted:
# withdrawing that consent cancels those still waiting. Other apps add theirs in ready().
CONTACT_TEMPLATES = {"story_accepted", "story_rejected", "story_published", "story_message"}


def due_condition(now):
    return Q(status__in=WAITING) & (Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now))


def due(now=None):
    """The emails waiting to be sent whose time has come."""
    return Email.objects.filter(due_condition(now or timezone.now()))


def retry_wait(attempts):
    """How long after its attempts-th failed try an email is tried again."""
    first = timedelta(minutes=max(1, settings.INFOSTORY_EMAIL_RETRY_MINUTES))
    return min(first * 2 ** (attempts - 1), MAX_RETRY_WAIT)


def claim(queryset, now, *, limit=BATCH_SIZE):
    """Take up to `limit` due emails of queryset for this run; return their ids."""
    with transaction.atomic():
        ids = list(
            queryset.filter(due_condition(now))
            .select_for_update(skip_locked=True)
            .order_by("scheduled_time", "id")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            # The due condition again: where rows cannot be locked (SQLite, which runs
            # one writer at a time) a run that claimed them first has moved them ahead.
            Email.objects.filter(due_condition(now), pk__in=ids).update(
                scheduled_time=now + timedelta(minutes=CLAIM_MINUTES), last_updated=now
            )
            ids = list(
                Email.objects.filter(
                    pk__in=ids,
                    status__in=WAITING,
                    scheduled_time=now + timedelta(minutes=CLAIM_MINUTES),
                ).values_list("pk", flat=True)
            )
    return ids


def message_for(email):
    """The EmailMessage to send for a stored email (Reply-To kept as reply_to)."""
    headers = dict(email.headers or {})
    reply_to = headers.pop("Reply-To", "")
    return EmailMessage(
        subject=email.subject,
        body=email.message,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        headers=headers or None,
        reply_to=[reply_to] if reply_to else None,
    )


def _send_claimed(ids, now):
    """Send the claimed emails over one connection; return how many went. What went is
    marked sent MARK_EVERY emails at a time (fewer commits; a run killed in between may
    send those few again once their claim runs out)."""
    sent = []
    connection = None
    for email in Email.objects.filter(pk__in=ids).order_by("id"):
        try:
            if connection is None:
                connection = get_connection(fail_silently=False)
                connection.open()  # one connection for the batch (send_messages keeps it)
            connection.send_messages([message_for(email)])
        except Exception as error:  # SMTP, DNS, timeouts: the email waits for a retry
            logger.error(
                "Email #%s (%s) could not be sent, kept for another try: %s",
                email.pk,
                (email.context or {}).get("template", "-"),
                error,
            )
            _failed(email, error, now)
            if connection is not None:
                with contextlib.suppress(Exception):  # broken already; the next reopens
                    connection.close()
                connection = None
            continue
        sent.append(email.pk)
        if len(sent) % MARK_EVERY == 0:
            _mark_sent(sent[-MARK_EVERY:], now)
    _mark_sent(sent[len(sent) - len(sent) % MARK_EVERY :], now)
    if connection is not None:
        connection.close()
    return len(sent)


def _mark_sent(ids, now):
    if ids:
        Email.objects.filter(pk__in=ids).update(status=STATUS.sent, last_updated=now)


def _failed(email, error, now):
    attempts = (email.number_of_retries or 0) + 1
    gives_up = attempts >= settings.INFOSTORY_EMAIL_MAX_ATTEMPTS
    Email.objects.filter(pk=email.pk).update(
        number_of_retries=attempts,
        status=STATUS.failed if gives_up else STATUS.requeued,
        scheduled_time=None if gives_up else now + retry_wait(attempts),
        last_updated=now,
    )
    Log.objects.create(
        email=email,
        status=STATUS.failed,
        message=str(error)[:2000],
        exception_type=type(error).__name__,
    )


def deliver(ids):
    """Send these stored emails now if they are still due; return how many went."""
    now = timezone.now()
    claimed = claim(Email.objects.filter(pk__in=list(ids)), now)
    return _send_claimed(claimed, now) if claimed else 0


def send_outbox(now=None):
    """Send every due email, a batch at a time, each tried at most once in this run;
    return (sent, not sent)."""
    now = now or timezone.now()
    sent = 0
    tried = set()
    while True:
        claimed = claim(Email.objects.exclude(pk__in=tried), now)
        if not claimed:
            return sent, len(tried) - sent
        tried.update(claimed)
        sent += _send_claimed(claimed, now)


def retry(queryset):
    """A manager tries failed emails again now: due at once, tries reset. Only failed
    ones: a waiting email may be claimed by a running send_due, and making it due again
    would let another run send it a second time."""
    return queryset.filter(status=STATUS.failed).update(
        status=STATUS.requeued, scheduled_time=None, number_of_retries=0
    )


def forget_sent(now):
    """Sent emails are kept INFOSTORY_EMAIL_KEEP_DAYS (for managers to see what went),
    failed ones as long after their last try (for a manager to try them again); then both
    are deleted with their addresses and private links."""
    cutoff = now - timedelta(days=settings.INFOSTORY_EMAIL_KEEP_DAYS)
    _, deleted = Email.objects.filter(
        status__in=(STATUS.sent, STATUS.failed), last_updated__lt=cutoff
    ).delete()
    return deleted.get(Email._meta.label, 0)


def _to_address(address):
    """The stored emails to this address, whatever its capitals."""
    address = (address or "").strip().lower()
    if not address:
        return Email.objects.none()
    candidates = Email.objects.filter(to__icontains=address).only("pk", "to")
    ids = [email.pk for email in candidates if address in (to.lower() for to in email.to)]
    return Email.objects.filter(pk__in=ids)


def forget_address(address, *, templates=None, created_before=None):
    """Delete every stored email to this address (its details are being erased), or only
    those of these kinds (template names) stored before created_before."""
    emails = _to_address(address)
    if templates is not None:
        emails = emails.filter(context__template__in=list(templates))
    if created_before is not None:
        emails = emails.filter(created__lt=created_before)
    _, deleted = emails.delete()
    return deleted.get(Email._meta.label, 0)


def cancel_unsent(address, *, templates):
    """Delete the emails of these kinds (template names) to this address that have not
    gone yet, waiting or failed: the person stopped them (an alert ended, a consent
    withdrawn). Returns how many."""
    _, deleted = (
        _to_address(address)
        .filter(status__in=(*WAITING, STATUS.failed), context__template__in=list(templates))
        .delete()
    )
    return deleted.get(Email._meta.label, 0)


def send_due(now=None):
    """Everything due, once: each app's due work (digests, follow-ups, purges), then the
    outbox. Returns {name: count} with "sent" and "not_sent" for the outbox."""
    now = now or timezone.now()
    done = {}
    for name, work in DUE_WORK.items():
        done[name] = work(now)
    done["sent_emails_deleted"] = forget_sent(now)
    done["sent"], done["not_sent"] = send_outbox(now)
    return done
