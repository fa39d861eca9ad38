"""Bulk-load many realistic stories for the benchmark (`make bench`), fast.

Stories are written with bulk_create in batches, so Story.save, the reference retry
loop and the state machine are bypassed on purpose: this is a load generator for a
benchmark database, never a way to put stories on a live site. Every row it writes is
still one the model could have produced (a published story has consent, a public title,
a public body and published_at; every story has its SUBMITTED event).

The words follow a natural, Zipf-like frequency (VOCABULARY): the word of rank r is drawn
with a probability proportional to 1/r, the campaign's words first, so the commonest words
are in most stories and most words in a few hundred. bench/run.py draws its searches from the
same vocabulary (common, middle and rare words), so it needs no file to agree with the data.

Bench stories carry BENCH_MARKER in moderator_notes; --reset deletes exactly those.
It refuses to run unless the database's name contains "bench" (bench/run.py uses
infostory_benchdata) or --yes-this-is-a-benchmark-database is given.
"""

import random
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

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

# (status, weight): mostly the stories people read, some of every other kind.
STATUSES = [
    (Story.Status.PUBLISHED, 70),
    (Story.Status.ACCEPTED, 15),
    (Story.Status.SUBMITTED, 5),
    (Story.Status.IN_REVIEW, 4),
    (Story.Status.REJECTED, 4),
    (Story.Status.WITHDRAWN, 2),
]
OUTCOMES = [
    (Story.Outcome.MADE_DIFFERENCE, 55),
    (Story.Outcome.COULD_HAVE, 35),
    (Story.Outcome.NOT_SURE, 10),
]
ROLES = [value for value, _label in Story.Role.choices]

# The campaign's vocabulary, for text that reads (and searches) like real submissions.
PEOPLE = [
    "an older man",
    "a young carer",
    "a mother of three",
    "a care leaver",
    "a family with two teenagers",
    "a veteran",
    "a woman fleeing domestic abuse",
    "a man with early dementia",
    "a teenager excluded from school",
    "a couple facing eviction",
    "a disabled tenant",
    "a new mum with postnatal depression",
]
SERVICES = [
    "the hospital discharge team",
    "the GP practice",
    "adult social care",
    "children's services",
    "the housing team",
    "the police",
    "the school",
    "the health visitor",
    "Jobcentre Plus",
    "the community mental health team",
    "the troubled families key worker",
    "the fire and rescue service",
    "the probation service",
    "the ambulance service",
    "the council's benefits team",
    "a voluntary sector advice service",
]
EVENTS = [
    "was ready for discharge but nobody could see the existing care package",
    "had told the same story to six different professionals in a month",
    "missed three appointments because letters went to an old address",
    "was assessed twice in a week by two teams who never spoke to each other",
    "fell through the gap between children's and adult services",
    "was at risk of eviction while a benefits claim sat unprocessed",
    "had a safeguarding concern that only one agency knew about",
    "was discharged from hospital without a care plan reaching home",
    "lost their tenancy support when they moved across a council boundary",
    "needed a key safe code that was held on another system",
]
ACTIONS = [
    "a shared care record let {service} see what {other} already knew",
    "{service} and {other} agreed a simple information sharing agreement",
    "a daily multi-agency huddle brought {service} and {other} together",
    "{service} phoned {other} with consent instead of waiting for a referral form",
    "a named lead in {service} coordinated with {other}",
    "{other} gave {service} read-only access to the case notes",
]
DIFFERENCES = [
    "They went home days sooner, to carers who already knew them.",
    "It saved weeks of assessment and a great deal of worry for the family.",
    "The family only had to tell their story once.",
    "A hospital bed was freed during a very difficult winter week.",
    "The eviction was stopped and the rent arrears were cleared.",
    "The risk was spotted early and a crisis was avoided.",
    "Better outcomes for the service user, and less duplicated work for everyone.",
    "It could have prevented an emergency admission if we had known sooner.",
    "It could have made a real difference if the information had reached us in time.",
    "Nobody had the full picture until it was too late.",
]
BARRIER_TEXTS = [
    "Uncertainty about the law made colleagues reluctant to share anything at all.",
    "The two systems do not talk to each other, so it relies on a manual export.",
    "Consent was recorded by one agency but not recognised by the other.",
    "Risk aversion: people worried more about sharing than about not sharing.",
    "There was no capacity to set up a proper agreement, so it depends on goodwill.",
    "Leadership buy-in came late; the culture only changed when directors got involved.",
    "Data quality was poor: addresses and NHS numbers did not match.",
    "Trust between agencies had to be built first, one conversation at a time.",
    "",
]
OPENINGS = [
    "I work in {service} in {place}.",
    "I am a practitioner in {place}.",
    "As a family carer in {place} I saw this first hand.",
    "Our team in {place} has been trying to improve information sharing for a year.",
    "This happened during Better Local Services Month in {place}.",
]
TITLES = [
    "Sharing information between {service} and {other} helped {person}",
    "How a conversation between {service} and {other} made a difference",
    "{person_cap} had to tell their story again and again",
    "Information sharing could have made a difference for {person}",
    "Discharge planning with {other} got {person} home sooner",
    "Leadership, capacity and culture: what changed in {place}",
]
TAGS = [
    "hospital discharge",
    "home care",
    "safeguarding",
    "consent",
    "shared care record",
    "multi-agency",
    "early help",
    "tenancy",
    "universal credit",
    "domestic abuse",
    "dementia",
    "mental health crisis",
    "school exclusion",
    "care leavers",
    "data protection",
    "information governance",
    "pioneers",
    "winter pressures",
    "key worker",
    "troubled families",
]
ORGANISATIONS = [
    "County council; acute hospital trust",
    "London borough; clinical commissioning group",
    "Unitary authority; police; housing association",
    "District council; Jobcentre Plus",
    "Children's services; school; health visiting",
    "",
]


