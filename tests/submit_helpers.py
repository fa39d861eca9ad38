"""Helpers for the "Share your story" tests (issue 3)."""

import importlib
import secrets
import time

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache

from stories.forms import FormToken
from stories.models import new_reference


def form_token(*, seconds_ago=60, reference=None):
    """A signed form token as the form page would have issued it `seconds_ago`."""
    return FormToken(
        reference=reference or new_reference(),
        nonce=secrets.token_urlsafe(12),
        issued_at=time.time() - seconds_ago,
    ).sign()


def story_post(**overrides):
    """A complete, valid POST of the sharing form; keyword arguments replace or add fields."""
    data = {
        "title": "The discharge date reached the council in time",
        "what_happened": "The ward told adult social care two days before Mr D went home.",
        "difference": "His care package started the day he got home.",
        "barriers_text": "",
        "organisations": "NHS trust; county council",
        "outcome": "made_difference",
        "local_area": "",
        "name": "",
        "email": "",
        "organisation": "",
        "role": "",
        "publish_anonymously": "on",
        "website": "",
        "form_token": form_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture(autouse=True)
def clear_cache():
    """Throttle counts live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_data(db):
    """The migration's themes, areas, barriers, campaign and the managers' group, again.

    A transactional test (browser, after-commit email) runs on a database that an earlier
    transactional test may have flushed, taking the migration's data with it.
    """
    migration = importlib.import_module("stories.migrations.0002_reference_data")
    migration.add_reference_data(apps, None)
    Group.objects.get_or_create(name="Engagement managers")
