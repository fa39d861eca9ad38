"""On a 360-pixel phone: no sideways scroll, results and the form come first; wide screens
still show the filters and the guidance."""

import pytest
from django.urls import reverse

from stories.models import Story
from tests.browser import assert_accessible
from tests.factories import PublishedStoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def page_width(tab):
    return tab.evaluate("document.documentElement.scrollWidth")


def test_a_story_with_the_longest_outcome_badge_does_not_scroll_sideways(phone, live_server):
    story = PublishedStoryFactory(outcome=Story.Outcome.COULD_HAVE)
    phone.goto(live_server.url + story.get_absolute_url())
    assert page_width(phone) <= PHONE["width"]


def test_on_a_phone_the_results_come_before_the_folded_filters(phone, live_server):
    PublishedStoryFactory.create_batch(3)
    phone.goto(live_server.url + reverse("stories:list"))
    assert not phone.get_by_label("Search the stories").is_visible()
    results = phone.locator("#results-heading").bounding_box()
    assert results["y"] < PHONE["height"]
    phone.locator("summary", has_text="Search and filter").click()
    assert phone.get_by_label("Search the stories").is_visible()
    assert page_width(phone) <= PHONE["width"]
    assert_accessible(phone)


def test_on_a_wide_screen_the_filters_are_shown_under_a_heading(page, live_server):
    page.goto(live_server.url + reverse("stories:list"))
    assert page.get_by_label("Search the stories").is_visible()
    assert page.get_by_role("heading", name="Search and filter").is_visible()


def test_on_a_phone_the_sharing_form_starts_within_the_first_two_screens(phone, live_server):
    phone.goto(live_server.url + reverse("stories:submit"))
    first_input = phone.get_by_label("Give your story a short title").bounding_box()
    assert first_input["y"] < 2 * PHONE["height"]
    phone.locator("summary", has_text="What makes a good #InfoStory").click()
    assert phone.get_by_text("What got in the way").first.is_visible()
    assert page_width(phone) <= PHONE["width"]
    assert_accessible(phone)


def test_on_a_wide_screen_the_guidance_is_open(page, live_server):
    page.goto(live_server.url + reverse("stories:submit"))
    assert page.get_by_role("heading", name="What makes a good #InfoStory").is_visible()