# The top of the vocabulary, commonest first: the words people use when they tell these stories.
CAMPAIGN_WORDS = [
    "consent",
    "discharge",
    "safeguarding",
    "carer",
    "school",
    "police",
    "hospital",
    "housing",
    "family",
    "referral",
    "council",
    "assessment",
    "record",
    "information",
    "sharing",
    "support",
    "mother",
    "worker",
    "nurse",
    "appointment",
    "social",
    "care",
    "health",
    "mental",
    "benefits",
    "tenancy",
    "eviction",
    "letter",
    "team",
    "agency",
    "professional",
    "doctor",
    "home",
    "visit",
    "crisis",
    "plan",
    "review",
    "meeting",
    "partnership",
    "risk",
    "data",
    "system",
    "access",
    "children",
    "adult",
    "elderly",
    "dementia",
    "abuse",
    "domestic",
    "violence",
    "victim",
    "offender",
    "probation",
    "ambulance",
    "emergency",
    "admission",
    "ward",
    "bed",
    "winter",
    "pressure",
    "commissioning",
    "budget",
    "funding",
    "manager",
    "director",
    "leadership",
    "culture",
    "capacity",
    "trust",
    "governance",
    "agreement",
    "protocol",
    "privacy",
    "confidential",
    "disclosure",
    "lawful",
    "duty",
    "legislation",
    "guidance",
    "policy",
    "procedure",
    "transformation",
    "integration",
    "pioneer",
    "locality",
    "neighbourhood",
    "community",
    "voluntary",
    "charity",
    "advocate",
    "volunteer",
    "helpline",
    "advice",
    "debt",
    "arrears",
    "rent",
    "landlord",
    "homeless",
    "shelter",
    "hostel",
    "refuge",
    "pregnancy",
    "midwife",
    "visitor",
    "infant",
    "toddler",
    "teenager",
    "pupil",
    "teacher",
    "exclusion",
    "attendance",
    "truancy",
    "apprenticeship",
    "employment",
    "jobcentre",
    "claimant",
    "sanction",
    "universal",
    "credit",
    "allowance",
    "disability",
    "wheelchair",
    "adaptation",
    "equipment",
    "medication",
    "prescription",
    "pharmacy",
    "therapist",
    "counsellor",
    "psychiatrist",
    "diagnosis",
    "autism",
    "learning",
    "veteran",
    "prison",
    "release",
    "resettlement",
    "substance",
    "alcohol",
    "addiction",
    "recovery",
    "relapse",
    "overdose",
    "paramedic",
    "firefighter",
    "smoke",
    "alarm",
    "fall",
    "fracture",
    "frailty",
    "loneliness",
    "isolation",
    "bereavement",
    "hospice",
    "palliative",
    "dignity",
    "respect",
    "outcome",
    "difference",
    "delay",
    "duplication",
    "gap",
    "handover",
]
VOCABULARY_SIZE = 4000
# Rank bands run.py draws searches from: in most stories, in hundreds to thousands, in a few.
COMMON_RANKS = range(1, 21)
MIDDLE_RANKS = range(100, 601)
RARE_RANKS = range(1500, VOCABULARY_SIZE + 1)
CORPUS = "corpus zipf-1"  # in every story's text: run.py reloads a database made otherwise


