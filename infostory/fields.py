"""Model fields that stand for the same thing in every app."""

from django.conf import settings
from django.db import models


def staff_member(related_name="+", **options):
    """A link to the member of staff who did something (acted in a log, wrote a message or
    an update) or was given it (a story to review).

    Optional, and set to NULL when their account is deleted: the record stays, without
    the link. Event logs rely on it: NULL is the one change their triggers let through
    (infostory.workflow).
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )
