"""The whole journey in Chromium: a member of the public shares a story, an engagement
manager moderates and publishes it in the admin, the public finds it by policy area and by
search, and a member of staff sees it in the list and in insights.

axe-core runs on every page each person lands on: a Tab records each navigation, and the
test fails if any page was left without a check (or if axe-core finds any violation).
"""

import re
import time
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.browser import assert_accessible
from tests.factories import EngagementManagerFactory, StaffFactory
from tests.submit_helpers import choose_area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"

# What the member of the public types: the original words and who they are.
ORIGINAL_TITLE = "My sister kept her flat because two teams talked"
WHAT_HAPPENED = (
    "My sister fell behind with her rent while she was in hospital. The ward's discharge "
    "team rang the housing office before she came home."
)
DIFFERENCE = "The housing office paused the eviction and she came home to her own flat."
SUBMITTER_NAME = "Bronwen Tregothnan"
SUBMITTER_EMAIL = "bronwen.tregothnan@example.org"
THEME = "Health and social care"
THEME_SLUG = "health-and-social-care"
AREA = "Torbay"

# What the engagement manager publishes: no names, no details that identify anyone.
PUBLIC_TITLE = "A discharge team and a housing office kept a tenancy safe"
PUBLIC_SUMMARY = "One phone call from a hospital ward stopped an eviction."
PUBLIC_BODY = (
    "Before a patient went home, the discharge team told the housing office about her "
    "rent arrears. The office paused the eviction, and the patient returned to a "
    "safeguarded home."
)
SEARCH_WORD = "safeguarded"  # in the public version only


class Tab:
    """A person's browser tab that runs axe-core on every page it lands on.

    Every main-frame navigation is recorded; check() runs axe-core on the current page
    and marks it checked. A navigation that happens before the last page was checked is
    kept in `unchecked`, and the journey fails on it.
    """

    def __init__(self, context, base_url):
        self.base_url = base_url
        self.page = context.new_page()
        self.page.set_default_timeout(10_000)
        self.pending = None
        self.unchecked = []
        self.checked = []
        self.page.on("framenavigated", self._landed)

    def _landed(self, frame):
        if frame != self.page.main_frame or frame.url.startswith("about:"):
            return
        if self.pending is not None:
            self.unchecked.append(self.pending)
        self.pending = frame.url

    def goto(self, path):
        self.page.goto(self.base_url + path)
        return self.check()

    def check(self):
        self.page.wait_for_load_state()
        assert_accessible(self.page)
        self.checked.append(self.page.url)
        self.pending = None
        return self.page

    def assert_every_page_was_checked(self):
        assert self.unchecked == [], f"pages left without an axe-core check: {self.unchecked}"
        assert self.pending is None, f"the last page was not checked: {self.pending}"


@pytest.fixture
def open_tab(browser, live_server):
    """open_tab() -> a Tab in a fresh browser context (cookies of its own); closed after."""
    contexts, tabs = [], []

    def open_tab():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        contexts.append(context)
        tab = Tab(context, live_server.url)
        tabs.append(tab)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def share_the_story(page):
    page.get_by_label("Give your story a short title").fill(ORIGINAL_TITLE)
    page.get_by_label("What happened?").fill(WHAT_HAPPENED)
    page.get_by_label("What difference did sharing information make").fill(DIFFERENCE)
    page.get_by_label("Sharing information made a difference", exact=True).check()
    choose_area(page, AREA)
    page.get_by_label(THEME).check()
    page.get_by_label("Your name (optional)").fill(SUBMITTER_NAME)
    page.get_by_label("Your email address (optional)").fill(SUBMITTER_EMAIL)
    page.get_by_label("You may contact me about my story").check()
    page.get_by_label("You may publish an anonymised version of my story").check()


def take_step(tab, button, done):
    """Press a moderation button; the page comes back saying what was done."""
    tab.page.get_by_role("button", name=button, exact=True).click()
    expect(tab.page.get_by_text(done)).to_be_visible()
    return tab.check()


