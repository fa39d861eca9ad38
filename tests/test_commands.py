from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stories.demo import DEMO_SEEDS, read_demo
from stories.models import LocalArea, Story, StoryEvent

pytestmark = pytest.mark.django_db

GOOD_CSV = """name,ons_code,kind,region,parent
Mid Devon,E07000042,district,South West,Devon
Exeter,E07000041,District,South West,devon
Kent,E10000016,county,South East,
Kent and Medway,,partnership,South East,
"""


def write(tmp_path, text, name="areas.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_local_areas_creates_areas_with_parents(tmp_path):
    call_command("import_local_areas", write(tmp_path, GOOD_CSV))
    mid_devon = LocalArea.objects.get(ons_code="E07000042")
    assert mid_devon.name == "Mid Devon"
    assert mid_devon.kind == LocalArea.Kind.DISTRICT
    assert mid_devon.parent.slug == "devon"
    assert LocalArea.objects.get(name="Exeter").parent.slug == "devon"
    assert LocalArea.objects.get(slug="kent-and-medway").ons_code == ""


def test_import_local_areas_is_idempotent_and_updates(tmp_path):
    path = write(tmp_path, GOOD_CSV)
    call_command("import_local_areas", path)
    count = LocalArea.objects.count()
    call_command("import_local_areas", path)
    assert LocalArea.objects.count() == count
    call_command(
        "import_local_areas",
        write(tmp_path, "name,ons_code,kind,region,parent\nMid Devon,E07000042,district,SW,\n"),
    )
    assert LocalArea.objects.count() == count
    assert LocalArea.objects.get(ons_code="E07000042").region == "SW"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Somewhere,E07000099,shire,South West,", "line 3: kind 'shire' is not one of"),
        (",E07000099,district,South West,", "line 3: the name is empty"),
        ("Somewhere,E0700,district,South West,", "line 3: ONS code 'E0700'"),
        ("Somewhere,E07000099,district,South West,Atlantis", "line 3: parent 'Atlantis'"),
        (
            "Somewhere,E07000042,district,South West,",
            "line 3: ONS code E07000042 is also on line 2",
        ),
    ],
)
def test_a_bad_row_is_named_by_line_and_nothing_is_imported(tmp_path, row, message):
    text = f"name,ons_code,kind,region,parent\nMid Devon,E07000042,district,South West,\n{row}\n"
    before = LocalArea.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("import_local_areas", write(tmp_path, text))
    assert LocalArea.objects.count() == before


def test_a_file_without_the_columns_is_refused(tmp_path):
    with pytest.raises(CommandError, match="must name the columns"):
        call_command("import_local_areas", write(tmp_path, "council;code\nKent;E10000016\n"))


def test_a_missing_file_is_refused_plainly(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_local_areas", str(tmp_path / "nope.csv"))


def test_seed_demo_makes_a_living_portal_and_is_idempotent(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", password="a-demo-password-1")
    out = capsys.readouterr().out
    assert "demo-manager" in out and "a-demo-password-1" in out
    total = Story.objects.count()
    assert total >= 30
    statuses = set(Story.objects.values_list("status", flat=True))
    assert statuses == set(Story.Status.values)
    # Every demo story went through the state machine and the submission was logged.
    assert StoryEvent.objects.filter(action=StoryEvent.Action.SUBMITTED).count() == total
    for story in Story.objects.published():
        assert story.consent_publish and story.public_title and story.public_body
    call_command("seed_demo", password="a-demo-password-1")
    assert Story.objects.count() == total


def test_seed_demo_refuses_demo_accounts_on_a_live_site(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Demo accounts are for development"):
        call_command("seed_demo")
    call_command("seed_demo", no_accounts=True)
    assert Story.objects.exists()


def test_seed_demo_makes_each_registered_demo_after_the_stories_with_the_demo_manager(
    settings, monkeypatch
):
    settings.DEBUG = True
    seen = []

    def seed(actor):
        seen.append((actor.username, Story.objects.filter(title__in=demo_titles).count()))
        return 7

    demo_titles = [item["title"] for item in read_demo("stories")["story"]]
    monkeypatch.setitem(DEMO_SEEDS, "test things", seed)
    out = StringIO()
    call_command("seed_demo", password="a-demo-password-1", stdout=out)
    assert seen == [("demo-manager", len(demo_titles))]  # the stories were there first
    assert "Demo test things: 7 added." in out.getvalue()
    assert "Demo case studies: 2 added." in out.getvalue()  # registered by casestudies
