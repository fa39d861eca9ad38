"""The redaction desk in Chromium: a manager opens a story that names a pupil, his mother's
phone number and his NHS number, sees each marked, starts the review (placeholders, never
the raw words), publishes through the preview and its tick, and the public page, the feed
and the open data never hold them; publishing anyway with a reason puts it in the timeline."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stories.models import Story
from tests.browser import assert_accessible
from tests.factories import AcceptedStoryFactory, EngagementManagerFactory, SubmittedStoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
NAME, MOTHER, PHONE, NHS = "Oliver Bennett", "Sarah Bennett", "07700 900461", "943 476 5919"
WORDS = (
    f"Our pupil {NAME} had a seizure in the playground. We rang his mum {MOTHER} on "
    f"{PHONE}; the crew asked for his NHS number, {NHS}."
)
RAW = (NAME, MOTHER, PHONE, NHS, "Bennett")
CHECKED = "I have checked this version for anything that could identify a person"


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def test_a_manager_redacts_previews_and_publishes_and_the_public_never_sees_the_words(
    page, live_server
):
    manager = EngagementManagerFactory()
    story = SubmittedStoryFactory(
        title="The school did not know about his epilepsy",
        what_happened=WORDS,
        difference="A care plan in school would have meant rescue medication on site.",
        public_title="",
        public_summary="",
        public_body="",
    )
    sign_in(page, live_server, manager)
    page.goto(live_server.url + reverse("admin:stories_story_change", args=[story.pk]))

    # Each finding is marked, and its kind is written beside it.
    marks = page.locator(".field-submitted_what_happened mark.pd-finding")
    expect(marks).to_have_count(4)
    expect(marks.nth(0)).to_have_text(f"{NAME} [name]")
    expect(marks.nth(2)).to_have_text(f"{PHONE} [phone number]")
    expect(marks.nth(3)).to_have_text(f"{NHS} [NHS number]")
    assert_accessible(page)

    # Start review: a redacted draft, and the story is the manager's.
    page.get_by_role("button", name="Start review", exact=True).click()
    expect(page.get_by_text(f"{story.reference} was moved into review.")).to_be_visible()
    body = page.get_by_label("Public body").input_value()
    assert "[name]" in body and "[phone number]" in body and "[NHS number]" in body
    assert not [raw for raw in RAW if raw in body]
    expect(page.locator(".story-status")).to_contain_text(
        manager.get_full_name() or manager.username
    )

    page.get_by_label("Public summary").fill(
        "A school learned of a pupil's epilepsy only after a seizure."
    )
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text(f"{story.reference} was accepted.")).to_be_visible()

    # Publish: the preview, exactly as the public page shows it, and the tick.
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(re.compile(r"/publish/"))
    preview = page.locator(".publish-preview")
    expect(preview.get_by_role("heading", level=2)).to_have_text(story.title)
    expect(preview).to_contain_text("[phone number]")
    assert_accessible(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Tick to confirm you have checked this version")).to_be_visible()
    page.get_by_label(CHECKED).check()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(f"{story.reference} was published.")).to_be_visible()
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED

    # The public page, the feed and the open data never hold the words (signed out).
    page.context.clear_cookies()
    for path in (
        story.get_absolute_url(),
        reverse("stories:feed"),
        reverse("stories:open_data"),
    ):
        response = page.request.get(live_server.url + path)
        assert response.status == 200
        text = response.text()
        assert story.reference in text
        assert not [raw for raw in RAW if raw in text], path


def test_publishing_anyway_asks_for_a_reason_and_the_timeline_shows_it(page, live_server):
    manager = EngagementManagerFactory()
    story = AcceptedStoryFactory(
        public_body="The school office is on 01632 960001 for any parent with a question."
    )
    sign_in(page, live_server, manager)
    page.goto(live_server.url + reverse("admin:stories_story_change", args=[story.pk]))
    expect(page.get_by_text("Still found in the public version (1)")).to_be_visible()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(re.compile(r"/publish/"))
    expect(
        page.get_by_role("heading", name="This version may still identify someone")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    page.get_by_label(CHECKED).check()
    page.get_by_role("button", name="Publish anyway").click()
    expect(page.get_by_text("Say why this may be published")).to_be_visible()
    assert_accessible(page)
    reason = "The school office's number is on its own public website."
    page.get_by_label("Why this may be published anyway").fill(reason)
    page.get_by_label(CHECKED).check()
    page.get_by_role("button", name="Publish anyway").click()
    expect(page.get_by_text(f"{story.reference} was published.")).to_be_visible()
    expect(page.locator(".story-timeline-table")).to_contain_text(reason)


def test_withdraw_asks_first(page, live_server):
    from tests.factories import PublishedStoryFactory

    manager = EngagementManagerFactory()
    story = PublishedStoryFactory()
    sign_in(page, live_server, manager)
    page.goto(live_server.url + reverse("admin:stories_story_change", args=[story.pk]))
    page.get_by_role("button", name="Withdraw from the site").click()
    page.wait_for_url(re.compile(r"/withdraw/"))
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    page.get_by_role("button", name="Yes, withdraw it from the site").click()
    expect(page.get_by_text(f"{story.reference} was withdrawn from the site.")).to_be_visible()
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN


def test_the_queue_fits_1280_pixels_without_scrolling_sideways(page, live_server):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import LocalAreaFactory, PolicyThemeFactory

    manager = EngagementManagerFactory(first_name="Bernadette", last_name="Okonkwo-Smith")
    area = LocalAreaFactory(name="Dorset, Bournemouth and Poole (partnership)")
    themes = [PolicyThemeFactory(name="Children's services and safeguarding (long)")]
    for days in (40, 12, 3):
        SubmittedStoryFactory(
            submitted_at=timezone.now() - timedelta(days=days),
            local_area=area,
            themes=themes,
            assigned_to=manager,
            title="A very long title about sharing information between many public services",
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, manager)
    page.goto(live_server.url + "/admin/stories/story/")
    sizes = page.evaluate(
        "(() => { const r = document.querySelector('.results');"
        " return [r.scrollWidth, r.clientWidth, document.documentElement.scrollWidth]; })()"
    )
    assert sizes[0] <= sizes[1] and sizes[2] <= 1280, sizes
    # Each reference stays on one line.
    heights = page.locator("#result_list th.field-reference a").evaluate_all(
        "links => links.map(a => a.getClientRects().length)"
    )
    assert heights and set(heights) == {1}
    expect(page.locator("#result_list td.field-waiting").first).to_contain_text("overdue")
    assert_accessible(page)
