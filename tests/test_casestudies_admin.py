"""Writing case studies in the admin: managers edit, Staff read (drafts too), quotes are
checked beside their field, steps go through a confirmation page, the guard's override is
logged, and a case study whose story left is flagged on the list and the admin index."""

import pytest
from django.urls import reverse

from casestudies.models import CaseStudy, CaseStudyEvent
from stories.models import PolicyTheme, Story
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory
from tests.test_casestudies_pages import admin_post_data

pytestmark = pytest.mark.django_db

LIST = "/admin/casestudies/casestudy/"


def change_url(case_study):
    return reverse("admin:casestudies_casestudy_change", args=[case_study.pk])


def move_url(case_study, to):
    return reverse("admin:casestudies_casestudy_move", args=[case_study.pk, to])


def test_a_manager_writes_a_case_study_with_the_three_lenses(manager_client, manager):
    response = manager_client.get(reverse("admin:casestudies_casestudy_add"))
    page = response.content.decode()
    for lens in ("leadership", "capacity", "culture"):
        assert f'<option value="{lens}" selected>' in page
    data = {
        "title": "Torbay: one discharge plan",
        "slug": "torbay-one-discharge-plan",
        "summary": "How Torbay's hospital and council came to share a plan.",
        "sections-TOTAL_FORMS": "3",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        "quotes-MIN_NUM_FORMS": "0",
        "quotes-MAX_NUM_FORMS": "1000",
    }
    for n, lens in enumerate(("leadership", "capacity", "culture")):
        data[f"sections-{n}-lens"] = lens
        data[f"sections-{n}-what_helped"] = f"What helped, {lens}."
        data[f"sections-{n}-position"] = str(n)
    response = manager_client.post(reverse("admin:casestudies_casestudy_add"), data)
    assert response.status_code == 302
    case_study = CaseStudy.objects.get(slug="torbay-one-discharge-plan")
    assert case_study.status == CaseStudy.Status.DRAFT
    assert sorted(case_study.sections.values_list("lens", flat=True)) == [
        "capacity",
        "culture",
        "leadership",
    ]
    assert list(case_study.authors.all()) == [manager]
    assert case_study.events.get().action == CaseStudyEvent.Action.CREATED


def quote_row(case_study, story, quote, n=0):
    data = admin_post_data(case_study)
    total = int(data["quotes-TOTAL_FORMS"])
    data["quotes-TOTAL_FORMS"] = str(total + 1)
    data.update(
        {
            f"quotes-{total}-story": story,
            f"quotes-{total}-quote": quote,
            f"quotes-{total}-section": "",
            f"quotes-{total}-position": str(n),
        }
    )
    return data


