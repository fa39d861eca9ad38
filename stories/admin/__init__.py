"""Moderation in the Django admin: the story queue and page, and the reference data.

Importing the modules registers their admin classes.
"""

from stories.admin import outbox, reference, story  # noqa: F401
