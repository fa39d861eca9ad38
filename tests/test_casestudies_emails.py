"""The people whose words a published case study quotes are told, once, if they agreed."""

import pytest
from django.core import mail

from casestudies.models import CaseStudy
from stories.models import StoryEvent
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import PublishedStoryFactory

pytestmark = pytest.mark.django_db


def emailed(story):
    return story.events.filter(
        action=StoryEvent.Action.EMAILED, data__template="case_study_quoted"
    ).count()


def test_a_quoted_submitter_who_agreed_is_emailed_once_after_commit(
    manager, django_capture_on_commit_callbacks, settings
):
    settings.INFOSTORY_SITE_URL = "https://infostory.example.org"
    agreed = PublishedStoryFactory(consent_contact=True, email="teller@example.org")
    refused = PublishedStoryFactory(consent_contact=False, email="quiet@example.org")
    no_email = PublishedStoryFactory(consent_contact=True, email="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_study = published_case_study(
            actor=manager, stories=[agreed, refused, no_email], title="Torbay plans"
        )
    assert [message.to for message in mail.outbox] == [["teller@example.org"]]
    message = mail.outbox[0]
    assert agreed.reference in message.subject
    assert f"https://infostory.example.org{case_study.get_absolute_url()}" in message.body
    assert "Torbay plans" in message.body
    assert (emailed(agreed), emailed(refused), emailed(no_email)) == (1, 0, 0)

    # Published again, or quoted in a second case study: not emailed again.
    with django_capture_on_commit_callbacks(execute=True):
        case_study.transition_to(CaseStudy.Status.WITHDRAWN, actor=manager)
        case_study.transition_to(CaseStudy.Status.DRAFT, actor=manager)
        case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=manager)
        case_study.transition_to(CaseStudy.Status.PUBLISHED, actor=manager)
        published_case_study(actor=manager, stories=[agreed])
    assert len(mail.outbox) == 1 and emailed(agreed) == 1


def test_nobody_is_emailed_while_the_case_study_is_a_draft(
    manager, django_capture_on_commit_callbacks
):
    story = PublishedStoryFactory(consent_contact=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_study = CaseStudyFactory(stories=[story])
        case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=manager)
    assert mail.outbox == [] and emailed(story) == 0


def test_a_failing_mail_server_is_logged_and_the_case_study_stays_published(
    manager, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.test_casestudies_emails.BrokenBackend"
    story = PublishedStoryFactory(consent_contact=True)
    with django_capture_on_commit_callbacks(execute=True):
        case_study = published_case_study(actor=manager, stories=[story])
    case_study.refresh_from_db()
    assert case_study.status == CaseStudy.Status.PUBLISHED
    assert "case_study_quoted" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")
