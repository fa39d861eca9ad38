"""What the benchmark asks for: each kind of traffic, its fixed address and its varied paths.

One home for the traffic, used by bench/run.py (wrk through gunicorn) and bench/profile_pages.py
(cProfile in-process), so both measure the same requests. A *fixed* address is asked again
and again (what the whole-page cache is best at); *varied* traffic draws every request at
random from a list of paths made here, as readers and staff spread over the site.
"""

import math
import random
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

# Targets at 100,000 stories on two cores, 8 connections, against /healthz in the same run.
# (minimum × healthz, maximum p99 in ms or None)
STORY = (0.2, None)
SEARCH = (0.1, 150)
LIST = (0.1, 100)
FILTERS = (0.2, None)
STAFF = (0.1, None)
ADMIN = (0.05, 250)

VARIED_PATHS = 4000  # paths a varied list holds (wrk draws from them at random)


@dataclass
class Traffic:
    name: str
    fixed: str | None  # one address, asked again and again
    varied: list[str] = field(default_factory=list)  # paths wrk draws from, per request
    means: str = ""  # what the varied traffic is, for docs/benchmarks.md
    staff: bool = False  # signed in with a real session (never cached)
    target: tuple | None = None  # (minimum × healthz, p99 ms or None)
    optional: bool = False  # a route that may not be in this build yet (reported, not an error)
    # Filled by run.py
    status: int | None = None
    varied_status: int | None = None
    queries: int | None = None
    cold_queries: int | None = None
    results: dict = field(default_factory=dict)  # (pass name, "fixed"|"varied") -> wrk result

    @property
    def slug(self):
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


def _signed_in(name, fixed, varied, means, *, target=STAFF, **options):
    """Traffic from a signed-in member of staff: a real session, so never cached."""
    return Traffic(name, fixed, varied, f"Signed in: {means}", staff=True, target=target, **options)


def _sample(rng, values, k=VARIED_PATHS):
    values = list(values)
    if len(values) <= k:
        rng.shuffle(values)
        return values
    return rng.sample(values, k)


def searches(rng, words, bands, k=VARIED_PATHS, two_words=0.2):
    """Queries drawn from rank bands of the corpus's vocabulary; some of two words."""
    queries = []
    for _ in range(k):
        band = rng.choice(bands)
        query = words[rng.choice(band) - 1]
        if rng.random() < two_words:
            query += " " + words[rng.choice(rng.choice(bands)) - 1]
        queries.append(query)
    return queries


def public_filter_mixes(rng, themes, areas, barriers, outcomes, first, last, k=VARIED_PATHS):
    """Combinations a reader makes with the list's filters: policy areas, a place, an outcome,
    barriers, a date range, sometimes a later page of the result."""
    span = max((last - first).days, 1)
    paths = []
    for _ in range(k):
        params = []
        chosen = 0
        if rng.random() < 0.6:
            params += [("theme", t) for t in rng.sample(themes, rng.choice((1, 1, 2)))]
            chosen += 1
        if rng.random() < 0.5:
            params.append(("area", rng.choice(areas)))
            chosen += 1
        if rng.random() < 0.35:
            params.append(("outcome", rng.choice(outcomes)))
            chosen += 1
        if rng.random() < 0.35:
            params += [("barrier", b) for b in rng.sample(barriers, rng.choice((1, 1, 2)))]
            chosen += 1
        if rng.random() < 0.3 or not chosen:
            start = first + _days(rng.randrange(span))
            end = start + _days(rng.choice((7, 30, 90, 365)))
            params += [("submitted_from", start.isoformat()), ("submitted_to", end.isoformat())]
        if rng.random() < 0.2:
            params.append(("page", rng.randint(2, 5)))
        paths.append("/stories/?" + urlencode(params))
    return paths


def _days(n):
    import datetime

    return datetime.timedelta(days=n)


