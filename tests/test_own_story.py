"""Their own story: a copy to print or save for the browser that sent it (and nobody else);
the private page shows their additions, the public version once published, and the
published case studies quoting it (through the casestudies app's hook)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import tracking
from stories.models import Story
from stories.private_link import track_path
from stories.tracking import submitter_adds
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory
from tests.submit_helpers import send_story, story_post

pytestmark = pytest.mark.django_db

WORDS = "The ward told the council two days before Mr D went home, so care was ready."


def test_the_thanks_page_links_the_browser_that_sent_it_to_a_copy_of_its_words(client):
    thanks = send_story(
        client, story_post(what_happened=WORDS, name="Sam Carer", consent_publish="on"), follow=True
    )
    story = Story.objects.get()
    copy_url = reverse("stories:sent_copy", kwargs={"reference": story.reference})
    assert f'<a href="{copy_url}">Keep a copy of your story</a>' in thanks.content.decode()
    page = client.get(copy_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Your #InfoStory story {story.reference}" in html
    assert WORDS in html
    assert "Sam Carer" in html
    assert "You agreed that we may publish an anonymised version." in html
    assert "use your browser’s Print to print it or save it as a PDF" in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert "Not specific to one area" in html
    assert "If someone is in danger now, call 999." in html


def test_the_copy_of_words_that_suggest_a_concern_gives_the_fuller_advice(client):
    send_story(
        client,
        story_post(what_happened="I am scared he will hurt me again tonight."),
        follow=True,
    )
    story = Story.objects.get()
    html = client.get(reverse("stories:sent_copy", kwargs={"reference": story.reference}))
    assert html.status_code == 200
    assert "Your story suggests someone may be at risk of harm now" in html.content.decode()


def test_the_copy_is_not_there_for_any_other_browser(client):
    send_story(client, story_post(what_happened=WORDS), follow=True)
    story = Story.objects.get()
    copy_url = reverse("stories:sent_copy", kwargs={"reference": story.reference})
    stranger = Client()
    response = stranger.get(copy_url)
    assert response.status_code == 404
    assert "<h1>This copy is no longer available on this device</h1>" in response.content.decode()
    assert WORDS not in response.content.decode()
    thanks = stranger.get(reverse("stories:thanks", kwargs={"reference": story.reference}))
    assert thanks.status_code == 200
    assert story.reference in thanks.content.decode()
    assert "Keep a copy of your story" not in thanks.content.decode()


def minutes_later(monkeypatch, minutes):
    later = timezone.now() + datetime.timedelta(minutes=minutes)
    monkeypatch.setattr(timezone, "now", lambda: later)


def test_the_copy_and_the_thanks_pages_details_are_gone_from_the_browser_after_an_hour(
    client, monkeypatch
):
    details = {"name": "Sam Carer", "email": "sam.carer@example.org", "consent_contact": "on"}
    send_story(client, story_post(what_happened=WORDS, **details), follow=True)
    story = Story.objects.get()
    copy_url = reverse("stories:sent_copy", kwargs={"reference": story.reference})
    thanks_url = reverse("stories:thanks", kwargs={"reference": story.reference})
    minutes_later(monkeypatch, 59)
    assert WORDS in client.get(copy_url).content.decode()
    assert "sam.carer@example.org" in client.get(thanks_url).content.decode()

    minutes_later(monkeypatch, 61)
    response = client.get(copy_url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>This copy is no longer available on this device</h1>" in html
    assert "only for an hour after it was sent" in html
    assert "the email we sent you has a private link to your story’s own page" in html
    assert f'href="{reverse("stories:track_request")}"' in html
    for private in (WORDS, "Sam Carer", "sam.carer@example.org"):
        assert private not in html
    thanks = client.get(thanks_url).content.decode()
    assert story.reference in thanks
    assert "sam.carer@example.org" not in thanks
    assert "Keep a copy of your story" not in thanks
    assert story.reference not in client.session["shared_stories"]


def test_a_copy_remembered_without_its_sending_time_is_not_shown(client):
    send_story(client, story_post(what_happened=WORDS), follow=True)
    story = Story.objects.get()
    session = client.session
    session["shared_stories"] = {story.reference: {"email": "", "emailed": False}}
    session.save()
    response = client.get(reverse("stories:sent_copy", kwargs={"reference": story.reference}))
    assert response.status_code == 404
    assert "This copy is no longer available on this device" in response.content.decode()
    assert WORDS not in response.content.decode()


def test_the_private_page_shows_the_public_version_once_published_never_the_original(client):
    story = PublishedStoryFactory(
        what_happened="Original words with Ffion Davies in them.",
        public_title="A discharge date shared in time",
        public_summary="Care started on the day.",
        public_body="The ward told the council in time.",
    )
    response = client.get(track_path(story))
    assert response.status_code == 200
    html = response.content.decode()
    section = html.split('id="public-version"')[1].split("</section>")[0]
    assert "Your story as the public reads it" in section
    assert "A discharge date shared in time" in section
    assert "Care started on the day." in section
    assert "The ward told the council in time." in section
    assert f'href="{story.get_absolute_url()}"' in section
    assert "Ffion Davies" not in html


def test_the_private_page_has_no_public_version_before_publication(client):
    story = AcceptedStoryFactory(public_body="Drafted but not published.")
    response = client.get(track_path(story))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Status:" in html
    assert "Your story as the public reads it" not in html
    assert "Drafted but not published." not in html


def test_the_private_page_shows_what_they_added(client):
    story = AcceptedStoryFactory()
    submitter_adds(story, text="Six months on, the two teams share one plan.")
    html = client.get(track_path(story)).content.decode()
    assert "What you added" in html
    assert "Six months on, the two teams share one plan." in html


def test_the_private_page_names_the_published_case_studies_quoting_the_story(client, manager):
    story = PublishedStoryFactory()
    quoting = published_case_study(actor=manager, stories=[story], title="Torbay discharges")
    CaseStudyFactory(stories=[story], title="A draft nobody reads yet")
    response = client.get(track_path(story))
    assert response.status_code == 200
    html = response.content.decode()
    section = html.split('id="case-studies"')[1].split("</section>")[0]
    assert "Case studies that quote your story" in section
    assert f'<a href="{quoting.get_absolute_url()}">Torbay discharges</a>' in section
    assert "A draft nobody reads yet" not in html


def test_the_hook_is_where_other_apps_add_to_the_private_page(client):
    story = PublishedStoryFactory()
    assert "case_studies" in tracking.STORYTELLER_PAGE_PANELS
    html = client.get(track_path(story)).content.decode()
    assert 'id="case-studies"' not in html  # nothing quotes it: nothing added
    assert re.search(r"<h1>Your story IS-[0-9A-Z]{6}</h1>", html)


def test_the_private_page_asks_a_fixed_number_of_queries(
    client, manager, django_assert_max_num_queries
):
    story = PublishedStoryFactory()
    published_case_study(actor=manager, stories=[story])
    for number in range(5):
        submitter_adds(story, text=f"Addition {number}.")
    with django_assert_max_num_queries(14):
        assert client.get(track_path(story)).status_code == 200