def vocabulary(size=VOCABULARY_SIZE):
    """The words by rank (index 0 is rank 1): the campaign's, then made-up words.

    The made-up words are built from syllables with a fixed seed, so every run and every
    machine has the same vocabulary; each ends in a consonant the English stemmer keeps,
    so each stays one search term.
    """
    rng = random.Random("infostory-bench-vocabulary")
    words = list(dict.fromkeys(CAMPAIGN_WORDS))
    seen = set(words)
    onsets = [
        "b",
        "c",
        "d",
        "f",
        "g",
        "h",
        "j",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "w",
        "br",
        "cl",
        "dr",
        "fl",
        "gr",
        "pl",
        "st",
        "tr",
    ]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
    codas = ["k", "t", "m", "p", "x", "v", "z", "b"]
    while len(words) < size:
        syllables = "".join(
            rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 3))
        )
        word = syllables + rng.choice(codas)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def search_words(rng, band, *, words=None):
    """One word of the vocabulary from a rank band (COMMON_RANKS, MIDDLE_RANKS, RARE_RANKS)."""
    words = words or vocabulary()
    return words[rng.choice(band) - 1]


class ZipfText:
    """Sentences of vocabulary words drawn with probability proportional to 1/rank."""

    def __init__(self, rng):
        self.rng = rng
        self.words = vocabulary()
        total = 0.0
        self.cumulative = []
        for rank in range(1, len(self.words) + 1):
            total += 1 / rank
            self.cumulative.append(total)

    def paragraph(self, low=40, high=120):
        rng = self.rng
        drawn = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(low, high))
        sentences, start = [], 0
        while start < len(drawn):
            end = start + rng.randint(6, 14)
            sentence = " ".join(drawn[start:end])
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            start = end
        return " ".join(sentences)


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


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
                StoryEvent(
                    story_id=story.id,
                    action=StoryEvent.Action.SUBMITTED,
                    to_status=Story.Status.SUBMITTED,
                    created_at=story.submitted_at,
                    data={
                        "local_area": story.local_area.slug if story.local_area else None,
                        "themes": [theme.slug for theme in themes],
                        "barriers": [barrier.slug for barrier in barriers],
                        "spam_reasons": [],
                        "benchmark": True,
                    },
                )
            )
        return theme_rows, barrier_rows, tag_rows, events


def bench_stories():
    return Story.objects.filter(moderator_notes=BENCH_MARKER)


@transaction.atomic
def delete_bench_stories():
    """Delete the bench stories and everything hanging off them, in a few set queries."""
    stories = bench_stories()
    ids = stories.values("id")
    story_type = ContentType.objects.get_for_model(Story)
    TaggedItem.objects.filter(content_type=story_type, object_id__in=ids).delete()
    Story.themes.through.objects.filter(story_id__in=ids).delete()
    Story.barriers.through.objects.filter(story_id__in=ids).delete()
    # StoryEvent is append-only for people; a benchmark database is not a record of anything.
    StoryEvent.objects.filter(story_id__in=ids)._raw_delete(connection.alias)
    return stories._raw_delete(connection.alias)


class Command(BaseCommand):
    help = (
        "Bulk-load N realistic stories for the benchmark (bypasses Story.save: "
        "benchmark databases only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=100_000)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (repeatable).")
        parser.add_argument("--reset", action="store_true", help="Delete the bench stories first.")
        parser.add_argument(
            "--yes-this-is-a-benchmark-database",
            action="store_true",
            dest="benchmark_database",
            help='Run although the database name does not contain "bench".',
        )

    def handle(self, *args, count, batch_size, seed, reset, benchmark_database, **options):
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name.lower() and not benchmark_database:
            raise CommandError(
                f"Refusing to write fake published stories into {name!r}: its name does not "
                'contain "bench". Use a benchmark database (bench/run.py uses '
                "infostory_benchdata), or pass --yes-this-is-a-benchmark-database."
            )
        if count < 0 or batch_size < 1:
            raise CommandError("The count must be 0 or more and the batch size at least 1.")
        started = time.monotonic()
        if reset:
            deleted = delete_bench_stories()
            self.stdout.write(
                f"Deleted {deleted} bench stories in {time.monotonic() - started:.1f} s."
            )
        themes = list(PolicyTheme.objects.active())
        areas = list(LocalArea.objects.active())
        barriers = list(Barrier.objects.all())
        if not (themes and areas and barriers):
            raise CommandError("Load the reference data first: manage.py migrate.")
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
                self.stdout.write(f"  {loaded}/{count} stories ({rate:.0f} a second)")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {loaded} bench stories in {time.monotonic() - started:.1f} s "
                f"({bench_stories().count()} bench stories in the database)."
            )
        )
