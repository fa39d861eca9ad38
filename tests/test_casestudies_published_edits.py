"""A published case study stays safe after publication: an edit of its words passes the
personal-data guard (in the model and, as a whole, in the admin), a quote shows only
while it is still an exact excerpt of its story's public version, the guard finds a
quoted story's own submitter, and only the people the stories app may tell are emailed."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from casestudies.models import CaseStudy, CaseStudyEvent, CaseStudyQuote
from infostory.public import public_changed
from stories.models import Story, StoryEvent
from stories.views import browse
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import PublishedStoryFactory
from tests.test_casestudies_pages import admin_post_data

pytestmark = pytest.mark.django_db

PERSONAL = "Call Jane Smith on 07700 900123 about the discharge plan."


def change_url(case_study):
    return reverse("admin:casestudies_casestudy_change", args=[case_study.pk])


# --- S1: an edit of a published case study passes the guard ---


def test_an_edit_of_a_published_case_study_adding_personal_data_is_refused(client, manager):
    case_study = published_case_study(actor=manager)
    case_study = CaseStudy.objects.get(pk=case_study.pk)
    case_study.summary = PERSONAL
    with pytest.raises(ValidationError) as refused:
        case_study.save()
    words = " ".join(refused.value.message_dict["summary"])
    assert "Jane Smith" in words and "07700 900123" in words
    assert CaseStudy.objects.get(pk=case_study.pk).summary != PERSONAL
    assert "07700 900123" not in client.get(case_study.get_absolute_url()).content.decode()


def test_a_reason_lets_the_edit_through_and_what_was_there_is_not_refused_again(manager):
    case_study = published_case_study(actor=manager)
    case_study = CaseStudy.objects.get(pk=case_study.pk)
    case_study.summary = PERSONAL
    case_study.personal_data_reason = "Jane Smith is the council's named press officer."
    case_study.save()
    again = CaseStudy.objects.get(pk=case_study.pk)
    again.summary = PERSONAL + " It took a year."  # the same findings, already public
    again.what_changed = "Discharge plans are shared on the day."
    again.save()
    assert CaseStudy.objects.get(pk=case_study.pk).what_changed.startswith("Discharge plans")


def test_a_draft_is_edited_freely_the_guard_runs_when_it_is_published():
    case_study = CaseStudyFactory()
    case_study = CaseStudy.objects.get(pk=case_study.pk)
    case_study.summary = PERSONAL
    case_study.save()
    assert CaseStudy.objects.get(pk=case_study.pk).summary == PERSONAL


def test_a_section_of_a_published_case_study_is_guarded_too(manager):
    case_study = published_case_study(actor=manager)
    section = case_study.sections.get(lens="culture")
    section.what_helped = "Ring Jane Smith on 07700 900123."
    with pytest.raises(ValidationError) as refused:
        section.save()
    assert "07700 900123" in " ".join(refused.value.message_dict["what_helped"])
    assert "07700" not in case_study.sections.get(lens="culture").what_helped


def test_the_admin_refuses_personal_data_beside_the_field_keeping_the_typed_words(
    manager_client, manager
):
    case_study = published_case_study(actor=manager)
    data = admin_post_data(case_study, summary=PERSONAL)
    response = manager_client.post(change_url(case_study), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert PERSONAL in page  # the typed words are kept in the field
    assert "07700 900123” looks like a phone number" in page
    assert response.context["adminform"].form.errors["summary"]
    assert "personal_data_reason" in response.context["adminform"].form.errors
    assert CaseStudy.objects.get(pk=case_study.pk).summary != PERSONAL


def test_the_admin_checks_the_sections_before_anything_is_saved(manager_client, manager):
    case_study = published_case_study(actor=manager)
    data = admin_post_data(case_study, summary="A new, clean summary of the case study.")
    sections = list(case_study.sections.all())
    culture = next(n for n, section in enumerate(sections) if section.lens == "culture")
    data[f"sections-{culture}-what_helped"] = "Ring Jane Smith on 07700 900123."
    response = manager_client.post(change_url(case_study), data)
    assert response.status_code == 200
    assert "Ring Jane Smith on 07700 900123." in response.content.decode()
    saved = CaseStudy.objects.get(pk=case_study.pk)
    assert saved.summary != "A new, clean summary of the case study."  # nothing saved
    assert "07700" not in saved.sections.get(lens="culture").what_helped


def test_the_admin_reason_publishes_the_edit_and_logs_kinds_never_words(manager_client, manager):
    case_study = published_case_study(actor=manager)
    data = admin_post_data(case_study, summary=PERSONAL)
    data["personal_data_reason"] = "Jane Smith is the council's named press officer."
    response = manager_client.post(change_url(case_study), data)
    assert response.status_code == 302
    assert CaseStudy.objects.get(pk=case_study.pk).summary == PERSONAL
    event = case_study.events.filter(action=CaseStudyEvent.Action.EDITED).get()
    assert event.actor == manager
    assert event.data["personal_data_reason"].startswith("Jane Smith is the council")
    assert event.data["personal_data_found"] == {"person_name": 1, "phone": 1}
    assert "07700" not in json.dumps(event.data) + event.note


def test_a_clean_admin_edit_of_a_published_case_study_is_saved(manager_client, manager):
    case_study = published_case_study(actor=manager)
    data = admin_post_data(case_study, what_changed="Plans are now shared on the day.")
    response = manager_client.post(change_url(case_study), data)
    assert response.status_code == 302
    assert CaseStudy.objects.get(pk=case_study.pk).what_changed.startswith("Plans are now")


# --- S2: a quote shows only while it is still an excerpt of the story ---


def test_redacting_a_quoted_story_takes_the_old_words_off_every_public_place(client, manager):
    story = PublishedStoryFactory(public_body="Our named worker waited nine days for a plan.")
    kept = PublishedStoryFactory(public_body="The ward rang the housing office.")
    case_study = published_case_study(actor=manager, stories=[story, kept])
    assert "Our named worker" in client.get(case_study.get_absolute_url()).content.decode()

    story = Story.objects.get(pk=story.pk)
    story.public_body = "We waited nine days for a plan."  # the manager takes a detail out
    story.save()

    page = client.get(case_study.get_absolute_url()).content.decode()
    assert "Our named worker" not in page
    assert "The ward rang the housing office." in page
    open_data = b"".join(client.get(reverse("stories:open_data")).streaming_content)
    assert "Our named worker" not in open_data.decode()
    assert "The ward rang the housing office." in open_data.decode()
    assert list(CaseStudyQuote.objects.filter(case_study=case_study).visible()) == list(
        CaseStudyQuote.objects.filter(case_study=case_study, story=kept)
    )
    case_study.refresh_from_db()
    assert case_study.needs_review
    left = case_study.events.filter(action=CaseStudyEvent.Action.QUOTE_LEFT).get()
    assert story.reference in left.note and "named worker" not in left.note
    story_page = client.get(story.get_absolute_url()).content.decode()
    assert case_study.get_absolute_url() not in story_page


def test_an_edit_that_keeps_the_quoted_words_leaves_the_case_study_alone(client, manager):
    story = PublishedStoryFactory(
        public_title="Nine days", public_body="She waited nine days for her care plan."
    )
    case_study = published_case_study(actor=manager, stories=[story])
    story = Story.objects.get(pk=story.pk)
    story.public_title = "Nine days for a care plan"
    story.save()
    case_study.refresh_from_db()
    assert not case_study.needs_review
    assert "She waited nine days" in client.get(case_study.get_absolute_url()).content.decode()


# --- M1: the guard finds a quoted story's own submitter ---


def test_the_guard_finds_a_quoted_storys_submitter_in_the_case_studys_words(manager):
    story = PublishedStoryFactory(organisation="Brixworth Pathways")
    case_study = CaseStudyFactory(
        stories=[story], what_changed="The Brixworth Pathways team now shares discharge dates."
    )
    case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=manager)
    with pytest.raises(ValidationError) as refused:
        case_study.transition_to(CaseStudy.Status.PUBLISHED, actor=manager)
    assert "“Brixworth Pathways” looks like a name" in " ".join(refused.value.messages)
    assert [item.kind for item in case_study.personal_data_findings()] == ["submitter"]
    assert CaseStudy.objects.get(pk=case_study.pk).status == CaseStudy.Status.IN_REVIEW


# --- I3: only those the stories app may tell ---


def test_a_quoted_submitter_marked_as_suspected_spam_is_not_emailed(
    manager, django_capture_on_commit_callbacks
):
    spam = PublishedStoryFactory(consent_contact=True, email="stranger@example.org")
    agreed = PublishedStoryFactory(consent_contact=True, email="teller@example.org")
    case_study = CaseStudyFactory(stories=[spam, agreed])
    case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=manager)
    # Flagged after it was published (a bot's "email" is often a stranger's).
    Story.objects.filter(pk=spam.pk).update(is_suspected_spam=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_study.transition_to(CaseStudy.Status.PUBLISHED, actor=manager)
    assert [message.to for message in mail.outbox] == [["teller@example.org"]]
    assert not spam.events.filter(action=StoryEvent.Action.EMAILED).exists()


# --- M6: the story page lists case studies through a hook, not a template tag ---


def test_the_story_page_shows_case_studies_only_through_the_registered_panel(
    client, manager, monkeypatch
):
    story = PublishedStoryFactory()
    case_study = published_case_study(actor=manager, stories=[story], title="Quoting it")
    assert case_study.get_absolute_url() in client.get(story.get_absolute_url()).content.decode()
    monkeypatch.setattr(browse, "STORY_PAGE_PANELS", {})
    public_changed()  # the cached page is dropped
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert case_study.get_absolute_url() not in page.content.decode()
