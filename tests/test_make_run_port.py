"""`make run PORT=8101`: the printed sign-in address and every emailed link use that port,
unless INFOSTORY_SITE_URL is set."""

import os
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from tests.submit_helpers import send_story, story_post

MAKE = shutil.which("make")


def run_environment(extra_env, *arguments):
    """The environment `make run` gives manage.py, read by running its recipe's prefix."""
    recipe = subprocess.run(
        [MAKE, "-n", "run", *arguments],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    serve = next(line for line in recipe if "runserver" in line)
    prefix = serve.split(".venv/bin/python")[0]
    env = {key: value for key, value in os.environ.items() if key != "INFOSTORY_SITE_URL"}
    shown = subprocess.run(
        ["/bin/bash", "-c", f"{prefix} env"],
        env={**env, **extra_env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values = dict(line.split("=", 1) for line in shown.splitlines() if "=" in line)
    return serve, values


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_run_on_another_port_serves_and_links_there():
    serve, values = run_environment({}, "PORT=8101")
    assert serve.rstrip().endswith("runserver 127.0.0.1:8101")
    assert values["INFOSTORY_SITE_URL"] == "http://127.0.0.1:8101"
    assert values["DJANGO_DEBUG"] == "true"


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_a_site_url_that_is_set_wins_over_the_port():
    _serve, values = run_environment(
        {"INFOSTORY_SITE_URL": "https://infostory.example.org"}, "PORT=8101"
    )
    assert values["INFOSTORY_SITE_URL"] == "https://infostory.example.org"


@pytest.mark.django_db
@override_settings(INFOSTORY_SITE_URL="http://127.0.0.1:8101")
def test_the_emailed_private_link_uses_the_site_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send_story(client, story_post(email="sam@example.org"))
    assert response.status_code == 302
    body = next(message.body for message in mail.outbox if message.to == ["sam@example.org"])
    assert "http://127.0.0.1:8101/share/story/" in body
    assert ":8000" not in body
