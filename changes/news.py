"""What the change tracker made public in a window, for the alerts (infostory.news)."""

from changes.models import Change, ChangeEvent, ChangeUpdate
from infostory.news import Item, Kind, labels

KIND = Kind.CHANGES


def became_public(since, until):
    """Changes that moved into a public status (asked, in progress, made, not made), and
    dated updates posted on public changes, in the window."""
    moves = list(
        ChangeEvent.objects.filter(
            action=ChangeEvent.Action.TRANSITION,
            to_status__in=Change.PUBLIC_STATUSES,
            created_at__gt=since,
            created_at__lte=until,
            change__in=Change.objects.public(),
        )
        .select_related("change")
        .only("to_status", "created_at", "change__title", "change__slug")
    )
    updates = list(
        ChangeUpdate.objects.filter(
            created_at__gt=since, created_at__lte=until, change__in=Change.objects.public()
        )
        .select_related("change")
        .only("date", "created_at", "change__title", "change__slug")
    )
    ids = {found.change_id for found in [*moves, *updates]}
    themes = labels(Change.themes.through, "change", ids, "policytheme")
    areas = labels(Change.local_areas.through, "change", ids, "localarea")

    def item(found, title):
        return Item(
            kind=KIND,
            title=title,
            path=found.change.get_absolute_url(),
            when=found.created_at,
            theme_ids=frozenset(themes.get(found.change_id, ())),
            area_ids=frozenset(areas.get(found.change_id, ())),
        )

    status = dict(Change.Status.choices)
    return [
        *(item(move, f"{move.change.title} ({status[move.to_status].lower()})") for move in moves),
        *(
            item(update, f"{update.change.title}: an update of {update.date:%-d %B %Y}")
            for update in updates
        ),
    ]
