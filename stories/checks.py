"""System checks (`manage.py check`): what the portal promises that configuration can break.

A safeguarding concern is emailed to INFOSTORY_SAFEGUARDING_EMAIL, or else to the active
engagement managers with an email address and INFOSTORY_MODERATORS_EMAIL
(stories.moderation.safeguarding_recipients). When none of them exists, a story whose
words suggest someone is at risk would be told to nobody. The settings can be read at
any time; the engagement managers live in the database, so the check that reads them is
tagged `database`: it runs with `manage.py check --database default` and before
`migrate` (and is quiet until the tables exist). The same holds for the engagement
managers' own emails: a new story, and a published version to check again.
"""

from django.conf import settings
from django.core.checks import Warning
from django.db import DatabaseError

from stories.moderation import NOBODY_TOLD, safeguarding_recipients
from stories.permissions import engagement_manager_addresses


def safeguarding_has_a_recipient(app_configs=None, databases=None, **kwargs):
    if settings.INFOSTORY_SAFEGUARDING_EMAIL or settings.INFOSTORY_MODERATORS_EMAIL:
        return []
    if not databases:
        return []
    try:
        addresses = safeguarding_recipients().addresses
    except DatabaseError:  # not migrated yet: nothing to say until the tables exist
        return []
    if addresses:
        return []
    return [
        Warning(
            "A safeguarding concern would be emailed to nobody. " + NOBODY_TOLD,
            hint="Set INFOSTORY_SAFEGUARDING_EMAIL to the safeguarding contact's address, "
            "or give an active engagement manager an email address.",
            id="stories.W001",
        )
    ]


def managers_have_an_address(app_configs=None, databases=None, **kwargs):
    """A new story, and a published version that what the storyteller wrote later may
    have made identifying, are emailed to engagement_manager_addresses(): warn when that
    is nobody (the log then says nobody could be told)."""
    if settings.INFOSTORY_MODERATORS_EMAIL or not databases:
        return []
    try:
        addresses = engagement_manager_addresses()
    except DatabaseError:
        return []
    if addresses:
        return []
    return [
        Warning(
            "A new story, or a published version to check again, would be emailed to nobody.",
            hint="Give an active engagement manager an email address, or set "
            "INFOSTORY_MODERATORS_EMAIL to the moderators' inbox.",
            id="stories.W002",
        )
    ]
