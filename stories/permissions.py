"""Who may do what: the permission names, and the one test for each kind of reader.

Everything that asks "may this person…?" (the views, the admin, the exports, the header's
links through stories.context_processors) asks here, so a change of rule is one change.

- Read the evidence: Staff and Engagement managers (READ_PERMISSION) read accepted
  stories as well as published ones, with the original words.
- Moderate: Engagement managers (MODERATE_PERMISSION) change stories in the admin.
- See contact details whatever the submitter chose: Engagement managers
  (CONTACT_PERMISSION); Staff see them only as Story.submitter_details_for allows.
- Export: EXPORT_PERMISSION, on top of reading the evidence.
- The second factor: while settings.INFOSTORY_REQUIRE_2FA is on, a signed-in person who
  has not yet verified it in this session (django-otp's request.user.is_verified()) is
  read as the public: no original words, no admin, no insights, no export.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

# The two groups of staff accounts (created by migration 0002).
ENGAGEMENT_MANAGERS = "Engagement managers"
STAFF = "Staff"

READ_PERMISSION = "stories.view_story"
MODERATE_PERMISSION = "stories.change_story"
CONTACT_PERMISSION = "stories.view_submitter_contact"
EXPORT_PERMISSION = "stories.export_story"


def second_factor_pending(user):
    """Signed in, but not yet through the second factor that settings require."""
    if user is None or not user.is_authenticated or not settings.INFOSTORY_REQUIRE_2FA:
        return False
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    return not (is_verified and is_verified())


def has_permission(user, permission):
    """user holds permission, and has verified the second factor where it is required."""
    return (
        user is not None
        and user.is_authenticated
        and not second_factor_pending(user)
        and user.has_perm(permission)
    )


def can_read_evidence(user):
    """Reads accepted stories and the original words (Staff and Engagement managers)."""
    return has_permission(user, READ_PERMISSION)


def can_moderate(user):
    """Changes stories in the admin (Engagement managers)."""
    return has_permission(user, MODERATE_PERMISSION)


def can_see_contact(user):
    """Sees a submitter's contact details whatever they chose (Engagement managers)."""
    return has_permission(user, CONTACT_PERMISSION)


def can_export(user):
    """Downloads the stories they read as CSV or JSON."""
    return can_read_evidence(user) and has_permission(user, EXPORT_PERMISSION)


def engagement_managers():
    """The people who moderate and write case studies: active staff accounts in the
    Engagement managers group, and superusers (the choices for "assigned to" and a case
    study's authors)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__name=ENGAGEMENT_MANAGERS) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def engagement_manager_addresses():
    """Who hears about a new story (and a safeguarding concern, unless
    INFOSTORY_SAFEGUARDING_EMAIL is set): the engagement managers above, plus
    the moderators' inbox."""
    addresses = engagement_managers().exclude(email="").values_list("email", flat=True)
    seen, result = set(), []
    for address in [*addresses, *settings.INFOSTORY_MODERATORS_EMAIL]:
        if address.lower() not in seen:
            seen.add(address.lower())
            result.append(address)
    return result
