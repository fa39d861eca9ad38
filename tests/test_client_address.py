"""One notion of the client's address (infostory/network.py) for the throttles and the
sign-in lockout, set by INFOSTORY_PROXY_COUNT."""

from types import SimpleNamespace

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.utils.module_loading import import_string

from infostory.network import client_address
from tests.factories import StaffFactory
from tests.test_config import run_manage

PASSWORD = "correct horse battery"
PROXY = "10.0.0.2"


def request_from(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_address_is_remote_addr_and_x_forwarded_for_is_ignored(settings):
    settings.INFOSTORY_PROXY_COUNT = 0
    assert client_address(request_from(forwarded="198.51.100.1")) == PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # The client wrote the first entry itself: only the one the proxy appended counts.
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (1, "2001:db8::7", "2001:db8::7"),
        # Too few entries, or not an address: the proxy did not vouch for one.
        (2, "203.0.113.7", PROXY),
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, "198.51.100.1, <script>", PROXY),
    ],
)
def test_behind_proxies_the_address_is_the_one_the_outermost_trusted_proxy_saw(
    settings, proxies, forwarded, expected
):
    settings.INFOSTORY_PROXY_COUNT = proxies
    assert client_address(request_from(forwarded=forwarded)) == expected


def test_a_request_without_any_address_has_none():
    assert client_address(request_from(remote="")) is None


@pytest.mark.parametrize("proxies", [0, 1])
def test_the_lockout_and_the_throttle_use_the_same_function(settings, proxies):
    settings.INFOSTORY_PROXY_COUNT = proxies
    assert import_string(django_settings.AXES_CLIENT_IP_CALLABLE) is client_address
    request = request_from(forwarded="198.51.100.1, 203.0.113.7")
    assert get_client_ip_address(request) == client_address(request)


@pytest.mark.django_db
def test_behind_a_proxy_the_lockout_counts_each_client_apart(settings):
    """Everyone arrives from the proxy's address; the lockout still tells them apart."""
    settings.INFOSTORY_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 2
    staff = StaffFactory()
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(2):
        response = attacker.post(
            "/accounts/login/", {"username": staff.username, "password": "wrong"}
        )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    response = colleague.post(
        "/accounts/login/", {"username": staff.username, "password": PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_search_throttle_counts_each_client_apart(settings, monkeypatch):
    monkeypatch.setattr("stories.throttling.time", SimpleNamespace(time=lambda: 1_800_001_830.0))
    settings.INFOSTORY_PROXY_COUNT = 1
    settings.INFOSTORY_SEARCH_RATE = "1/minute"
    first = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert first.get("/stories/", {"q": "housing"}).status_code == 200
    assert first.get("/stories/", {"q": "housing"}).status_code == 429
    # A spoofed first entry does not buy a new allowance.
    spoofed = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.66")
    assert spoofed.get("/stories/", {"q": "housing"}).status_code == 429
    other = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other.get("/stories/", {"q": "housing"}).status_code == 200


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "0"),
        ({"DJANGO_BEHIND_PROXY": "true"}, "1"),
        ({"DJANGO_BEHIND_PROXY": "true", "INFOSTORY_PROXY_COUNT": "2"}, "2"),
        ({"INFOSTORY_PROXY_COUNT": "1"}, "1"),
    ],
)
def test_behind_a_proxy_one_trusted_proxy_is_the_default(env, expected):
    result = run_manage(
        {"DJANGO_DEBUG": "true", **env},
        "shell",
        "-c",
        "from django.conf import settings; print(settings.INFOSTORY_PROXY_COUNT)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"INFOSTORY_PROXY_COUNT": "-1"}, "INFOSTORY_PROXY_COUNT must be 0 or more"),
        ({"INFOSTORY_PROXY_COUNT": "two"}, "INFOSTORY_PROXY_COUNT must be a whole number"),
        ({"INFOSTORY_SEARCH_RATE": "lots"}, "INFOSTORY_SEARCH_RATE must look like 10/hour"),
    ],
)
def test_a_bad_proxy_count_or_search_rate_stops_with_one_sentence(env, expected):
    result = run_manage({"DJANGO_DEBUG": "true", **env})
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"InfoStory cannot start: {expected}")
