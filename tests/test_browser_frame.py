"""The frame in a real browser: axe-core on the fixed pages, and the skip link works."""

import pytest

from tests.browser import assert_accessible
from tests.factories import PublishedStoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/privacy/", "/accessibility/"])
def test_fixed_pages_have_no_axe_violations(page, live_server, path):
    PublishedStoryFactory.create_batch(3)
    page.goto(live_server.url + path)
    assert_accessible(page)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_home_fits_a_320_pixel_screen_without_sideways_scrolling(page, live_server):
    PublishedStoryFactory.create_batch(3)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
