"""The frame and the words around the stories: contact address, header, home, sign-in routes."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from stories.emails import send_email_now
from stories.models import Campaign, LocalArea
from tests.factories import CampaignFactory, PublishedStoryFactory, UserFactory
from tests.submit_helpers import send_story, story_post

pytestmark = pytest.mark.django_db

CONTACT = "infostory@centre.example.org"


# --- the contact address (INFOSTORY_CONTACT_EMAIL) ---


def test_the_contact_address_is_given_where_people_are_told_to_write_to_us(client, settings):
    settings.INFOSTORY_CONTACT_EMAIL = CONTACT
    mailto = f'<a href="mailto:{CONTACT}">{CONTACT}</a>'
    privacy = client.get(reverse("privacy")).content.decode()
    assert privacy.count(mailto) >= 3  # the rights section, the contact section, the footer
    assert "controller" in privacy
    response = send_story(client, story_post())
    thanks = client.get(response["Location"]).content.decode()
    assert f"write to us about your story at {mailto}" in thanks
    assert mailto in client.get("/").content.decode()  # the footer, on every page


def test_without_a_contact_address_no_empty_line_is_shown(client, settings):
    settings.INFOSTORY_CONTACT_EMAIL = ""
    html = client.get(reverse("privacy")).content.decode()
    assert "mailto:" not in html
    assert "Contact us" not in html


def test_emails_ask_for_replies_at_the_contact_address(settings):
    settings.INFOSTORY_CONTACT_EMAIL = CONTACT
    assert send_email_now("story_received", to=["sam@example.org"], context={"reference": "X"})
    (message,) = mail.outbox
    assert message.reply_to == [CONTACT]
    assert CONTACT in message.body


def test_without_a_contact_address_emails_have_no_reply_to(settings):
    settings.INFOSTORY_CONTACT_EMAIL = ""
    send_email_now("story_received", to=["sam@example.org"], context={"reference": "X"})
    assert mail.outbox[0].reply_to == []


def test_the_publication_email_does_not_claim_an_agreement(settings):
    story = PublishedStoryFactory()
    context = {"story": story, "reference": story.reference, "link": "https://x/"}
    send_email_now("story_published", to=["sam@example.org"], context=context)
    body = mail.outbox[0].body
    assert "agreed" not in body
    # Nor what a manager may not have done: the public version is not promised anonymous.
    assert "anonymous" not in body
    assert "If anything in it could identify you or anyone else" in body


# --- the header ---


def nav_current(html):
    """The header links marked as the current page or section: {label: aria-current}."""
    header = html.split("</header>")[0]
    return {
        label.strip(): value
        for value, label in re.findall(r'aria-current="(\w+)"[^>]*>([^<]+)</a>', header)
    }


@pytest.mark.parametrize(
    ("path", "label", "value"),
    [
        ("/share/", "Share your story", "page"),
        ("/stories/", "Read stories", "page"),
        ("/themes/", "Policy areas", "page"),
        ("/themes/welfare-reform/", "Policy areas", "true"),
        ("/areas/", "Local areas", "page"),
        ("/areas/islington/", "Local areas", "true"),
    ],
)
def test_the_header_marks_the_current_section(client, path, label, value):
    assert nav_current(client.get(path).content.decode()) == {label: value}


def test_a_story_page_belongs_to_read_stories(client):
    story = PublishedStoryFactory()
    html = client.get(story.get_absolute_url()).content.decode()
    assert nav_current(html) == {"Read stories": "true"}


def test_the_home_page_marks_no_section(client):
    assert nav_current(client.get("/").content.decode()) == {}


def test_insights_is_marked_for_staff(staff_client):
    assert nav_current(staff_client.get("/insights/").content.decode()) == {"Insights": "page"}


def test_the_moderation_link_is_only_for_those_who_can_moderate(staff_client, manager):
    assert ">Moderation</a>" not in staff_client.get("/").content.decode()
    moderator = Client()
    moderator.force_login(manager)
    assert ">Moderation</a>" in moderator.get("/").content.decode()


# --- the home page ---


def test_the_home_page_title_differs_from_the_sharing_page(client):
    home = re.search(r"<title>(.*?)</title>", client.get("/").content.decode()).group(1)
    share = re.search(r"<title>(.*?)</title>", client.get("/share/").content.decode()).group(1)
    assert home != share
    assert home.startswith("Home –")


def test_the_home_page_shows_the_running_campaign(client):
    Campaign.objects.all().delete()
    campaign = CampaignFactory(intro="This month only.")
    assert campaign.intro in client.get("/").content.decode()


def test_out_of_campaign_the_home_page_speaks_for_the_whole_year(client):
    import datetime

    Campaign.objects.all().delete()
    CampaignFactory(
        intro="Throughout Better Local Services Month…",
        starts_on=datetime.date(2020, 11, 1),
        ends_on=datetime.date(2020, 11, 30),
    )
    html = client.get("/").content.decode()
    assert "Throughout Better Local Services Month" not in html
    assert "We want to hear real-life experiences" in html


# --- sign-in routes ---


def test_only_signing_in_and_out_are_routed(client):
    assert reverse("login") == "/accounts/login/"
    assert reverse("logout") == "/accounts/logout/"
    assert client.get("/accounts/login/").status_code == 200
    for path in ("/accounts/password_reset/", "/accounts/password_change/"):
        assert client.get(path).status_code == 404


def test_signing_out_still_works(client):
    client.force_login(UserFactory())
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


# --- the sharing form's words ---


def test_the_anonymity_box_says_what_it_decides(client):
    html = client.get("/share/").content.decode()
    assert "Keep my name and organisation from Centre staff" in html
    assert "never published" in html
    assert 'name="publish_anonymously"' in html


def test_a_null_byte_in_a_choice_gets_the_lists_own_message(client):
    area = LocalArea.objects.first()
    response = client.post("/share/", story_post(local_area=f"{area.pk}\x00"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["local_area"] == ["Choose one of the local areas in the list"]
    response = client.post("/share/", {**story_post(), "themes": ["1\x00"]})
    assert response.context["form"].errors["themes"] == ["Choose only the policy areas shown"]
