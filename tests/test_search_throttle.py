"""Search is throttled per address (INFOSTORY_SEARCH_RATE); browsing without words is not."""

from types import SimpleNamespace

import pytest
from django.test import Client

from tests.factories import PublishedStoryFactory

pytestmark = pytest.mark.django_db

SEARCH_PAGES = [
    "/stories/",
    "/themes/health-and-social-care/",
    "/areas/torbay/",
    "/stories/open-data.json",
]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """The throttle's clock stands still mid-minute, so no test straddles two windows."""
    monkeypatch.setattr("stories.throttling.time", SimpleNamespace(time=lambda: 1_800_001_830.0))


@pytest.mark.parametrize("path", SEARCH_PAGES)
def test_searches_beyond_the_rate_get_the_friendly_429_page(client, settings, path):
    settings.INFOSTORY_SEARCH_RATE = "2/minute"
    PublishedStoryFactory(public_title="Housing and health shared a plan")
    for _ in range(2):
        assert client.get(path, {"q": "housing"}).status_code == 200
    response = client.get(path, {"q": "housing"})
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "<h1>Please try again later</h1>" in html
    assert "about 1 minute" in html
    assert "Traceback" not in html


def test_the_search_allowance_is_shared_by_every_browse_page(client, settings):
    settings.INFOSTORY_SEARCH_RATE = "3/minute"
    for path in SEARCH_PAGES[:3]:
        assert client.get(path, {"q": "care"}).status_code == 200
    assert client.get(SEARCH_PAGES[3], {"q": "care"}).status_code == 429


def test_browsing_and_filtering_without_search_words_are_never_counted(client, settings):
    settings.INFOSTORY_SEARCH_RATE = "1/minute"
    for query in ({}, {"q": ""}, {"q": "   "}, {"theme": "welfare-reform"}, {"page": "2"}):
        for path in SEARCH_PAGES:
            assert client.get(path, query).status_code == 200
    assert client.get("/stories/", {"q": "care"}).status_code == 200
    assert client.get("/stories/", {"q": "care"}).status_code == 429
    # Browsing still works for the throttled address; only searching waits.
    assert client.get("/stories/", {"theme": "welfare-reform"}).status_code == 200


def test_each_address_has_its_own_search_allowance(settings):
    settings.INFOSTORY_SEARCH_RATE = "1/minute"
    first = Client(REMOTE_ADDR="192.0.2.1")
    assert first.get("/stories/", {"q": "care"}).status_code == 200
    assert first.get("/stories/", {"q": "care"}).status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.2").get("/stories/", {"q": "care"}).status_code == 200


def test_an_empty_search_rate_turns_the_search_throttle_off(client, settings):
    settings.INFOSTORY_SEARCH_RATE = ""
    for _ in range(70):
        assert client.get("/stories/", {"q": "care"}).status_code == 200


def test_the_default_search_rate_is_sixty_a_minute(client, settings):
    assert settings.INFOSTORY_SEARCH_RATE == "60/minute"
    statuses = [client.get("/stories/", {"q": f"care {n}"}).status_code for n in range(61)]
    assert statuses == [200] * 60 + [429]
