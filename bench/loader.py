"""Bulk-load many realistic stories for the benchmark (`make bench`), fast.

Stories are written with bulk_create in batches, so Story.save, the reference retry
loop and the state machine are bypassed on purpose: this is a load generator for a
benchmark database, never a way to put stories on a live site, and so it lives here,
outside the stories app. Every row it writes is still one the model could have produced
(a published story has consent, a public title, a public body and published_at; every
story has its SUBMITTED event). The words come from bench/corpus.py.

Bench stories carry BENCH_MARKER in moderator_notes; reset=True deletes exactly those.
It refuses to run unless the database's name contains "bench" (bench/run.py uses
infostory_benchdata) or benchmark_database=True is given. bench/load.py is its command
line; Django must be set up before this module is imported.
"""

import random
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from bench.corpus import (
    ACTIONS,
    BARRIER_TEXTS,
    CORPUS,
    DIFFERENCES,
    EVENTS,
    OPENINGS,
    ORGANISATIONS,
    PEOPLE,
    SERVICES,
    TAGS,
    TITLES,
    ZipfText,
    weighted,
    weights,
)
from changes.models import Change, ChangeEvent, ChangeEvidence, ChangeUpdate
from infostory.workflow import releasing_history
from stories.models import (
    Barrier,
    Campaign,
    LocalArea,
    PolicyTheme,
    Story,
    StoryEvent,
    new_reference,
)

BENCH_MARKER = "Benchmark story (load_bench_stories)."
BENCH_CHANGE_PREFIX = "bench-change-"  # the slugs of bench changes
# (status, weight) of bench changes, and how many bench stories each holds as evidence.
CHANGE_STATUSES = weights(
    Change.Status, proposed=10, asked=30, in_progress=25, made=25, not_made=10
)
CHANGE_EVIDENCE = (3, 40)

# (status, weight): mostly the stories people read, some of every other kind.
STATUSES = weights(
    Story.Status, published=70, accepted=15, submitted=5, in_review=4, rejected=4, withdrawn=2
)
OUTCOMES = weights(Story.Outcome, made_difference=55, could_have=35, not_sure=10)
ROLES = [value for value, _label in Story.Role.choices]


def first_event(subject, action, created_at, **data):
    """The first entry of a bench row's log, built by its workflow as log() builds one."""
    return subject.new_event(
        action,
        actor=None,
        from_status="",
        to_status=subject.first_status(),
        created_at=created_at,
        data={**data, "benchmark": True},
    )


class BenchLoadError(Exception):
    """The load cannot run: the message says why."""


