"""The demo changes (demo/changes.toml), linked to the demo stories and case studies, so
a fresh `make run` shows the whole loop: a story, a case study, a change made.

Idempotent: a change is matched by its slug and never made twice. Its evidence is the
demo stories filed under its barriers (accepted or published); its moves go through
Change.transition_to and its updates through services.post_update, so the log, the dates
and the guard are as real. Each step happens on its day in the past (demo_clock), so the
public timeline and the insights' "asked to made" read as a real change's would.
"""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.db import transaction
from django.utils import timezone

from casestudies.models import CaseStudy
from changes import services
from changes.models import Change
from stories.demo import read_demo
from stories.models import Barrier, LocalArea, PolicyTheme, Story


@contextmanager
def demo_clock(moment):
    """timezone.now() (and the models' defaults that call it) answer moment: demo only.

    django.utils.timezone.now reads the clock through its module's `datetime`, so a
    subclass whose now() is fixed stands in for it within the block."""

    class At(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment if tz is None else moment.astimezone(tz)

    with mock.patch("django.utils.timezone.datetime", At):
        yield


def seed_changes(actor=None):
    """Make the demo changes that are missing; return how many."""
    made = 0
    now = timezone.now()
    for item in read_demo("changes")["change"]:
        if Change.objects.filter(slug=item["slug"]).exists():
            continue
        barriers = list(Barrier.objects.filter(slug__in=item["barriers"]))
        stories = list(
            Story.objects.evidence()
            .filter(barriers__in=barriers)
            .distinct()
            .order_by("pk")[: item["evidence"]]
        )
        happenings = sorted(
            [(step["days_ago"], "step", step["to"]) for step in item["steps"]]
            + [(update["days_ago"], "update", update["text"]) for update in item["updates"]],
            key=lambda happening: -happening[0],
        )
        started = max([days for days, *_ in happenings] + [0]) + 7
        with transaction.atomic():
            with demo_clock(now - datetime.timedelta(days=started)):
                change = services.start_change(
                    actor=actor,
                    title=item["title"],
                    slug=item["slug"],
                    summary=item["summary"],
                    level=item["level"],
                    owner=item["owner"],
                    barriers=barriers,
                    themes=PolicyTheme.objects.filter(slug__in=item["themes"]),
                    local_areas=LocalArea.objects.filter(slug__in=item["areas"]),
                    case_studies=CaseStudy.objects.filter(slug=item.get("case_study", "")),
                    stories=stories,
                    note="Demo data.",
                )
                change.what_changed = item["what_changed"]
                change.save(update_fields=["what_changed", "updated_at"])
            for days, kind, what in happenings:
                with demo_clock(now - datetime.timedelta(days=days)):
                    if kind == "step":
                        change.transition_to(what, actor=actor, note="Demo data.")
                    else:
                        services.post_update(
                            change, text=what, actor=actor, date=timezone.localdate()
                        )
        made += 1
    return made
