"""Sharing a story in a real browser: by labels, by keyboard, at 320 pixels, with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.browser import assert_accessible
from tests.submit_helpers import choose_area, continue_and_send

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def quick_people(settings):
    """Playwright types faster than any person: do not take it for a bot."""
    settings.INFOSTORY_MIN_FILL_SECONDS = 0


def fill_by_labels(page):
    page.get_by_label("Give your story a short title").fill("Shared plans kept Mrs K at home")
    page.get_by_label("What happened?").fill(
        "The GP, the district nurses and the council shared one care plan. Это важно 👍"
    )
    page.get_by_label("What difference did sharing information make").fill(
        "Nobody asked Mrs K the same questions twice, and she stayed at home."
    )
    page.get_by_label("What got in the way? (optional)").fill("Incompatible systems at first.")
    page.get_by_label("Sharing information made a difference", exact=True).check()
    choose_area(page, "Torbay")
    page.get_by_label("Health and social care").check()
    page.get_by_label("Incompatible systems", exact=True).check()
    page.get_by_label("Your email address (optional)").fill("mrs.k.carer@example.org")
    page.get_by_label("Which best describes you?").select_option(
        label="Service user, family member or carer"
    )
    page.get_by_label("You may publish an anonymised version of my story").check()


def test_a_person_fills_the_form_by_its_labels_and_reads_the_reference(page, live_server):
    page.goto(live_server.url + "/share/")
    assert_accessible(page)
    fill_by_labels(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/share/check/$"))
    assert page.get_by_role("heading", name="Check your answers before sending your story")
    assert Story.objects.count() == 0  # nothing is stored before "Send my story"
    assert_accessible(page)
    page.get_by_role("button", name="Send my story").click()
    page.wait_for_url(re.compile(r"/share/thanks/IS-[0-9A-Z]{6}/$"))

    reference = page.locator("#reference").inner_text().strip()
    story = Story.objects.get()
    assert reference == story.reference
    assert page.get_by_role("heading", name="Your story has been sent").is_visible()
    assert story.what_happened.endswith("Это важно 👍")
    assert story.local_area.name == "Torbay"
    assert [theme.name for theme in story.themes.all()] == ["Health and social care"]
    assert story.consent_publish and story.publish_anonymously
    assert not story.is_suspected_spam
    assert_accessible(page)


def test_the_error_state_is_accessible_and_the_summary_takes_the_focus(page, live_server):
    page.goto(live_server.url + "/share/")
    page.get_by_label("What happened?").fill("I started, but did not finish.")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("#error-summary")

    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error:")
    assert page.get_by_label("What happened?").input_value() == "I started, but did not finish."
    assert_accessible(page)

    page.get_by_role("link", name="Enter a title for your story").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert Story.objects.count() == 0


def test_a_story_can_be_shared_with_the_keyboard_alone(page, live_server):
    page.goto(live_server.url + "/share/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_title":
            break
    page.keyboard.type("Keyboard only")
    page.keyboard.press("Tab")
    page.keyboard.type("What happened, typed without a mouse.")
    page.keyboard.press("Tab")
    page.keyboard.type("The difference it made.")
    page.keyboard.press("Tab")  # what got in the way
    page.keyboard.press("Tab")  # organisations
    page.keyboard.press("Tab")  # the first outcome
    assert page.evaluate("document.activeElement.id") == "id_outcome_0"
    page.keyboard.press("Space")

    visited = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        visited.append(focused)
        if focused == "submit-id-send":
            break
    assert visited[-1] == "submit-id-send"
    assert "id_website" not in visited, "the honeypot must not be reachable by keyboard"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/share/check/$"))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Send my story":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/share/thanks/"))

    story = Story.objects.get()
    assert story.title == "Keyboard only"
    assert story.outcome == Story.Outcome.MADE_DIFFERENCE


def test_the_form_and_its_errors_fit_a_320_pixel_screen(page, live_server):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/share/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_character_counter_says_what_is_left(page, live_server):
    page.goto(live_server.url + "/share/")
    page.get_by_label("What happened?").fill("x" * 19_990)
    assert page.locator("#id_what_happened-count").inner_text() == (
        "You have 10 characters remaining"
    )


def test_a_paste_over_the_limit_is_kept_whole_and_the_count_says_how_far_over(page, live_server):
    page.goto(live_server.url + "/share/")
    field = page.get_by_label("What happened?")
    field.fill("The discharge summary never arrived.\n" * 600)  # 22,200 characters
    assert len(field.input_value()) == 22_200  # no maxlength: nothing cut
    count = page.locator("#id_what_happened-count")
    assert count.inner_text() == "You have 2,200 characters too many"
    assert "over" in (count.get_attribute("class") or "")
    assert count.get_attribute("aria-hidden") == "true"
    # Said to screen readers once typing pauses, not on every key.
    spoken = page.locator("#id_what_happened-count-spoken")
    expect(spoken).to_have_text("You have 2,200 characters too many", timeout=3000)
    assert spoken.get_attribute("aria-live") == "polite"


def test_the_form_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/share/")
        fill_by_labels(page)
        continue_and_send(page)
        page.wait_for_url(re.compile(r"/share/thanks/"))
        assert Story.objects.get().reference in page.content()
    finally:
        context.close()


def test_the_throttled_page_is_accessible_and_gives_the_text_back(page, live_server, settings):
    settings.INFOSTORY_SUBMIT_RATE = "0/hour"
    page.goto(live_server.url + "/share/")
    fill_by_labels(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("h1:has-text('Please try again later')")
    assert page.get_by_label("What happened").input_value().endswith("Это важно 👍")
    assert Story.objects.count() == 0
    assert_accessible(page)