class StoryWriter:
    """Makes one batch of unsaved stories and the rows that hang off them."""

    def __init__(self, *, rng, themes, areas, barriers, tags, campaign, now, years=2):
        self.rng = rng
        self.themes = themes
        self.areas = areas
        self.barriers = barriers
        self.tags = tags
        self.campaign = campaign
        self.now = now
        self.span_seconds = int(years * 365 * 24 * 3600)
        self.references = set(Story.objects.values_list("reference", flat=True))
        self.number = 0
        self.text = ZipfText(rng)

    def reference(self):
        while True:
            reference = new_reference()
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def story(self):
        rng = self.rng
        self.number += 1
        area = rng.choice(self.areas) if rng.random() < 0.95 else None
        place = area.name if area else "our area"
        service, other = rng.sample(SERVICES, 2)
        person = rng.choice(PEOPLE)
        words = {
            "service": service,
            "other": other,
            "person": person,
            "person_cap": person[0].upper() + person[1:],
            "place": place,
        }
        title = rng.choice(TITLES).format(**words)[:150]
        what_happened = " ".join(
            [
                rng.choice(OPENINGS).format(**words),
                f"{words['person_cap']} {rng.choice(EVENTS)}.",
                rng.choice(ACTIONS).format(**words).capitalize() + ".",
                rng.choice(BARRIER_TEXTS),
                self.text.paragraph(),
                f"Story number {self.number} of the #InfoStory benchmark ({CORPUS}).",
            ]
        ).strip()
        difference = " ".join(rng.sample(DIFFERENCES, 2))
        status = weighted(rng, STATUSES)
        outcome = weighted(rng, OUTCOMES)
        submitted_at = self.now - timedelta(seconds=rng.randrange(self.span_seconds))
        shown = status in (Story.Status.PUBLISHED, Story.Status.WITHDRAWN)
        consent_publish = shown or rng.random() < 0.6
        named = rng.random() < 0.3
        story = Story(
            reference=self.reference(),
            title=title,
            what_happened=what_happened,
            difference=difference,
            barriers_text=rng.choice(BARRIER_TEXTS),
            organisations=rng.choice(ORGANISATIONS),
            outcome=outcome,
            name=f"Bench Person {self.number}" if named else "",
            email=f"bench{self.number}@example.org" if rng.random() < 0.7 else "",
            organisation=rng.choice(ORGANISATIONS).split(";")[0],
            role=rng.choice(ROLES),
            consent_contact=rng.random() < 0.7,
            consent_publish=consent_publish,
            publish_anonymously=not named,
            submitted_at=submitted_at,
            campaign=self.campaign if rng.random() < 0.3 else None,
            status=status,
            local_area=area,
            moderator_notes=BENCH_MARKER,
            is_featured=shown and rng.random() < 0.01,
            case_study_candidate=rng.random() < 0.05,
        )
        if status != Story.Status.SUBMITTED:
            story.public_title = title
            story.public_summary = f"{words['person_cap']} in {place}: {difference}"
            story.public_body = f"{what_happened} {difference}"
        if shown:
            published_at = submitted_at + timedelta(days=rng.randint(1, 14))
            story.published_at = min(published_at, self.now)
        if status == Story.Status.REJECTED:
            story.rejection_reason = "Not about information sharing (benchmark)."
        return story

    def related(self, stories, story_type):
        """The through rows, tag rows and SUBMITTED events for stories that have ids."""
        rng = self.rng
        theme_rows, barrier_rows, tag_rows, events = [], [], [], []
        ThemeLink, BarrierLink = Story.themes.through, Story.barriers.through
        for story in stories:
            themes = rng.sample(self.themes, rng.choice((1, 1, 2, 2, 3)))
            barriers = rng.sample(self.barriers, rng.choice((0, 1, 1, 2, 3)))
            theme_rows += [ThemeLink(story_id=story.id, policytheme_id=t.id) for t in themes]
            barrier_rows += [BarrierLink(story_id=story.id, barrier_id=b.id) for b in barriers]
            tag_rows += [
                TaggedItem(content_type_id=story_type.id, object_id=story.id, tag_id=tag.id)
                for tag in rng.sample(self.tags, rng.choice((0, 1, 2, 3)))
            ]
            events.append(
                first_event(
                    story,
                    StoryEvent.Action.SUBMITTED,
                    story.submitted_at,
                    local_area=story.local_area.slug if story.local_area else None,
                    themes=[theme.slug for theme in themes],
                    barriers=[barrier.slug for barrier in barriers],
                    spam_reasons=[],
                )
            )
        return theme_rows, barrier_rows, tag_rows, events


def bench_stories():
    return Story.objects.filter(moderator_notes=BENCH_MARKER)


@transaction.atomic
def delete_bench_stories():
    """Delete the bench stories and everything hanging off them, in a few set queries.

    Plain SQL for the events and the stories: the ORM's delete() would read 100,000 stories
    and their events into memory first. StoryEvent is append-only for people; a benchmark
    database is not a record of anything.
    """
    ids = bench_stories().values("id")
    ChangeEvidence.objects.filter(story_id__in=ids).delete()
    story_type = ContentType.objects.get_for_model(Story)
    TaggedItem.objects.filter(content_type=story_type, object_id__in=ids).delete()
    Story.themes.through.objects.filter(story_id__in=ids).delete()
    Story.barriers.through.objects.filter(story_id__in=ids).delete()
    stories, events = Story._meta.db_table, StoryEvent._meta.db_table
    # The database refuses to delete logged events outside releasing_history.
    with releasing_history(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {events} WHERE story_id IN "  # noqa: S608 (the models' own tables)
            f"(SELECT id FROM {stories} WHERE moderator_notes = %s)",
            [BENCH_MARKER],
        )
        cursor.execute(f"DELETE FROM {stories} WHERE moderator_notes = %s", [BENCH_MARKER])  # noqa: S608
        return cursor.rowcount


