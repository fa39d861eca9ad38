"""The change tracker in Chromium: an engagement manager turns a case study's national ask
into a change, adds three stories as evidence, posts an update and marks it made; the
public reads it, the story page and the storyteller's own page list it, and the
storyteller who agreed to be contacted is emailed once. axe-core runs on every page each
person lands on; screenshots at 1280 and 360 px wide go to INFOSTORY_SHOTS (if set)."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from changes.models import Change
from stories.private_link import track_path
from tests.casestudy_factories import published_case_study
from tests.factories import AcceptedStoryFactory, EngagementManagerFactory, PublishedStoryFactory
from tests.test_e2e_journey import PASSWORD, open_tab  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NATIONAL_ASK = "Clear national guidance that hospitals may share a discharge date."
CHANGE_PAGE = re.compile(r"/admin/changes/change/\d+/change/(\?.*)?$")
WHAT_CHANGED = "The department published the guidance; every trust now shares the date."


def shoot(page, name):
    """Screenshots at 1280 and 360 px wide, when INFOSTORY_SHOTS names a folder."""
    folder = os.environ.get("INFOSTORY_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def step(tab, button, confirm):
    page = tab.page
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(re.compile(r"/move/"))
    tab.check()
    page.get_by_role("button", name=confirm).click()
    page.wait_for_url(re.compile(CHANGE_PAGE))
    return tab.check()


def test_a_manager_turns_a_national_ask_into_a_change_made(open_tab):  # noqa: F811
    manager = EngagementManagerFactory(first_name="Gurpreet", last_name="Sarai")
    told = PublishedStoryFactory(
        public_title="A discharge date shared in time", consent_contact=True, email="t@example.org"
    )
    quiet = PublishedStoryFactory(public_title="A discharge date never sent", consent_contact=False)
    held = AcceptedStoryFactory(
        public_title="Held for staff", consent_contact=True, email="h@ex.org"
    )
    case_study = published_case_study(
        actor=manager,
        stories=[told, quiet],
        title="Discharge in Torbay",
        national_asks=NATIONAL_ASK,
    )
    mail.outbox.clear()

    # 1. The manager starts a change from the case study's national asks.
    admin = open_tab()
    page = admin.goto("/admin/login/")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(admin.base_url + "/admin/")
    admin.check()
    page = admin.goto("/admin/changes/change/start/")
    page.get_by_role("link", name=f"start from its national asks of {case_study.title}").click()
    page.wait_for_url(re.compile(r"/admin/changes/change/add/"))
    admin.check()
    expect(page.locator("#id_summary")).to_have_value(NATIONAL_ASK)
    page.locator("#id_title").fill("National guidance on sharing discharge dates")
    page.locator("#id_title").press("Tab")  # the slug is made from the title
    expect(page.locator("#id_slug")).to_have_value("national-guidance-on-sharing-discharge-dates")
    page.locator("#id_owner").fill("Department of Health and Social Care")
    page.get_by_label("Uncertainty about the law").check()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(re.compile(CHANGE_PAGE))
    admin.check()
    change = Change.objects.get()
    assert list(change.case_studies.all()) == [case_study]

    # 2. Three stories as evidence, each shown with its status and whether it is public.
    page.get_by_role("link", name="Add evidence").click()
    page.wait_for_url(re.compile(r"/evidence/$"))
    admin.check()
    expect(page.get_by_text("Accepted, not public").first).to_be_visible()
    for story in (told, quiet, held):
        page.locator(f"#story-{story.pk}").check()
    page.get_by_role("button", name="Add the chosen stories as evidence").click()
    page.wait_for_url(re.compile(CHANGE_PAGE))
    admin.check()
    expect(page.get_by_text("3 stories added as evidence")).to_be_visible()

    # 3. Asked for, an update, in progress, what changed, made: each step confirmed.
    page = step(admin, "Mark as asked for", "Yes, mark as asked for")
    page.locator("#id_updates-0-date").fill("2026-11-02")
    page.locator("#id_updates-0-text").fill("The department agreed to write the guidance.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(re.compile(CHANGE_PAGE))
    admin.check()
    page = step(admin, "Mark as in progress", "Yes, mark as in progress")
    page.locator("#id_what_changed").fill(WHAT_CHANGED)
    page = step(admin, "Mark as made", "Yes, mark as made")
    expect(page.get_by_text("is now made")).to_be_visible()
    shoot(page, "admin-change-made")
    change.refresh_from_db()
    assert change.status == Change.Status.MADE
    admin.assert_every_page_was_checked()

    # 4. The public page: the owner, the timeline, what changed, two cards, one held.
    public = open_tab()
    page = public.goto(change.get_absolute_url())
    expect(page.locator("h1")).to_have_text("National guidance on sharing discharge dates")
    for words in (
        "Department of Health and Social Care",
        WHAT_CHANGED,
        "The department agreed to write the guidance.",
        "A discharge date shared in time",
        "A discharge date never sent",
        "1 more story is held as evidence",
        "Discharge in Torbay",
    ):
        expect(page.get_by_text(words).first).to_be_visible()
    expect(page.get_by_text("Held for staff")).to_have_count(0)
    shoot(page, "public-change")
    page = public.goto("/changes/?status=made")
    expect(
        page.get_by_role("link", name="National guidance on sharing discharge dates")
    ).to_be_visible()
    shoot(page, "public-changes")

    # 5. The story page and the storyteller's own page list it.
    page = public.goto(told.get_absolute_url())
    expect(page.get_by_text("This story is evidence for 1 change")).to_be_visible()
    shoot(page, "story-page")
    page = public.goto(track_path(held))
    expect(page.get_by_text("Your story is evidence for 1 change")).to_be_visible()
    shoot(page, "storyteller-page")
    public.assert_every_page_was_checked()

    # 6. The storytellers who agreed are emailed once, with the change's link.
    assert sorted(message.to[0] for message in mail.outbox) == ["h@ex.org", "t@example.org"]
    assert all(change.get_absolute_url() in message.body for message in mail.outbox)
    if os.environ.get("INFOSTORY_SHOTS"):
        Path(os.environ["INFOSTORY_SHOTS"], "email.txt").write_text(
            mail.outbox[0].subject + "\n\n" + mail.outbox[0].body
        )
