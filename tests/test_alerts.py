"""Alerts: sign up with double opt-in, the same answer for any address, digests of what
became public since the last one, one-click unsubscribe (RFC 8058), change or end, and
unconfirmed alerts deleted after 7 days."""

import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts import digests
from alerts.models import Subscription
from changes.models import Change, ChangeUpdate
from changes.services import post_update
from stories import outbox
from stories.models import Story
from tests.casestudy_factories import published_case_study
from tests.change_factories import ChangeFactory, change_at
from tests.factories import AcceptedStoryFactory, LocalAreaFactory, PolicyThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """timezone.now(), moved by the test."""

    class Clock:
        now = timezone.now()

        def move(self, **delta):
            self.now += timedelta(**delta)
            return self.now

    moving = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moving.now)
    return moving


def sign_up(client, email="reader@example.org", **choices):
    data = {"email": email, "kinds": ["stories"], "frequency": "weekly", **choices}
    response = client.post(reverse("alerts:subscribe"), data)
    outbox.send_outbox()  # the worker sends what the page stored
    return response


def link_in(message, start):
    return next(line.strip() for line in message.body.splitlines() if start in line)


def confirm(client, email="reader@example.org", **choices):
    sign_up(client, email, **choices)
    message = [m for m in mail.outbox if m.to == [email]][-1]
    path = link_in(message, "/alerts/confirm/").split("127.0.0.1:8000")[-1]
    client.post(path)
    return Subscription.objects.confirmed().get(email=email)


def publish(theme=None, area=None, **fields):
    story = AcceptedStoryFactory(local_area=area, **fields)
    if theme:
        story.themes.add(theme)
    story.transition_to(Story.Status.PUBLISHED, actor=None)
    return story


def digests_to(email):
    return [m for m in mail.outbox if m.to == [email] and "alerts:" in m.subject]


# --- signing up ---


