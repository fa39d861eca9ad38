"""What the outbox holds for a person follows what they asked: an alert stopped or a
consent to contact withdrawn leaves nothing waiting to go to them, an unconfirmed alert's
confirmation email goes with it, managers do not see
private links, and trying emails again never makes one go twice."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from alerts import digests, subscribing
from alerts.models import CONFIRM_EMAIL, DIGEST_EMAIL, Subscription
from stories import outbox, tracking
from stories.emails import queue_email
from stories.private_link import HIDDEN, track_url
from tests.factories import AcceptedStoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sent_by_send_due(settings):
    """Production: emails wait in the outbox for send_due."""
    settings.INFOSTORY_EMAIL_SEND_AT_ONCE = False


def waiting(name, to):
    return queue_email(name, to=[to], context={"reference": "IS-AAAAAA", "link": "x"})


def stored():
    return sorted((email.context["template"], email.to[0]) for email in Email.objects.all())


def subscription(email="reader@example.org"):
    return subscribing.subscribe(
        email=email, kinds=[Subscription.Kind.STORIES], frequency=Subscription.Frequency.WEEKLY
    )


def test_stopping_an_alert_deletes_its_digest_still_waiting():
    alert = subscription()
    subscribing.confirm(alert)
    Email.objects.filter(context__template=CONFIRM_EMAIL).update(status=STATUS.sent)
    waiting(DIGEST_EMAIL, "reader@example.org")
    waiting(DIGEST_EMAIL, "other@example.org")
    assert subscribing.end(alert)
    assert stored() == [(CONFIRM_EMAIL, "reader@example.org"), (DIGEST_EMAIL, "other@example.org")]
    outbox.send_due()
    assert [m.to for m in mail.outbox if "alerts:" in m.subject] == [["other@example.org"]]


def test_an_erasure_request_deletes_the_alert_emails_not_yet_sent():
    subscription("Reader@Example.org")
    waiting("story_received", "reader@example.org")
    assert subscribing.forget_subscriptions("reader@example.org") == 1
    assert stored() == [("story_received", "reader@example.org")]


def test_an_unconfirmed_alert_is_deleted_with_its_confirmation_email():
    subscription("late@example.org")
    outbox.send_due()
    week_ago = timezone.now() - timedelta(days=7, minutes=1)
    Subscription.objects.update(created_at=week_ago)
    Email.objects.update(created=week_ago)
    subscription("late@example.org")  # asked again today: this one is kept
    subscription("other@example.org")
    assert digests.delete_unconfirmed(timezone.now()) == 1
    assert stored() == [(CONFIRM_EMAIL, "late@example.org"), (CONFIRM_EMAIL, "other@example.org")]
    assert Email.objects.filter(created__gt=week_ago).count() == 2


def test_withdrawing_consent_to_contact_deletes_the_emails_waiting_for_the_storyteller():
    story = AcceptedStoryFactory(email="sam@example.org", consent_contact=True)
    for name in ("story_message", "alerts/email/follow_up", "change_made"):
        waiting(name, "Sam@example.org")
    waiting("story_message", "someone.else@example.org")
    waiting("new_story", "manager@example.org")
    assert tracking.submitter_withdraws(story, contact=True) == ["contact"]
    assert stored() == [
        ("new_story", "manager@example.org"),
        ("story_message", "someone.else@example.org"),
    ]
    outbox.send_due()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "manager@example.org",
        "someone.else@example.org",
    ]


def test_managers_see_an_email_without_its_private_links(manager_client):
    story = AcceptedStoryFactory(email="sam@example.org")
    link = track_url(story)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    email = queue_email(
        "story_message",
        to=["sam@example.org"],
        context={"reference": story.reference, "track_link": link, "track_link_days": 90},
    )
    assert token in email.message
    alert = subscription()
    confirmation = Email.objects.get(context__template=CONFIRM_EMAIL)
    confirm_token = re.search(r"/alerts/confirm/([^/\s]+)/", confirmation.message).group(1)
    assert alert.confirm_path().startswith("/alerts/confirm/")

    page = manager_client.get(reverse("admin:post_office_email_change", args=[email.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert token not in html
    assert HIDDEN in html and story.reference in html
    page = manager_client.get(reverse("admin:post_office_email_change", args=[confirmation.pk]))
    html = page.content.decode()
    assert confirm_token not in html and HIDDEN in html and "7 days" in html


def test_trying_again_leaves_an_email_claimed_by_a_running_send_alone(manager_client):
    claimed = waiting("story_received", "claimed@example.org")
    now = timezone.now()
    assert outbox.claim(Email.objects.all(), now) == [claimed.pk]  # a send_due is sending it
    response = manager_client.post(
        reverse("admin:post_office_email_changelist"),
        {"action": "try_again", "_selected_action": [claimed.pk]},
        follow=True,
    )
    assert "None of the selected emails had failed" in response.content.decode()
    claimed.refresh_from_db()
    assert claimed.scheduled_time == now + timedelta(minutes=outbox.CLAIM_MINUTES)
    assert mail.outbox == []
    assert outbox.retry(Email.objects.all()) == 0