def test_a_quote_that_is_not_an_exact_excerpt_is_refused_beside_the_field(manager_client):
    case_study = CaseStudyFactory()
    story = PublishedStoryFactory(public_body="The ward rang the housing office.")
    typed = "The ward phoned the housing office."
    response = manager_client.post(
        change_url(case_study), quote_row(case_study, story.reference.lower(), typed)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not an exact excerpt" in page and typed in page
    assert not case_study.quotes.exists()

    exact = "rang the housing office"
    response = manager_client.post(
        change_url(case_study), quote_row(case_study, story.reference, exact)
    )
    assert response.status_code == 302
    assert case_study.quotes.get().quote == exact


@pytest.mark.parametrize(
    ("reference", "message"),
    [("IS-XXXXXX", "No story has the reference IS-XXXXXX"), ("accepted", "is not published")],
)
def test_a_quote_names_a_published_story(manager_client, reference, message):
    case_study = CaseStudyFactory()
    accepted = AcceptedStoryFactory()
    reference = accepted.reference if reference == "accepted" else reference
    response = manager_client.post(
        change_url(case_study), quote_row(case_study, reference, accepted.public_body)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not case_study.quotes.exists()


def test_a_draft_whose_quoted_story_left_can_still_be_edited(manager_client, manager):
    """A saved quote left as it was is not checked again (it is hidden while its story is
    away); a quote typed anew still is."""
    stories = PublishedStoryFactory.create_batch(2)
    case_study = CaseStudyFactory(stories=stories)
    stories[0].transition_to(Story.Status.WITHDRAWN, actor=manager)
    data = admin_post_data(case_study)
    data["title"] = "Retitled while a story is away"
    response = manager_client.post(change_url(case_study), data)
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.title == "Retitled while a story is away"
    assert case_study.quotes.count() == 2

    typed = quote_row(case_study, stories[0].reference, stories[0].public_body)
    response = manager_client.post(change_url(case_study), typed)
    assert response.status_code == 200
    assert "is not published" in response.content.decode()
    assert case_study.quotes.count() == 2


def test_a_step_saves_then_asks_for_confirmation_then_moves(manager_client, manager):
    case_study = CaseStudyFactory(stories=PublishedStoryFactory.create_batch(1))
    data = admin_post_data(case_study, summary="Edited on the way.", _step="in_review")
    response = manager_client.post(change_url(case_study), data)
    assert response.status_code == 302 and response.url == move_url(case_study, "in_review")
    case_study.refresh_from_db()
    assert case_study.summary == "Edited on the way." and case_study.status == "draft"

    page = manager_client.get(response.url).content.decode()
    assert "Send for review: are you sure?" in page
    response = manager_client.post(response.url, {"note": "Ready for a second pair of eyes."})
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.status == CaseStudy.Status.IN_REVIEW
    event = case_study.events.get(action=CaseStudyEvent.Action.TRANSITION)
    assert event.actor == manager and event.note == "Ready for a second pair of eyes."


def test_a_move_is_never_made_by_a_get(manager_client):
    case_study = CaseStudyFactory(stories=PublishedStoryFactory.create_batch(1))
    manager_client.get(move_url(case_study, "in_review"))
    case_study.refresh_from_db()
    assert case_study.status == CaseStudy.Status.DRAFT


def test_publishing_with_personal_data_asks_for_a_reason_and_logs_it(manager_client, manager):
    case_study = CaseStudyFactory(
        stories=PublishedStoryFactory.create_batch(1),
        national_asks="Write to the minister at minister@example.gov.uk.",
    )
    case_study.transition_to(CaseStudy.Status.IN_REVIEW, actor=manager)
    url = move_url(case_study, "published")
    page = manager_client.get(url).content.decode()
    assert "The personal-data check found" in page and "minister@example.gov.uk" in page

    response = manager_client.post(url, {"note": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The case study was not moved" in page
    assert "or say here why it may be published" in page
    case_study.refresh_from_db()
    assert case_study.status == CaseStudy.Status.IN_REVIEW

    response = manager_client.post(url, {"personal_data_reason": "A public office address."})
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.status == CaseStudy.Status.PUBLISHED
    event = case_study.events.get(to_status="published")
    assert event.data["personal_data_reason"] == "A public office address."
    assert "A public office address." in manager_client.get(change_url(case_study)).content.decode()


def test_staff_read_every_case_study_and_change_nothing(staff_client, manager):
    draft = CaseStudyFactory(title="A draft for staff to read")
    assert "A draft for staff to read" in staff_client.get(LIST).content.decode()
    page = staff_client.get(change_url(draft)).content.decode()
    assert "A draft for staff to read" in page
    assert 'name="_step"' not in page and 'name="_save"' not in page
    preview = staff_client.get(reverse("admin:casestudies_casestudy_preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert "A draft for staff to read" in preview.content.decode()

    before = draft.summary
    response = staff_client.post(change_url(draft), admin_post_data(draft, summary="Changed"))
    assert response.status_code == 403
    assert staff_client.post(move_url(draft, "in_review")).status_code == 403
    assert staff_client.get(reverse("admin:casestudies_casestudy_add")).status_code == 403
    draft.refresh_from_db()
    assert draft.summary == before and draft.status == "draft"


def test_the_public_and_people_without_the_permission_do_not_reach_the_admin(client):
    draft = CaseStudyFactory()
    for url in (
        change_url(draft),
        reverse("admin:casestudies_casestudy_preview", args=[draft.pk]),
        reverse("admin:casestudies_casestudy_candidates"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_preview_is_the_public_template(manager_client, client, manager):
    case_study = published_case_study(actor=manager)
    preview = manager_client.get(
        reverse("admin:casestudies_casestudy_preview", args=[case_study.pk])
    )
    public = client.get(case_study.get_absolute_url())
    assert [t.name for t in preview.templates][:2] == [t.name for t in public.templates][:2]
    assert "Preview: this is the page exactly as the public will see it" in (
        preview.content.decode()
    )


def test_candidates_are_published_stories_candidates_first_filtered(manager_client):
    plain = PublishedStoryFactory(public_title="A plain published story")
    candidate = PublishedStoryFactory(public_title="A candidate story", case_study_candidate=True)
    AcceptedStoryFactory(public_title="An accepted story", case_study_candidate=True)
    url = reverse("admin:casestudies_casestudy_candidates")
    page = manager_client.get(url).content.decode()
    assert "An accepted story" not in page
    assert page.index("A candidate story") < page.index("A plain published story")
    assert candidate.public_body in page
    plain.themes.add(PolicyTheme.objects.get(slug="welfare-reform"))
    page = manager_client.get(url + "?theme=welfare-reform").content.decode()
    assert "1 published story" in page and "A candidate story" not in page
    assert "A plain published story" in page


def test_needs_review_shows_in_the_list_and_the_admin_index(manager_client, manager):
    stories = PublishedStoryFactory.create_batch(2)
    case_study = published_case_study(actor=manager, stories=stories, title="Torbay plans")
    stories[0].transition_to(Story.Status.WITHDRAWN, actor=manager)
    index = manager_client.get("/admin/").content.decode()
    assert "Case studies that need review" in index and "Torbay plans" in index
    listed = manager_client.get(LIST + "?needs_review=yes").content.decode()
    assert "Torbay plans" in listed
    page = manager_client.get(change_url(case_study)).content.decode()
    assert "Needs review" in page and "left the public site" in page

    response = manager_client.post(
        change_url(case_study), admin_post_data(case_study, _reviewed="1")
    )
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert not case_study.needs_review
    assert "Case studies that need review" not in manager_client.get("/admin/").content.decode()
