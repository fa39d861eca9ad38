"""In Chromium, at 1280 and 360 px: a reader signs up for alerts, confirms, gets a digest
and stops it in one click; a manager asks a storyteller a question and reads the answer.
Each step through axe-core. INFOSTORY_SCREENSHOTS=<folder> keeps a screenshot of each."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from alerts.models import Subscription
from stories import outbox
from stories.models import LocalArea, PolicyTheme, ReplyTemplate, StoryMessage
from stories.private_link import track_path
from tests.browser import assert_accessible
from tests.factories import AcceptedStoryFactory, EngagementManagerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 360]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def tab(request, browser, live_server):
    context = browser.new_context(viewport={"width": request.param, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def shot(page, name):
    folder = os.environ.get("INFOSTORY_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{page.viewport_size['width']}.png", full_page=True)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def line_with(body, part):
    return next(line.strip() for line in body.splitlines() if part in line)


def test_sign_up_confirm_get_a_digest_and_stop_in_one_click(tab, live_server):
    page, url = tab, live_server.url
    theme = PolicyTheme.objects.get(slug="welfare-reform")
    page.goto(url + "/alerts/")
    expect(page.locator("h1")).to_have_text("Get alerts")
    assert_accessible(page)
    page.get_by_label("Your email address").fill("reader@example.org")
    page.get_by_label("Stories", exact=True).check()
    page.get_by_label("Welfare reform").check()
    page.get_by_label("Daily").check()
    shot(page, "alerts-1-sign-up")
    page.get_by_role("button", name="Send me a link to confirm").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    assert_accessible(page)
    shot(page, "alerts-2-check-your-email")

    (confirmation,) = mail.outbox
    assert confirmation.to == ["reader@example.org"]
    page.goto(url + path_of(line_with(confirmation.body, "/alerts/confirm/")))
    expect(page.locator("h1")).to_have_text("Confirm your alerts")
    assert_accessible(page)
    shot(page, "alerts-3-confirm")
    page.get_by_role("button", name="Confirm my alerts").click()
    expect(page.locator("h1")).to_have_text("Your alerts")
    expect(page.get_by_text("Your alerts are on")).to_be_visible()
    assert_accessible(page)
    shot(page, "alerts-4-confirmed")

    story = AcceptedStoryFactory(public_title="Shared discharge dates kept people at home")
    story.themes.add(theme)
    story.transition_to("published", actor=None)
    subscription = Subscription.objects.get()
    later = subscription.covered_until + Subscription.PERIODS["daily"]
    outbox.send_due(later)
    digest = [m for m in mail.outbox if "alerts:" in m.subject][0]
    assert "Shared discharge dates kept people at home" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    print("\n--- the digest, as the console backend prints it ---\n" + digest.message().as_string())

    page.goto(url + path_of(line_with(digest.body, "/unsubscribe/").split(": ", 1)[1]))
    expect(page.locator("h1")).to_have_text("Stop your alerts")
    assert_accessible(page)
    shot(page, "alerts-5-unsubscribe")
    page.get_by_role("button", name="Stop my alerts").click()
    expect(page.locator("h1")).to_have_text("Your alerts have stopped")
    assert_accessible(page)
    shot(page, "alerts-6-stopped")
    assert not Subscription.objects.exists()


def test_a_manager_asks_a_question_and_reads_the_answer(tab, live_server):
    page, url = tab, live_server.url
    manager = EngagementManagerFactory()
    ReplyTemplate.objects.create(name="Ask for the area", text="Which local area was this in?")
    story = AcceptedStoryFactory(
        consent_contact=True, local_area=LocalArea.objects.get(slug="torbay")
    )
    page.goto(url + "/admin/login/")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.goto(url + f"/admin/stories/story/{story.pk}/change/")
    page.get_by_role("link", name="Write to the storyteller").click()
    expect(page.locator("h1")).to_have_text(f"Write to the storyteller of {story.reference}")
    page.get_by_label("Start from a reply template").select_option(label="Ask for the area")
    page.get_by_role("button", name="Use this template").click()
    expect(page.get_by_label("Your message")).to_have_value("Which local area was this in?")
    assert_accessible(page)
    shot(page, "messages-1-write")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("your message is on the storyteller's page")).to_be_visible()

    notice = [m for m in mail.outbox if m.to == [story.email]][-1]
    assert "Which local area" not in notice.body
    teller = page.context.browser.new_context(
        viewport=page.viewport_size, locale="en-GB"
    ).new_page()
    teller.goto(url + path_of(line_with(notice.body, "/share/story/")))
    expect(teller.get_by_text("Which local area was this in?")).to_be_visible()
    teller.get_by_label("Your answer").fill("It was in Torbay, in the spring.")
    shot(teller, "messages-2-storyteller")
    teller.get_by_role("button", name="Send my answer").click()
    expect(teller.get_by_text("your answer is with the engagement manager")).to_be_visible()
    assert_accessible(teller)
    shot(teller, "messages-3-answered")
    teller.context.close()
    assert track_path(story)

    page.goto(url + "/admin/stories/story/?unread_answer=yes")
    expect(page.get_by_text("Unread answer")).to_be_visible()
    shot(page, "messages-4-queue")
    page.get_by_role("link", name=story.reference).click()
    expect(page.get_by_text("It was in Torbay, in the spring.").first).to_be_visible()
    assert_accessible(page)
    shot(page, "messages-5-read")
    assert StoryMessage.objects.unread().count() == 0