def load_stories(
    count=100_000, *, batch_size=2000, seed=2026, reset=False, benchmark_database=False, log=print
):
    """Write `count` bench stories (after deleting the old ones with reset); return how many."""
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name.lower() and not benchmark_database:
        raise BenchLoadError(
            f"Refusing to write fake published stories into {name!r}: its name does not "
            'contain "bench". Use a benchmark database (bench/run.py uses '
            "infostory_benchdata), or pass --yes-this-is-a-benchmark-database."
        )
    if count < 0 or batch_size < 1:
        raise BenchLoadError("The count must be 0 or more and the batch size at least 1.")
    started = time.monotonic()
    if reset:
        deleted = delete_bench_stories()
        log(f"Deleted {deleted} bench stories in {time.monotonic() - started:.1f} s.")
    themes = list(PolicyTheme.objects.active())
    areas = list(LocalArea.objects.active())
    barriers = list(Barrier.objects.all())
    if not (themes and areas and barriers):
        raise BenchLoadError("Load the reference data first: manage.py migrate.")
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    writer = StoryWriter(
        rng=random.Random(seed),
        themes=themes,
        areas=areas,
        barriers=barriers,
        tags=tags,
        campaign=Campaign.objects.first(),
        now=timezone.now(),
    )
    story_type = ContentType.objects.get_for_model(Story)
    loaded = 0
    while loaded < count:
        size = min(batch_size, count - loaded)
        with transaction.atomic():
            stories = Story.objects.bulk_create([writer.story() for _ in range(size)])
            theme_rows, barrier_rows, tag_rows, events = writer.related(stories, story_type)
            Story.themes.through.objects.bulk_create(theme_rows)
            Story.barriers.through.objects.bulk_create(barrier_rows)
            TaggedItem.objects.bulk_create(tag_rows)
            StoryEvent.objects.bulk_create(events)
        loaded += size
        if loaded % (batch_size * 10) == 0 or loaded == count:
            rate = loaded / max(time.monotonic() - started, 1e-6)
            log(f"  {loaded}/{count} stories ({rate:.0f} a second)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    log(
        f"Loaded {loaded} bench stories in {time.monotonic() - started:.1f} s "
        f"({bench_stories().count()} bench stories in the database)."
    )
    return loaded


def bench_changes():
    return Change.objects.filter(slug__startswith=BENCH_CHANGE_PREFIX)


@transaction.atomic
def delete_bench_changes():
    """Delete the bench changes with their evidence, updates and log (a benchmark
    database is not a record of anything: its log is released, as erasure's is)."""
    ids = bench_changes().values("id")
    ChangeEvidence.objects.filter(change_id__in=ids).delete()
    ChangeUpdate.objects.filter(change_id__in=ids).delete()
    for through in (Change.barriers.through, Change.themes.through, Change.local_areas.through):
        through.objects.filter(change_id__in=ids).delete()
    with releasing_history():
        ChangeEvent.objects.filter(change_id__in=ids).delete()
        return bench_changes().delete()[0]


