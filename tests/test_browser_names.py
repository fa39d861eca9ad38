"""A name across a story, in Chromium at 1280 and 360 px: the original names "Ffion Davies"
and her later addition repeats the name and gives a phone number; the desk marks the
addition like the original; Start review drafts the title without her name; when the
manager types "Ffion's" back into the title and "Ffion Davies's" into the summary, the
preview lists each finding, offers only "Publish anyway", and nothing is published."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stories.models import Story, StoryAddendum
from tests.browser import assert_accessible
from tests.factories import EngagementManagerFactory, SubmittedStoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
TITLE = "Nobody told the new school about Ffion's diabetes"
SUMMARY = "The new school never saw Ffion Davies's diabetes care plan."
ORIGINAL = (
    "My daughter Ffion Davies has type 1 diabetes. When she moved school nobody passed on "
    "her care plan, and the new school did not know what to do when her levels dropped."
)
ADDITION = "Ffion is settled now. If the school needs me my number is 07700 900461."
# Where a run keeps its screenshots, to be looked at (unset: none are kept).
SHOTS = os.environ.get("INFOSTORY_SCREENSHOTS", "")


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def shot(page, name, part=None):
    """A screenshot of the page, or of one part of it, into INFOSTORY_SCREENSHOTS."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        path = str(Path(SHOTS) / f"{name}.png")
        if part is None:
            page.screenshot(path=path, full_page=True)
        else:
            part.screenshot(path=path)


def test_the_preview_refuses_the_name_in_the_title_after_the_original_named_her(page, live_server):
    manager = EngagementManagerFactory()
    story = SubmittedStoryFactory(
        title=TITLE, what_happened=ORIGINAL, public_title="", public_summary="", public_body=""
    )
    StoryAddendum.objects.create(story=story, text=ADDITION)
    sign_in(page, live_server, manager)
    page.goto(live_server.url + reverse("admin:stories_story_change", args=[story.pk]))

    # The addition is marked like the original.
    added = page.locator(".story-addendum")
    expect(added.locator("mark.pd-finding")).to_have_count(2)
    expect(added.locator("mark.pd-finding").nth(0)).to_have_text("Ffion [name]")
    expect(added.locator("mark.pd-finding").nth(1)).to_have_text("07700 900461 [phone number]")
    expect(added).to_contain_text("2 things that could identify someone, marked")
    assert_accessible(page)
    shot(page, "desk-addition-1280", added.locator("xpath=ancestor::fieldset[1]"))

    # Start review drafts the title without her name.
    page.get_by_role("button", name="Start review", exact=True).click()
    expect(page.get_by_text(f"{story.reference} was moved into review.")).to_be_visible()
    expect(page.get_by_label("Public title")).to_have_value(
        "Nobody told the new school about [name]'s diabetes"
    )

    # The manager types the name back in; accepting is allowed, publishing is not.
    page.get_by_label("Public title").fill(TITLE)
    page.get_by_label("Public summary").fill(SUMMARY)
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text(f"{story.reference} was accepted.")).to_be_visible()
    expect(page.get_by_text("Still found in the public version (2)")).to_be_visible()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(re.compile(r"/publish/"))

    found = page.locator(".pd-warning")
    expect(found).to_contain_text("The check found 2 things that could identify a person")
    expect(found.locator("li").nth(0)).to_have_text("Public title: Ffion [name]")
    expect(found.locator("li").nth(1)).to_have_text("Public summary: Ffion Davies [name]")
    expect(page.get_by_role("button", name="Publish anyway")).to_be_visible()
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    assert_accessible(page)
    shot(page, "preview-1280")

    page.set_viewport_size({"width": 360, "height": 800})
    expect(found.locator("li").nth(0)).to_be_visible()
    assert_accessible(page)
    shot(page, "preview-360")
    page.goto(live_server.url + reverse("admin:stories_story_change", args=[story.pk]))
    expect(page.locator(".story-addendum mark.pd-finding").nth(0)).to_be_visible()
    assert_accessible(page)
    shot(
        page,
        "desk-addition-360",
        page.locator(".story-addendum").locator("xpath=ancestor::fieldset[1]"),
    )

    # Without a reason nothing is published.
    page.goto(live_server.url + reverse("admin:stories_story_publish", args=[story.pk]))
    page.get_by_label(re.compile("I have checked this version")).check()
    page.get_by_role("button", name="Publish anyway").click()
    expect(page.get_by_text("Say why this may be published")).to_be_visible()
    story.refresh_from_db()
    assert story.status == Story.Status.ACCEPTED
