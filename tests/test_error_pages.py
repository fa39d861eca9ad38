"""Friendly error pages: what went wrong, in plain words, and the way back."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]


@pytest.fixture
def quiet_client(client):
    """A client that returns the error page instead of re-raising the view's exception."""
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/fail/400/", 400, "Sorry, we could not understand that request"),
        ("/fail/403/", 403, "You do not have permission to see this page"),
        ("/fail/404/", 404, "Page not found"),
        ("/no-such-page/", 404, "Page not found"),
        ("/fail/500/", 500, "Sorry, there is a problem with the service"),
    ],
)
def test_errors_answer_a_friendly_page_in_the_portal_frame(quiet_client, path, status, heading):
    response = quiet_client.get(path)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "#InfoStory" in html
    assert 'href="/"' in html  # the way back home
    assert "Traceback" not in html
    assert "Content-Security-Policy" in response.headers


def test_the_500_page_needs_neither_the_database_nor_the_session(quiet_client, monkeypatch):
    # Signed in, so rendering with the request would load the session and the user.
    from tests.factories import EngagementManagerFactory

    quiet_client.force_login(EngagementManagerFactory())
    monkeypatch.setattr(
        "django.db.backends.utils.CursorWrapper.execute",
        lambda *args, **kwargs: pytest.fail("the 500 page touched the database"),
    )
    response = quiet_client.get("/fail/500/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_an_unreachable_database_answers_503_with_retry_after(quiet_client):
    response = quiet_client.get("/fail/503/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_the_500_handler_answers_503_for_a_database_fault_outside_a_view():
    from django.db import OperationalError
    from django.test import RequestFactory

    from infostory.errors import server_error

    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"]


def test_a_broken_error_template_still_answers_plain_text(quiet_client, settings, tmp_path):
    (tmp_path / "500.html").write_text("{% extends 'no-such-template.html' %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    response = quiet_client.get("/fail/500/")
    assert response.status_code == 500
    assert "something went wrong on our side" in response.content.decode()


# --- CSRF failure ---


def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_an_expired_form_explains_and_links_back_to_the_page_it_came_from():
    response = csrf_client().post(
        "/admin/login/",
        {"username": "someone", "password": "x"},
        HTTP_REFERER="http://testserver/admin/login/?next=/admin/",
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>This page has expired</h1>" in html
    assert "nothing has been saved" in html
    assert 'href="http://testserver/admin/login/?next=/admin/"' in html
    assert "Go to the #InfoStory home page" in html


def test_an_expired_form_never_links_back_to_another_site():
    response = csrf_client().post(
        "/admin/login/", {"username": "someone"}, HTTP_REFERER="https://evil.example/phish"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "evil.example" not in html
    assert "Go back to the page you came from" not in html
    assert "This page has expired" in html
