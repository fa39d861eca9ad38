"""/insights/ in a real browser: a Staff member signed in, axe-core finds nothing."""

import pytest

from casestudies.models import CaseStudy
from stories.models import Story
from tests.browser import assert_accessible
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import StaffFactory
from tests.insights_helpers import seed

WIDE_TABLES = ("barriers-by-theme", "barriers-by-area", "barriers-by-quarter")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, client, live_server, user):
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def seed_with_case_studies(count):
    """The seeded stories, two of them quoted in a published case study, one in a draft."""
    made = seed(count)
    published = [m.story for m in made if m.status == Story.Status.PUBLISHED and not m.spam]
    published_case_study(stories=published[:2])
    CaseStudyFactory(stories=published[2:3])
    assert CaseStudy.objects.count() == 2
    return made


def test_the_dashboard_has_no_axe_violations_for_staff(page, live_server, client):
    seed_with_case_studies(30)
    sign_in(page, client, live_server, StaffFactory())
    page.goto(live_server.url + "/insights/")
    assert page.locator("h1").inner_text().startswith("Insights")
    # Nine bar charts (the pipeline and told the outcome among them) and the chart of
    # barriers by quarter.
    assert page.locator("svg.insights-chart").count() == 10
    assert page.locator("#pipeline-published tbody tr").count() == 2
    page.locator("summary").first.click()  # open "Which stories are counted"
    assert_accessible(page)


def test_on_a_360_pixel_phone_the_wide_tables_scroll_and_keep_their_first_column(
    page, live_server, client
):
    seed_with_case_studies(30)
    sign_in(page, client, live_server, StaffFactory())
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + "/insights/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for slug in WIDE_TABLES:
        region = page.locator(f"[role=region]:has(#table-{slug})")
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label")
        assert region.evaluate("el => el.scrollWidth > el.clientWidth"), slug
        # A keyboard user scrolls it: focus it, then the arrow keys.
        region.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
        region.evaluate("el => el.scrollTo(el.scrollWidth, 0)")  # to its far end
        first = region.locator("tbody th").first
        edge = region.evaluate("el => el.getBoundingClientRect().left")
        assert abs(first.evaluate("el => el.getBoundingClientRect().left") - edge) <= 2, slug
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_the_dashboard_with_a_bad_filter_has_no_axe_violations(page, live_server, client):
    seed(10)
    sign_in(page, client, live_server, StaffFactory())
    page.goto(live_server.url + "/insights/?submitted_from=nope&area=devon-and-torbay")
    assert page.get_by_text("Some filters could not be used").is_visible()
    assert_accessible(page)


def test_the_filters_work_without_javascript(browser, live_server, client):
    seed(20)
    context = browser.new_context(java_script_enabled=False)
    try:
        client.force_login(StaffFactory())
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value,
              "url": live_server.url}]
        )  # fmt: skip
        tab = context.new_page()
        tab.goto(live_server.url + "/insights/")
        tab.select_option("#id_area", "devon-and-torbay")
        tab.get_by_role("button", name="Apply filters").click()
        assert "area=devon-and-torbay" in tab.url
        assert "in Devon and Torbay" in tab.locator(".insights-total").inner_text()
    finally:
        context.close()


def test_the_dashboard_fits_a_320_pixel_screen(page, live_server, client):
    seed(10)
    sign_in(page, client, live_server, StaffFactory())
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/insights/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
