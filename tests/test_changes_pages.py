"""The change tracker's public pages, its feed and open data, and the panels elsewhere."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from changes import services
from changes.models import Change
from infostory.public import public_version
from stories.models import Barrier, LocalArea, PolicyTheme
from stories.private_link import track_path
from tests.casestudy_factories import published_case_study
from tests.change_factories import ChangeFactory, change_at
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory
from tests.test_changes_admin import form_data

pytestmark = pytest.mark.django_db
S = Change.Status


def streamed(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_list_shows_public_changes_with_counts_per_status(client, manager):
    asked = change_at(S.ASKED, actor=manager, title="Guidance on discharge dates")
    made = change_at(S.MADE, actor=manager, title="A shared discharge checklist")
    ChangeFactory(title="A proposed idea nobody may read")
    response = client.get(reverse("changes:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert asked.title in page and made.title in page
    assert "A proposed idea nobody may read" not in page
    links = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert links == {"asked": 1, "in_progress": 0, "made": 1, "not_made": 0}


def test_staff_see_proposed_changes_marked_as_not_public(staff_client, manager):
    ChangeFactory(title="A proposed idea")
    response = staff_client.get(reverse("changes:list"))
    assert response.status_code == 200
    assert "A proposed idea" in response.content.decode()
    assert "Proposed, not public" in response.content.decode()


def test_the_list_filters_by_level_status_theme_area_and_barrier(client, manager):
    theme = PolicyTheme.objects.get(slug="welfare-reform")
    area = LocalArea.objects.get(slug="torbay")
    barrier = Barrier.objects.order_by("pk").last()
    local = change_at(
        S.ASKED,
        actor=manager,
        title="Torbay's shared checklist",
        level=Change.Level.LOCAL,
        owner="Torbay Council",
        local_areas=[area],
    )
    local.themes.add(theme)
    local.barriers.add(barrier)
    national = change_at(S.MADE, actor=manager, title="National guidance")
    for query, expected in [
        ("level=local", [local]),
        ("level=national", [national]),
        ("status=made", [national]),
        ("theme=welfare-reform", [local]),
        ("area=devon-and-torbay", [local]),
        (f"barrier={barrier.slug}", [local]),
    ]:
        response = client.get(f"/changes/?{query}")
        assert response.status_code == 200
        assert response.context["changes"] == expected, query


def test_a_filter_that_cannot_be_used_is_dropped_with_a_message(client, manager):
    change_at(S.ASKED, actor=manager, title="Still listed")
    response = client.get("/changes/?status=proposed&level=<script>")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Still listed" in page
    assert "was ignored" in page
    assert "<script>" not in page


def test_a_proposed_change_is_404_to_the_public_and_readable_by_staff(staff_client):
    change = ChangeFactory()
    assert Client().get(change.get_absolute_url()).status_code == 404
    response = staff_client.get(change.get_absolute_url())
    assert response.status_code == 200
    assert "not public" in response.content.decode()


def test_the_change_page_shows_owner_timeline_what_changed_barriers_and_areas(client, manager):
    case_study = published_case_study(actor=manager, title="Discharge in Torbay")
    change = ChangeFactory(
        title="A discharge date shared two days ahead",
        owner="Torbay and South Devon NHS Trust",
        level=Change.Level.LOCAL,
        what_changed="Every ward now sends the date to the council.",
    )
    change.local_areas.add(LocalArea.objects.get(slug="torbay"))
    change.case_studies.add(case_study)
    change.transition_to(S.ASKED, actor=manager)
    services.post_update(change, text="The trust agreed to try it on two wards.", actor=manager)
    change.transition_to(S.IN_PROGRESS, actor=manager)
    change.transition_to(S.MADE, actor=manager)
    response = client.get(change.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    for words in (
        "Torbay and South Devon NHS Trust",
        "Asked for",
        "The trust agreed to try it on two wards.",
        "Work started",
        "What changed",
        "Every ward now sends the date to the council.",
        "Torbay",
        "Discharge in Torbay",
        change.barriers.first().name,
        change.barriers.first().get_lens_display().lower(),
    ):
        assert words in page, words
    labels = [entry["label"] for entry in response.context["timeline"]]
    assert labels == ["Asked for", "Update", "Work started", "Made"]


def test_the_public_sees_published_stories_and_a_count_of_the_rest(staff_client, manager):
    published = PublishedStoryFactory(public_title="Told on the public site")
    accepted = AcceptedStoryFactory(public_title="Held for staff only")
    change = change_at(S.ASKED, actor=manager, stories=[published, accepted])
    page = Client().get(change.get_absolute_url()).content.decode()
    assert "Told on the public site" in page
    assert "Held for staff only" not in page
    assert accepted.reference not in page
    assert "1 more story is held as evidence" in page
    staff_page = staff_client.get(change.get_absolute_url()).content.decode()
    assert "Told on the public site" in staff_page and "Held for staff only" in staff_page
    assert "more story is held" not in staff_page


@pytest.mark.parametrize("count", [1, 12])
def test_the_change_page_runs_a_fixed_number_of_queries(
    client, manager, django_assert_max_num_queries, count
):
    change = change_at(S.ASKED, actor=manager, stories=PublishedStoryFactory.create_batch(count))
    for n in range(count):
        services.post_update(change, text=f"Update number {n}.", actor=manager)
    change.local_areas.set(LocalArea.objects.all()[:count])
    change.barriers.set(Barrier.objects.all()[:count])
    with django_assert_max_num_queries(14):
        response = client.get(change.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["stories"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_the_list_runs_a_fixed_number_of_queries(
    client, manager, django_assert_max_num_queries, count
):
    stories = PublishedStoryFactory.create_batch(2)
    for _ in range(count):
        change = change_at(S.ASKED, actor=manager, stories=stories)
        change.local_areas.set(LocalArea.objects.all()[:3])
    with django_assert_max_num_queries(16):
        response = client.get("/changes/?theme=&level=national")
    assert response.status_code == 200
    assert len(response.context["changes"]) == count


# --- elsewhere on the site ---


def test_a_story_page_lists_the_public_changes_it_is_evidence_for(client, manager):
    story = PublishedStoryFactory()
    change_at(S.ASKED, actor=manager, title="Asked for on its evidence", stories=[story])
    ChangeFactory(title="Proposed on its evidence", stories=[story])
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Asked for on its evidence" in page
    assert "Proposed on its evidence" not in page
    assert "This story is evidence for 1 change" in page


def test_a_case_study_page_lists_its_public_changes(client, manager):
    case_study = published_case_study(actor=manager)
    change = change_at(S.ASKED, actor=manager, title="Guidance the case study asks for")
    change.case_studies.add(case_study)
    page = client.get(case_study.get_absolute_url()).content.decode()
    assert "Changes asked for" in page
    assert "Guidance the case study asks for" in page


def test_the_storyteller_page_lists_the_changes_their_story_is_evidence_for(client, manager):
    story = AcceptedStoryFactory()
    change_at(S.MADE, actor=manager, title="Made on your evidence", stories=[story])
    response = client.get(track_path(story))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your story is evidence for 1 change" in page
    assert "Made on your evidence" in page


def test_the_home_page_lists_the_latest_changes_made_with_their_story_counts(client, manager):
    stories = [PublishedStoryFactory(), AcceptedStoryFactory()]
    change_at(S.MADE, actor=manager, title="A change that was made", stories=stories)
    change_at(S.ASKED, actor=manager, title="A change still asked for")
    page = client.get("/").content.decode()
    assert "Changes made" in page
    assert "A change that was made" in page
    assert "2 stories behind it" in page
    assert "A change still asked for" not in page


def test_the_feed_is_atom_with_an_author_and_only_public_changes(client, manager):
    change_at(S.ASKED, actor=manager, title="In the feed")
    ChangeFactory(title="Not in the feed")
    response = client.get(reverse("changes:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "In the feed" in body and "Not in the feed" not in body
    assert "<author><name>Centre of Excellence for Information Sharing</name>" in body


def test_the_open_data_lists_public_changes_and_only_published_evidence(client, manager):
    published = PublishedStoryFactory()
    accepted = AcceptedStoryFactory()
    change = change_at(S.MADE, actor=manager, stories=[published, accepted])
    ChangeFactory(title="Proposed, not in the open data")
    services.post_update(change, text="It was published in March.", actor=manager)
    body = streamed(client.get(reverse("stories:open_data")))
    data = json.loads(body)
    [record] = data["changes"]
    assert record["title"] == change.title
    assert record["status"] == "made"
    assert record["what_changed"] == change.what_changed
    assert [item["story"] for item in record["evidence"]] == [published.reference]
    assert record["more_stories_held"] == 1
    assert record["updates"][0]["text"] == "It was published in March."
    assert accepted.reference not in body
    assert "Proposed, not in the open data" not in body


def test_insights_show_the_change_tracker_figures(staff_client, manager):
    story = PublishedStoryFactory()
    change_at(S.MADE, actor=manager, stories=[story])
    change_at(S.ASKED, actor=manager)
    response = staff_client.get(reverse("stories:insights"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "From barriers to change" in page
    assert "Changes by status and level" in page
    assert "Changes by barrier lens" in page
    assert "evidence for a change made" in page
    assert "days from asked to made" in page


def test_a_change_made_public_changes_the_cached_pages_at_once(
    manager, django_capture_on_commit_callbacks
):
    change = change_at(S.IN_PROGRESS, actor=manager, what_changed="The guidance is out.")
    reader = Client()
    assert "Made" not in [
        e["label"] for e in reader.get(change.get_absolute_url()).context["timeline"]
    ]
    reader.get(reverse("changes:list"))
    with django_capture_on_commit_callbacks(execute=True):
        change.transition_to(S.MADE, actor=manager)
    page = reader.get(change.get_absolute_url()).content.decode()
    assert "The guidance is out." in page


@pytest.mark.parametrize("writer", ["update", "evidence", "admin edit", "move"])
def test_every_writer_of_a_public_change_says_the_public_version_changed(
    writer, manager, manager_client, django_capture_on_commit_callbacks
):
    change = change_at(S.ASKED, actor=manager)
    before = public_version()
    with django_capture_on_commit_callbacks(execute=True):
        if writer == "update":
            services.post_update(change, text="The department replied.", actor=manager)
        elif writer == "evidence":
            services.add_evidence(change, [PublishedStoryFactory()], actor=manager)
        elif writer == "admin edit":
            url = reverse("admin:changes_change_change", args=[change.pk])
            data = form_data(manager_client, url, summary="A new summary in plain words.")
            assert manager_client.post(url, data).status_code == 302
        else:
            change.transition_to(S.IN_PROGRESS, actor=manager)
    assert public_version() != before


def test_a_held_story_rejected_leaves_the_public_count_of_held_stories_at_once(manager):
    change = change_at(S.ASKED, actor=manager)
    held = AcceptedStoryFactory()
    services.add_evidence(change, [PublishedStoryFactory(), held], actor=manager)
    reader = Client()
    assert "1 more story is held as evidence" in reader.get(change.get_absolute_url()).text
    held.rejection_reason = "duplicate"
    held.transition_to("rejected", actor=manager)
    page = reader.get(change.get_absolute_url()).text  # the cached copy is not served
    assert change.title in page and "held as evidence" not in page


def test_a_story_moving_outside_any_public_change_leaves_the_cached_pages_alone(manager):
    change = change_at(S.PROPOSED, actor=manager)
    held = AcceptedStoryFactory()
    services.add_evidence(change, [held], actor=manager)
    before = public_version()
    held.rejection_reason = "duplicate"
    held.transition_to("rejected", actor=manager)
    assert public_version() == before
