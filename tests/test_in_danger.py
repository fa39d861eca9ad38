"""A person in danger: the 999 advice first on every page where a person tells or checks
their story, the fuller advice when their words suggest a concern, and who was told of a
concern, exactly as the log recorded it (never someone when nobody was)."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import override_settings

from stories import moderation
from stories.checks import safeguarding_has_a_recipient
from stories.models import Story, StoryEvent
from stories.private_link import track_path
from stories.safeguarding import find_signals
from stories.submission import share_story
from tests.factories import EngagementManagerFactory, StoryFactory
from tests.submit_helpers import CHECK_URL, SHARE_URL, send_story, story_post

pytestmark = pytest.mark.django_db

IN_DANGER = (
    "My partner has been hitting me. I am scared he will hurt me again tonight and I do not "
    "know who to tell."
)
PLAIN_999 = "If someone is in danger now, call 999."


def main_content(response):
    html = response.content.decode()
    return html[html.index('id="main-content"') :]


def first_thing(response):
    """The first element inside the page's column: what a person reads before anything."""
    main = main_content(response)
    return re.search(r'<div class="col-lg-9[^"]*">\s*(<[^>]+>)', main).group(1)


def no_managers_with_email():
    Group.objects.get(name="Engagement managers").user_set.update(email="")


# --- the pages a person tells or checks their story on ---


def test_the_sharing_form_says_what_to_do_in_danger_before_anything_else(client):
    response = client.get(SHARE_URL)
    assert response.status_code == 200
    assert first_thing(response) == '<div class="warning-text" id="in-danger">'
    main = main_content(response)
    assert PLAIN_999 in main
    assert '<span class="visually-hidden">Warning: </span>' in main
    assert '<span class="warning-text-icon" aria-hidden="true">!</span>' in main
    assert main.index("in-danger") < main.index("<h1>")


def test_the_check_page_gives_the_fuller_advice_when_the_words_suggest_a_concern(client):
    client.post(SHARE_URL, story_post(what_happened=IN_DANGER))
    response = client.get(CHECK_URL)
    assert response.status_code == 200
    assert first_thing(response) == '<div class="warning-text warning-text-concern" id="in-danger">'
    main = main_content(response)
    assert "Your story suggests someone may be at risk of harm now" in main
    assert "violence or threats" in main
    assert "If anyone is in danger now, call 999." in main
    assert "0808 2000 247" in main
    assert "goes to the top of the engagement managers’ list" in main
    assert "working days" not in main


def test_the_check_page_without_a_concern_says_when_a_manager_reads_it(client):
    client.post(SHARE_URL, story_post())
    response = client.get(CHECK_URL)
    main = main_content(response)
    assert first_thing(response) == '<div class="warning-text" id="in-danger">'
    assert PLAIN_999 in main
    assert "An engagement manager reads it, usually within 10 working days." in main
    assert "at risk of harm" not in main


def test_the_thanks_page_tells_a_person_at_risk_more_than_ten_working_days(client, manager):
    response = send_story(client, story_post(what_happened=IN_DANGER), follow=True)
    assert response.status_code == 200
    main = main_content(response)
    assert first_thing(response) == '<div class="warning-text warning-text-concern" id="in-danger">'
    assert "If anyone is in danger now, call 999." in main
    assert "Samaritans, 116 123" in main
    assert "we have emailed the people at the Centre who handle safeguarding concerns" in main
    assert "usually within" not in main


def test_the_thanks_page_never_says_someone_was_emailed_when_nobody_could_be(client):
    no_managers_with_email()
    response = send_story(client, story_post(what_happened=IN_DANGER), follow=True)
    main = main_content(response)
    assert "goes to the top of the engagement managers’ list." in main
    assert "we have emailed" not in main
    assert "If anyone is in danger now, call 999." in main


def test_the_thanks_page_of_an_ordinary_story_keeps_the_plain_advice(client):
    response = send_story(client, story_post(), follow=True)
    main = main_content(response)
    assert first_thing(response) == '<div class="warning-text" id="in-danger">'
    assert PLAIN_999 in main
    assert "usually within 10 working days" in main


def test_the_storys_own_page_where_they_add_to_it_says_it_first_too(client):
    response = client.get(track_path(StoryFactory()))
    assert response.status_code == 200
    assert first_thing(response) == '<div class="warning-text" id="in-danger">'
    assert PLAIN_999 in main_content(response)


@pytest.mark.parametrize(
    "words",
    [
        "I am scared he will hurt me again tonight.",
        "She is afraid they'll kill her if she tells anyone.",
        "We were terrified that he would attack her.",
    ],
)
def test_being_scared_someone_will_hurt_them_is_a_signal(words):
    assert "unsafe_now" in [signal.name for signal in find_signals(words)]


def test_being_scared_of_something_else_is_not_a_signal():
    assert find_signals("I was scared the meeting would run late and the GP would miss it.") == []


# --- who was told, in the log and the admin ---


