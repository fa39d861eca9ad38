from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count

from stories.models import Barrier, Campaign, LocalArea, PolicyTheme
from tests.factories import EngagementManagerFactory, StaffFactory

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR) / "stories" / "data" / "local_authorities.csv"

CAMPAIGN_THEMES = [
    "Health and social care",
    "Troubled families",
    "Public service transformation",
    "Welfare reform",
    "Social justice",
]


def test_the_campaigns_policy_themes_come_first():
    names = list(PolicyTheme.objects.active().values_list("name", flat=True))
    assert names[:5] == CAMPAIGN_THEMES
    assert len(names) > 5


def test_the_places_the_campaign_names_are_there_with_their_councils():
    for name in ["Surrey", "Devon and Torbay", "Dorset, Bournemouth and Poole", "Islington"]:
        assert LocalArea.objects.filter(name=name).exists(), name
    partnership = LocalArea.objects.get(slug="dorset-bournemouth-and-poole")
    assert partnership.kind == LocalArea.Kind.PARTNERSHIP
    assert set(partnership.children.values_list("name", flat=True)) == {
        "Dorset",
        "Bournemouth, Christchurch and Poole",
    }
    # Bournemouth and Poole, merged in 2019, stay inside the council that took them over.
    assert {"Bournemouth", "Poole"} <= set(
        LocalArea.objects.within(partnership).values_list("name", flat=True)
    )
    assert set(
        LocalArea.objects.get(slug="devon-and-torbay").children.values_list("name", flat=True)
    ) == {"Devon", "Torbay"}
    assert LocalArea.objects.get(slug="islington").parent.name == "London"


def test_every_uk_local_authority_is_there_with_its_code_kind_region_and_nation():
    councils = LocalArea.objects.exclude(ons_code="")
    assert councils.count() >= 380
    nations = dict(
        councils.values_list("nation").annotate(n=Count("pk")).values_list("nation", "n")
    )
    assert nations["England"] > 300
    assert nations["Wales"] == 22
    assert nations["Scotland"] == 32
    assert nations["Northern Ireland"] == 11
    carmarthenshire = LocalArea.objects.get(slug="carmarthenshire")
    assert (carmarthenshire.ons_code, carmarthenshire.kind, carmarthenshire.region) == (
        "W06000010",
        LocalArea.Kind.UNITARY,
        "Wales",
    )
    guildford = LocalArea.objects.get(ons_code="E07000209")
    assert (guildford.kind, guildford.region, guildford.parent.slug) == (
        LocalArea.Kind.DISTRICT,
        "South East",
        "surrey",
    )
    assert not councils.filter(nation="").exists()
    assert (
        LocalArea.objects.within("london").filter(kind=LocalArea.Kind.LONDON_BOROUGH).count() == 33
    )


def test_the_campaigns_first_areas_keep_their_addresses():
    slugs = set(LocalArea.objects.values_list("slug", flat=True))
    assert {
        "london",
        "islington",
        "surrey",
        "devon-and-torbay",
        "devon",
        "torbay",
        "dorset-bournemouth-and-poole",
        "dorset",
        "bournemouth",
        "poole",
    } <= slugs
    # Dorset County Council's successor since 2019.
    assert LocalArea.objects.get(slug="dorset").ons_code == "E06000059"


def test_reimporting_the_shipped_list_adds_nothing(tmp_path):
    before = LocalArea.objects.count()
    out = StringIO()
    call_command("import_local_areas", str(DATA), stdout=out)
    assert "0 local areas created" in out.getvalue()
    assert LocalArea.objects.count() == before


def test_barriers_cover_the_three_lenses_and_the_others():
    lenses = set(Barrier.objects.values_list("lens", flat=True))
    assert lenses == set(Barrier.Lens.values)
    assert Barrier.objects.get(slug="consent").lens == Barrier.Lens.LEGAL
    assert Barrier.objects.get(slug="incompatible-systems").lens == Barrier.Lens.TECHNOLOGY


def test_the_infostory_campaign_runs_during_better_local_services_month():
    campaign = Campaign.objects.get(hashtag="#InfoStory")
    assert "Better Local Services Month" in campaign.name
    assert campaign.starts_on.month == campaign.ends_on.month


def test_engagement_managers_moderate_and_see_contact_details():
    manager = EngagementManagerFactory()
    assert manager.has_perms(
        [
            "stories.view_story",
            "stories.change_story",
            "stories.view_submitter_contact",
            "stories.view_storyevent",
            "stories.change_policytheme",
        ]
    )
    # Nobody deletes a story or rewrites its history.
    assert not manager.has_perm("stories.delete_story")
    assert not manager.has_perm("stories.change_storyevent")


def test_staff_view_and_change_nothing():
    staff = StaffFactory()
    assert staff.has_perm("stories.view_story")
    assert not staff.has_perm("stories.change_story")
    assert not staff.has_perm("stories.view_submitter_contact")
    assert Group.objects.filter(name__in=["Engagement managers", "Staff"]).count() == 2
