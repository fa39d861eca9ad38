"""What the pages show of changes: a change's page, and the panels on other apps' pages.

Every read is a fixed number of queries whatever the number of stories, updates or
places. Which evidence a reader sees is ChangeEvidence.objects.shown_to(user); the rest
held is only counted.
"""

import statistics
from collections import Counter

from django.conf import settings
from django.db.models import Count, Prefetch, Q, prefetch_related_objects

from casestudies.models import CaseStudy
from changes.models import Change, ChangeEvent, ChangeEvidence, ChangeUpdate
from stories.caching import cached_figures
from stories.models import Barrier, Story
from stories.permissions import can_read_evidence

# The most evidence cards a change's page shows (the newest); the rest are counted.
EVIDENCE_CARDS = 30


def with_everything(queryset):
    return queryset.prefetch_related(
        "local_areas",
        "themes",
        Prefetch("barriers", queryset=Barrier.objects.order_by("name")),
        Prefetch(
            "case_studies",
            queryset=CaseStudy.objects.published().only("pk", "title", "slug", "published_at"),
            to_attr="public_case_studies",
        ),
    )


def timeline(change):
    """The change's dated history as the public reads it: each move into a public
    status (asked on…, in progress from…, made on…) and each update, oldest first."""
    moves = ChangeEvent.objects.filter(
        change=change, action=ChangeEvent.Action.TRANSITION, to_status__in=Change.PUBLIC_STATUSES
    ).only("to_status", "created_at")
    entries = [
        {
            "when": event.created_at.date(),
            "moment": event.created_at,
            "kind": "move",
            "status": event.to_status,
            "label": MOVE_WORDS.get(event.to_status, event.to_status),
        }
        for event in moves
    ]
    for update in ChangeUpdate.objects.filter(change=change).only("date", "text", "created_at"):
        entries.append(
            {
                "when": update.date,
                "moment": update.created_at,
                "kind": "update",
                "text": update.text,
                "label": "Update",
            }
        )
    entries.sort(key=lambda entry: (entry["when"], entry["moment"]))
    return entries


MOVE_WORDS = {
    Change.Status.ASKED: "Asked for",
    Change.Status.IN_PROGRESS: "Work started",
    Change.Status.MADE: "Made",
    Change.Status.NOT_MADE: "Not made",
}


def evidence_for(change, user):
    """(the stories this reader may see, newest first, as cards; how many more are held)."""
    shown = ChangeEvidence.objects.filter(change=change).shown_to(user)
    counts = ChangeEvidence.objects.filter(change=change).aggregate(
        held=Count("pk", filter=Q(pk__in=ChangeEvidence.objects.held().values("pk"))),
        shown=Count("pk", filter=Q(pk__in=shown.values("pk"))),
    )
    stories = list(
        Story.objects.filter(pk__in=shown.values("story_id"))
        .select_related("local_area")
        .only(*Story.CARD_FIELDS, "local_area__name", "local_area__slug", "published_at")
        .order_by("-published_at", "-id")[:EVIDENCE_CARDS]
    )
    prefetch_related_objects(stories, "themes")
    return {
        "stories": stories,
        "shown_count": counts["shown"],
        "more_shown": max(counts["shown"] - len(stories), 0),
        "held_more": max(counts["held"] - counts["shown"], 0),
    }


def page_context(change, user):
    barriers = list(change.barriers.all())
    return {
        "change": change,
        "timeline": timeline(change),
        "barriers": barriers,
        "places": list(change.local_areas.all()),
        "themes": list(change.themes.all()),
        "case_studies": change.public_case_studies,
        "is_staff_reader": can_read_evidence(user),
        **evidence_for(change, user),
    }


# --- the panels on other pages ---


def public_evidence_story_ids():
    """The stories that are evidence for a public change: few, read once per public
    version, so the page of a story no change cites, nearly every story, asks nothing."""
    ids, _read_at = cached_figures(
        ("change-evidence-story-ids",),
        lambda: frozenset(
            ChangeEvidence.objects.filter(change__in=Change.objects.public().values("pk"))
            .order_by()
            .values_list("story_id", flat=True)
            .distinct()
        ),
        max(settings.INFOSTORY_PUBLIC_CACHE_SECONDS, 0),
    )
    return ids


def _changes_citing(story):
    return list(
        Change.objects.public()
        .filter(evidence__story=story)
        .distinct()
        .only("title", "slug", "status", "level", "made_at")
        .order_by("-updated_at", "-id")
    )


