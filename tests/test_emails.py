import pytest
from django.core import mail
from django.db import transaction
from post_office.models import Email

from stories.emails import queue_email, send_email_now

# Every email is stored in the outbox before it is sent.
pytestmark = pytest.mark.django_db


@pytest.fixture
def email_templates(tmp_path, settings):
    folder = tmp_path / "stories" / "email"
    folder.mkdir(parents=True)
    (folder / "hello_subject.txt").write_text("Your story {{ reference }}\n")
    (folder / "hello.txt").write_text("Thank you. Reference {{ reference }} at {{ site_url }}.")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    settings.INFOSTORY_SITE_URL = "https://infostory.example.org"
    return folder


def test_an_email_is_rendered_from_its_paired_templates(email_templates):
    assert send_email_now("hello", to=["a@example.org"], context={"reference": "IS-ABCDEF"})
    (message,) = mail.outbox
    assert message.subject == "Your story IS-ABCDEF"
    assert "https://infostory.example.org" in message.body


def test_a_failing_mail_server_is_logged_not_raised(email_templates, settings, caplog):
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    assert send_email_now("hello", to=["a@example.org"], context={"reference": "X"}) is False
    assert "could not be sent" in caplog.text
    # Kept in the outbox for the next try (tests/test_outbox.py).
    assert Email.objects.get().subject == "Your story X"


@pytest.mark.django_db(transaction=True)
def test_queued_email_waits_for_the_commit_and_is_dropped_on_rollback(email_templates):
    with transaction.atomic():
        queue_email("hello", to=["a@example.org"], context={"reference": "IS-1"})
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    try:
        with transaction.atomic():
            queue_email("hello", to=["b@example.org"], context={"reference": "IS-2"})
            raise RuntimeError("the story was not stored")
    except RuntimeError:
        pass
    assert len(mail.outbox) == 1


def test_no_recipient_sends_nothing(email_templates):
    assert send_email_now("hello", to=["", None], context={}) is False
    assert mail.outbox == []
