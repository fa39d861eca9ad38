from django.conf import settings

from stories import working_days
from stories.permissions import can_moderate, can_read_evidence, second_factor_pending

# Who publishes the portal: every page's footer and the feeds' author.
CENTRE_NAME = "Centre of Excellence for Information Sharing"

# The header's sections: the URL names (or namespaces) that belong to each.
NAV_SECTIONS = {
    "share": (
        "stories:submit",
        "stories:check",
        "stories:thanks",
        "stories:track",
        "stories:track_action",
        "stories:track_request",
    ),
    "read": ("stories:list", "stories:detail"),
    "themes": ("stories:themes", "stories:theme"),
    "areas": ("stories:areas", "stories:area"),
    "casestudies": ("casestudies",),
    "changes": ("changes",),
    "insights": ("stories:insights",),
    "moderation": ("admin",),
}


def current_section(request):
    """The header link the current page belongs to, from the URL it resolved to ("" if none)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    for section, names in NAV_SECTIONS.items():
        if match.view_name in names or match.namespace in names:
            return section
    return ""


def portal(request):
    """Names every page uses, the contact address and the current section of the header."""
    return {
        "HASHTAG": "#InfoStory",
        "CENTRE_NAME": CENTRE_NAME,
        "CONTACT_EMAIL": settings.INFOSTORY_CONTACT_EMAIL,
        "NAV_SECTION": current_section(request),
        # The reply the thanks page promises (INFOSTORY_REPLY_WORKING_DAYS).
        "REPLY_WORKING_DAYS": working_days.reply_working_days(),
        # Who may do what (stories.permissions), asked only when a template uses it.
        "can_read_evidence": lambda: can_read_evidence(getattr(request, "user", None)),
        "can_moderate": lambda: can_moderate(getattr(request, "user", None)),
        "second_factor_pending": lambda: second_factor_pending(getattr(request, "user", None)),
    }
