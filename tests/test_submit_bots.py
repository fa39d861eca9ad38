"""Bots without losing people: honeypot, minimum fill time, the throttle."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client, RequestFactory

from stories.models import Story
from stories.throttling import client_address, hit, parse_rate
from tests.factories import EngagementManagerFactory
from tests.submit_helpers import form_token, send_story, story_post

pytestmark = pytest.mark.django_db

URL = "/share/"


def spam_reasons(story):
    return story.events.get().data["spam_reasons"]


# --- honeypot and fill time: stored, marked, and the sender sees the normal thanks page ---


def test_a_filled_honeypot_stores_the_story_as_suspected_spam_with_the_reason(client):
    response = send_story(client, story_post(website="http://cheap.example"))
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/share/thanks/{story.reference}/"
    assert story.is_suspected_spam is True
    assert spam_reasons(story) == ["the hidden “leave this empty” field was filled in"]
    assert "Suspected spam" in story.events.get().note


def test_a_form_sent_faster_than_the_minimum_fill_time_is_suspected_spam(client, settings):
    settings.INFOSTORY_MIN_FILL_SECONDS = 3
    send_story(client, story_post(form_token=form_token(seconds_ago=1)))
    story = Story.objects.get()
    assert story.is_suspected_spam is True
    assert "seconds after the form was opened (under 3)" in spam_reasons(story)[0]


def test_a_form_sent_after_the_minimum_fill_time_is_not_spam(client, settings):
    settings.INFOSTORY_MIN_FILL_SECONDS = 3
    send_story(client, story_post(form_token=form_token(seconds_ago=30)))
    assert Story.objects.get().is_suspected_spam is False


def test_the_minimum_fill_time_is_a_setting(client, settings):
    settings.INFOSTORY_MIN_FILL_SECONDS = 60
    send_story(client, story_post(form_token=form_token(seconds_ago=30)))
    assert Story.objects.get().is_suspected_spam is True


@pytest.mark.parametrize("token", [None, "", "forged", "eyJyIjoi:bad:signature", "\x00"])
def test_a_missing_or_forged_token_is_stored_as_suspected_spam(client, token):
    response = send_story(client, story_post(form_token=token))
    story = Story.objects.get()
    assert response.status_code == 302
    assert story.is_suspected_spam is True
    assert spam_reasons(story) == ["the form's token was missing or altered"]


def test_the_thanks_page_looks_the_same_for_suspected_spam(client):
    spam = send_story(client, story_post(website="x"), follow=True).content.decode()
    real = send_story(client, story_post(), follow=True).content.decode()
    assert "Your story has been sent" in spam
    assert "Your story has been sent" in real


@pytest.mark.django_db(transaction=True)
def test_suspected_spam_sends_no_email_to_anyone(client, settings):
    settings.INFOSTORY_MODERATORS_EMAIL = ["moderators@example.org"]
    EngagementManagerFactory(email="manager@example.org")
    send_story(client, story_post(website="x", email="victim@example.org"))
    assert Story.objects.get().is_suspected_spam is True
    assert mail.outbox == []


def test_suspected_spam_is_kept_out_of_the_review_queue(client):
    send_story(client, story_post(website="x"))
    assert Story.objects.count() == 1
    assert not Story.objects.awaiting_review().exists()


# --- the throttle ---


@pytest.fixture
def fixed_clock(monkeypatch):
    """The throttle's clock stands still mid-hour, so no test straddles two windows."""
    monkeypatch.setattr("stories.throttling.time", SimpleNamespace(time=lambda: 1_800_001_830.0))


@pytest.mark.usefixtures("fixed_clock")
def test_posts_beyond_the_rate_get_a_friendly_429_that_keeps_the_text(client, settings):
    settings.INFOSTORY_SUBMIT_RATE = "2/hour"
    for number in range(2):
        assert send_story(client, story_post(title=f"Story {number}")).status_code == 302
    response = send_story(client, story_post(what_happened="My words must not be lost"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Please try again later" in html
    assert "not</strong> received" in html
    assert "My words must not be lost" in html
    assert "Thank you" not in html
    assert Story.objects.count() == 2


@pytest.mark.usefixtures("fixed_clock")
def test_forms_sent_back_with_errors_do_not_use_up_the_stories_limit(client, settings):
    settings.INFOSTORY_SUBMIT_RATE = "2/hour"
    for _ in range(4):  # a person correcting their form
        assert client.post(URL, story_post(title="")).status_code == 200
    for number in range(2):
        assert send_story(client, story_post(title=f"Story {number}")).status_code == 302
    assert send_story(client, story_post()).status_code == 429
    assert Story.objects.count() == 2


@pytest.mark.usefixtures("fixed_clock")
def test_a_flood_of_invalid_posts_is_still_stopped_at_five_times_the_rate(client, settings):
    settings.INFOSTORY_SUBMIT_RATE = "2/hour"
    for _ in range(10):
        assert client.post(URL, story_post(title="")).status_code == 200
    response = send_story(client, story_post(what_happened="Still kept on the page"))
    assert response.status_code == 429
    assert "Still kept on the page" in response.content.decode()
    assert Story.objects.count() == 0


@pytest.mark.usefixtures("fixed_clock")
def test_the_throttle_counts_posts_only(client, settings):
    settings.INFOSTORY_SUBMIT_RATE = "1/hour"
    for _ in range(5):
        assert client.get(URL).status_code == 200
    assert send_story(client, story_post()).status_code == 302


@pytest.mark.usefixtures("fixed_clock")
def test_the_throttle_counts_each_address_apart(settings):
    settings.INFOSTORY_SUBMIT_RATE = "1/hour"
    assert send_story(Client(REMOTE_ADDR="192.0.2.1"), story_post()).status_code == 302
    again = story_post(title="Another")
    assert send_story(Client(REMOTE_ADDR="192.0.2.1"), again).status_code == 429
    assert send_story(Client(REMOTE_ADDR="192.0.2.2"), story_post()).status_code == 302


@pytest.mark.usefixtures("fixed_clock")
def test_an_empty_rate_turns_the_throttle_off(client, settings):
    settings.INFOSTORY_SUBMIT_RATE = ""
    for number in range(12):
        assert send_story(client, story_post(title=f"Story {number}")).status_code == 302
    assert Story.objects.count() == 12


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("10/hour", (10, 3600)), ("5/minute", (5, 60)), ("100/days", (100, 86400)), ("", None)],
)
def test_rates_are_read_as_count_per_period(rate, parsed):
    assert parse_rate(rate) == parsed


def test_a_malformed_rate_is_a_configuration_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        parse_rate("ten an hour")


def test_behind_proxies_the_address_the_outermost_proxy_saw_is_counted(settings):
    request = RequestFactory().post(
        URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7"
    )
    assert client_address(request) == "10.0.0.1"
    settings.INFOSTORY_PROXY_COUNT = 1
    assert client_address(request) == "198.51.100.7"
    settings.INFOSTORY_PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.9"


@pytest.mark.usefixtures("fixed_clock")
def test_hit_says_when_the_window_ends():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.9")
    first = hit(request, scope="search", rate="1/minute")
    second = hit(request, scope="search", rate="1/minute")
    assert first.allowed and not second.allowed
    assert second.retry_after == 30
    assert second.retry_after_minutes == 1
