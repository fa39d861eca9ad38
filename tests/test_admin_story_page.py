"""The admin story page reads right: local times, names not slugs, the campaign's words."""

import datetime
import time

import pytest
from django.utils import timezone

from stories.models import Story, StoryEvent
from stories.submission import store_story
from tests.admin_helpers import change_url
from tests.browse_helpers import area, barrier, theme
from tests.factories import (
    AcceptedStoryFactory,
    InReviewStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    SpamStoryFactory,
    SubmittedStoryFactory,
    WithdrawnStoryFactory,
    rewrite_history,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def server_clock_in_utc(monkeypatch):
    """The process's own zone is UTC (as on most servers); the site's zone stays the UK's."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_timeline_shows_times_in_the_uk_zone(manager_client, server_clock_in_utc):
    story = InReviewStoryFactory()
    summer = datetime.datetime(2026, 7, 1, 11, 30, tzinfo=datetime.UTC)
    rewrite_history(StoryEvent.objects.filter(story=story), created_at=summer)
    html = manager_client.get(change_url(story)).content.decode()
    assert timezone.localtime(summer).hour == 12  # British Summer Time
    assert "01 Jul 2026 12:30" in html


@pytest.mark.parametrize(
    ("factory", "has_page"),
    [
        (SubmittedStoryFactory, False),
        (InReviewStoryFactory, False),
        (AcceptedStoryFactory, True),
        (PublishedStoryFactory, True),
        (WithdrawnStoryFactory, False),
        (RejectedStoryFactory, False),
        (SpamStoryFactory, False),
    ],
)
def test_view_on_site_only_for_stories_the_site_shows(manager_client, factory, has_page):
    story = factory()
    html = manager_client.get(change_url(story)).content.decode()
    assert ("View on site" in html) == has_page
    if has_page:
        assert manager_client.get(story.get_absolute_url()).status_code == 200


def test_what_they_chose_shows_names_not_slugs(manager_client):
    story = store_story(
        title="Names not slugs",
        what_happened="x",
        difference="y",
        outcome=Story.Outcome.NOT_SURE,
        local_area=area("dorset-bournemouth-and-poole"),
        themes=[theme("welfare-reform")],
        barriers=[barrier("consent")],
    )
    html = manager_client.get(change_url(story)).content.decode()
    assert "area: Dorset, Bournemouth and Poole" in html
    assert "themes: Welfare reform" in html
    assert "barriers: Consent" in html
    assert "dorset-bournemouth-and-poole;" not in html


def test_what_they_chose_names_come_from_one_query(manager_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stories.admin.story import chosen_names

    chosen = {
        "local_area": ["torbay"],
        "themes": ["welfare-reform", "social-justice"],
        "barriers": ["consent", "gone-since"],
    }
    with CaptureQueriesContext(connection) as queries:
        names = chosen_names(chosen)
    assert len(queries) == 1
    assert names[("local_area", "torbay")] == "Torbay"
    assert names[("themes", "welfare-reform")] == "Welfare reform"
    assert ("barriers", "gone-since") not in names  # shown as the slug it was


def test_the_story_page_uses_the_campaigns_words(manager_client):
    html = manager_client.get(change_url(SpamStoryFactory())).content.decode()
    assert "What got in the way" in html
    assert "Suspected spam" in html
    assert "Featured on the home page" in html
    assert "Barriers text" not in html and "Is featured" not in html
    changelist = manager_client.get("/admin/stories/story/").content.decode()
    assert "By featured on the home page" in changelist
