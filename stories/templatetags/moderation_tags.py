"""The moderation queue at a glance, for the admin index: one aggregate query."""

from django import template
from django.db.models import Count, Q
from django.urls import reverse

from stories.models import Story
from stories.permissions import can_moderate

register = template.Library()


def queue_counts(user):
    """Counts by status (suspected spam apart), and the open stories assigned to user."""
    not_spam = Q(is_suspected_spam=False)
    counts = Story.objects.aggregate(
        **{
            status.value: Count("id", filter=Q(status=status) & not_spam) for status in Story.Status
        },
        spam=Count("id", filter=Q(is_suspected_spam=True, status__in=Story.WAITING_STATUSES)),
        mine=Count("id", filter=Q(assigned_to=user, status__in=Story.OPEN_STATUSES) & not_spam),
    )
    return counts


@register.inclusion_tag("admin/stories/queue.html", takes_context=True)
def moderation_queue(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not can_moderate(user):
        return {"queue": None}
    counts = queue_counts(user)
    changelist = reverse("admin:stories_story_changelist")
    rows = [
        {
            "label": "Assigned to me, still open",
            "count": counts["mine"],
            "url": f"{changelist}?assigned=open",
        }
    ]
    rows += [
        {
            "label": status.label,
            "count": counts[status.value],
            "url": f"{changelist}?status__exact={status.value}",
        }
        for status in Story.Status
    ]
    rows.append(
        {
            "label": "Suspected spam, waiting",
            "count": counts["spam"],
            "url": f"{changelist}?spam=yes",
        }
    )
    return {"queue": {"rows": rows}}
