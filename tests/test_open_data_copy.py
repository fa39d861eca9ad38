"""The open data is sent from a copy made once per public version, and throttled per
address (stories.exports.open_data_copy, stories.views.browse.open_data)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from stories.models import Story
from tests.factories import EngagementManagerFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db

OPEN_DATA = reverse("stories:open_data")


@pytest.fixture(autouse=True)
def copies_in(tmp_path, settings):
    settings.INFOSTORY_OPEN_DATA_DIR = str(tmp_path)
    return tmp_path


def read(response):
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def test_the_second_request_is_sent_from_the_copy_without_reading_the_stories(
    client, copies_in, django_assert_max_num_queries
):
    PublishedStoryFactory.create_batch(3)
    first = read(client.get(OPEN_DATA))
    assert len(first["stories"]) == 3
    assert len(list(copies_in.glob("*.json"))) == 1
    with django_assert_max_num_queries(4) as captured:
        again = client.get(OPEN_DATA)
    assert read(again)["stories"] == first["stories"]
    assert not [q for q in captured if 'FROM "stories_story" ' in q["sql"]]
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["Cache-Control"] == "no-cache"


def test_a_story_withdrawn_is_out_of_the_next_copy_at_once(client):
    story, other = PublishedStoryFactory.create_batch(2)
    assert {s["reference"] for s in read(client.get(OPEN_DATA))["stories"]} == {
        story.reference,
        other.reference,
    }
    story.transition_to(Story.Status.WITHDRAWN, actor=EngagementManagerFactory(), note="Asked")
    assert [s["reference"] for s in read(client.get(OPEN_DATA))["stories"]] == [other.reference]


def test_a_reuser_asking_again_with_the_etag_gets_not_modified_until_it_changes(client):
    PublishedStoryFactory()
    first = client.get(OPEN_DATA)
    etag = first["ETag"]
    assert etag
    again = client.get(OPEN_DATA, headers={"if-none-match": etag})
    assert again.status_code == 304
    manager = EngagementManagerFactory()
    PublishedStoryFactory().transition_to(Story.Status.WITHDRAWN, actor=manager, note="Asked")
    assert client.get(OPEN_DATA, headers={"if-none-match": etag}).status_code == 200


def test_each_set_of_filters_has_its_own_copy(client, copies_in):
    PublishedStoryFactory(outcome=Story.Outcome.MADE_DIFFERENCE)
    PublishedStoryFactory(outcome=Story.Outcome.COULD_HAVE)
    everything = read(client.get(OPEN_DATA))
    made = read(client.get(OPEN_DATA + "?outcome=made_difference"))
    assert len(everything["stories"]) == 2
    assert [s["outcome"] for s in made["stories"]] == ["made_difference"]
    assert len(list(copies_in.glob("*.json"))) == 2


def test_the_open_data_is_throttled_per_address(settings):
    settings.INFOSTORY_OPEN_DATA_RATE = "2/hour"
    PublishedStoryFactory()
    one, other = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert one.get(OPEN_DATA).status_code == 200
    assert one.get(OPEN_DATA).status_code == 200
    refused = one.get(OPEN_DATA)
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert other.get(OPEN_DATA).status_code == 200  # another address is not held back


def test_past_the_copies_a_version_may_keep_it_is_streamed_from_the_database(
    client, copies_in, monkeypatch
):
    from stories import exports

    monkeypatch.setattr(exports, "OPEN_DATA_MAX_COPIES", 1)
    PublishedStoryFactory(outcome=Story.Outcome.MADE_DIFFERENCE)
    read(client.get(OPEN_DATA))
    made = read(client.get(OPEN_DATA + "?outcome=made_difference"))
    assert len(made["stories"]) == 1
    assert len(list(copies_in.glob("*.json"))) == 1
