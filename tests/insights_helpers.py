"""A seeded set of stories of known make-up for the insights tests.

Every expected number in those tests is computed here by plain Python loops over the
stories as they were created, never by asking the database the question again.
"""

import datetime
import itertools
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from stories.models import Barrier, Campaign, LocalArea, PolicyTheme, Story
from tests.factories import (
    AcceptedStoryFactory,
    CampaignFactory,
    InReviewStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    SpamStoryFactory,
    SubmittedStoryFactory,
    WithdrawnStoryFactory,
)

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC

EVIDENCE = {Story.Status.ACCEPTED, Story.Status.PUBLISHED}


@dataclass
class Made:
    """One created story and what it was made with."""

    story: Story
    status: str
    spam: bool
    themes: list
    barriers: list
    area: LocalArea | None
    outcome: str
    submitted_at: datetime.datetime
    campaign: Campaign | None
    candidate: bool

    @property
    def evidence(self):
        return self.status in EVIDENCE and not self.spam

    @property
    def london_day(self):
        return self.submitted_at.astimezone(LONDON).date()

    @property
    def month(self):
        return self.london_day.replace(day=1)


def reference():
    themes = {slug: PolicyTheme.objects.get(slug=slug) for slug in (
        "health-and-social-care", "troubled-families", "welfare-reform", "mental-health"
    )}  # fmt: skip
    barriers = {slug: Barrier.objects.get(slug=slug) for slug in (
        "consent", "risk-aversion", "incompatible-systems", "leadership-buy-in",
        "uncertainty-about-the-law",
    )}  # fmt: skip
    areas = {slug: LocalArea.objects.get(slug=slug) for slug in (
        "devon", "torbay", "devon-and-torbay", "islington", "surrey", "poole"
    )}  # fmt: skip
    return themes, barriers, areas


# Moments chosen to test months in UK time: 30 June 23:30 UTC is 1 July in London (BST);
# 31 October 23:30 UTC is still 31 October in London (GMT after the clocks go back).
MOMENTS = [
    datetime.datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
    datetime.datetime(2026, 7, 14, 9, 0, tzinfo=UTC),
    datetime.datetime(2026, 9, 2, 12, 0, tzinfo=UTC),
    datetime.datetime(2026, 10, 31, 23, 30, tzinfo=UTC),
    datetime.datetime(2026, 11, 3, 10, 0, tzinfo=UTC),
    datetime.datetime(2026, 11, 20, 16, 0, tzinfo=UTC),
]

FACTORIES = [
    (PublishedStoryFactory, Story.Status.PUBLISHED),
    (AcceptedStoryFactory, Story.Status.ACCEPTED),
    (PublishedStoryFactory, Story.Status.PUBLISHED),
    (SubmittedStoryFactory, Story.Status.SUBMITTED),
    (AcceptedStoryFactory, Story.Status.ACCEPTED),
    (InReviewStoryFactory, Story.Status.IN_REVIEW),
    (PublishedStoryFactory, Story.Status.PUBLISHED),
    (RejectedStoryFactory, Story.Status.REJECTED),
    (WithdrawnStoryFactory, Story.Status.WITHDRAWN),
    (SpamStoryFactory, Story.Status.SUBMITTED),
]


def seed(count=40):
    """count stories cycling through statuses, themes, barriers, areas, outcomes, months."""
    themes, barriers, areas = reference()
    campaign = CampaignFactory(
        name="Better Local Services Month",
        slug="blsm",
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 11, 30),
    )
    theme_sets = [
        ["health-and-social-care"],
        ["health-and-social-care", "welfare-reform"],
        ["troubled-families"],
        [],
        ["welfare-reform", "mental-health"],
        ["health-and-social-care", "troubled-families", "mental-health"],
        ["mental-health"],
    ]
    barrier_sets = [
        ["consent"],
        ["consent", "uncertainty-about-the-law"],
        ["incompatible-systems"],
        [],
        ["leadership-buy-in", "risk-aversion"],
        ["risk-aversion"],
        ["consent", "incompatible-systems", "leadership-buy-in"],
        ["uncertainty-about-the-law"],
        ["risk-aversion", "incompatible-systems"],
    ]
    area_cycle = ["devon", "torbay", "islington", "surrey", None, "devon", "poole", "islington"]
    outcomes = list(Story.Outcome)
    made = []
    for index, (factory, status), theme_slugs, barrier_slugs, area_slug, outcome, moment in zip(
        range(count),
        itertools.cycle(FACTORIES),
        itertools.cycle(theme_sets),
        itertools.cycle(barrier_sets),
        itertools.cycle(area_cycle),
        itertools.cycle(outcomes),
        itertools.cycle(MOMENTS),
        strict=False,
    ):
        story_themes = [themes[slug] for slug in theme_slugs]
        story_barriers = [barriers[slug] for slug in barrier_slugs]
        area = areas[area_slug] if area_slug else None
        story_campaign = campaign if moment.month == 11 else None
        candidate = index % 3 == 0
        story = factory(
            themes=story_themes,
            barriers=story_barriers,
            local_area=area,
            outcome=outcome,
            submitted_at=moment,
            campaign=story_campaign,
            case_study_candidate=candidate,
        )
        made.append(
            Made(
                story=story,
                status=status,
                spam=factory is SpamStoryFactory,
                themes=story_themes,
                barriers=story_barriers,
                area=area,
                outcome=outcome,
                submitted_at=moment,
                campaign=story_campaign,
                candidate=candidate,
            )
        )
    # One story filed under the partnership itself, not one of its councils.
    partnership = PublishedStoryFactory(
        themes=[themes["health-and-social-care"]],
        barriers=[barriers["consent"]],
        local_area=areas["devon-and-torbay"],
        outcome=Story.Outcome.COULD_HAVE,
        submitted_at=MOMENTS[4],
        campaign=campaign,
    )
    made.append(
        Made(
            partnership,
            Story.Status.PUBLISHED,
            False,
            [themes["health-and-social-care"]],
            [barriers["consent"]],
            areas["devon-and-torbay"],
            Story.Outcome.COULD_HAVE,
            MOMENTS[4],
            campaign,
            False,
        )
    )
    return made


def query(url):
    """The query string of a link as {name: [values]}, and its path."""
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query)


def rows_by_key(rows):
    return {row.key: row for row in rows}
