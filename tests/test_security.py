"""Security headers on every response, sign-in lockout, and the cache configuration."""

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches

from infostory.config import ConfigurationError, cache_from_url
from tests.factories import EngagementManagerFactory, StaffFactory
from tests.test_config import run_manage

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.mark.parametrize("path", ["/", "/privacy/", "/healthz", "/admin/login/", "/nowhere/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/").content.decode()
    assert "<script>" not in html and "<style" not in html
    assert "style=" not in html and "onclick=" not in html


# --- sign-in lockout (django-axes) ---


def fail_to_sign_in(client, username, times, path="/admin/login/"):
    responses = []
    for _ in range(times):
        responses.append(client.post(path, {"username": username, "password": "wrong"}))
    return responses


def test_five_failed_sign_ins_lock_that_username_out_with_a_friendly_page(client):
    manager = EngagementManagerFactory()
    responses = fail_to_sign_in(client, manager.username, 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4  # the form again, with an error
    locked = responses[4]
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "<h1>Sign-in paused</h1>" in html
    assert "30 minutes" in html
    assert locked["Retry-After"] == "1800"
    # Even the right password is refused while locked out.
    response = client.post("/admin/login/", {"username": manager.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client):
    manager, other = EngagementManagerFactory(), EngagementManagerFactory()
    fail_to_sign_in(client, manager.username, 5)
    # Another account from the same address still signs in.
    response = client.post("/admin/login/", {"username": other.username, "password": PASSWORD})
    assert response.status_code == 302
    # The locked account from another address too.
    client.logout()
    response = client.post(
        "/admin/login/",
        {"username": manager.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302


def test_a_successful_sign_in_clears_the_failures(client):
    manager = EngagementManagerFactory()
    fail_to_sign_in(client, manager.username, 4)
    response = client.post("/admin/login/", {"username": manager.username, "password": PASSWORD})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=manager.username).exists()


def test_the_failure_limit_comes_from_the_settings(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    manager = EngagementManagerFactory()
    responses = fail_to_sign_in(client, manager.username, 2)
    assert [r.status_code for r in responses] == [200, 429]


def test_five_failed_staff_sign_ins_lock_that_username_out_on_both_sign_in_pages(client):
    staff = StaffFactory()
    responses = fail_to_sign_in(client, staff.username, 5, path="/accounts/login/")
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert "There is a problem" in responses[0].content.decode()
    locked = responses[4]
    assert locked.status_code == 429
    assert "<h1>Sign-in paused</h1>" in locked.content.decode()
    assert locked["Retry-After"] == "1800"
    # The right password is refused on either page while the pause lasts.
    for path in ("/accounts/login/", "/admin/login/"):
        response = client.post(path, {"username": staff.username, "password": PASSWORD})
        assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    response = client.post(
        "/accounts/login/",
        {"username": staff.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302


def test_the_test_clients_login_is_not_blocked_by_the_lockout_backend(client):
    manager = EngagementManagerFactory()
    assert client.login(username=manager.username, password=PASSWORD)


# --- cache ---


def test_without_redis_url_the_cache_is_local_memory():
    assert cache_from_url("")["BACKEND"].endswith("LocMemCache")
    caches["default"].set("probe", 1)
    assert caches["default"].get("probe") == 1


def test_without_redis_big_entries_are_kept_compressed_and_read_back_whole():
    """The insights figures of many sets of filters fit in a worker's memory: a big entry
    takes a fraction of its size, and every way of reading it gives it back whole."""
    import pickle
    import tracemalloc

    from infostory.cache import COMPRESS_FROM, CompressingLocMemCache, Packed, pack

    assert cache_from_url("")["BACKEND"] == "infostory.cache.CompressingLocMemCache"
    cache = CompressingLocMemCache("compression-probe", {})

    def figures(number):
        return {"panels": f"<tr><td>Welfare reform {number}</td><td>12</td></tr>" * 4000}

    big, small = figures(0), {"page": b"<html>" * 100}
    assert isinstance(pack(big), Packed) and len(pack(big).data) < COMPRESS_FROM / 4
    assert pack(small) is small  # pages readers get often: kept as Django keeps them
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(20):
            cache.set(f"figures-{number}", figures(number))
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 20 * len(pickle.dumps(big)) / 4
    cache.add("big-too", big)
    cache.set("small", small)
    assert cache.get("figures-7") == figures(7) and cache.get("big-too") == big
    assert cache.get_many(["figures-0", "small"]) == {"figures-0": big, "small": small}
    assert cache.get_or_set("figures-3", dict) == figures(3)
    assert cache.get("missing", "default") == "default"
    cache.set("counter", 1)
    assert cache.incr("counter") == 2
    cache.clear()


def test_redis_url_selects_djangos_redis_cache():
    config = cache_from_url("redis://cache.internal:6379/1")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == "redis://cache.internal:6379/1"


def test_a_bad_redis_url_stops_with_one_sentence_without_the_password():
    with pytest.raises(ConfigurationError) as error:
        cache_from_url("http://user:s3cret@cache:6379")
    assert "REDIS_URL" in str(error.value) and "s3cret" not in str(error.value)
    result = run_manage({"DJANGO_DEBUG": "true", "REDIS_URL": "memcached://x"})
    assert result.returncode == 1
    assert result.stderr.strip().startswith("InfoStory cannot start: REDIS_URL")


def test_with_redis_url_the_portal_starts_and_keeps_sessions_in_the_cache():
    result = run_manage(
        {"DJANGO_DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:6379/0"},
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)",
    )
    assert result.returncode == 0, result.stderr
    assert "RedisCache django.contrib.sessions.backends.cached_db" in result.stdout
