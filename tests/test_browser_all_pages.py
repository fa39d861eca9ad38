"""Every page of the portal, in one list, through axe-core in Chromium.

Each entry says who visits (the public, a member of staff, an engagement manager), how
they get there (a URL, or the steps that lead to a state such as a form's errors) and
the status and level-one heading they should see. A page added to the portal belongs
here. The number of pages checked is printed at the end of the run ("InfoStory
figures", tests/conftest.py).
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stories.models import LocalArea, PolicyTheme, Story
from stories.private_link import make_token, track_path
from tests.browser import assert_accessible
from tests.casestudy_factories import browser_case_studies
from tests.change_factories import browser_changes
from tests.factories import (
    AcceptedStoryFactory,
    EngagementManagerFactory,
    InReviewStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    StaffFactory,
    SubmittedStoryFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Visit:
    name: str
    who: str  # "public", "staff" or "manager"
    reach: Callable  # reach(page, url, portal) -> the HTTP status of the page landed on
    status: int
    heading: str | re.Pattern


def at(path):
    """Reach a fixed path; path may be a callable(portal) for paths that need the data."""

    def reach(page, url, portal):
        return page.goto(url + (path(portal) if callable(path) else path)).status

    return reach


def after(path, steps, *, first=None):
    """Open path, do first(page, portal) if given, then steps(page, portal), which end on
    a navigation: the status of the page that navigation lands on. path may be a
    callable(portal), as for at()."""

    def reach(page, url, portal):
        page.goto(url + (path(portal) if callable(path) else path))
        if first:
            first(page, portal)
        with page.expect_navigation() as navigation:
            steps(page, portal)
        return navigation.value.status

    return reach


def after_at(path, steps):
    """Like after, for a path that needs the data: path(portal)."""

    def reach(page, url, portal):
        page.goto(url + path(portal))
        with page.expect_navigation() as navigation:
            steps(page, portal)
        return navigation.value.status

    return reach


def send_empty_form(page, portal):
    page.get_by_role("button", name="Continue").click()


def fill_and_continue(page, portal):
    page.get_by_label("Give your story a short title").fill("Shared plans kept Mrs K at home")
    page.get_by_label("What happened?").fill("The GP and the council shared one care plan.")
    page.get_by_label("What difference did sharing information make").fill("She stayed home.")
    page.get_by_label("Sharing information made a difference", exact=True).check()
    page.get_by_label("Your email address (optional)").fill("mrs.k.carer@example.org")
    page.get_by_role("button", name="Continue").click()


CONCERN_WORDS = (
    "My partner has been hitting me. I am scared he will hurt me again tonight, and the "
    "GP and the housing officer never talked to each other."
)


def fill_concern_and_continue(page, portal):
    page.get_by_label("Give your story a short title").fill("Nobody joined it up")
    page.get_by_label("What happened?").fill(CONCERN_WORDS)
    page.get_by_label("What difference did sharing information make").fill("Help sooner.")
    page.get_by_label("Sharing information could have made a difference", exact=True).check()
    page.get_by_role("button", name="Continue").click()


def fill_concern_and_check(page, portal):
    fill_concern_and_continue(page, portal)
    page.wait_for_url(re.compile(r"/share/check/$"))


def fill_too_long_and_continue(page, portal):
    page.get_by_label("Give your story a short title").fill("A long story")
    # Pasted, as a person would: no maxlength cuts it, the count says how far over it is.
    page.get_by_label("What happened?").fill("The discharge summary never arrived. " * 560)
    page.get_by_label("What difference did sharing information make").fill("She stayed home.")
    page.get_by_label("Sharing information made a difference", exact=True).check()
    expect(page.locator("#id_what_happened-count")).to_contain_text("characters too many")
    page.get_by_role("button", name="Continue").click()


def open_the_copy(page, portal):
    send_checked(page, portal)
    page.wait_for_url(re.compile(r"/share/thanks/"))
    page.get_by_role("link", name="Keep a copy of your story").click()


def bulk_accept_everything(page, portal):
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("accept")
    page.get_by_role("button", name="Go").click()


def fill_and_check(page, portal):
    fill_and_continue(page, portal)
    page.wait_for_url(re.compile(r"/share/check/$"))


def send_checked(page, portal):
    page.get_by_role("button", name="Send my story").click()


def wrong_password(page, portal):
    page.get_by_label("Username").fill(portal["staff"].username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()


def expired_form(page, portal):
    page.context.clear_cookies()  # the CSRF cookie is gone: the form has "expired"
    wrong_password(page, portal)


def one_failure(page, portal):
    # AXES_FAILURE_LIMIT is 2 in these tests: the first failure shows the form again.
    wrong_password(page, portal)
    page.wait_for_selector("#error-summary-title")


def search(page, portal):
    page.get_by_label("Search the stories").fill("housing")
    page.get_by_role("button", name="Show stories").click()


def track(key, action=""):
    """The private page of portal[key] (or one of its confirmation pages)."""

    def path(portal):
        if action:
            return reverse(
                "stories:track_action", kwargs={"token": make_token(portal[key]), "action": action}
            )
        return track_path(portal[key])

    return path


def add_nothing(page, portal):
    page.get_by_role("button", name="Add to my story").click()


def add_words(page, portal):
    page.get_by_label("Add to your story").fill("Six months on, the two teams share one plan.")
    page.get_by_role("button", name="Add to my story").click()


def confirm(button):
    return lambda page, portal: page.get_by_role("button", name=button).click()


def ask_for_a_link(page, portal):
    page.get_by_label("Your story's reference").fill(portal["published"].reference)
    page.get_by_label("The email address you gave with your story").fill("someone@example.org")
    page.get_by_role("button", name="Send me a new link").click()


def ask_with_nothing(page, portal):
    page.get_by_role("button", name="Send me a new link").click()


def expired_link(portal):
    from unittest import mock

    long_ago = time.time() - 400 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        return track_path(portal["accepted"])


def story_path(key):
    return lambda portal: portal[key].get_absolute_url()


def admin_change_path(portal):
    return reverse("admin:stories_story_change", args=[portal["in_review"].pk])


def admin_path(name, key):
    return lambda portal: reverse(f"admin:stories_story_{name}", args=[portal[key].pk])


def publish_unticked(page, portal):
    page.get_by_role("button", name="Publish", exact=True).click()


def save_personal_data_in_published(page, portal):
    page.get_by_label("Public body").fill("Ring 07700 900461 for the school office.")
    page.get_by_role("button", name="Save and continue editing").click()


# The redaction desk's words: a name, a phone number and an NHS number (fictional).
DESK_WORDS = (
    "Our pupil Oliver Bennett had a seizure. We rang his mum Sarah Bennett on 07700 900461; "
    "the crew asked for his NHS number, 943 476 5919."
)


def case_study_path(key, view=None, *args):
    def path(portal):
        case_study = portal[key]
        if view is None:
            return case_study.get_absolute_url()
        return reverse(f"admin:casestudies_casestudy_{view}", args=[case_study.pk, *args])

    return path


def refused_published_edit(page, portal):
    page.locator("#id_summary").fill("Call Jane Smith on 07700 900123 about the plan.")
    page.get_by_role("button", name="Save and continue editing").click()


def refused_quote(page, portal):
    page.locator("#id_quotes-0-story").fill(portal["published"].reference)
    page.locator("#id_quotes-0-quote").fill("Words the story never said.")
    page.get_by_role("button", name="Save and continue editing").click()


def publish(page, portal):
    page.get_by_role("button", name="Yes, publish").click()


CASE_STUDY_PAGES = [
    Visit("case studies", "public", at("/case-studies/"), 200, "Case studies"),
    Visit(
        "case studies, filtered",
        "public",
        at("/case-studies/?theme=welfare-reform&area=devon-and-torbay&lens=culture"),
        200,
        "Case studies",
    ),
    Visit(
        "case studies, a filter that cannot be used",
        "public",
        at("/case-studies/?theme=no-such-theme&lens=%3Cb%3E"),
        200,
        "Case studies",
    ),
    Visit(
        "a case study", "public", at(case_study_path("case_study")), 200, "A published case study"
    ),
    Visit(
        "a case study in review",
        "public",
        at(case_study_path("case_study_in_review")),
        404,
        "Page not found",
    ),
    Visit(
        "a case study in review, for staff",
        "staff",
        at(case_study_path("case_study_in_review")),
        200,
        "A case study in review",
    ),
    Visit(
        "admin case study, read-only for staff",
        "staff",
        at(case_study_path("case_study_in_review", "change")),
        200,
        "View case study",
    ),
    Visit(
        "admin case studies",
        "manager",
        at("/admin/casestudies/casestudy/"),
        200,
        "Select case study to change",
    ),
    Visit(
        "admin case study, new",
        "manager",
        at("/admin/casestudies/casestudy/add/"),
        200,
        "Add case study",
    ),
    Visit(
        "admin case study, needing review",
        "manager",
        at(case_study_path("case_study", "change")),
        200,
        "Change case study",
    ),
    Visit(
        "admin case study, published, an edit refused by the personal-data check",
        "manager",
        lambda page, url, portal: after(
            case_study_path("case_study", "change")(portal), refused_published_edit
        )(page, url, portal),
        200,
        "Change case study",
    ),
    Visit(
        "admin case study, a quote refused",
        "manager",
        lambda page, url, portal: after(
            case_study_path("case_study_in_review", "change")(portal), refused_quote
        )(page, url, portal),
        200,
        "Change case study",
    ),
    Visit(
        "admin case study, preview",
        "manager",
        at(case_study_path("case_study_in_review", "preview")),
        200,
        "A case study in review",
    ),
    Visit(
        "admin case study, confirm publishing",
        "manager",
        at(case_study_path("case_study_in_review", "move", "published")),
        200,
        "Publish: are you sure?",
    ),
    Visit(
        "admin case study, publishing refused",
        "manager",
        lambda page, url, portal: after(
            case_study_path("case_study_in_review", "move", "published")(portal), publish
        )(page, url, portal),
        200,
        "Publish: are you sure?",
    ),
    Visit(
        "admin find stories to quote",
        "manager",
        at("/admin/casestudies/casestudy/candidates/?theme=welfare-reform"),
        200,
        "Find stories to quote",
    ),
]


def change_path(key, view=None, *args):
    def path(portal):
        change = portal[key]
        if view is None:
            return change.get_absolute_url()
        return reverse(f"admin:changes_change_{view}", args=[change.pk, *args])

    return path


def mark_made(page, portal):
    page.get_by_role("button", name="Yes, mark as made").click()


def refused_change_edit(page, portal):
    page.locator("#id_summary").fill("Call Jane Smith on 07700 900123 about the plan.")
    page.get_by_role("button", name="Save and continue editing").click()


def add_to_a_change(page, portal):
    page.locator("#result_list tbody input[type=checkbox]").first.check()
    page.get_by_label("Action:").select_option("add_as_evidence")
    page.get_by_role("button", name="Go").click()


CHANGE_PAGES = [
    Visit("changes", "public", at("/changes/"), 200, "From barriers to change"),
    Visit(
        "changes, filtered",
        "public",
        at("/changes/?level=national&status=made&theme=welfare-reform&area=torbay&barrier=consent"),
        200,
        "From barriers to change",
    ),
    Visit(
        "changes, a filter that cannot be used",
        "public",
        at("/changes/?status=proposed&level=%3Cb%3E"),
        200,
        "From barriers to change",
    ),
    Visit("a change made", "public", at(change_path("change_made")), 200, "A change that was made"),
    Visit("a proposed change", "public", at(change_path("change_proposed")), 404, "Page not found"),
    Visit(
        "a proposed change, for staff",
        "staff",
        at(change_path("change_proposed")),
        200,
        "A proposed change",
    ),
    Visit(
        "a change made, for staff",
        "staff",
        at(change_path("change_made")),
        200,
        "A change that was made",
    ),
    Visit(
        "admin changes",
        "manager",
        at("/admin/changes/change/?needs_update=yes"),
        200,
        "Select change to change",
    ),
    Visit(
        "admin start a change",
        "manager",
        at("/admin/changes/change/start/"),
        200,
        "Start a change",
    ),
    Visit(
        "admin change, new from a case study's national asks",
        "manager",
        at(
            lambda portal: (
                f"/admin/changes/change/add/?case_study={portal['case_study'].pk}"
                "&from=national_asks"
            )
        ),
        200,
        "Add change",
    ),
    Visit(
        "admin change, made",
        "manager",
        at(change_path("change_made", "change")),
        200,
        "Change change",
    ),
    Visit(
        "admin change, an edit refused by the personal-data check",
        "manager",
        lambda page, url, portal: after(
            change_path("change_in_progress", "change")(portal), refused_change_edit
        )(page, url, portal),
        200,
        "Change change",
    ),
    Visit(
        "admin change, add evidence",
        "manager",
        at(change_path("change_in_progress", "evidence")),
        200,
        "Add evidence: A change in progress",
    ),
    Visit(
        "admin change, confirm marking as made",
        "manager",
        at(change_path("change_in_progress", "move", "made")),
        200,
        "Mark as made: are you sure?",
    ),
    Visit(
        "admin change, marking as made refused",
        "manager",
        lambda page, url, portal: after(
            change_path("change_in_progress", "move", "made")(portal), mark_made
        )(page, url, portal),
        200,
        "Mark as made: are you sure?",
    ),
    Visit(
        "admin stories, add as evidence for a change",
        "manager",
        after("/admin/stories/story/?status__exact=published", add_to_a_change),
        200,
        "Add as evidence for a change",
    ),
]


SUBMITTED_TITLE = re.compile("^Your story IS-")


# --- alerts, and messages with storytellers ---


def alerts_portal():
    """What the alerts pages and the conversation pages need (added to portal)."""
    from alerts import subscribing
    from stories import conversation
    from stories.models import ReplyTemplate

    manager = EngagementManagerFactory()
    pending = subscribing.subscribe(
        email="pending@example.org", kinds=["stories"], frequency="weekly"
    )
    confirmed = subscribing.subscribe(
        email="reader@example.org", kinds=["stories", "case_studies"], frequency="daily"
    )
    subscribing.confirm(confirmed)
    asked = AcceptedStoryFactory(consent_contact=True)
    template, _ = ReplyTemplate.objects.get_or_create(
        name="Ask for the area", defaults={"text": "Which local area was this in?"}
    )
    conversation.write_to_storyteller(asked, text="Which council was it, please?", actor=manager)
    conversation.storyteller_answers(asked, text="It was Torbay council.")
    return {
        "alert_pending": pending,
        "alert": confirmed,
        "asked": asked,
        "reply_template": template,
        "not_contactable": AcceptedStoryFactory(consent_contact=False),
    }


def sign_up_with_nothing(page, portal):
    page.get_by_role("button", name="Send me a link to confirm").click()


def sign_up(page, portal):
    page.get_by_label("Your email address").fill("new.reader@example.org")
    page.get_by_label("Stories", exact=True).check()
    page.get_by_role("button", name="Send me a link to confirm").click()


def save_no_kinds(page, portal):
    for box in page.locator("input[name=kinds]").all():
        box.uncheck()
    page.get_by_role("button", name="Save my choices").click()


def answer_nothing(page, portal):
    page.get_by_role("button", name="Send my answer").click()


def outbox_path(portal):
    from post_office.models import Email

    return reverse("admin:post_office_email_change", args=[Email.objects.order_by("pk")[0].pk])


ALERT_PAGES = [
    Visit("alerts, sign up", "public", at("/alerts/"), 200, "Get alerts"),
    Visit(
        "alerts, sign up with errors",
        "public",
        after("/alerts/", sign_up_with_nothing),
        200,
        "Get alerts",
    ),
    Visit(
        "alerts, check your email", "public", after("/alerts/", sign_up), 200, "Check your email"
    ),
    Visit(
        "alerts, confirm",
        "public",
        at(lambda portal: portal["alert_pending"].confirm_path()),
        200,
        "Confirm your alerts",
    ),
    Visit(
        "alerts, confirmed",
        "public",
        after(lambda portal: portal["alert_pending"].confirm_path(), confirm("Confirm my alerts")),
        200,
        "Your alerts",
    ),
    Visit(
        "alerts, change them",
        "public",
        at(lambda portal: portal["alert"].manage_path()),
        200,
        "Your alerts",
    ),
    Visit(
        "alerts, change them with errors",
        "public",
        after(lambda portal: portal["alert"].manage_path(), save_no_kinds),
        200,
        "Your alerts",
    ),
    Visit(
        "alerts, stop them",
        "public",
        at(lambda portal: portal["alert"].unsubscribe_path()),
        200,
        "Stop your alerts",
    ),
    Visit(
        "alerts, stopped",
        "public",
        after(lambda portal: portal["alert"].unsubscribe_path(), confirm("Stop my alerts")),
        200,
        "Your alerts have stopped",
    ),
    Visit(
        "alerts, a link that does not work",
        "public",
        at("/alerts/not-a-real-link/"),
        404,
        "This link does not work",
    ),
    Visit("story's page, a message to answer", "public", at(track("asked")), 200, SUBMITTED_TITLE),
    Visit(
        "story's page, an answer with an error",
        "public",
        after(track("asked"), answer_nothing),
        200,
        SUBMITTED_TITLE,
    ),
    Visit(
        "admin story with messages",
        "manager",
        at(admin_path("change", "asked")),
        200,
        "Change story",
    ),
    Visit(
        "admin write to the storyteller",
        "manager",
        at(
            lambda portal: (
                admin_path("write", "asked")(portal) + f"?template={portal['reply_template'].pk}"
            )
        ),
        200,
        re.compile("^Write to the storyteller of IS-"),
    ),
    Visit(
        "admin write to the storyteller, not allowed",
        "manager",
        at(admin_path("write", "not_contactable")),
        200,
        re.compile("^Write to the storyteller of IS-"),
    ),
    Visit(
        "admin email outbox",
        "manager",
        at("/admin/post_office/email/?status=2"),
        200,
        re.compile("^Select [Ee]mail to change"),
    ),
    Visit("admin an email", "manager", at(outbox_path), 200, re.compile("^Change [Ee]mail")),
    Visit(
        "admin reply templates",
        "manager",
        at("/admin/stories/replytemplate/"),
        200,
        "Select reply template to change",
    ),
]

PAGES = [
    # The public.
    Visit("home", "public", at("/"), 200, "#InfoStory: has sharing information made a difference?"),
    Visit("share", "public", at("/share/"), 200, "Share your story"),
    Visit("share, errors", "public", after("/share/", send_empty_form), 200, "Share your story"),
    Visit(
        "check your answers",
        "public",
        after("/share/", fill_and_continue),
        200,
        "Check your answers before sending your story",
    ),
    Visit(
        "thanks",
        "public",
        after("/share/", send_checked, first=fill_and_check),
        200,
        "Your story has been sent",
    ),
    Visit(
        "share, an answer too long",
        "public",
        after("/share/", fill_too_long_and_continue),
        200,
        "Share your story",
    ),
    Visit(
        "check your answers, words that suggest a concern",
        "public",
        after("/share/", fill_concern_and_continue),
        200,
        "Check your answers before sending your story",
    ),
    Visit(
        "thanks, words that suggest a concern",
        "public",
        after("/share/", send_checked, first=fill_concern_and_check),
        200,
        "Your story has been sent",
    ),
    Visit(
        "a copy of the story sent, to print or save",
        "public",
        after("/share/", open_the_copy, first=fill_and_check),
        200,
        re.compile(r"^Your #InfoStory story IS-"),
    ),
    Visit(
        "a copy of the story, no longer on this device",
        "public",
        at("/share/thanks/IS-ABC346/copy/"),
        404,
        "This copy is no longer available on this device",
    ),
    Visit(
        "the open data's fields",
        "public",
        at("/stories/open-data/"),
        200,
        "The #InfoStory open data",
    ),
    Visit("stories", "public", at("/stories/"), 200, "Read the stories"),
    Visit(
        "stories, filtered and searched, page 2",
        "public",
        at("/stories/?q=housing&theme=welfare-reform&area=torbay&outcome=made_difference&page=2"),
        200,
        "Read the stories",
    ),
    Visit(
        "stories, a filter that cannot be used",
        "public",
        at("/stories/?submitted_from=notadate&theme=no-such-theme&page=abc"),
        200,
        "Read the stories",
    ),
    Visit("a story", "public", at(story_path("published")), 200, "A published story"),
    Visit("policy areas", "public", at("/themes/"), 200, "Stories by policy area"),
    Visit("a policy area", "public", at("/themes/welfare-reform/"), 200, "Welfare reform"),
    Visit("local areas", "public", at("/areas/"), 200, "Stories by local area"),
    Visit(
        "a local area with councils inside it",
        "public",
        at("/areas/dorset-bournemouth-and-poole/"),
        200,
        "Dorset, Bournemouth and Poole",
    ),
    Visit("privacy notice", "public", at("/privacy/"), 200, "Privacy notice"),
    Visit(
        "accessibility statement", "public", at("/accessibility/"), 200, "Accessibility statement"
    ),
    Visit("staff sign-in", "public", at("/accounts/login/"), 200, "Staff sign in"),
    Visit(
        "staff sign-in, error",
        "public",
        after("/accounts/login/", wrong_password),
        200,
        "Staff sign in",
    ),
    Visit(
        "staff sign-in, locked out",
        "public",
        after("/accounts/login/", wrong_password, first=one_failure),
        429,
        "Sign-in paused",
    ),
    Visit(
        "CSRF failure",
        "public",
        after("/accounts/login/", expired_form),
        403,
        "This page has expired",
    ),
    Visit("page not found", "public", at("/no-such-page/"), 404, "Page not found"),
    Visit("unpublished story", "public", at(story_path("accepted")), 404, "Page not found"),
    Visit(
        "form throttled (429)",
        "public",
        after("/share/", fill_and_continue),
        429,
        "Please try again later",
    ),
    Visit(
        "search throttled (429)",
        "public",
        after("/stories/", search),
        429,
        "Please try again later",
    ),
    Visit("admin sign-in", "public", at("/admin/login/"), 200, "Log in"),
    # The storyteller's own page, from the private link in their emails.
    Visit("story's page, submitted", "public", at(track("in_review")), 200, SUBMITTED_TITLE),
    Visit("story's page, published", "public", at(track("published")), 200, SUBMITTED_TITLE),
    Visit("story's page, rejected", "public", at(track("rejected")), 200, SUBMITTED_TITLE),
    Visit(
        "story's page, quoted in a case study",
        "public",
        at(track("quoted")),
        200,
        SUBMITTED_TITLE,
    ),
    Visit(
        "story's page, an addition with an error",
        "public",
        after(track("accepted"), add_nothing),
        200,
        SUBMITTED_TITLE,
    ),
    Visit(
        "story's page, after adding to it",
        "public",
        after(track("accepted"), add_words),
        200,
        SUBMITTED_TITLE,
    ),
    Visit(
        "withdraw consent to publish: confirm",
        "public",
        at(track("published", "withdraw-publication")),
        200,
        "Withdraw your consent to publish",
    ),
    Visit(
        "withdraw consent to publish: done",
        "public",
        after(
            track("published", "withdraw-publication"),
            confirm("Withdraw my consent to publish"),
        ),
        200,
        SUBMITTED_TITLE,
    ),
    Visit(
        "withdraw consent to contact: confirm",
        "public",
        at(track("accepted", "withdraw-contact")),
        200,
        "Withdraw your consent to be contacted",
    ),
    Visit(
        "erase details: confirm",
        "public",
        at(track("accepted", "erase")),
        200,
        "Erase your name, email address and organisation",
    ),
    Visit(
        "story's page, details erased",
        "public",
        after(track("accepted", "erase"), confirm("Erase my details")),
        200,
        SUBMITTED_TITLE,
    ),
    Visit("story's page, expired link", "public", at(expired_link), 410, "This link has expired"),
    Visit(
        "story's page, broken link",
        "public",
        at("/share/story/not-a-real-link/"),
        404,
        "This link does not work",
    ),
    Visit("new link", "public", at("/share/story/"), 200, "Get a new link to your story"),
    Visit(
        "new link, errors",
        "public",
        after("/share/story/", ask_with_nothing),
        200,
        "Get a new link to your story",
    ),
    Visit(
        "new link, asked", "public", after("/share/story/", ask_for_a_link), 200, "Check your email"
    ),
    # Staff.
    Visit(
        "stories with the status filter",
        "staff",
        at("/stories/?status=accepted"),
        200,
        "Read the stories",
    ),
    Visit(
        "an accepted story",
        "staff",
        at(story_path("accepted")),
        200,
        re.compile("An accepted story$"),
    ),
    Visit("insights", "staff", at("/insights/"), 200, "Insights: the picture across the stories"),
    Visit(
        "insights, filtered",
        "staff",
        at("/insights/?theme=welfare-reform&area=torbay&submitted_from=notadate"),
        200,
        "Insights: the picture across the stories",
    ),
    # Engagement managers, in the admin.
    Visit("admin index with the queue", "manager", at("/admin/"), 200, "The moderation queue"),
    Visit("admin stories", "manager", at("/admin/stories/story/"), 200, "Select story to change"),
    Visit("admin story", "manager", at(admin_change_path), 200, "Change story"),
    Visit(
        "admin bulk accept, with stories that cannot be accepted",
        "manager",
        after("/admin/stories/story/", bulk_accept_everything),
        200,
        "Accept: are you sure?",
    ),
    Visit(
        "admin story, personal data marked and a safeguarding concern",
        "manager",
        at(admin_path("change", "desk")),
        200,
        "Change story",
    ),
    Visit(
        "admin story, an edit of a published story refused",
        "manager",
        after_at(admin_path("change", "published"), save_personal_data_in_published),
        200,
        "Change story",
    ),
    Visit(
        "admin publish preview",
        "manager",
        at(admin_path("publish", "accepted")),
        200,
        re.compile(r"^Publish IS-"),
    ),
    Visit(
        "admin publish preview, not ticked",
        "manager",
        after_at(admin_path("publish", "accepted"), publish_unticked),
        200,
        re.compile(r"^Publish IS-"),
    ),
    Visit(
        "admin publish preview, personal data found",
        "manager",
        at(admin_path("publish", "with_data")),
        200,
        re.compile(r"^Publish IS-"),
    ),
    Visit(
        "admin withdraw confirmation",
        "manager",
        at(admin_path("withdraw", "published")),
        200,
        re.compile(r"^Withdraw IS-"),
    ),
    *CASE_STUDY_PAGES,
    *CHANGE_PAGES,
    *ALERT_PAGES,
]
# The error pages that only a failure shows, through views that fail on purpose.
ERROR_PAGES = [
    ("/fail/400/", 400, "Sorry, we could not understand that request"),
    ("/fail/403/", 403, "You do not have permission to see this page"),
    ("/fail/413/", 413, "What you sent was too long to receive"),
    ("/fail/500/", 500, "Sorry, there is a problem with the service"),
    ("/fail/503/", 503, "Sorry, the service is unavailable"),
]
THROTTLED = {
    "form throttled (429)": "INFOSTORY_SUBMIT_RATE",
    "search throttled (429)": "INFOSTORY_SEARCH_RATE",
}


@pytest.fixture
def portal(settings):
    settings.INFOSTORY_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    settings.AXES_FAILURE_LIMIT = 2
    welfare = PolicyTheme.objects.get(slug="welfare-reform")
    torbay = LocalArea.objects.get(slug="torbay")
    published = PublishedStoryFactory.create_batch(
        22,
        themes=[welfare],
        local_area=torbay,
        outcome="made_difference",
        public_body="The housing officer shared it.",
    )
    published[0].public_title = "A published story"
    published[0].save()
    accepted = AcceptedStoryFactory(
        title="An accepted story", themes=[welfare], local_area=torbay, case_study_candidate=True
    )
    desk = SubmittedStoryFactory(what_happened=DESK_WORDS, public_title="", public_body="")
    desk.raise_safeguarding_concern(actor=None)
    with_data = AcceptedStoryFactory(public_body=DESK_WORDS)
    case_studies = browser_case_studies(published[1:4], theme=welfare, area=torbay)
    return {
        **case_studies,
        **browser_changes(
            published=published[0], accepted=accepted, case_study=case_studies["case_study"]
        ),
        "published": published[0],
        "quoted": published[1],
        "accepted": accepted,
        "desk": desk,
        "with_data": with_data,
        "in_review": InReviewStoryFactory(),
        "rejected": RejectedStoryFactory(
            rejection_category=Story.RejectionReason.NOT_INFORMATION_SHARING
        ),
        "staff": StaffFactory(),
        "manager": EngagementManagerFactory(),
        **alerts_portal(),
    }


def sign_in(page, url, user, path):
    page.goto(f"{url}{path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("^(Sign in|Log in)$")).click()
    page.wait_for_load_state()


def test_every_page_is_listed_once():
    names = [visit.name for visit in PAGES]
    assert len(names) == len(set(names))
    print(f"\n{len(PAGES) + len(ERROR_PAGES)} pages in the axe-core list")


@pytest.mark.parametrize("visit", PAGES, ids=[visit.name for visit in PAGES])
def test_the_page_has_no_axe_violations(page, live_server, portal, settings, visit):
    if visit.name in THROTTLED:
        setattr(settings, THROTTLED[visit.name], "0/hour")
    if visit.who == "staff":
        sign_in(page, live_server.url, portal["staff"], "/accounts/login/")
    elif visit.who == "manager":
        sign_in(page, live_server.url, portal["manager"], "/admin/login/")
    status = visit.reach(page, live_server.url, portal)
    assert status == visit.status
    expect(page.locator("h1").first).to_have_text(visit.heading)
    assert_accessible(page)


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize(("path", "status", "heading"), ERROR_PAGES)
def test_the_error_page_has_no_axe_violations(page, live_server, path, status, heading):
    assert page.goto(live_server.url + path).status == status
    expect(page.locator("h1").first).to_have_text(heading)
    assert_accessible(page)
