"""Helpers shared by the browse tests."""

import pytest
from django.db import connection

from stories.models import Barrier, LocalArea, PolicyTheme

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)
needs_sqlite = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the plain match is the non-PostgreSQL search"
)


def theme(slug):
    return PolicyTheme.objects.get(slug=slug)


def area(slug):
    return LocalArea.objects.get(slug=slug)


def barrier(slug):
    return Barrier.objects.get(slug=slug)


def references(response):
    """The references of the stories listed on a browse page, in order."""
    return [story.reference for story in response.context["stories"]]
