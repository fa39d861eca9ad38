"""A misconfigured portal stops with one clear sentence, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(env_changes, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "manage.py", *(args or ["check"])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "DJANGO_SECRET_KEY is not set"),
        ({"DJANGO_DEBUG": "false"}, "DJANGO_SECRET_KEY is not set"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be true or false"),
        (
            {"DJANGO_DEBUG": "true", "DATABASE_URL": "nonsense://x"},
            "DATABASE_URL is not a database URL",
        ),
        (
            {"DJANGO_DEBUG": "true", "DATABASE_URL": "postgres://"},
            "DATABASE_URL is not a database URL",
        ),
        ({"DJANGO_DEBUG": "true", "EMAIL_PORT": "twenty-five"}, "EMAIL_PORT must be a whole"),
        (
            {"DJANGO_DEBUG": "true", "INFOSTORY_REPLY_WORKING_DAYS": "0"},
            "INFOSTORY_REPLY_WORKING_DAYS must be 1 or more",
        ),
        (
            {"DJANGO_DEBUG": "true", "INFOSTORY_REPLY_WORKING_DAYS": "ten"},
            "INFOSTORY_REPLY_WORKING_DAYS must be a whole number",
        ),
    ],
)
def test_bad_configuration_stops_with_one_sentence(env, expected):
    result = run_manage(env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("InfoStory cannot start:")
    assert expected in lines[0]


@pytest.mark.parametrize(
    "command", [["makemigrations", "--check", "--dry-run"], ["migrate"], ["showmigrations"]]
)
def test_every_command_stops_with_the_same_sentence(command):
    result = run_manage({}, *command)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("InfoStory cannot start: DJANGO_SECRET_KEY is not set")


def test_a_database_password_is_never_printed():
    result = run_manage({"DJANGO_DEBUG": "true", "DATABASE_URL": "postgres://u:hunter2@/"})
    assert result.returncode == 1
    assert "hunter2" not in result.stderr


def test_a_good_configuration_starts():
    result = run_manage({"DJANGO_SECRET_KEY": "x" * 60, "DATABASE_URL": "sqlite:///:memory:"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "proxy",
    [
        {},
        {"DJANGO_BEHIND_PROXY": "true"},
        {"DJANGO_BEHIND_PROXY": "true", "INFOSTORY_PROXY_COUNT": "2"},
    ],
    ids=["direct", "behind a proxy", "behind two proxies"],
)
def test_deploy_check_is_clean_with_debug_off(proxy):
    result = run_manage(
        {
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
            "DJANGO_ALLOWED_HOSTS": "infostory.example.org",
            "DATABASE_URL": "sqlite:///:memory:",
            **proxy,
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
