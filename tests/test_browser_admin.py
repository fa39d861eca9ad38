"""Moderation in a real browser: sign in, open the newest story, write it up, publish it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stories.models import Story
from tests.browser import assert_accessible
from tests.factories import (
    AcceptedStoryFactory,
    EngagementManagerFactory,
    InReviewStoryFactory,
    SpamStoryFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PASSWORD = "correct horse battery"


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def test_a_manager_writes_the_public_version_and_publishes_a_story(page, live_server):
    manager = EngagementManagerFactory()
    AcceptedStoryFactory(title="An older story")
    newest = AcceptedStoryFactory(
        title="The school and the GP talked",
        public_title="",
        public_summary="",
        public_body="",
    )
    sign_in(page, live_server, manager)
    page.get_by_role("link", name="Stories").first.click()
    page.get_by_role("link", name=newest.reference, exact=True).click()
    assert newest.reference in page.title()

    page.get_by_label("Public title").fill("A school and a GP share a worry in time")
    page.get_by_label("Public summary").fill("Sharing a concern early got a family help.")
    page.get_by_label("Public body").fill("The school told the GP, and help came within a week.")
    page.get_by_label("Note for the timeline").fill("Redacted names")
    page.get_by_role("button", name="Publish", exact=True).click()

    # The preview: the public version as the public will read it, and the check to tick.
    page.wait_for_url(re.compile(r"/publish/"))
    expect(
        page.get_by_role("heading", name="A school and a GP share a worry in time")
    ).to_be_visible()
    expect(page.get_by_label("Note for the timeline")).to_have_value("Redacted names")
    page.get_by_label(
        "I have checked this version for anything that could identify a person"
    ).check()
    page.get_by_role("button", name="Publish", exact=True).click()

    expect(page.get_by_text(f"{newest.reference} was published.")).to_be_visible()
    expect(page.locator(".story-status")).to_contain_text("Status: Published")
    timeline = page.locator(".story-timeline-table").inner_text()
    assert "Redacted names" in timeline and "Published" in timeline
    newest.refresh_from_db()
    assert newest.status == Story.Status.PUBLISHED
    assert newest.public_title == "A school and a GP share a worry in time"

    public_path = reverse("stories:detail", kwargs={"reference": newest.reference})
    page.goto(live_server.url + public_path)
    expect(page.get_by_text("A school and a GP share a worry in time").first).to_be_visible()


def test_a_step_that_cannot_work_is_not_offered_and_the_page_says_why(page, live_server):
    manager = EngagementManagerFactory()
    story = AcceptedStoryFactory(consent_publish=False)
    sign_in(page, live_server, manager)
    page.goto(live_server.url + reverse("admin:stories_story_change", args=[story.pk]))
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    expect(page.get_by_text("Publish is not offered")).to_be_visible()
    expect(page.get_by_text("The submitter did not consent to publication.").first).to_be_visible()


def test_the_customised_admin_pages_have_no_axe_violations(page, live_server):
    manager = EngagementManagerFactory()
    story = InReviewStoryFactory()
    SpamStoryFactory()
    sign_in(page, live_server, manager)
    assert_accessible(page)  # the index with the queue
    page.goto(live_server.url + "/admin/stories/story/")
    assert_accessible(page)
    page.goto(live_server.url + reverse("admin:stories_story_change", args=[story.pk]))
    assert_accessible(page)
    page.goto(live_server.url + "/admin/stories/story/")
    page.locator("#result_list tbody input[type=checkbox]").first.check()
    page.get_by_label("Action:").select_option("start_review")
    page.get_by_role("button", name="Go").click()
    expect(page).to_have_title(re.compile("are you sure"))
    assert_accessible(page)