def test_the_sign_up_page_asks_for_an_address_and_choices(client):
    response = client.get(reverse("alerts:subscribe"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="email"' in html and 'value="case_studies"' in html and "Weekly" in html


def test_signing_up_sends_only_a_confirmation_link(client):
    theme = PolicyThemeFactory(name="Alerts test theme")
    response = sign_up(client, themes=[theme.pk])
    assert response.status_code == 302 and response["Location"] == reverse("alerts:sent")
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "/alerts/confirm/" in message.body and "Alerts test theme" in message.body
    assert "Check your email" in client.get(response["Location"]).content.decode()


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(client):
    confirm(client, "known@example.org")
    known = sign_up(client, "known@example.org")
    unknown = sign_up(client, "new@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert Client().get(known["Location"]).content == Client().get(unknown["Location"]).content
    # Each address gets the same kind of email: a link to confirm, nothing more.
    assert [m.subject for m in mail.outbox if m.to == ["known@example.org"]][-1] == [
        m.subject for m in mail.outbox if m.to == ["new@example.org"]
    ][-1]


def test_a_bad_address_gets_a_message_beside_the_field_and_the_text_back(client):
    response = sign_up(client, email="<script>alert(1)</script>@x")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address like name@example.org." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;@x" in html and "<script>alert(1)" not in html
    assert not Subscription.objects.exists() and mail.outbox == []


def test_choosing_nothing_to_hear_about_is_refused_with_a_message(client):
    response = client.post(
        reverse("alerts:subscribe"), {"email": "a@example.org", "frequency": "daily"}
    )
    assert response.status_code == 200
    assert "Choose at least one thing to hear about." in response.content.decode()
    assert 'value="a@example.org"' in response.content.decode()


def test_sign_ups_are_throttled_per_address(client, settings):
    settings.INFOSTORY_ALERTS_RATE = "2/hour"
    assert sign_up(client, "a@example.org").status_code == 302
    assert sign_up(client, "b@example.org").status_code == 302
    response = sign_up(client, "c@example.org")
    assert response.status_code == 429 and "Retry-After" in response


def test_one_address_gets_at_most_three_confirmation_emails_a_day(client):
    for _ in range(5):
        assert sign_up(client, "victim@example.org").status_code == 302
    assert len([m for m in mail.outbox if m.to == ["victim@example.org"]]) == 3


# --- confirming ---


def test_the_confirmation_link_shows_a_button_and_confirms_only_on_post(client):
    sign_up(client)
    path = link_in(mail.outbox[0], "/alerts/confirm/").split("127.0.0.1:8000")[-1]
    page = client.get(path)
    assert page.status_code == 200 and "Confirm my alerts" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None  # a mail scanner confirms nothing
    response = client.post(path)
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    assert response["Location"] == subscription.manage_path()
    assert "Your alerts are on" in client.get(response["Location"]).content.decode()


def test_confirming_replaces_the_addresses_earlier_alert(client):
    first = confirm(client, frequency="weekly")
    second = confirm(client, frequency="daily")
    assert list(Subscription.objects.all()) == [second]
    assert not Subscription.objects.filter(pk=first.pk).exists()


def test_an_altered_or_week_old_confirmation_link_does_not_work(client, monkeypatch):
    sign_up(client)
    subscription = Subscription.objects.get()
    response = client.get(reverse("alerts:confirm", args=[subscription.confirm_token() + "x"]))
    assert response.status_code == 404 and "This link does not work" in response.content.decode()
    path = subscription.confirm_path()
    week_later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time", SimpleNamespace(time=lambda: week_later))
    response = client.post(path)
    assert response.status_code == 404
    assert Subscription.objects.get().confirmed_at is None


def test_an_alert_not_confirmed_in_7_days_is_deleted_by_send_due(client, clock):
    sign_up(client, "late@example.org")
    kept = confirm(client, "kept@example.org")
    clock.move(days=6)
    outbox.send_due()
    assert Subscription.objects.filter(email="late@example.org").exists()
    clock.move(days=1, minutes=1)
    assert outbox.send_due()["unconfirmed_deleted"] == 1
    assert list(Subscription.objects.all()) == [kept]


# --- digests ---


def test_a_digest_lists_what_became_public_in_the_chosen_theme_with_links(client, clock):
    wanted, other = PolicyThemeFactory(), PolicyThemeFactory()
    subscription = confirm(client, themes=[wanted.pk])
    clock.move(hours=1)
    shown = publish(theme=wanted, public_title="Discharge dates shared in time")
    hidden = publish(theme=other, public_title="Another theme entirely")
    clock.move(days=7)
    done = outbox.send_due()
    assert done["digests"] == 1
    (digest,) = digests_to("reader@example.org")
    assert "Discharge dates shared in time" in digest.body
    assert "http://127.0.0.1:8000" + shown.get_absolute_url() in digest.body
    assert hidden.public_title not in digest.body
    assert digest.body.count(subscription.unsubscribe_path()) == 1
    unsubscribe = f"<http://127.0.0.1:8000{subscription.unsubscribe_path()}>"
    assert digest.extra_headers["List-Unsubscribe"] == unsubscribe
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Any number of runs: no second copy.
    outbox.send_due()
    outbox.send_due()
    assert len(digests_to("reader@example.org")) == 1


def test_each_digest_has_only_what_became_public_since_the_last(client, clock):
    confirm(client)
    clock.move(hours=1)
    publish(public_title="First story")
    clock.move(days=7)
    outbox.send_due()
    clock.move(hours=1)
    publish(public_title="Second story")
    clock.move(days=7)
    outbox.send_due()
    first, second = digests_to("reader@example.org")
    assert "First story" in first.body
    assert "Second story" in second.body and "First story" not in second.body


def test_no_email_when_nothing_new_and_weekly_waits_a_week(client, clock):
    confirm(client, "weekly@example.org", frequency="weekly")
    confirm(client, "daily@example.org", frequency="daily")
    clock.move(hours=1)
    publish(public_title="Something new")
    clock.move(days=1)
    outbox.send_due()
    assert len(digests_to("daily@example.org")) == 1
    assert digests_to("weekly@example.org") == []
    clock.move(days=1)
    outbox.send_due()  # nothing new for the daily reader: no email
    assert len(digests_to("daily@example.org")) == 1
    clock.move(days=5)
    outbox.send_due()
    assert len(digests_to("weekly@example.org")) == 1


def test_an_area_includes_the_areas_inside_it(client, clock):
    partnership = LocalAreaFactory(name="Alerts partnership")
    council = LocalAreaFactory(name="Alerts council", parent=partnership)
    elsewhere = LocalAreaFactory(name="Alerts elsewhere")
    confirm(client, local_areas=[partnership.pk])
    clock.move(hours=1)
    publish(area=council, public_title="In Torbay")
    publish(area=elsewhere, public_title="In Islington")
    clock.move(days=7)
    outbox.send_due()
    (digest,) = digests_to("reader@example.org")
    assert "In Torbay" in digest.body and "In Islington" not in digest.body


def test_case_studies_reach_those_who_asked_for_them_only(client, clock, manager):
    confirm(client, "studies@example.org", kinds=["case_studies"])
    confirm(client, "stories@example.org", kinds=["stories"])
    clock.move(hours=1)
    study = published_case_study(actor=manager, title="Torbay discharge case study")
    clock.move(days=7)
    outbox.send_due()
    (digest,) = digests_to("studies@example.org")
    assert "Torbay discharge case study" in digest.body
    assert study.get_absolute_url() in digest.body
    assert all(
        "Torbay discharge case study" not in m.body for m in digests_to("stories@example.org")
    )


def test_the_change_trackers_moves_and_updates_reach_those_who_follow_changes(
    client, clock, manager
):
    theme, other = PolicyThemeFactory(), PolicyThemeFactory()
    confirm(client, kinds=["changes"], themes=[theme.pk])
    proposed = ChangeFactory(title="Still only proposed")
    proposed.themes.add(theme)
    clock.move(hours=1)
    change = ChangeFactory(title="Clear guidance on discharge dates")
    change.themes.add(theme)
    change.transition_to(Change.Status.ASKED, actor=manager)
    elsewhere = change_at(Change.Status.ASKED, title="Another theme's change")
    elsewhere.themes.add(other)
    clock.move(days=7)
    outbox.send_due()
    (first,) = digests_to("reader@example.org")
    assert "Clear guidance on discharge dates (asked for)" in first.body
    assert change.get_absolute_url() in first.body
    assert "Still only proposed" not in first.body and "Another theme" not in first.body

    posted_at = clock.move(hours=1)
    update = post_update(change, text="The department has replied.", actor=manager)
    # The field's default is the real clock's: date it on the test's.
    ChangeUpdate.objects.filter(pk=update.pk).update(created_at=posted_at)
    clock.move(days=7)
    outbox.send_due()
    second = digests_to("reader@example.org")[1]
    assert "Clear guidance on discharge dates: an update of" in second.body
    assert "(asked for)" not in second.body


def test_two_runs_of_one_digest_store_it_once(client, clock):
    subscription = confirm(client)
    clock.move(hours=1)
    publish()
    now = clock.move(days=7)
    items = digests.published_stories(subscription.covered_until, now)
    stale = Subscription.objects.get()
    assert digests._digest(stale, items, now) is not None
    assert digests._digest(stale, items, now) is None  # the window moved: another run's
    assert digests.send_digests(now) == 0


# --- unsubscribing, changing, ending ---


def test_one_click_unsubscribe_by_a_mail_program_needs_no_csrf_token(client):
    subscription = confirm(client)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        subscription.unsubscribe_path(),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200 and "Your alerts have stopped" in response.content.decode()
    assert not Subscription.objects.exists()
    # Again (mail programs may retry): the same answer, nothing to find.
    assert strict.post(subscription.unsubscribe_path()).status_code == 200


def test_the_visible_unsubscribe_link_is_one_button(client):
    subscription = confirm(client)
    page = client.get(subscription.unsubscribe_path())
    assert page.status_code == 200 and "Stop my alerts" in page.content.decode()
    assert Subscription.objects.exists()
    client.post(subscription.unsubscribe_path())
    assert not Subscription.objects.exists()


def test_the_manage_page_changes_the_choices_and_ends_them(client):
    subscription = confirm(client)
    theme = PolicyThemeFactory()
    page = client.get(subscription.manage_path())
    assert page.status_code == 200 and "reader@example.org" in page.content.decode()
    response = client.post(
        subscription.manage_path(),
        {"kinds": ["stories", "case_studies"], "themes": [theme.pk], "frequency": "daily"},
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.frequency == "daily"
    assert subscription.kinds == ["stories", "case_studies"]
    assert list(subscription.themes.all()) == [theme]
    bad = client.post(subscription.manage_path(), {"frequency": "hourly"})
    assert bad.status_code == 200 and "Choose at least one thing" in bad.content.decode()
    client.post(subscription.manage_path(), {"end": "1"})
    assert not Subscription.objects.exists()
    assert client.get(subscription.manage_path()).status_code == 404


def test_an_unconfirmed_alert_has_no_manage_page(client):
    sign_up(client)
    subscription = Subscription.objects.get()
    assert client.get(subscription.manage_path()).status_code == 404


def test_the_privacy_notice_says_what_alerts_keep_and_for_how_long(client):
    html = client.get(reverse("privacy")).content.decode()
    assert 'id="alerts"' in html and "within 7 days" in html
    assert "stopping deletes your address" in html