def load_changes(count=1000, *, seed=2026, reset=False, benchmark_database=False, log=print):
    """Write `count` bench changes, each holding bench stories (accepted or published) as
    evidence, with a few dated updates and its log; return how many."""
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name.lower() and not benchmark_database:
        raise BenchLoadError(f"Refusing to write bench changes into {name!r}.")
    started = time.monotonic()
    if reset:
        delete_bench_changes()
    rng = random.Random(seed)
    now = timezone.now()
    evidence_ids = list(
        bench_stories().filter(status__in=Story.EVIDENCE_STATUSES).values_list("pk", flat=True)
    )
    themes = list(PolicyTheme.objects.active().values_list("pk", flat=True))
    areas = list(LocalArea.objects.active().values_list("pk", flat=True))
    barriers = list(Barrier.objects.values_list("pk", flat=True))
    if not (evidence_ids and barriers):
        raise BenchLoadError("Load the bench stories first (accepted or published ones).")
    owners = ["Department for Education", "Home Office", "NHS England", "a county council"]
    text = ZipfText(rng)
    changes, planned = [], []
    for number in range(1, count + 1):
        status = weighted(rng, CHANGE_STATUSES)
        level = rng.choice(Change.Level.values)
        created = now - timedelta(days=rng.randint(30, 700))
        asked = created + timedelta(days=rng.randint(1, 20))
        made = asked + timedelta(days=rng.randint(20, 300))
        planned.append(status)
        changes.append(
            Change(
                title=f"Bench change {number}: {rng.choice(TITLES).format(**_WORDS)}"[:200],
                slug=f"{BENCH_CHANGE_PREFIX}{number}",
                summary=text.paragraph()[:600],
                level=level,
                owner=rng.choice(owners),
                status=Change.Status.PROPOSED,  # moved below, as the rows are written
                what_changed="The guidance was published (benchmark)."
                if status == Change.Status.MADE
                else "",
                asked_at=None if status == Change.Status.PROPOSED else asked,
                made_at=min(made, now) if status == Change.Status.MADE else None,
                last_progress_on=min(made, now).date(),
                created_at=created,
            )
        )
    with transaction.atomic():
        created_rows = Change.objects.bulk_create(changes)
        statuses = {}
        evidence, links, updates, events = [], {"b": [], "t": [], "a": []}, [], []
        for change, status in zip(created_rows, planned, strict=True):
            statuses.setdefault(status, []).append(change.pk)
            low, high = CHANGE_EVIDENCE
            for story_id in rng.sample(
                evidence_ids, min(rng.randint(low, high), len(evidence_ids))
            ):
                evidence.append(ChangeEvidence(change_id=change.pk, story_id=story_id))
            links["b"] += [
                Change.barriers.through(change_id=change.pk, barrier_id=pk)
                for pk in rng.sample(barriers, rng.choice((1, 1, 2, 3)))
            ]
            links["t"] += [
                Change.themes.through(change_id=change.pk, policytheme_id=pk)
                for pk in rng.sample(themes, rng.choice((0, 1, 2)))
            ]
            if change.level == Change.Level.LOCAL:
                links["a"] += [
                    Change.local_areas.through(change_id=change.pk, localarea_id=pk)
                    for pk in rng.sample(areas, rng.choice((1, 1, 2)))
                ]
            updates += [
                ChangeUpdate(
                    change_id=change.pk,
                    date=(change.created_at + timedelta(days=rng.randint(1, 300))).date(),
                    text=f"Benchmark update {n}: {text.paragraph()[:200]}",
                )
                for n in range(rng.choice((0, 1, 2, 3, 5)))
            ]
            events.append(first_event(change, ChangeEvent.Action.CREATED, change.created_at))
            if status != Change.Status.PROPOSED:
                events.append(
                    change.new_event(
                        ChangeEvent.Action.TRANSITION,
                        actor=None,
                        from_status=Change.first_status(),
                        to_status=status,
                        created_at=change.asked_at or change.created_at,
                        data={"benchmark": True},
                    )
                )
        ChangeEvidence.objects.bulk_create(evidence)
        Change.barriers.through.objects.bulk_create(links["b"])
        Change.themes.through.objects.bulk_create(links["t"])
        Change.local_areas.through.objects.bulk_create(links["a"])
        ChangeUpdate.objects.bulk_create(updates)
        ChangeEvent.objects.bulk_create(events)
        # The status set as a set update, as the load bypasses the workflow on purpose.
        for status, pks in statuses.items():
            Change.objects.filter(pk__in=pks).update(status=status)
    log(f"Loaded {count} bench changes in {time.monotonic() - started:.1f} s.")
    return count


_WORDS = {
    "service": "the council",
    "other": "the hospital",
    "person": "a carer",
    "person_cap": "A carer",
    "place": "our area",
}
