"""The privacy tools cover alert subscriptions: a subject access request lists them and an
erasure request deletes them, whether or not the address ever sent a story."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from alerts import subscribing
from alerts.models import Subscription
from stories.models import PolicyTheme
from tests.factories import AcceptedStoryFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def subscribe(email):
    subscription = subscribing.subscribe(email=email, kinds=["stories"], frequency="weekly")
    subscription.themes.add(PolicyTheme.objects.first())
    return subscription


def test_the_subject_access_export_lists_the_addresss_alerts():
    subscribe("Reader@Example.org")
    out = run("export_personal_data", "reader@example.org")
    data = json.loads(out[out.index("{") :])
    held = data["alert subscriptions"]
    assert len(held) == 1
    assert held[0]["kinds"] == ["Stories"]
    assert held[0]["themes"] == [PolicyTheme.objects.first().name]
    assert held[0]["confirmed_at"] is None


def test_an_erasure_request_deletes_alerts_of_an_address_that_sent_no_story():
    subscribe("reader@example.org")
    other = subscribe("someone.else@example.org")
    dry = run("erase_personal_data", "reader@example.org")
    assert "1 alert subscriptions" in dry and "--apply" in dry
    assert Subscription.objects.filter(email="reader@example.org").exists()
    out = run("erase_personal_data", "reader@example.org", "--apply")
    assert "Deleted: 1 alert subscriptions" in out
    assert list(Subscription.objects.all()) == [other]


def test_an_erasure_request_clears_the_stories_and_deletes_the_alerts_together():
    story = AcceptedStoryFactory(email="carer@example.org", name="Ann Carer")
    subscribe("carer@example.org")
    out = run("erase_personal_data", "carer@example.org", "--apply")
    assert "Deleted: 1 alert subscriptions" in out and "Contact details cleared on 1" in out
    story.refresh_from_db()
    assert story.email == "" and story.name == ""
    assert not Subscription.objects.exists()
