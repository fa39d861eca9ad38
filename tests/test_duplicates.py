"""The "possible duplicate" line: the same email address, or very similar words."""

import datetime

import pytest
from django.utils import timezone

from stories.duplicates import (
    COMPARED_CHARS,
    SIMILAR_CANDIDATES,
    SIMILAR_WINDOW_DAYS,
    duplicates_report,
    possible_duplicates,
)
from stories.models import LocalArea
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

WORDS = (
    "The ward told adult social care two days before Mr D went home, so the care "
    "package started on the day he arrived and nobody had to chase the hospital."
)


def test_a_story_from_the_same_email_address_is_a_possible_duplicate():
    first = StoryFactory(email="Sam@Example.org", what_happened="Something else entirely.")
    second = StoryFactory(email="sam@example.org")
    assert possible_duplicates(second) == [(first, "same email address")]


def test_a_story_with_nearly_the_same_words_is_a_possible_duplicate():
    first = StoryFactory(email="", what_happened=WORDS)
    second = StoryFactory(email="", what_happened=WORDS.replace("two days", "three days"))
    assert possible_duplicates(second) == [(first, "very similar words")]
    assert possible_duplicates(first) == [(second, "very similar words")]


def test_different_stories_are_not_duplicates():
    StoryFactory(email="", what_happened=WORDS)
    other = StoryFactory(
        email="",
        what_happened="A school nurse could not see the GP record of a pupil with epilepsy "
        "until the parents brought a letter in; the first aid plan was a week late.",
    )
    assert possible_duplicates(other) == []


def test_a_story_is_not_its_own_duplicate_and_a_short_text_matches_nothing():
    story = StoryFactory(email="", what_happened="Yes.")
    StoryFactory(email="", what_happened="Yes.")
    assert possible_duplicates(story) == []


def test_the_duplicates_are_found_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    for _ in range(12):
        StoryFactory(email="same@example.org", what_happened=WORDS)
    story = StoryFactory(
        email="same@example.org",
        what_happened=WORDS,
        submitted_at=timezone.now() + datetime.timedelta(days=1),
    )
    # The email, then the words of the candidates.
    with django_assert_max_num_queries(2):
        found = possible_duplicates(story)
    assert len(found) == 3


def _sent(days, **fields):
    return StoryFactory(
        email="", submitted_at=timezone.now() + datetime.timedelta(days=days), **fields
    )


def test_the_words_are_compared_with_the_stories_about_the_same_local_area():
    first, other = LocalArea.objects.all()[:2]
    same_area = _sent(-2, what_happened=WORDS, local_area=first)
    _sent(-1, what_happened=WORDS, local_area=other)
    story = _sent(0, what_happened=WORDS.replace("two days", "three days"), local_area=first)
    assert possible_duplicates(story) == [(same_area, "very similar words")]
    shown, compared = duplicates_report(story)
    assert compared["same_local_area"] is True


def test_a_story_naming_no_area_is_compared_with_every_area():
    area = LocalArea.objects.first()
    other = _sent(-1, what_happened=WORDS, local_area=area)
    story = _sent(0, what_happened=WORDS.replace("two days", "three days"))
    assert possible_duplicates(story) == [(other, "very similar words")]
    assert duplicates_report(story)[1]["same_local_area"] is False


def test_only_the_stories_sent_nearest_in_time_within_the_window_are_compared(monkeypatch):
    import stories.duplicates

    # One candidate before the story and one after.
    monkeypatch.setattr(stories.duplicates, "SIMILAR_CANDIDATES", 2)
    alike = WORDS.replace("two days", "three days")
    _sent(-3, what_happened=alike)  # beyond the nearest story sent before
    nearest_before = _sent(-2, what_happened="A different story of a different ward. " * 3)
    story = _sent(0, what_happened=WORDS)
    nearest_after = _sent(1, what_happened=alike)
    _sent(2, what_happened=alike)  # beyond the nearest story sent after
    assert nearest_before.pk  # compared, not alike
    assert possible_duplicates(story) == [(nearest_after, "very similar words")]
    # Further apart than the window: not compared even when nearest.
    monkeypatch.setattr(stories.duplicates, "SIMILAR_WINDOW_DAYS", 0.5)
    assert possible_duplicates(story) == []


def test_the_report_says_what_the_words_were_compared_with():
    story = StoryFactory(email="", what_happened=WORDS)
    assert duplicates_report(story)[1] == {
        "candidates": SIMILAR_CANDIDATES,
        "days": SIMILAR_WINDOW_DAYS,
        "characters": COMPARED_CHARS,
        "same_local_area": False,
    }
    short = StoryFactory(email="", what_happened="Yes.")
    assert duplicates_report(short)[1] is None
