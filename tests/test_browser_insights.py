"""/insights/ in a real browser: a Staff member signed in, axe-core finds nothing."""

import pytest

from tests.browser import assert_accessible
from tests.factories import StaffFactory
from tests.insights_helpers import seed

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


def test_the_dashboard_has_no_axe_violations_for_staff(page, live_server, client):
    seed(30)
    sign_in(page, client, live_server, StaffFactory())
    page.goto(live_server.url + "/insights/")
    assert page.locator("h1").inner_text().startswith("Insights")
    assert page.locator("svg.insights-chart").count() == 7
    page.locator("summary").first.click()  # open "Which stories are counted"
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
