"""The change tracker in the admin: start, evidence, updates, steps, the story list's action."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from changes.models import Change, ChangeEvent
from stories.models import Barrier
from tests.casestudy_factories import CaseStudyFactory
from tests.change_factories import ChangeFactory, change_at
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory, SubmittedStoryFactory

pytestmark = pytest.mark.django_db
S = Change.Status
ADD = "/admin/changes/change/add/"


def change_url(change):
    return reverse("admin:changes_change_change", args=[change.pk])


def form_data(client, url, **overrides):
    """The change page's form (and its inlines) as the browser would post it."""
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for subform in formset.forms:
            if not subform.instance.pk:
                continue
            for name in subform.fields:
                value = subform[name].value()
                if value not in (None, False):
                    data[subform.add_prefix(name)] = getattr(value, "pk", value)
    data.update(overrides)
    return data


def test_a_manager_starts_a_change_from_a_case_studys_national_asks(manager_client, manager):
    case_study = CaseStudyFactory(national_asks="Write national guidance on discharge dates.")
    start = manager_client.get(reverse("admin:changes_change_start"))
    assert start.status_code == 200
    link = f"{ADD}?case_study={case_study.pk}&amp;from=national_asks"
    assert link in start.content.decode()
    url = f"{ADD}?case_study={case_study.pk}&from=national_asks"
    data = form_data(manager_client, url)
    assert data["summary"] == "Write national guidance on discharge dates."
    assert data["level"] == "national"
    assert data["case_studies"] == [str(case_study.pk)]
    data.update(
        slug="national-guidance",
        owner="Department of Health and Social Care",
        barriers=[str(Barrier.objects.first().pk)],
        **{"updates-TOTAL_FORMS": "0"},
    )
    response = manager_client.post(url, data, follow=True)
    assert response.status_code == 200
    change = Change.objects.get(slug="national-guidance")
    assert change.status == S.PROPOSED
    assert list(change.case_studies.all()) == [case_study]
    assert change.events.filter(action=ChangeEvent.Action.CREATED, actor=manager).exists()


