"""Alerts: a person follows themes, areas and kinds of news, daily or weekly; and the
follow-up each storyteller gets once, some weeks after their story was accepted."""

import hashlib
from datetime import timedelta

from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

from infostory import news
from stories.models import LocalArea, PolicyTheme, Story

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"
# An alert not confirmed within this time is deleted, with its address.
UNCONFIRMED_KEPT = timedelta(days=7)
# The emails an alert sends (its address gets nothing else from this app).
CONFIRM_EMAIL = "alerts/email/confirm"
DIGEST_EMAIL = "alerts/email/digest"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment):
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Subscription(models.Model):
    Kind = news.Kind

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}

    email = models.EmailField(db_index=True)
    themes = models.ManyToManyField(PolicyTheme, blank=True, related_name="+")
    local_areas = models.ManyToManyField(LocalArea, blank=True, related_name="+")
    # A list of Kind values (at least one).
    kinds = models.JSONField(default=list)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The end of what the last digest covered: the next one starts there.
    covered_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["frequency", "covered_until"], name="subscription_due"),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_frequency_display().lower()})"

    def kind_labels(self):
        return [self.Kind(kind).label for kind in self.Kind.values if kind in self.kinds]

    # --- the links: signed, nothing stored; a deleted alert's links find nothing ---

    def _signed(self):
        return {"s": self.pk, "e": hashlib.sha256(self.email.lower().encode()).hexdigest()[:12]}

    def confirm_token(self):
        return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(self._signed())

    def manage_token(self):
        return signing.Signer(salt=MANAGE_SALT).sign_object(self._signed())

    @classmethod
    def _find(cls, data):
        if not isinstance(data, dict):
            return None
        found = (
            cls.objects.filter(pk=data.get("s")).first()
            if str(data.get("s", "")).isdigit()
            else None
        )
        if found is None or found._signed() != data:
            return None
        return found

    @classmethod
    def from_confirm_token(cls, token):
        """The unconfirmed or confirmed alert a confirmation link names, or None (altered,
        older than UNCONFIRMED_KEPT, or deleted)."""
        try:
            data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
                token[:300], max_age=UNCONFIRMED_KEPT
            )
        except (signing.BadSignature, ValueError, TypeError, UnicodeError):
            return None
        return cls._find(data)

    @classmethod
    def from_manage_token(cls, token):
        """The confirmed alert a manage or unsubscribe link names, or None."""
        try:
            data = signing.Signer(salt=MANAGE_SALT).unsign_object(token[:300])
        except (signing.BadSignature, ValueError, TypeError, UnicodeError):
            return None
        found = cls._find(data)
        return found if found is not None and found.confirmed_at else None

    def confirm_path(self):
        return reverse("alerts:confirm", kwargs={"token": self.confirm_token()})

    def manage_path(self):
        return reverse("alerts:manage", kwargs={"token": self.manage_token()})

    def unsubscribe_path(self):
        return reverse("alerts:unsubscribe", kwargs={"token": self.manage_token()})

    def links(self):
        """(manage path, unsubscribe path), signed once."""
        token = self.manage_token()
        return (
            reverse("alerts:manage", kwargs={"token": token}),
            reverse("alerts:unsubscribe", kwargs={"token": token}),
        )


class FollowUp(models.Model):
    """The one follow-up a storyteller gets: its row is what makes it once only."""

    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="follow_up")
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Follow-up of {self.story_id}"
