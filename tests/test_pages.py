import pytest
from django.db import DatabaseError
from django.urls import reverse

from tests.factories import AcceptedStoryFactory, PublishedStoryFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_after_a_database_round_trip(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_home_invites_people_to_share_and_shows_published_stories_only(client):
    published = PublishedStoryFactory(public_title="Street triage kept a man out of a cell")
    AcceptedStoryFactory(public_title="Accepted but not public")
    StoryFactory(title="Just submitted")

    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "#InfoStory" in html
    assert "Share your story" in html
    assert published.public_title in html
    assert "Accepted but not public" not in html
    assert "Just submitted" not in html
    assert published.email not in html
    assert response.context["counts"]["stories"] == 1


def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    PublishedStoryFactory.create_batch(6)
    # With the public version (infostory.public), and the latest changes made with their
    # story counts (change_tags).
    with django_assert_max_num_queries(7):
        response = client.get(reverse("home"))
    assert len(response.context["featured"]) == 3


def test_frame_has_skip_link_landmarks_and_footer_links(client):
    html = client.get(reverse("home")).content.decode()
    assert 'href="#main-content"' in html
    assert '<main id="main-content"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert reverse("privacy") in html
    assert reverse("accessibility") in html
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("name", ["privacy", "accessibility"])
def test_privacy_notice_and_accessibility_statement(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response.context["request"].path == reverse(name)


def test_privacy_notice_says_how_to_ask_for_deletion(client):
    html = client.get(reverse("privacy")).content.decode()
    for words in ["What we keep", "How long", "Who sees it", "delete"]:
        assert words in html