def story_page_panel(story):
    """On a published story's page: the public changes it is evidence for."""
    if story.status != Story.Status.PUBLISHED or story.pk not in public_evidence_story_ids():
        return None
    changes = _changes_citing(story)
    if not changes:
        return None
    return "changes/includes/evidence_for.html", {"changes": changes, "whose": "This story"}


def track_page_panel(story):
    """On the storyteller's own page: the public changes their story is evidence for."""
    if story.status not in Story.EVIDENCE_STATUSES:
        return None
    changes = _changes_citing(story)
    if not changes:
        return None
    return "changes/includes/evidence_for.html", {"changes": changes, "whose": "Your story"}


def case_study_ids_with_changes():
    """The case studies a public change comes from: read once per public version, so a
    case study's page asks nothing more unless a change cites it."""
    ids, _read_at = cached_figures(
        ("change-case-study-ids",),
        lambda: frozenset(
            Change.case_studies.through.objects.filter(
                change__in=Change.objects.public().values("pk")
            ).values_list("casestudy_id", flat=True)
        ),
        max(settings.INFOSTORY_PUBLIC_CACHE_SECONDS, 0),
    )
    return ids


def case_study_page_panel(case_study):
    """On a case study's page: the public changes it is part of."""
    if case_study.pk not in case_study_ids_with_changes():
        return None
    changes = list(
        Change.objects.public()
        .filter(case_studies=case_study)
        .only("title", "slug", "status", "level", "made_at")
        .order_by("-updated_at", "-id")
    )
    if not changes:
        return None
    return "changes/includes/case_study_changes.html", {"changes": changes}


# --- insights ---


def insight_figures():
    """The change tracker in numbers, for staff (every change, proposed ones too): four
    queries, kept per public version."""
    rows = list(Change.objects.values_list("status", "level", "asked_at", "made_at").order_by())
    by_status_level = Counter((status, level) for status, level, _asked, _made in rows)
    statuses = [
        {
            "label": label,
            "value": value,
            "cells": [by_status_level[(value, level)] for level in Change.Level.values],
            "total": sum(by_status_level[(value, level)] for level in Change.Level.values),
        }
        for value, label in Change.Status.choices
    ]
    level_totals = [
        sum(by_status_level[(status, level)] for status in Change.Status.values)
        for level in Change.Level.values
    ]
    made = Q(change__status=Change.Status.MADE)
    by_lens = {
        lens: (n, n_made)
        for lens, n, n_made in Change.barriers.through.objects.values_list("barrier__lens")
        .annotate(
            n=Count("change", distinct=True), n_made=Count("change", filter=made, distinct=True)
        )
        .order_by()
    }
    lenses = [
        {
            "label": label,
            "count": by_lens.get(value, (0, 0))[0],
            "made": by_lens.get(value, (0, 0))[1],
        }
        for value, label in Barrier.Lens.choices
    ]
    behind = ChangeEvidence.objects.held().aggregate(
        made=Count("story", filter=made, distinct=True), any=Count("story", distinct=True)
    )
    behind_made, behind_any = behind["made"], behind["any"]
    evidence_total = Story.objects.evidence().count()
    days = [
        (made_at - asked_at).days
        for status, _level, asked_at, made_at in rows
        if status == Change.Status.MADE and asked_at and made_at
    ]
    return {
        "total": sum(level_totals),
        "levels": Change.Level.labels,
        "statuses": statuses,
        "level_totals": level_totals,
        "lenses": lenses,
        "behind_made": behind_made,
        "behind_any": behind_any,
        "evidence_total": evidence_total,
        "share_made": round(100 * behind_made / evidence_total, 1) if evidence_total else 0,
        "share_any": round(100 * behind_any / evidence_total, 1) if evidence_total else 0,
        "made_count": len(days),
        "days_median": statistics.median(days) if days else None,
        "days_shortest": min(days) if days else None,
        "days_longest": max(days) if days else None,
    }


def insights_section(request):
    """The insights page's change-tracker section (not filtered: changes are few)."""
    figures, _read_at = cached_figures(
        ("change-insights",), insight_figures, settings.INFOSTORY_INSIGHTS_CACHE_SECONDS
    )
    return "changes/includes/insights.html", {"figures": figures}


def latest_made(count=3):
    """The latest changes made, each with the number of stories held behind it."""
    return list(
        Change.objects.made()
        .with_evidence_counts()
        .only("title", "slug", "owner", "level", "made_at", "summary")
        .order_by("-made_at", "-id")[:count]
    )
