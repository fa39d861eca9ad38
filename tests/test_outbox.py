"""The email outbox: every email stored before it is sent, sent once, retried with a
growing wait, visible to managers when it fails, and tried again from the admin."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from stories import outbox
from stories.emails import queue_email, send_email_now
from stories.models import Story
from stories.privacy import clear_contact_details
from stories.submission import share_story
from tests.factories import AcceptedStoryFactory, PolicyThemeFactory

pytestmark = pytest.mark.django_db

DOWN = "tests.mail_backends.DownBackend"


def story_fields(**overrides):
    return {
        "title": "The discharge letter arrived in time",
        "what_happened": "The ward told the council two days before discharge.",
        "difference": "Care was ready on the day.",
        "barriers_text": "",
        "organisations": "NHS trust",
        "outcome": Story.Outcome.MADE_DIFFERENCE,
        "name": "Sam",
        "email": "sam@example.org",
        "organisation": "",
        "role": Story.Role.PRACTITIONER,
        "consent_contact": True,
        "consent_publish": True,
        "publish_anonymously": True,
        "themes": [PolicyThemeFactory()],
        **overrides,
    }


def test_an_email_is_stored_before_it_is_sent_and_marked_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email("story_received", to=["sam@example.org"], context={"reference": "IS-AAAAAA"})
        stored = Email.objects.get()
        assert stored.status == STATUS.queued and mail.outbox == []
    stored.refresh_from_db()
    assert stored.status == STATUS.sent
    assert stored.to == ["sam@example.org"] and "IS-AAAAAA" in stored.subject + stored.message
    assert len(mail.outbox) == 1


def test_mail_server_down_the_story_and_its_acknowledgement_are_kept_then_sent_once(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        story, created = share_story(**story_fields())
    assert created and Story.objects.filter(reference=story.reference).exists()
    acknowledgement = Email.objects.get(to__contains="sam@example.org")
    assert acknowledgement.status == STATUS.requeued
    assert acknowledgement.number_of_retries == 1
    assert Log.objects.filter(email=acknowledgement, exception_type="ConnectionRefusedError")
    assert "could not be sent" in caplog.text
    assert mail.outbox == []

    # Still down at the next run: nothing is lost, the wait grows.
    later = timezone.now() + timedelta(hours=1)
    assert outbox.send_due(later)["sent"] == 0
    acknowledgement.refresh_from_db()
    assert acknowledgement.number_of_retries == 2 and acknowledgement.status == STATUS.requeued

    # The mail server is back: send_due delivers it, once, however often it runs.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_due", stdout=StringIO())  # not due yet: it waits
    assert not [m for m in mail.outbox if m.to == ["sam@example.org"]]
    much_later = timezone.now() + timedelta(days=1)
    outbox.send_due(much_later)
    outbox.send_due(much_later)
    call_command("send_due", stdout=StringIO())
    received = [m for m in mail.outbox if m.to == ["sam@example.org"]]
    assert len(received) == 1
    assert story.reference in received[0].body and "/share/story/" in received[0].body
    acknowledgement.refresh_from_db()
    assert acknowledgement.status == STATUS.sent


def test_each_failure_doubles_the_wait_until_it_is_marked_failed(settings):
    settings.EMAIL_BACKEND = DOWN
    settings.INFOSTORY_EMAIL_RETRY_MINUTES = 2
    settings.INFOSTORY_EMAIL_MAX_ATTEMPTS = 4
    sent = send_email_now("story_received", to=["a@example.org"], context={"reference": "X"})
    assert sent is False
    email = Email.objects.get()
    waits = []
    now = timezone.now()
    for _ in range(3):
        email.refresh_from_db()
        if email.status == STATUS.failed:
            break
        waits.append(round((email.scheduled_time - now).total_seconds() / 60))
        now = email.scheduled_time + timedelta(seconds=1)
        outbox.send_due(now)
    email.refresh_from_db()
    assert waits == [2, 4, 8]
    assert email.status == STATUS.failed and email.number_of_retries == 4
    assert Log.objects.filter(email=email).count() == 4
    # Failed is kept for the managers, and no run sends it by itself.
    outbox.send_due(now + timedelta(days=30))
    assert Email.objects.get().status == STATUS.failed


def test_send_due_any_number_of_times_sends_each_email_once(settings):
    settings.INFOSTORY_EMAIL_SEND_AT_ONCE = False
    for n in range(5):
        queue_email("story_received", to=[f"p{n}@example.org"], context={"reference": "X"})
    assert mail.outbox == []
    first = outbox.send_due()
    assert first["sent"] == 5
    for _ in range(3):
        assert outbox.send_due()["sent"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.org" for n in range(5)]


def test_an_email_claimed_by_one_run_is_not_taken_by_another():
    email = Email.objects.create(
        from_email="a@example.org", to=["b@example.org"], subject="s", status=STATUS.queued
    )
    now = timezone.now()
    assert outbox.claim(Email.objects.all(), now) == [email.pk]
    assert outbox.claim(Email.objects.all(), now) == []
    # A run that died mid-send leaves it due again once the claim runs out.
    later = now + timedelta(minutes=outbox.CLAIM_MINUTES, seconds=1)
    assert outbox.claim(Email.objects.all(), later) == [email.pk]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_email_once(settings):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; the claim's rule is tested above")
    settings.INFOSTORY_EMAIL_SEND_AT_ONCE = False
    settings.EMAIL_BACKEND = "tests.mail_backends.SlowCountingBackend"
    for n in range(60):
        queue_email("story_received", to=[f"p{n}@example.org"], context={"reference": "X"})
    results = []

    def run():
        try:
            results.append(outbox.send_outbox())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(sent for sent, _ in results) == 60
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.org" for n in range(60))


@pytest.mark.django_db(transaction=True)
def test_an_email_queued_in_a_rolled_back_transaction_is_neither_stored_nor_sent():
    try:
        with transaction.atomic():
            queue_email("story_received", to=["a@example.org"], context={"reference": "X"})
            raise RuntimeError("the story was not stored")
    except RuntimeError:
        pass
    assert not Email.objects.exists()
    assert mail.outbox == []


def test_managers_see_failed_emails_and_try_them_again(settings, manager_client):
    settings.EMAIL_BACKEND = DOWN
    settings.INFOSTORY_EMAIL_MAX_ATTEMPTS = 1
    send_email_now("story_received", to=["a@example.org"], context={"reference": "IS-FAILED"})
    email = Email.objects.get()
    assert email.status == STATUS.failed
    url = reverse("admin:post_office_email_changelist")
    page = manager_client.get(url, {"status": str(STATUS.failed)})
    assert page.status_code == 200
    assert "IS-FAILED" in page.content.decode()
    detail = manager_client.get(reverse("admin:post_office_email_change", args=[email.pk]))
    assert "ConnectionRefusedError" in detail.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = manager_client.post(
        url, {"action": "try_again", "_selected_action": [email.pk]}, follow=True
    )
    assert "1 email(s) tried again: 1 sent" in response.content.decode()
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_staff_do_not_see_the_outbox(staff_client):
    response = staff_client.get(reverse("admin:post_office_email_changelist"))
    assert response.status_code in (302, 403)


def test_sent_and_failed_emails_are_deleted_after_the_days_kept(settings):
    settings.INFOSTORY_EMAIL_KEEP_DAYS = 30
    send_email_now("story_received", to=["sent@example.org"], context={"reference": "X"})
    settings.EMAIL_BACKEND = DOWN
    settings.INFOSTORY_EMAIL_MAX_ATTEMPTS = 1
    send_email_now("story_received", to=["failed@example.org"], context={"reference": "Y"})
    assert Email.objects.filter(status=STATUS.failed).count() == 1
    assert outbox.send_due(timezone.now() + timedelta(days=29))["sent_emails_deleted"] == 0
    assert Email.objects.count() == 2
    # A failed one is kept as long after its last try, for a manager to try it again.
    assert outbox.send_due(timezone.now() + timedelta(days=31))["sent_emails_deleted"] == 2
    assert not Email.objects.exists()


def test_erasing_a_storytellers_details_deletes_the_emails_kept_for_them(settings):
    story = AcceptedStoryFactory(email="erase.me@example.org")
    send_email_now("story_received", to=["erase.me@example.org"], context={"reference": "X"})
    send_email_now("story_received", to=["me@example.org"], context={"reference": "Y"})
    clear_contact_details([story], note="Erasure request.")
    assert [email.to for email in Email.objects.all()] == [["me@example.org"]]
