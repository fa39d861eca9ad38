import pytest
from django.contrib.auth.models import Group

from stories.models import Barrier, Campaign, LocalArea, PolicyTheme
from tests.factories import EngagementManagerFactory, StaffFactory

pytestmark = pytest.mark.django_db

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
        "Bournemouth",
        "Poole",
    }
    assert set(
        LocalArea.objects.get(slug="devon-and-torbay").children.values_list("name", flat=True)
    ) == {"Devon", "Torbay"}
    assert LocalArea.objects.get(slug="islington").parent.name == "London"


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