def build(seed=2026):
    """Every kind of traffic, with its paths, from the bench database (Django set up)."""
    from django.db.models import Count, Max, Min, Q

    from bench.corpus import (
        COMMON_RANKS,
        MIDDLE_RANKS,
        RARE_RANKS,
        vocabulary,
    )
    from stories.models import Barrier, LocalArea, PolicyTheme, Story
    from stories.views.browse import PAGE_SIZE

    rng = random.Random(seed)
    words = vocabulary()
    published = Story.objects.published()
    evidence = Story.objects.evidence()
    shown = Q(stories__status=Story.Status.PUBLISHED)
    themes = list(
        PolicyTheme.objects.active().annotate(n=Count("stories", filter=shown)).order_by("-n")
    )
    areas = list(
        LocalArea.objects.active().annotate(n=Count("stories", filter=shown)).order_by("-n")
    )
    barriers = list(Barrier.objects.values_list("slug", flat=True))
    outcomes = [value for value, _label in Story.Outcome.choices]
    dates = published.aggregate(first=Min("published_at"), last=Max("published_at"))
    first = (dates["first"] or _now()).date()
    last = (dates["last"] or _now()).date()
    public_pages = max(1, math.ceil(published.count() / PAGE_SIZE))
    staff_pages = max(1, math.ceil(evidence.count() / PAGE_SIZE))
    admin_pages = max(1, math.ceil(Story.objects.count() / 50))
    newest = published.order_by("-published_at", "-id").values_list("reference", flat=True).first()
    references = list(published.values_list("reference", flat=True))
    story_ids = list(Story.objects.values_list("pk", flat=True))
    # The two mixes of searches: (the word the fixed address asks, the varied queries).
    common = ("consent", searches(rng, words, [COMMON_RANKS]))
    mixed = ("discharge", searches(rng, words, [COMMON_RANKS, MIDDLE_RANKS, RARE_RANKS]))
    theme, area = (themes[0].slug if themes else "none"), (areas[0].slug if areas else "none")
    theme_slugs, area_slugs = [t.slug for t in themes], [a.slug for a in areas]
    filter_mixes = public_filter_mixes(
        rng, theme_slugs, area_slugs, barriers, outcomes, first, last
    )
    insight_mixes = []
    for _ in range(VARIED_PATHS):
        params = []
        if rng.random() < 0.5:
            params.append(("theme", rng.choice(theme_slugs)))
        if rng.random() < 0.5:
            params.append(("area", rng.choice(area_slugs)))
        if rng.random() < 0.4 or not params:
            start = first + _days(rng.randrange(max((last - first).days, 1)))
            params += [("submitted_from", start.isoformat())]
        insight_mixes.append("/insights/?" + urlencode(params))
    admin_mixes = []
    for _ in range(VARIED_PATHS):
        roll = rng.random()
        if roll < 0.5:
            admin_mixes.append(f"/admin/stories/story/?p={rng.randrange(admin_pages)}")
        elif roll < 0.75:
            status = rng.choice([value for value, _label in Story.Status.choices])
            admin_mixes.append(f"/admin/stories/story/?status__exact={status}")
        else:
            key, value = rng.choice(
                [("themes__id__exact", t.pk) for t in themes]
                + [("local_area__id__exact", a.pk) for a in areas[:40]]
            )
            admin_mixes.append(f"/admin/stories/story/?{key}={value}")
    case_mixes = ["/case-studies/"] + [
        "/case-studies/?"
        + urlencode(
            [("theme", rng.choice(theme_slugs))] * (rng.random() < 0.5)
            + [("area", rng.choice(area_slugs))] * (rng.random() < 0.5)
            + [("lens", rng.choice(["leadership", "capacity", "culture"]))] * (rng.random() < 0.4)
        )
        for _ in range(200)
    ]

    from changes.models import Change

    public_changes = Change.objects.public()
    change_slugs = list(public_changes.values_list("slug", flat=True))
    newest_change = (
        public_changes.order_by("-last_progress_on", "-id").values_list("slug", flat=True).first()
    )
    statuses = [value for value in Change.Status.values if value != Change.Status.PROPOSED]
    change_mixes = ["/changes/"] + [
        "/changes/?"
        + urlencode(
            [("level", rng.choice(Change.Level.values))] * (rng.random() < 0.4)
            + [("status", rng.choice(statuses))] * (rng.random() < 0.5)
            + [("theme", rng.choice(theme_slugs))] * (rng.random() < 0.3)
            + [("area", rng.choice(area_slugs))] * (rng.random() < 0.2)
            + [("barrier", rng.choice(barriers))] * (rng.random() < 0.3)
            + [("page", rng.randint(2, 5))] * (rng.random() < 0.2)
        )
        for _ in range(VARIED_PATHS)
    ]

    def q(path, query):
        return f"{path}?{urlencode({'q': query})}"

    def search(path, mix):
        """A mix of searches through path's search box: its fixed and varied addresses."""
        word, queries = mix
        return {"fixed": q(path, word), "varied": [q(path, s) for s in queries]}

    def any_page(path, pages):
        """Pages of a list drawn at random, 1 to pages."""
        return [f"{path}?page={rng.randint(1, pages)}" for _ in range(VARIED_PATHS)]

    n_refs, n_ids = f"{len(references):,}", f"{len(story_ids):,}"
    return [
        Traffic("healthz", "/healthz", means="The floor: one `SELECT 1`, no template."),
        Traffic("home", "/", means="Fixed only: the home page."),
        Traffic(
            "story page",
            f"/stories/{newest}/",
            [f"/stories/{r}/" for r in _sample(rng, references, len(references))],
            f"Any of the {n_refs} published stories, at random.",
            target=STORY,
        ),
        Traffic(
            "search",
            **search("/stories/", mixed),
            means="A search drawn from the corpus's vocabulary: a third common words (ranks "
            "1–20, in most stories), a third middle (ranks 100–600), a third rare (1,500–4,000); "
            "one in five of two words.",
            target=SEARCH,
        ),
        Traffic(
            "search, common words",
            **search("/stories/", common),
            means="Only the commonest words (ranks 1–20), each in most stories: the most to rank.",
            target=SEARCH,
        ),
        Traffic(
            "list page",
            "/stories/?page=500",
            any_page("/stories/", public_pages),
            f"Any page of the whole list, 1 to {public_pages:,} (fixed: page 500).",
            target=LIST,
        ),
        Traffic("list, first page", "/stories/", means="Fixed only.", target=LIST),
        Traffic(
            "theme",
            f"/themes/{theme}/",
            [
                f"/themes/{rng.choice(theme_slugs)}/?page={rng.randint(1, 50)}"
                for _ in range(VARIED_PATHS)
            ],
            "Any policy area's page, pages 1–50.",
            target=LIST,
        ),
        Traffic(
            "area",
            f"/areas/{area}/",
            [f"/areas/{rng.choice(area_slugs)}/" for _ in range(VARIED_PATHS)],
            "Any local area's page.",
            target=LIST,
        ),
        Traffic(
            "filter mix",
            f"/stories/?theme={theme}&outcome={outcomes[0]}",
            filter_mixes,
            "The list with a reader's combination of filters: one or two policy areas, a place, "
            "an outcome, barriers, a date range, sometimes pages 2–5.",
            target=FILTERS,
        ),
        Traffic(
            "case studies",
            "/case-studies/",
            case_mixes,
            "The case studies' list with a theme, area or lens.",
            target=LIST,
            optional=True,
        ),
        Traffic(
            "changes",
            "/changes/",
            change_mixes,
            f"The change tracker's list ({len(change_slugs):,} public changes) with a level, "
            "status, policy area, place and/or barrier, sometimes pages 2–5.",
            target=LIST,
        ),
        Traffic(
            "change page",
            f"/changes/{newest_change}/" if newest_change else None,
            [f"/changes/{slug}/" for slug in _sample(rng, change_slugs)],
            f"Any of the {len(change_slugs):,} public changes, at random: its timeline and "
            "the published stories behind it.",
            target=STORY,
        ),
        _signed_in(
            "staff list",
            "/stories/",
            any_page("/stories/", staff_pages),
            f"any page of the staff list, 1 to {staff_pages:,}.",
        ),
        _signed_in(
            "staff search",
            **search("/stories/", mixed),
            means="the same mix of searches as readers' (originals searched too).",
        ),
        _signed_in(
            "staff search, common words",
            **search("/stories/", common),
            means="the commonest words only.",
        ),
        _signed_in(
            "insights",
            "/insights/",
            insight_mixes,
            "the dashboard with a policy area, a place and/or a start date.",
        ),
        _signed_in(
            "admin list",
            "/admin/stories/story/",
            admin_mixes,
            f"half any page of the admin list (0 to {admin_pages - 1:,}), a quarter "
            "one status, a quarter one policy area or place.",
            target=ADMIN,
        ),
        _signed_in(
            "admin search",
            **search("/admin/stories/story/", mixed),
            means="the admin list's search box with the vocabulary's mix.",
            target=ADMIN,
        ),
        _signed_in(
            "admin story page",
            f"/admin/stories/story/{story_ids[0]}/change/" if story_ids else None,
            [f"/admin/stories/story/{pk}/change/" for pk in _sample(rng, story_ids)],
            f"the moderation page of any of the {n_ids} stories.",
            target=ADMIN,
        ),
        _signed_in(
            "case studies (staff)",
            "/case-studies/",
            case_mixes,
            "the case studies' list with a theme, area or lens.",
            optional=True,
        ),
    ]


def _now():
    from django.utils import timezone

    return timezone.now()
