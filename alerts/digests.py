"""The alert digests, and the clearing of alerts nobody confirmed.

What a digest lists comes from one provider per kind (infostory.news.PROVIDERS): a
function (since, until) -> [Item], what became public in that window. Stories and case
studies are read here (register(), at ready()); the change tracker registers its own
(changes.news: a change moving into a public status, an update posted), so neither app
imports the other.

send_digests(now), run by send_due: each confirmed alert whose period has passed since
the end of its last digest gets one email listing what became public since then in its
kinds, themes and areas (an area includes the areas inside it), and the window moves on
even when there was nothing to tell. The window is moved with a compare-and-set on the
alert's row, in the same transaction that stores the email: two runs at once never
send one digest twice.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from post_office.models import Email

from alerts.models import CONFIRM_EMAIL, DIGEST_EMAIL, UNCONFIRMED_KEPT, Subscription
from casestudies.models import CaseStudy
from infostory import news
from stories import emails, outbox
from stories.models import LocalArea, Story, area_ids_within, children_in

BATCH = 500


def published_items(kind, published, title, themes, areas):
    """One Item for each story or case study published in the window, oldest first, with
    its themes and areas ({pk: ids})."""
    return [
        news.Item(
            kind=kind,
            title=getattr(found, title),
            path=found.get_absolute_url(),
            when=found.published_at,
            theme_ids=frozenset(themes.get(found.pk, ())),
            area_ids=frozenset(areas.get(found.pk, ())),
        )
        for found in published
    ]


def published_stories(since, until):
    stories = list(
        Story.objects.published()
        .filter(published_at__gt=since, published_at__lte=until)
        .only("pk", "reference", "public_title", "published_at", "local_area_id")
        .order_by("published_at", "pk")
    )
    themes = news.labels(Story.themes.through, "story", [s.pk for s in stories], "policytheme")
    areas = {story.pk: [story.local_area_id] for story in stories if story.local_area_id}
    return published_items(Subscription.Kind.STORIES, stories, "public_title", themes, areas)


def published_case_studies(since, until):
    studies = list(
        CaseStudy.objects.published()
        .filter(published_at__gt=since, published_at__lte=until)
        .only("pk", "slug", "title", "published_at")
        .order_by("published_at", "pk")
    )
    ids = [study.pk for study in studies]
    themes = news.labels(CaseStudy.themes.through, "casestudy", ids, "policytheme")
    areas = news.labels(CaseStudy.local_areas.through, "casestudy", ids, "localarea")
    return published_items(Subscription.Kind.CASE_STUDIES, studies, "title", themes, areas)


def register():
    """The kinds the alerts app reads itself (the apps below it); the change tracker
    registers its own (changes.news)."""
    news.PROVIDERS.setdefault(Subscription.Kind.STORIES, published_stories)
    news.PROVIDERS.setdefault(Subscription.Kind.CASE_STUDIES, published_case_studies)


class AreaTree:
    """Each chosen area with the areas inside it, read once per run."""

    def __init__(self):
        self.children_of = children_in(list(LocalArea.objects.only("pk", "parent_id")))
        self.known = {}

    def within(self, ids):
        key = frozenset(ids)
        if key not in self.known:
            self.known[key] = frozenset(area_ids_within(key, self.children_of))
        return self.known[key]


def matches(item, *, kinds, theme_ids, area_ids):
    """No theme (or no area) chosen means every theme (or area)."""
    return (
        item.kind in kinds
        and (not theme_ids or bool(item.theme_ids & theme_ids))
        and (not area_ids or bool(item.area_ids & area_ids))
    )


def items_for(subscription, items, tree):
    since = subscription.covered_until
    kinds = set(subscription.kinds)
    themes = {theme.pk for theme in subscription.themes.all()}
    areas = tree.within(area.pk for area in subscription.local_areas.all())
    return [
        item
        for item in items
        if item.when > since and matches(item, kinds=kinds, theme_ids=themes, area_ids=areas)
    ]


def due(now):
    due = Subscription.objects.none()
    for frequency, period in Subscription.PERIODS.items():
        due |= Subscription.objects.confirmed().filter(
            frequency=frequency, covered_until__lte=now - period
        )
    return due


def send_digests(now):
    """Store one digest for each alert that is due; return how many were stored.

    A batch at a time, in one transaction: the batch's rows are locked (SKIP LOCKED on
    PostgreSQL, so a second run takes other alerts) and their windows moved with one
    UPDATE; where rows cannot be locked (SQLite) each window is moved with a
    compare-and-set, so a run that read the same alerts moves none of them. The digests
    are stored together (bench/digest.py, 500 alerts on PostgreSQL: 73 digests built a
    second with an UPDATE per alert, 295 with one UPDATE per batch).
    """
    stored = 0
    tree = None
    items_since = {}
    while True:
        with transaction.atomic():
            batch = list(due(now).select_for_update(skip_locked=True).order_by("pk")[:BATCH])
            if not batch:
                return stored
            prefetch_related_objects(batch, "themes", "local_areas")
            locked = connection.features.has_select_for_update_skip_locked
            tree = tree or AreaTree()
            since = min(subscription.covered_until for subscription in batch)
            wanted = {kind for subscription in batch for kind in subscription.kinds}
            for kind in wanted & set(news.PROVIDERS):
                if kind not in items_since or items_since[kind][0] > since:
                    items_since[kind] = (since, news.PROVIDERS[kind](since, now))
            items = [item for kind in wanted & set(items_since) for item in items_since[kind][1]]
            items.sort(key=lambda item: (item.when, item.title))
            if locked:
                # The rows are locked by this transaction: one UPDATE moves every window.
                Subscription.objects.filter(pk__in=[s.pk for s in batch]).update(covered_until=now)
            digests = [
                _digest(subscription, items_for(subscription, items, tree), now, moved=locked)
                for subscription in batch
            ]
            digests = [digest for digest in digests if digest is not None]
            Email.objects.bulk_create(digests)
            stored += len(digests)


def _digest(subscription, items, now, *, moved=False):
    """Move the alert's window on (unless `moved`: done for its locked batch) with a
    compare-and-set; its digest (unsaved) if there is anything to tell."""
    moved = moved or Subscription.objects.filter(
        pk=subscription.pk, covered_until=subscription.covered_until
    ).update(covered_until=now)
    if not moved or not items:
        return None  # another run took it, or nothing became public: no email
    by_kind = [
        (label, [item for item in items if item.kind == kind])
        for kind, label in Subscription.Kind.choices
    ]
    manage_path, unsubscribe_path = subscription.links()
    unsubscribe_link = settings.INFOSTORY_SITE_URL + unsubscribe_path
    return emails.prepare_email(
        DIGEST_EMAIL,
        to=[subscription.email],
        context={
            "subscription": subscription,
            "count": len(items),
            "by_kind": [(label, found) for label, found in by_kind if found],
            "manage_link": settings.INFOSTORY_SITE_URL + manage_path,
            "unsubscribe_link": unsubscribe_link,
        },
        headers={
            # One-click unsubscribe (RFC 8058): mail programs show their own button.
            "List-Unsubscribe": f"<{unsubscribe_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def delete_unconfirmed(now):
    """Alerts not confirmed within UNCONFIRMED_KEPT are deleted, with their address and
    the confirmation emails kept for them (sent or not)."""
    cutoff = now - UNCONFIRMED_KEPT
    expired = Subscription.objects.unconfirmed_before(cutoff)
    addresses = {address.lower() for address in expired.values_list("email", flat=True)}
    _, deleted = expired.delete()
    for address in addresses:
        outbox.forget_address(address, templates=[CONFIRM_EMAIL], created_before=cutoff)
    return deleted.get(Subscription._meta.label, 0)
