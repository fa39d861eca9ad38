"""Areas inside areas: one walk (LocalArea.objects.within), and a loop of parents hangs nothing."""

import signal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from stories.models import LocalArea
from tests.browse_helpers import references
from tests.factories import AcceptedStoryFactory, LocalAreaFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fails_instead_of_hanging():
    """A loop that never ends fails the test after a while, instead of hanging the run."""

    def stop(signum, frame):
        raise AssertionError("still walking the areas: a loop of parents was not stopped")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def loop():
    """Loop A inside Loop B inside Loop A (as a bad import or a raw edit could leave it)."""
    a = LocalAreaFactory(name="Loop A", slug="loop-a")
    b = LocalAreaFactory(name="Loop B", slug="loop-b", parent=a)
    LocalArea.objects.filter(pk=a.pk).update(parent=b)
    a.refresh_from_db()
    return a, b


def slugs(queryset):
    return set(queryset.values_list("slug", flat=True))


def test_an_area_includes_every_area_inside_it_however_deep():
    top = LocalAreaFactory(slug="top", kind=LocalArea.Kind.PARTNERSHIP)
    levels = [top]
    for depth in range(4):
        levels.append(LocalAreaFactory(slug=f"level-{depth}", parent=levels[-1]))
    LocalAreaFactory(slug="elsewhere")
    assert slugs(LocalArea.objects.within(top)) == {area.slug for area in levels}
    assert slugs(LocalArea.objects.within("level-2")) == {"level-2", "level-3"}
    assert slugs(LocalArea.objects.within("level-3", "elsewhere")) == {"level-3", "elsewhere"}


def test_a_story_filed_four_levels_down_is_listed_under_the_top_area(client):
    top = LocalAreaFactory(slug="top", kind=LocalArea.Kind.PARTNERSHIP)
    county = LocalAreaFactory(slug="county", parent=top)
    district = LocalAreaFactory(slug="district", parent=county)
    ward = LocalAreaFactory(slug="ward", parent=district)
    story = PublishedStoryFactory(local_area=ward)
    assert references(client.get(reverse("stories:list") + "?area=top")) == [story.reference]
    assert references(client.get(reverse("stories:area", args=["top"]))) == [story.reference]
    areas = client.get(reverse("stories:areas")).context["regions"]
    counted = {area.slug: area.story_count for _, listed in areas for area in listed}
    assert counted["top"] == 1


def test_a_loop_of_two_areas_stops_the_walk(loop, fails_instead_of_hanging):
    a, b = loop
    assert slugs(LocalArea.objects.within(a)) == {"loop-a", "loop-b"}


def test_an_area_cannot_be_placed_under_a_loop(loop, fails_instead_of_hanging):
    a, _b = loop
    with pytest.raises(ValidationError) as refused:
        LocalArea(name="New area", slug="new-area", parent=a).full_clean()
    assert "parent" in refused.value.message_dict


def test_an_area_cannot_be_put_inside_itself():
    a = LocalAreaFactory(slug="a")
    b = LocalAreaFactory(slug="b", parent=a)
    a.parent = b
    with pytest.raises(ValidationError, match="cannot be inside itself"):
        a.full_clean()


def test_saving_an_area_under_a_loop_in_the_admin_is_refused_not_hung(
    loop, manager_client, fails_instead_of_hanging
):
    a, _b = loop
    response = manager_client.post(
        "/admin/stories/localarea/add/",
        {"name": "Under the loop", "slug": "under", "kind": "district", "parent": a.pk},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]
    assert not LocalArea.objects.filter(slug="under").exists()


def test_the_pages_still_answer_with_a_loop_of_areas(loop, staff_client, fails_instead_of_hanging):
    a, b = loop
    client = Client()
    story = PublishedStoryFactory(local_area=b)
    AcceptedStoryFactory(local_area=a)
    # Both areas are listed (neither is anyone's top area), each counting the other's stories.
    regions = client.get(reverse("stories:areas")).context["regions"]
    listed = {area.slug: area.story_count for _, areas in regions for area in areas}
    assert listed["loop-a"] == 1 and listed["loop-b"] == 1
    assert references(client.get(reverse("stories:area", args=["loop-a"]))) == [story.reference]
    assert references(client.get(reverse("stories:list") + "?area=loop-a")) == [story.reference]
    assert staff_client.get(reverse("stories:insights") + "?area=loop-a").status_code == 200


# --- import_local_areas ---


def write(tmp_path, text):
    path = tmp_path / "areas.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_import_refuses_a_file_whose_parents_go_round_in_a_loop(tmp_path):
    path = write(
        tmp_path,
        "name,ons_code,kind,region,parent\n"
        "Fine Area,,district,South West,\n"
        "Loop A,,district,South West,Loop B\n"
        "Loop B,,district,South West,Loop C\n"
        "Loop C,,district,South West,Loop A\n",
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_local_areas", path, stdout=StringIO())
    message = str(refused.value)
    assert "lines 3, 4, 5" in message and "loop" in message
    assert not LocalArea.objects.filter(name__in=["Fine Area", "Loop A"]).exists()


def test_the_import_refuses_a_loop_closed_through_an_area_already_stored(tmp_path):
    county = LocalAreaFactory(name="Stored County", slug="stored-county")
    LocalAreaFactory(name="Stored District", slug="stored-district", parent=county)
    path = write(
        tmp_path,
        "name,ons_code,kind,region,parent\nStored County,,county,South West,Stored District\n",
    )
    with pytest.raises(CommandError, match="line 2: the parents go round in a loop"):
        call_command("import_local_areas", path, stdout=StringIO())
    county.refresh_from_db()
    assert county.parent is None


def test_the_import_accepts_parents_that_do_not_loop(tmp_path):
    path = write(
        tmp_path,
        "name,ons_code,kind,region,parent\n"
        "New Partnership,,partnership,South West,\n"
        "New County,,county,South West,New Partnership\n"
        "New District,,district,South West,New County\n",
    )
    call_command("import_local_areas", path, stdout=StringIO())
    top = LocalArea.objects.get(name="New Partnership")
    assert slugs(LocalArea.objects.within(top)) == {
        "new-partnership",
        "new-county",
        "new-district",
    }
