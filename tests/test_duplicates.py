"""The "possible duplicate" line: the same email address, or very similar words."""

import datetime

import pytest
from django.utils import timezone

from stories.duplicates import possible_duplicates
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
    # The email, the words; on PostgreSQL the words inside a savepoint with their time
    # limit set and put back (savepoint, settings, words, settings, release).
    with django_assert_max_num_queries(6):
        found = possible_duplicates(story)
    assert len(found) == 3


def test_a_comparison_that_runs_out_of_time_is_left_out_and_the_settings_put_back(
    monkeypatch,
):
    from django.db import connection

    import stories.duplicates
    from stories.models import Story

    if connection.vendor != "postgresql":
        pytest.skip("the time limit is PostgreSQL's statement_timeout")
    monkeypatch.setattr(stories.duplicates, "SIMILAR_TIMEOUT_MS", 50)
    StoryFactory()
    slow = Story.objects.extra(where=["pg_sleep(0.3) IS NOT NULL"])
    assert stories.duplicates._within_time(slow, "default") is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout')")
        assert cursor.fetchone()[0] != "50ms"
    assert len(stories.duplicates._within_time(Story.objects.all(), "default")) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout')")
        assert cursor.fetchone()[0] != "50ms"