def test_a_story_goes_from_the_form_through_moderation_to_the_public_and_staff(open_tab, settings):
    settings.INFOSTORY_MIN_FILL_SECONDS = 0  # Playwright fills the form faster than a person
    manager = EngagementManagerFactory()
    staff = StaffFactory()
    tabs = []

    # 1. A member of the public shares a story and reads the reference.
    public = open_tab()
    tabs.append(public)
    page = public.goto("/")
    page.get_by_role("link", name="Share your story").first.click()
    page.wait_for_url("**/share/")
    public.check()
    share_the_story(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/share/check/$"))
    public.check()
    page.get_by_role("button", name="Send my story").click()
    page.wait_for_url(re.compile(r"/share/thanks/IS-[0-9A-Z]{6}/$"))
    public.check()
    expect(page.get_by_role("heading", name="Your story has been sent")).to_be_visible()
    reference = page.locator("#reference").inner_text().strip()
    story = Story.objects.get(reference=reference)
    assert story.status == Story.Status.SUBMITTED and not story.is_suspected_spam

    # 2. An engagement manager finds it by its reference, reviews, accepts and publishes it.
    moderation = open_tab()
    tabs.append(moderation)
    page = moderation.goto("/admin/login/")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(moderation.base_url + "/admin/")
    moderation.check()
    page = moderation.goto("/admin/stories/story/")
    page.get_by_label("Search stories").fill(reference)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(rf"q={reference}"))
    moderation.check()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/admin/stories/story/\d+/change/"))
    moderation.check()
    assert reference in page.title()
    take_step(moderation, "Start review", f"{reference} was moved into review.")

    page.get_by_label("Public title").fill(PUBLIC_TITLE)
    page.get_by_label("Public summary").fill(PUBLIC_SUMMARY)
    page.get_by_label("Public body").fill(PUBLIC_BODY)
    page.get_by_label("Case study candidate").check()
    page.get_by_label("Note for the timeline").fill("Removed the names and the ward.")
    take_step(moderation, "Accept", f"{reference} was accepted.")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(re.compile(r"/publish/"))
    moderation.check()  # the preview, through axe-core too
    page.get_by_label(
        "I have checked this version for anything that could identify a person"
    ).check()
    take_step(moderation, "Publish", f"{reference} was published.")
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert story.public_title == PUBLIC_TITLE
    assert [theme.slug for theme in story.themes.all()] == [THEME_SLUG]

    # 3. The public browses by policy area, searches, and reads the public version only.
    page = public.goto("/themes/")
    page.get_by_role("link", name=THEME, exact=True).click()
    page.wait_for_url(f"**/themes/{THEME_SLUG}/")
    public.check()
    expect(page.get_by_role("link", name=PUBLIC_TITLE)).to_be_visible()

    page = public.goto("/stories/")
    page.get_by_label("Search the stories").fill(SEARCH_WORD)
    page.get_by_role("button", name="Show stories").click()
    page.wait_for_url(re.compile(rf"q={SEARCH_WORD}"))
    public.check()
    expect(page.get_by_role("link", name=PUBLIC_TITLE)).to_be_visible()
    page.get_by_role("link", name=PUBLIC_TITLE).click()
    page.wait_for_url(f"**/stories/{reference}/")
    public.check()
    expect(page.get_by_role("heading", name=PUBLIC_TITLE, level=1)).to_be_visible()
    text = page.locator("body").inner_text()
    html = page.content()
    assert PUBLIC_SUMMARY in text and "safeguarded home" in text
    for private in (SUBMITTER_EMAIL, SUBMITTER_NAME, "Tregothnan", ORIGINAL_TITLE, WHAT_HAPPENED):
        assert private not in html, f"{private!r} is on the public story page"

    # 4. A member of staff signs in and sees the story in the list and in insights.
    office = open_tab()
    tabs.append(office)
    page = office.goto("/accounts/login/?next=/stories/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(office.base_url + "/stories/")
    office.check()
    expect(page.get_by_role("link", name=PUBLIC_TITLE)).to_be_visible()
    page = office.goto("/insights/")
    expect(page.locator(f"#table-themes tr[data-key='{THEME_SLUG}'] td")).to_have_text(
        re.compile(r"^1\b")
    )
    pipeline = page.locator("section[aria-labelledby='case-studies-heading']")
    expect(pipeline.get_by_text(reference)).to_be_visible()
    expect(pipeline.get_by_role("link", name=PUBLIC_TITLE)).to_be_visible()

    for tab in tabs:
        tab.assert_every_page_was_checked()
    # Check your answers and the publication preview among them.
    assert sum(len(tab.checked) for tab in tabs) == 21


def test_a_story_sent_at_a_persons_speed_is_not_taken_for_spam(open_tab, monkeypatch):
    """The journey above turns the minimum fill time off; here it stays at its default (3 s)
    and the form's clock moves on a minute between opening the form and sending it."""
    clock = SimpleNamespace(now=time.time())
    monkeypatch.setattr("stories.forms.time", SimpleNamespace(time=lambda: clock.now))
    tab = open_tab()
    for minutes, spam in ((1, False), (0, True)):
        page = tab.goto("/share/")
        share_the_story(page)
        # Two different stories: the same one again within a day leads to the first.
        page.get_by_label("Give your story a short title").fill(f"{ORIGINAL_TITLE} ({spam})")
        clock.now += 60 * minutes
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(re.compile(r"/share/check/$"))
        tab.check()
        page.get_by_role("button", name="Send my story").click()
        page.wait_for_url(re.compile(r"/share/thanks/"))
        tab.check()
        reference = page.locator("#reference").inner_text().strip()
        assert Story.objects.get(reference=reference).is_suspected_spam is spam
    tab.assert_every_page_was_checked()
