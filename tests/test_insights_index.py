"""The story index the insights panels count from (stories.story_index): which stories it
holds where, and that one read serves every set of filters until the stories change."""

import datetime

import pytest
from django.utils import timezone

from stories.models import Story
from stories.story_index import StoryIndex
from tests.browse_helpers import theme
from tests.factories import (
    AcceptedStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    SpamStoryFactory,
    StoryFactory,
    WithdrawnStoryFactory,
)

pytestmark = pytest.mark.django_db

INSIGHTS = "/insights/"


def ids_of(index, bits):
    return {pk for position, pk in enumerate(index.ids) if bits >> position & 1}


def test_the_index_holds_the_evidence_and_the_closed_stories_as_the_querysets_say():
    for factory in (
        StoryFactory,
        AcceptedStoryFactory,
        PublishedStoryFactory,
        RejectedStoryFactory,
        WithdrawnStoryFactory,
        SpamStoryFactory,
    ):
        factory()
    Story.objects.filter(pk=AcceptedStoryFactory().pk).update(is_suspected_spam=True)
    index = StoryIndex.read()
    assert ids_of(index, index.evidence) == set(
        Story.objects.evidence().values_list("pk", flat=True)
    )
    assert ids_of(index, index.closed) == set(Story.objects.closed().values_list("pk", flat=True))
    assert ids_of(index, index.spam) == set(
        Story.objects.filter(is_suspected_spam=True).values_list("pk", flat=True)
    )


def test_the_index_lists_the_newest_stories_first():
    moments = [timezone.make_aware(datetime.datetime(2026, 3, day, 12)) for day in (5, 1, 9)]
    made = [AcceptedStoryFactory(submitted_at=moment) for moment in moments]
    index = StoryIndex.read()
    newest = [story.pk for story in sorted(made, key=lambda s: (s.submitted_at, s.pk))][::-1]
    assert index.newest(index.evidence, 2) == newest[:2]


def test_a_story_submitted_late_in_the_evening_counts_on_its_uk_day():
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in the UK (summer time).
    late = AcceptedStoryFactory(
        submitted_at=datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC)
    )
    index = StoryIndex.read()
    assert dict(index.months)[datetime.date(2026, 4, 1)] == 1 << index.ids.index(late.pk)


def test_other_filters_count_from_the_same_read_of_the_stories(
    staff_client, django_assert_max_num_queries
):
    AcceptedStoryFactory(themes=[theme("welfare-reform")])
    AcceptedStoryFactory()
    assert staff_client.get(INSIGHTS).context["total"].count == 2
    # The session, user and permissions, the reference lists and the case-study
    # candidates: the stories themselves are not read again.
    with django_assert_max_num_queries(10):
        filtered = staff_client.get(INSIGHTS, {"theme": "welfare-reform"})
    assert filtered.context["total"].count == 1
