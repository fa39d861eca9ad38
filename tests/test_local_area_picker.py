"""Choosing a place on /share/: every UK council in the list, and "My place is not listed"
in the person's own words, which a manager files later."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stories.models import LocalArea, Story
from tests.factories import AcceptedStoryFactory, SubmittedStoryFactory
from tests.submit_helpers import CHECK_URL, SHARE_URL, send_story, story_post

pytestmark = pytest.mark.django_db


def test_the_form_offers_every_council_grouped_by_region_with_the_picker_attached(client):
    page = client.get(SHARE_URL)
    assert page.status_code == 200
    html = page.content.decode()
    field = page.context["form"].fields["local_area"]
    offered = {label for _region, group in field.choices[1:] for _pk, label in group}
    assert {"Carmarthenshire", "Aberdeenshire", "Belfast", "Guildford", "Surrey"} <= offered
    assert len(offered) >= 380
    assert '<optgroup label="Wales">' in html
    assert "area-picker" in html
    assert "vendor/accessible-autocomplete/accessible-autocomplete.min.js" in html
    assert "js/area_picker.js" in html


def test_a_carer_in_llanelli_files_her_story_under_carmarthenshire(client):
    carmarthenshire = LocalArea.objects.get(ons_code="W06000010")
    form = client.post(SHARE_URL, story_post(local_area=carmarthenshire.pk))
    assert form.status_code == 302 and form["Location"] == CHECK_URL
    check = client.get(CHECK_URL)
    assert check.status_code == 200
    assert "Carmarthenshire" in check.content.decode()
    send_story(client, story_post(local_area=carmarthenshire.pk))
    story = Story.objects.get()
    assert story.local_area == carmarthenshire
    assert story.events.get().data["local_area"] == "carmarthenshire"


def test_a_place_not_listed_is_kept_in_the_persons_own_words(client):
    words = "Ynys Môn, near Holyhead"
    form = client.post(SHARE_URL, story_post(place_not_listed=words))
    assert form.status_code == 302
    check = client.get(CHECK_URL)
    html = check.content.decode()
    assert "Your place, in your words" in html and "Ynys Môn, near Holyhead" in html
    send_story(client, story_post(place_not_listed=words))
    story = Story.objects.get()
    assert story.place_not_listed == words
    assert story.local_area is None


def test_the_check_page_leaves_out_the_place_row_when_nothing_was_typed(client):
    client.post(SHARE_URL, story_post())
    check = client.get(CHECK_URL)
    assert check.status_code == 200
    assert "Local area" in check.content.decode()
    assert "Your place, in your words" not in check.content.decode()


def test_too_long_a_place_gets_a_message_beside_it_and_keeps_the_text(client):
    words = " ".join(["Somewhere"] * 25)  # 249 characters
    response = client.post(SHARE_URL, story_post(place_not_listed=words))
    assert response.status_code == 200
    html = response.content.decode()
    assert "My place is not listed: where did it happen?” is 249 characters long" in html
    assert "to 200 characters or fewer" in html
    assert words.strip() in html


def test_the_place_in_their_words_is_part_of_the_as_submitted_layer():
    story = SubmittedStoryFactory(place_not_listed="Llanelli")
    story.place_not_listed = "Somewhere else"
    with pytest.raises(ValidationError, match="submitted place not listed cannot be changed"):
        story.save()
    assert "place_not_listed" in Story.TYPED_FIELDS and "place_not_listed" in Story.FORM_FIELDS


def test_a_manager_finds_the_unfiled_places_and_files_one_under_a_council(manager_client):
    waiting = SubmittedStoryFactory(title="Where is it", place_not_listed="Llanelli")
    SubmittedStoryFactory(
        title="Filed already", place_not_listed="Guildford town"
    ).local_area = None
    filed = SubmittedStoryFactory(title="Already in Surrey", place_not_listed="Woking-ish")
    Story.objects.filter(pk=filed.pk).update(local_area=LocalArea.objects.get(slug="surrey"))
    SubmittedStoryFactory(title="Said nothing about a place")
    listing = manager_client.get(reverse("admin:stories_story_changelist") + "?place=unfiled")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Where is it" in html and "Already in Surrey" not in html
    assert "Said nothing about a place" not in html

    page = manager_client.get(reverse("admin:stories_story_change", args=[waiting.pk]))
    assert page.status_code == 200
    assert "place, in their words" in page.content.decode().lower()
    assert "Llanelli" in page.content.decode()


def test_the_staff_export_carries_the_place_in_their_words(staff_client):
    AcceptedStoryFactory(place_not_listed="Llanelli")
    response = staff_client.get(reverse("stories:export") + "?format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["place_not_listed"] == "Llanelli"
