"""In Chromium: the Content-Security-Policy breaks nothing (no violations on the public
pages or the admin), and the error pages pass axe-core."""

import pytest

from tests.browser import assert_accessible
from tests.factories import PublishedStoryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def watch_csp(page):
    """Collect every console message in which Chromium reports a CSP violation."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


@pytest.mark.parametrize("path", ["/", "/privacy/", "/accessibility/", "/admin/login/"])
def test_pages_load_under_the_csp_without_violations(page, live_server, path):
    PublishedStoryFactory.create_batch(3)
    violations = watch_csp(page)
    response = page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The stylesheet was applied, so 'self' styles load.
    assert page.evaluate("getComputedStyle(document.body).display") == "flex" or path.startswith(
        "/admin/"
    )
    assert violations == []


def test_the_admin_works_under_the_csp(page, live_server):
    manager = UserFactory(is_staff=True, is_superuser=True)
    story = PublishedStoryFactory()
    violations = watch_csp(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", manager.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for path in (
        "/admin/",
        "/admin/stories/story/",
        f"/admin/stories/story/{story.pk}/change/",
        "/admin/stories/localarea/add/",
        f"/admin/auth/user/{manager.pk}/change/",
    ):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_404_page_is_accessible(page, live_server):
    violations = watch_csp(page)
    response = page.goto(live_server.url + "/no-such-story/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert_accessible(page)
    assert violations == []


def test_the_expired_form_page_is_accessible_and_leads_back(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.context.clear_cookies()  # the CSRF cookie is gone: the form has "expired"
    page.fill("#id_username", "someone")
    page.fill("#id_password", "anything")
    page.click("input[type=submit]")
    assert page.locator("h1").inner_text() == "This page has expired"
    assert_accessible(page)
    page.click("text=Go back to the page you came from")
    assert page.url.startswith(live_server.url + "/admin/login/")


def test_the_lockout_page_is_accessible(page, live_server, settings):
    settings.AXES_FAILURE_LIMIT = 2
    manager = UserFactory(is_staff=True)
    page.goto(live_server.url + "/admin/login/")
    for _ in range(2):
        page.fill("#id_username", manager.username)
        page.fill("#id_password", "wrong")
        page.click("input[type=submit]")
    assert page.locator("h1").inner_text() == "Sign-in paused"
    assert_accessible(page)


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/fail/500/", 500, "Sorry, there is a problem with the service"),
        ("/fail/503/", 503, "Sorry, the service is unavailable"),
        ("/fail/400/", 400, "Sorry, we could not understand that request"),
        ("/fail/403/", 403, "You do not have permission to see this page"),
    ],
)
def test_the_other_error_pages_are_accessible(page, live_server, path, status, heading):
    violations = watch_csp(page)
    response = page.goto(live_server.url + path)
    assert response.status == status
    assert page.locator("h1").inner_text() == heading
    assert_accessible(page)
    assert violations == []
