"""Signing up for alerts, confirming, changing and ending them.

Nothing but a confirmation email goes to an address until its link is followed. Every
sign-up is a new unconfirmed alert and the same confirmation email, whether or not the
address already has alerts: the page and the work done are the same either way, so
neither says whether an address is known. Confirming replaces the address's earlier
alert, if any. An address is sent at most MAX_CONFIRMATIONS_A_DAY confirmation emails
a day (a form is not a way to flood someone's inbox); beyond that the sign-up is
dropped, with the same page.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alerts.models import CONFIRM_EMAIL, DIGEST_EMAIL, UNCONFIRMED_KEPT, Subscription
from stories import outbox
from stories.emails import queue_email

MAX_CONFIRMATIONS_A_DAY = 3


@transaction.atomic
def subscribe(*, email, kinds, themes=(), local_areas=(), frequency):
    """Keep an unconfirmed alert and email its confirmation link; None when the address
    has had too many confirmation emails today."""
    email = email.strip()
    now = timezone.now()
    lately = Subscription.objects.filter(
        email__iexact=email, confirmed_at__isnull=True, created_at__gte=now - timedelta(days=1)
    ).count()
    if lately >= MAX_CONFIRMATIONS_A_DAY:
        return None
    subscription = Subscription.objects.create(
        email=email, kinds=list(kinds), frequency=frequency, created_at=now
    )
    subscription.themes.set(themes)
    subscription.local_areas.set(local_areas)
    queue_email(
        CONFIRM_EMAIL,
        to=[email],
        context={
            "subscription": subscription,
            "themes": [theme.name for theme in themes],
            "areas": [area.name for area in local_areas],
            "confirm_link": settings.INFOSTORY_SITE_URL + subscription.confirm_path(),
            "days": UNCONFIRMED_KEPT.days,
        },
    )
    return subscription


@transaction.atomic
def confirm(subscription):
    """Start the alert (its first digest covers what becomes public from now) and end
    the address's earlier alerts. Confirming twice changes nothing."""
    if subscription.confirmed_at:
        return False
    now = timezone.now()
    Subscription.objects.filter(pk=subscription.pk).update(confirmed_at=now, covered_until=now)
    subscription.confirmed_at = subscription.covered_until = now
    Subscription.objects.filter(email__iexact=subscription.email).exclude(
        pk=subscription.pk
    ).delete()
    return True


@transaction.atomic
def change(subscription, *, kinds, themes, local_areas, frequency):
    subscription.kinds = list(kinds)
    subscription.frequency = frequency
    subscription.save(update_fields=["kinds", "frequency"])
    subscription.themes.set(themes)
    subscription.local_areas.set(local_areas)


def end(subscription):
    """Stop the alert: it is deleted, with the address and its emails not yet sent, at
    once."""
    ended = Subscription.objects.filter(pk=subscription.pk).delete()[0] > 0
    if ended:
        # A newer sign-up from the address, not yet confirmed, keeps its confirmation.
        still_asked = _for_address(subscription.email).exists()
        templates = [DIGEST_EMAIL] if still_asked else [DIGEST_EMAIL, CONFIRM_EMAIL]
        outbox.cancel_unsent(subscription.email, templates=templates)
    return ended


# --- the privacy tools (stories.privacy.HELD_ELSEWHERE) ---


def _for_address(email):
    return Subscription.objects.filter(email__iexact=email.strip())


def subscriptions_held(email):
    """The subscriptions held for an address, as plain data for a subject access request."""
    return [
        {
            "kinds": subscription.kind_labels(),
            "themes": [theme.name for theme in subscription.themes.all()],
            "local_areas": [area.name for area in subscription.local_areas.all()],
            "frequency": subscription.get_frequency_display(),
            "created_at": subscription.created_at.isoformat(),
            "confirmed_at": subscription.confirmed_at and subscription.confirmed_at.isoformat(),
        }
        for subscription in _for_address(email).prefetch_related("themes", "local_areas")
    ]


def forget_subscriptions(email):
    """Delete the subscriptions held for an address (an erasure request), and the alert
    emails to it not yet sent; how many subscriptions."""
    _, deleted = _for_address(email).delete()
    outbox.cancel_unsent(email, templates=[CONFIRM_EMAIL, DIGEST_EMAIL])
    return deleted.get(Subscription._meta.label, 0)
