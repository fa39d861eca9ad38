"""The browse pages in a real browser: axe-core finds nothing, for the public and staff."""

import pytest
from django.urls import reverse

from stories.models import LocalArea, PolicyTheme
from tests.browser import assert_accessible
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def stories():
    welfare = PolicyTheme.objects.get(slug="welfare-reform")
    poole = LocalArea.objects.get(slug="poole")
    published = PublishedStoryFactory.create_batch(
        22, themes=[welfare], local_area=poole, public_body="The housing officer shared it."
    )
    published[0].tags.add("hospital discharge")
    accepted = AcceptedStoryFactory(themes=[welfare], local_area=poole, publish_anonymously=False)
    return {"published": published[0], "accepted": accepted}


def public_paths(stories):
    return [
        reverse("stories:list"),
        reverse("stories:list") + "?q=housing&theme=welfare-reform&page=2",
        reverse("stories:list") + "?submitted_from=notadate",
        stories["published"].get_absolute_url(),
        reverse("stories:themes"),
        reverse("stories:theme", args=["welfare-reform"]),
        reverse("stories:areas"),
        reverse("stories:area", args=["dorset-bournemouth-and-poole"]),
        reverse("login"),
    ]


def sign_in(page, live_server, user, next_path):
    page.goto(f"{live_server.url}{reverse('login')}?next={next_path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_browse_pages_have_no_axe_violations_for_the_public(page, live_server, stories):
    for path in public_paths(stories):
        page.goto(live_server.url + path)
        assert_accessible(page)


def test_browse_pages_have_no_axe_violations_for_signed_in_staff(page, live_server, stories):
    staff = StaffFactory()
    sign_in(page, live_server, staff, reverse("stories:list"))
    assert page.url == live_server.url + reverse("stories:list")
    assert staff.username in page.locator(".signed-in-bar").inner_text()
    for path in [*public_paths(stories)[:-1], stories["accepted"].get_absolute_url()]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.goto(live_server.url + reverse("stories:list") + "?status=accepted")
    assert page.get_by_role("link", name="CSV").is_visible()
    assert_accessible(page)


def test_a_failed_sign_in_page_has_no_axe_violations(page, live_server, stories):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)


def test_filters_work_without_javascript_and_a_chosen_filter_can_be_removed(
    browser, live_server, stories
):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("stories:list"))
        page.get_by_label("Outcome").select_option("could_have")
        page.get_by_role("button", name="Show stories").click()
        assert "outcome=could_have" in page.url
        assert page.get_by_text("0 stories").is_visible()
        page.get_by_role("link", name="Remove filter Outcome").click()
        assert "outcome" not in page.url
        assert page.get_by_text("22 stories").is_visible()
    finally:
        context.close()


def test_signing_out_is_a_button_that_posts(page, live_server, stories):
    sign_in(page, live_server, StaffFactory(), reverse("stories:themes"))
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Staff sign in").is_visible()