def test_a_change_needs_a_barrier_and_a_local_one_an_area(manager_client):
    data = form_data(manager_client, ADD)
    data.update(
        title="Local checklist",
        slug="local-checklist",
        summary="<b>A checklist</b> for every ward.",
        level="local",
        owner="Torbay Council",
        **{"updates-TOTAL_FORMS": "0"},
    )
    response = manager_client.post(ADD, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "barriers" in errors and "local_areas" in errors
    assert (
        "<b>A checklist</b> for every ward."
        in response.context["adminform"].form["summary"].value()
    )
    assert not Change.objects.exists()


def test_the_evidence_picker_shows_status_and_whether_public_and_adds(manager_client, manager):
    change = ChangeFactory()
    published = PublishedStoryFactory(public_title="A published one")
    accepted = AcceptedStoryFactory(public_title="An accepted one")
    waiting = SubmittedStoryFactory(public_title="Still waiting")
    url = reverse("admin:changes_change_evidence", args=[change.pk])
    page = manager_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Published, public" in text and "Accepted, not public" in text
    assert waiting.reference not in text
    response = manager_client.post(
        url,
        {"story": [published.pk, accepted.pk, waiting.pk], "note": "Both show it."},
        follow=True,
    )
    assert response.status_code == 200
    assert set(change.evidence.values_list("story_id", flat=True)) == {published.pk, accepted.pk}
    assert change.events.filter(action=ChangeEvent.Action.EVIDENCE).exists()


def test_the_story_lists_bulk_action_adds_stories_to_a_change(manager_client):
    change = change_at(S.ASKED)
    stories = [PublishedStoryFactory(), AcceptedStoryFactory(), SubmittedStoryFactory()]
    response = manager_client.post(
        "/admin/stories/story/",
        {"action": "add_as_evidence", "_selected_action": [s.pk for s in stories]},
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Add as evidence for a change" in text
    assert "will not be added" in text and stories[2].reference in text
    references = response.context["stories_param"]
    response = manager_client.post(
        reverse("admin:changes_change_from_stories"),
        {"stories": references, "change": change.pk, "note": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert set(change.evidence.values_list("story_id", flat=True)) == {
        stories[0].pk,
        stories[1].pk,
    }


def test_a_new_change_started_from_stories_holds_them_as_evidence(manager_client):
    stories = [PublishedStoryFactory(), AcceptedStoryFactory()]
    refs = ",".join(s.reference for s in stories)
    url = f"{ADD}?stories={refs}"
    data = form_data(manager_client, url)
    data.update(
        title="From two stories",
        slug="from-two-stories",
        summary="What should change.",
        level="national",
        owner="The Home Office",
        barriers=[str(Barrier.objects.first().pk)],
        **{"updates-TOTAL_FORMS": "0"},
    )
    response = manager_client.post(url, data, follow=True)
    assert response.status_code == 200
    change = Change.objects.get(slug="from-two-stories")
    assert change.evidence.count() == 2


def test_a_step_asks_for_confirmation_then_moves_and_logs(manager_client, manager):
    change = ChangeFactory()
    data = form_data(manager_client, change_url(change), _step="asked")
    response = manager_client.post(change_url(change), data)
    move_url = reverse("admin:changes_change_move", args=[change.pk, "asked"])
    assert response.status_code == 302 and response["Location"] == move_url
    confirm = manager_client.get(move_url)
    assert confirm.status_code == 200
    assert "are you sure" in confirm.content.decode()
    assert Change.objects.get(pk=change.pk).status == S.PROPOSED
    done = manager_client.post(move_url, {"note": "Sent to the department."}, follow=True)
    assert done.status_code == 200
    change.refresh_from_db()
    assert change.status == S.ASKED
    event = change.events.get(action=ChangeEvent.Action.TRANSITION)
    assert (event.actor, event.note) == (manager, "Sent to the department.")


def test_marking_made_without_what_changed_is_refused_on_the_confirmation_page(manager_client):
    change = change_at(S.IN_PROGRESS)
    url = reverse("admin:changes_change_move", args=[change.pk, "made"])
    page = manager_client.get(url).content.decode()
    assert "Say what changed" in page
    response = manager_client.post(url, {"note": ""})
    assert response.status_code == 200
    assert "The change was not moved" in response.content.decode()
    assert Change.objects.get(pk=change.pk).status == S.IN_PROGRESS


def test_personal_data_on_the_step_page_needs_a_reason(manager_client, manager):
    change = ChangeFactory(owner="Call Jo Bloggs on 07700 900123")
    url = reverse("admin:changes_change_move", args=[change.pk, "asked"])
    refused = manager_client.post(url, {"note": ""})
    assert refused.status_code == 200
    assert "phone number" in refused.content.decode()
    assert Change.objects.get(pk=change.pk).status == S.PROPOSED
    manager_client.post(url, {"personal_data_reason": "A public office's line."})
    assert Change.objects.get(pk=change.pk).status == S.ASKED


def test_an_update_posted_in_the_admin_is_dated_logged_and_guarded(manager_client, manager):
    story = PublishedStoryFactory(name="Ffion Davies")
    change = change_at(S.ASKED, stories=[story])
    data = form_data(
        manager_client,
        change_url(change),
        **{
            "updates-TOTAL_FORMS": "1",
            "updates-0-date": "2026-11-02",
            "updates-0-text": "Ffion's council agreed to try it.",
        },
    )
    refused = manager_client.post(change_url(change), data)
    assert refused.status_code == 200
    assert "could identify a person" in refused.content.decode()
    assert not change.updates.exists()
    data["updates-0-text"] = "The council agreed to try it."
    response = manager_client.post(change_url(change), data, follow=True)
    assert response.status_code == 200
    update = change.updates.get()
    assert (update.date, update.created_by) == (datetime.date(2026, 11, 2), manager)
    assert change.events.filter(action=ChangeEvent.Action.UPDATED).exists()


def test_an_edit_of_a_public_change_is_guarded(manager_client):
    change = change_at(S.ASKED)
    data = form_data(manager_client, change_url(change), summary="Ring 07700 900123.")
    refused = manager_client.post(change_url(change), data)
    assert refused.status_code == 200
    assert "summary" in refused.context["adminform"].form.errors
    assert Change.objects.get(pk=change.pk).summary != "Ring 07700 900123."
    data["personal_data_reason"] = "The department's public line."
    manager_client.post(change_url(change), data, follow=True)
    assert Change.objects.get(pk=change.pk).summary == "Ring 07700 900123."
    edit = change.events.get(action=ChangeEvent.Action.EDITED)
    assert edit.data["personal_data_reason"] == "The department's public line."


def test_the_list_shows_which_changes_need_an_update(manager_client):
    stale = change_at(S.ASKED, title="Stale change")
    change_at(S.ASKED, title="Fresh change")
    old = timezone.localdate() - datetime.timedelta(days=100)
    Change.objects.filter(pk=stale.pk).update(last_progress_on=old)
    response = manager_client.get("/admin/changes/change/?needs_update=yes")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Stale change" in text and "Fresh change" not in text


def test_staff_read_changes_in_the_admin_and_change_nothing(staff_client):
    change = ChangeFactory()
    assert staff_client.get(change_url(change)).status_code == 200
    url = reverse("admin:changes_change_move", args=[change.pk, "asked"])
    assert staff_client.post(url, {"note": ""}).status_code == 403
    assert Change.objects.get(pk=change.pk).status == S.PROPOSED
    assert mail.outbox == []


@pytest.mark.parametrize(
    "query",
    [
        "case_study=abc&from=national_asks",
        "case_study=1x",
        "case_study=²",
        "case_study=99999999999999999999999&from=local_actions",
        "barrier=abc",
        "stories=abc,,%20",
        "barriers=abc&themes=x&local_areas=1x&case_studies=z",
    ],
)
def test_the_add_form_ignores_an_id_that_is_not_a_number(manager_client, query):
    response = manager_client.get(f"{ADD}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="title"' in html
    assert "what needs to change" not in html
