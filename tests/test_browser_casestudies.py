"""Case studies in Chromium: an engagement manager builds one from three published stories
(one quote per lens), previews and publishes it; the public reads it, follows a quote to
its story and back, and downloads the PDF; the story is withdrawn and its quote is gone,
and the author sees "needs review". axe-core runs on every page each person lands on."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from tests.factories import EngagementManagerFactory, PublishedStoryFactory
from tests.test_e2e_journey import PASSWORD, open_tab  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LENSES = ["Leadership", "Capacity", "Culture"]
WORDS = [
    "The director rang her opposite number the same afternoon.",
    "One named lead worker held the plan for every agency.",
    "Staff stopped treating consent as a reason to say nothing.",
]


def sign_in(tab, user):
    page = tab.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(tab.base_url + "/admin/")
    tab.check()
    return page


def click_and_check(tab, locator, url):
    locator.click()
    tab.page.wait_for_url(url)
    return tab.check()


def test_a_case_study_from_authoring_to_the_public_and_back_to_review(open_tab):  # noqa: F811
    manager = EngagementManagerFactory(first_name="Gurpreet", last_name="Sarai")
    stories = [
        PublishedStoryFactory(
            public_title=f"Story for the {lens.lower()} lens",
            public_body=f"Before anything else. {words} After that, it was easier.",
            case_study_candidate=True,
        )
        for lens, words in zip(LENSES, WORDS, strict=True)
    ]
    tabs = []

    # 1. The manager writes the case study with its three lens sections.
    admin = open_tab()
    tabs.append(admin)
    page = sign_in(admin, manager)
    page = admin.goto("/admin/casestudies/casestudy/add/")
    page.get_by_label("Title:").fill("Torbay: one plan, many agencies")
    page.get_by_label("Title:").press("Tab")  # the slug is made from the title
    expect(page.get_by_label("Slug:")).to_have_value("torbay-one-plan-many-agencies")
    page.get_by_label("Summary:").fill("How Torbay's services came to share one plan.")
    for n, lens in enumerate(LENSES):
        page.locator(f"#id_sections-{n}-what_got_in_the_way").fill(f"{lens}: in the way.")
        page.locator(f"#id_sections-{n}-what_helped").fill(f"{lens}: what helped.")
    click_and_check(
        admin,
        page.get_by_role("button", name="Save and continue editing"),
        re.compile(r"/admin/casestudies/casestudy/\d+/change/"),
    )
    case_study = CaseStudy.objects.get(slug="torbay-one-plan-many-agencies")
    change = page.url

    # 2. Finds the candidates, then quotes one story per lens, each checked on saving.
    page = admin.goto("/admin/casestudies/casestudy/candidates/")
    for story in stories:
        expect(page.get_by_text(story.public_title)).to_be_visible()
    for n, (story, lens, words) in enumerate(zip(stories, LENSES, WORDS, strict=True)):
        page = admin.goto(change.removeprefix(admin.base_url))
        page.locator(f"#id_quotes-{n}-story").fill(story.reference)
        page.locator(f"#id_quotes-{n}-section").select_option(label=lens)
        page.locator(f"#id_quotes-{n}-quote").fill(words)
        click_and_check(admin, page.get_by_role("button", name="Save and continue editing"), change)
        expect(page.get_by_text("was changed successfully")).to_be_visible()
    assert case_study.quotes.count() == 3

    # 3. Previews it exactly as the public will see it, then publishes it, confirming each step.
    page = click_and_check(
        admin, page.get_by_role("link", name="Preview as the public will see it"), "**/preview/"
    )
    for words in WORDS:
        expect(page.locator("blockquote").get_by_text(words)).to_be_visible()
    page = admin.goto(change.removeprefix(admin.base_url))
    for button, confirm in (
        ("Send for review", "Yes, send for review"),
        ("Publish", "Yes, publish"),
    ):
        page = click_and_check(
            admin, page.get_by_role("button", name=button, exact=True), "**/move/**"
        )
        page.get_by_label("Note:").fill(f"{button}: checked.")
        page = click_and_check(admin, page.get_by_role("button", name=confirm), change)
    expect(page.get_by_text("is now published")).to_be_visible()
    case_study.refresh_from_db()
    assert case_study.status == CaseStudy.Status.PUBLISHED

    # 4. The public reads it, follows a quote to its story and back, and downloads the PDF.
    public = open_tab()
    tabs.append(public)
    page = public.goto("/case-studies/")
    page = click_and_check(
        public,
        page.get_by_role("link", name="Torbay: one plan, many agencies"),
        "**/torbay-one-plan-many-agencies/",
    )
    quote = page.locator("figure").filter(has_text=WORDS[2])
    page = click_and_check(
        public,
        quote.get_by_role("link", name=stories[2].public_title),
        f"**{stories[2].get_absolute_url()}",
    )
    page = click_and_check(
        public,
        page.get_by_role("link", name="Torbay: one plan, many agencies"),
        "**/torbay-one-plan-many-agencies/",
    )
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download this case study as a PDF")).click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # 5. A story is withdrawn from the site: its quote is gone at once.
    page = admin.goto(f"/admin/stories/story/{stories[2].pk}/change/")
    page.get_by_role("button", name="Withdraw from the site", exact=True).click()
    page.wait_for_url(re.compile(r"/withdraw/"))
    admin.check()  # the confirmation page
    page.get_by_role("button", name="Yes, withdraw it from the site").click()
    expect(page.get_by_text(f"{stories[2].reference} was withdrawn from the site.")).to_be_visible()
    admin.check()
    page = public.goto("/case-studies/torbay-one-plan-many-agencies/")
    expect(page.locator("blockquote")).to_have_count(2)
    assert WORDS[2] not in page.content() and stories[2].reference not in page.content()

    # 6. Its author sees "needs review" on the admin index and the case study.
    page = admin.goto("/admin/")
    review = page.get_by_role("region", name="Case studies that need review")
    page = click_and_check(
        admin, review.get_by_role("link", name="Torbay: one plan, many agencies"), change
    )
    expect(
        page.get_by_text("Needs review: a story it quotes has left the public site")
    ).to_be_visible()

    # 7. On a 320-pixel phone the pages do not scroll sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    public.page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/case-studies/", "/case-studies/torbay-one-plan-many-agencies/"):
        page = public.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path

    for tab in tabs:
        tab.assert_every_page_was_checked()
