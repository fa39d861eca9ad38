"""The storyteller's loop in Chromium: share, check the answers, change one, send, open the
link from the acknowledgement, add to the story, withdraw consent to publish a published
story and find it gone from every public page, ask for a new link. By keyboard, at 320
pixels, with axe-core on every page."""

import json
import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from stories.models import Story
from stories.private_link import track_path
from tests.browser import assert_accessible
from tests.factories import PublishedStoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def quick_people(settings):
    settings.INFOSTORY_MIN_FILL_SECONDS = 0  # Playwright types faster than any person


def link_from(message, live_server):
    found = re.search(r"https?://\S+?(/share/story/\S+?/)\s", message.body)
    assert found, message.body
    return live_server.url + found.group(1)


def fill(page):
    page.get_by_label("Give your story a short title").fill("First title")
    page.get_by_label("What happened?").fill("The school nurse and the GP shared a care plan.")
    page.get_by_label("What difference did sharing information make").fill(
        "The child was seen the same week."
    )
    page.get_by_label("Sharing information made a difference", exact=True).check()
    page.get_by_label("Your email address (optional)").fill("parent@example.org")
    page.get_by_label("You may publish an anonymised version of my story").check()


def test_share_check_change_send_then_follow_the_story_from_its_own_page(page, live_server):
    page.goto(live_server.url + "/share/")
    fill(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/share/check/$"))
    assert_accessible(page)
    assert Story.objects.count() == 0
    assert page.get_by_text("We may publish an anonymised version").first.is_visible()

    # Change one answer: the form comes back with every answer kept.
    page.get_by_role("link", name="Change title").click()
    page.wait_for_url(re.compile(r"/share/#id_title$"))
    assert page.get_by_label("What happened?").input_value().startswith("The school nurse")
    assert page.get_by_label("You may publish an anonymised version of my story").is_checked()
    page.get_by_label("Give your story a short title").fill("Changed title")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/share/check/$"))
    assert page.get_by_text("Changed title").is_visible()
    page.get_by_role("button", name="Send my story").click()
    page.wait_for_url(re.compile(r"/share/thanks/IS-[0-9A-Z]{6}/$"))
    assert_accessible(page)
    story = Story.objects.get()
    assert story.title == "Changed title"
    assert page.get_by_text("parent@example.org").is_visible()

    # The link in the acknowledgement opens the story's own page.
    (acknowledgement,) = [m for m in mail.outbox if m.to == ["parent@example.org"]]
    page.goto(link_from(acknowledgement, live_server))
    assert page.locator(".status-tag").inner_text() == "Submitted"
    assert_accessible(page)

    page.get_by_label("Add to your story").fill("A month later the plan is still shared.")
    with page.expect_navigation():
        page.get_by_role("button", name="Add to my story").click()
    assert page.get_by_text("A month later the plan is still shared.").is_visible()
    assert story.addenda.get().text == "A month later the plan is still shared."
    assert_accessible(page)


def test_withdrawing_consent_takes_a_published_story_off_the_site(page, live_server):
    story = PublishedStoryFactory(public_title="A story its teller takes down")
    public = [
        story.get_absolute_url(),
        reverse("stories:list"),
        reverse("stories:feed"),
        reverse("stories:open_data"),
    ]
    for path in public:  # published, and now in the cached pages
        page.goto(live_server.url + path)
        assert "A story its teller takes down" in page.content()

    page.goto(live_server.url + track_path(story))
    page.get_by_role("link", name="Withdraw your consent to publish").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Withdraw my consent to publish").click()
    assert page.get_by_text("taken off the public site").is_visible()
    assert page.locator(".status-tag").inner_text() == "Taken off the site"
    assert_accessible(page)

    assert page.goto(live_server.url + story.get_absolute_url()).status == 404
    for path in public[1:]:
        page.goto(live_server.url + path)
        assert "A story its teller takes down" not in page.content(), path
    data = json.loads(page.goto(live_server.url + public[3]).text())
    assert story.reference not in json.dumps(data)


def sent_after_the_page(timeout=10):
    """The emails so far, once there is one: the new-link email is sent after the page has
    gone to the browser (SendAfterResponse), so it can arrive a moment after the page."""
    deadline = time.monotonic() + timeout
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    return list(mail.outbox)


def test_a_new_link_is_sent_to_the_address_on_the_story(page, live_server):
    story = PublishedStoryFactory(email="teller@example.org")
    page.goto(live_server.url + "/share/story/")
    page.get_by_label("Your story's reference").fill(story.reference.lower())
    page.get_by_label("The email address you gave with your story").fill("teller@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Send me a new link").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    (message,) = sent_after_the_page()
    page.goto(link_from(message, live_server))
    assert page.locator(".status-tag").inner_text() == "Published"


def test_the_storys_page_works_by_keyboard_alone(page, live_server):
    story = PublishedStoryFactory()
    page.goto(live_server.url + track_path(story))
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_text":
            break
    assert page.evaluate("document.activeElement.id") == "id_text"
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Add to my story"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert story.addenda.get().text == "Typed without a mouse."


@pytest.mark.parametrize("where", ["check", "track", "confirm", "request"])
def test_the_new_pages_fit_a_320_pixel_screen(page, live_server, where):
    page.set_viewport_size({"width": 320, "height": 800})
    if where == "check":
        page.goto(live_server.url + "/share/")
        fill(page)
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(re.compile(r"/share/check/$"))
    elif where == "request":
        page.goto(live_server.url + "/share/story/")
    else:
        story = PublishedStoryFactory()
        page.goto(live_server.url + track_path(story))
        if where == "confirm":
            page.get_by_role("link", name="Erase your details").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