def concern_story(**overrides):
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        story, _created = share_story(
            title="Nobody shared it",
            what_happened=IN_DANGER,
            difference="Help would have come sooner.",
            outcome=Story.Outcome.COULD_HAVE,
            **overrides,
        )
    return story


def raised_event(story):
    return story.events.get(action=StoryEvent.Action.SAFEGUARDING_RAISED)


@override_settings(INFOSTORY_SAFEGUARDING_EMAIL=["lead@example.org"])
def test_the_log_and_the_admin_name_the_safeguarding_contact_told(
    manager_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = concern_story()
    assert raised_event(story).data["told"] == ["lead@example.org"]
    assert raised_event(story).data["told_as"] == "safeguarding_contact"
    assert [message.to for message in mail.outbox if "safeguarding" in message.subject.lower()]
    page = manager_client.get(f"/admin/stories/story/{story.pk}/change/")
    assert page.status_code == 200
    assert (
        "When it was raised, an email went to the safeguarding contact: lead@example.org."
        in page.content.decode()
    )


def test_the_admin_names_the_engagement_managers_told(manager_client, manager):
    other = EngagementManagerFactory(email="second@example.org")
    story = concern_story()
    told = raised_event(story).data["told"]
    assert sorted(told) == sorted([manager.email, other.email])
    html = manager_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    match = re.search(r'id="safeguarding-told">([^<]*)<', html)
    assert match.group(1).startswith(
        "When it was raised, an email went to the engagement managers: "
    )
    assert manager.email in match.group(1) and "second@example.org" in match.group(1)


def test_the_admin_says_nobody_could_be_told_when_nobody_was(client):
    no_managers_with_email()
    story = concern_story()
    assert raised_event(story).data["told"] == []
    assert raised_event(story).data["told_as"] == "nobody"
    reader = EngagementManagerFactory(email="")
    client.force_login(reader)
    html = client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    told = re.search(r'id="safeguarding-told">([^<]*)<', html).group(1)
    assert told.startswith("Nobody could be told: no safeguarding address is configured")
    assert "Tell your safeguarding lead yourself." in told
    assert "was told" not in told and "an email went" not in told


def test_suspected_spam_says_nobody_has_been_told_yet_then_who_was(manager_client, manager):
    story = concern_story(is_suspected_spam=True, spam_reasons=["too fast"])
    html = manager_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "Nobody has been told yet: the story was marked as suspected spam" in html
    moderation.mark_not_spam(story, actor=manager)
    html = manager_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert f"an email went to the engagement managers: {manager.email}" in html


def test_raising_a_concern_with_nobody_to_tell_says_so(client):
    no_managers_with_email()
    reader = EngagementManagerFactory(email="")
    client.force_login(reader)
    story = StoryFactory()
    response = client.post(
        f"/admin/stories/story/{story.pk}/change/",
        {"_safeguarding": "raise", "note": "Worried about the child."},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "a safeguarding concern is open. Nobody could be told" in html
    assert "has been told" not in html


def test_the_admin_shows_the_999_advice_beside_words_that_suggest_a_concern(manager_client):
    story = concern_story()
    html = manager_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "These words suggest someone may be at risk of harm (violence or threats" in html
    assert "If you think someone is in danger now, call 999." in html
    calm = StoryFactory()
    page = manager_client.get(f"/admin/stories/story/{calm.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert calm.reference in html
    assert "These words suggest someone may be at risk" not in html


# --- the system check ---


def test_the_check_warns_when_no_one_would_receive_a_concern():
    no_managers_with_email()
    warnings = safeguarding_has_a_recipient(databases=["default"])
    assert [warning.id for warning in warnings] == ["stories.W001"]
    assert "INFOSTORY_SAFEGUARDING_EMAIL" in warnings[0].hint
    assert "stories.W001" in [
        message.id for message in run_checks(databases=["default"], tags=["database"])
    ]


def test_the_check_is_quiet_when_a_manager_has_an_email(manager):
    assert manager.email
    assert safeguarding_has_a_recipient(databases=["default"]) == []


@override_settings(INFOSTORY_SAFEGUARDING_EMAIL=["lead@example.org"])
def test_the_check_is_quiet_with_a_safeguarding_address_and_reads_no_database():
    no_managers_with_email()
    assert safeguarding_has_a_recipient(databases=None) == []
    assert safeguarding_has_a_recipient(databases=["default"]) == []


# --- make run's demo ---


@override_settings(DEBUG=True, INFOSTORY_SITE_URL="http://127.0.0.1:8101")
def test_the_demo_manager_has_an_email_so_a_concern_reaches_someone():
    out = io.StringIO()
    call_command("seed_demo", "--password", "demo-pass-123", stdout=out)
    text = out.getvalue()
    assert "A safeguarding concern is emailed to the engagement managers:" in text
    assert "demo-manager@example.org" in text
    assert "Sign in at http://127.0.0.1:8101/admin/" in text
    assert ":8000" not in text
    opened = Story.objects.filter(safeguarding_concern=True).first()
    assert opened is not None
    assert "demo-manager@example.org" in raised_event(opened).data["told"]
