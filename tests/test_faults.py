"""Database faults: a 503 page, never a traceback; recovery without a restart; and a
submission stored whole or not at all."""

import pytest
from django.db import OperationalError, connection

from stories.models import PolicyTheme, Story, StoryEvent
from stories.submission import store_story
from tests.factories import EngagementManagerFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/privacy/", "/accessibility/", "/admin/", "/admin/stories/story/", "/nowhere/"]


def unreachable(*args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def signed_in(client):
    """Signed in, so even the fixed pages need the database (session and user)."""
    client.force_login(EngagementManagerFactory(is_superuser=True))
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_503_while_the_database_is_unreachable(signed_in, monkeypatch, path):
    with monkeypatch.context() as patch:
        patch.setattr("django.db.backends.utils.CursorWrapper.execute", unreachable)
        response = signed_in.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_the_home_page_answers_503_to_anyone_while_the_database_is_unreachable(client, monkeypatch):
    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", unreachable)
    response = client.get("/")
    assert response.status_code == 503


def test_pages_work_again_as_soon_as_the_database_is_back(signed_in, monkeypatch):
    PublishedStoryFactory(public_title="Back again")
    with monkeypatch.context() as patch:
        patch.setattr("django.db.backends.utils.CursorWrapper.execute", unreachable)
        assert signed_in.get("/").status_code == 503
        assert signed_in.get("/healthz").status_code == 503
    response = signed_in.get("/")
    assert response.status_code == 200
    assert "Back again" in response.content.decode()
    assert signed_in.get("/healthz").status_code == 200
    assert signed_in.get("/admin/stories/story/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_real_lost_connection_answers_503_and_recovers_without_a_restart(client):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database cannot be disconnected")
    PublishedStoryFactory(public_title="Survived the outage")
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        assert client.get("/healthz").status_code == 503
        response = client.get("/")
        assert response.status_code == 503
        assert "Sorry, the service is unavailable" in response.content.decode()
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert client.get("/healthz").status_code == 200
    response = client.get("/")
    assert response.status_code == 200
    assert "Survived the outage" in response.content.decode()


# --- a submission is stored whole or not at all ---


def story_fields(**extra):
    return {
        "title": "The school heard about the move in time",
        "what_happened": "Children's services told the new school before the family moved.",
        "difference": "The school had support ready on the first day.",
        "outcome": Story.Outcome.MADE_DIFFERENCE,
        "email": "parent@example.org",
        **extra,
    }


def test_a_submission_failing_half_way_leaves_no_story_and_no_event():
    unsaved_theme = PolicyTheme(name="Not saved", slug="not-saved")
    with pytest.raises(ValueError):
        store_story(**story_fields(themes=[unsaved_theme]))
    assert not Story.objects.exists()
    assert not StoryEvent.objects.exists()


def test_a_database_fault_while_logging_the_submission_leaves_no_story(monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(StoryEvent.objects, "create", fail)
    with pytest.raises(OperationalError):
        store_story(**story_fields())
    monkeypatch.undo()
    assert not Story.objects.exists()
    assert not StoryEvent.objects.exists()
