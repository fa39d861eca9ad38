"""The moderation queue at a glance, for the admin index: one aggregate query."""

from django import template
from django.db.models import Count, Min, Q
from django.urls import reverse
from post_office.models import STATUS, Email

from stories import working_days
from stories.models import Story, StoryMessage
from stories.permissions import can_moderate

register = template.Library()


def queue_counts(user):
    """Counts by status (suspected spam apart), the open stories assigned to user, and the
    promise kept: the oldest story waiting for a decision, how many are past the promised
    reply (INFOSTORY_REPLY_WORKING_DAYS working days) and the open safeguarding concerns."""
    not_spam = Q(is_suspected_spam=False)
    waiting = Q(status__in=Story.WAITING_STATUSES) & not_spam
    counts = Story.objects.aggregate(
        oldest_waiting=Min("submitted_at", filter=waiting),
        overdue=Count("id", filter=waiting & Q(submitted_at__lt=working_days.overdue_before())),
        concerns=Count("id", filter=Q(safeguarding_concern=True)),
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
    oldest = counts["oldest_waiting"]
    promise = {
        "concerns": counts["concerns"],
        "concerns_url": f"{changelist}?spam=all",
        "overdue": counts["overdue"],
        "reply_days": working_days.reply_working_days(),
        "oldest": oldest,
        "oldest_days": working_days.working_days_waiting(oldest) if oldest else None,
        "waiting_url": changelist,
    }
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
    # The person added to their story after the last thing a manager did to it.
    rows.append(
        {
            "label": "New words since review",
            "count": Story.objects.filter(is_suspected_spam=False).with_new_words_only().count(),
            "url": f"{changelist}?new_words=yes",
        }
    )
    # The person answered a manager's message; nobody has opened the story since.
    rows.append(
        {
            "label": "Unread answers from storytellers",
            "count": StoryMessage.objects.unread().values("story").distinct().count(),
            "url": f"{changelist}?unread_answer=yes",
        }
    )
    # Emails the outbox gave up on: a manager tries them again (stories.outbox).
    rows.append(
        {
            "label": "Emails that could not be sent",
            "count": Email.objects.filter(status=STATUS.failed).count(),
            "url": reverse("admin:post_office_email_changelist") + f"?status={STATUS.failed}",
        }
    )
    return {"queue": {"rows": rows, "promise": promise}}
