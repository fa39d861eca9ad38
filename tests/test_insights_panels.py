"""Every panel of /insights/ against numbers counted independently from the seeded set."""

import datetime
from collections import Counter

import pytest

from stories.models import Barrier, LocalArea, PolicyTheme, Story
from tests.insights_helpers import query, rows_by_key, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(db):
    return seed(40)


def evidence(made):
    return [m for m in made if m.evidence]


def panels(client, **params):
    response = client.get("/insights/", params)
    assert response.status_code == 200
    return response.context


def test_the_total_counts_accepted_and_published_stories_that_are_not_spam(staff_client, made):
    context = panels(staff_client)
    assert context["total"].count == len(evidence(made))
    assert context["total"].count < len(made)  # the set really has other stories


def test_totals_by_status_cover_every_status_and_keep_spam_apart(staff_client, made):
    rows = rows_by_key(panels(staff_client)["panels"]["status"].rows)
    expected = Counter(m.status for m in made if not m.spam)
    for status in Story.Status:
        assert rows[status.value].count == expected.get(status.value, 0), status
    assert rows["spam"].count == sum(1 for m in made if m.spam) > 0
    assert sum(rows[s.value].count for s in Story.Status) == sum(1 for m in made if not m.spam)


def test_stories_per_month_are_counted_in_uk_time_with_empty_months_shown(staff_client, made):
    rows = panels(staff_client)["panels"]["months"].rows
    expected = Counter(m.month for m in evidence(made))
    assert [row.key for row in rows] == ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
    for row in rows:
        year, month = map(int, row.key.split("-"))
        assert row.count == expected.get(datetime.date(year, month, 1), 0), row.key
    # 30 June 23:30 UTC is 1 July in London; 31 October 23:30 UTC is 31 October.
    assert rows[0].label == "July 2026"
    assert rows[1].count == 0


def test_stories_by_theme_count_each_theme_a_story_has(staff_client, made):
    rows = rows_by_key(panels(staff_client)["panels"]["themes"].rows)
    for theme in PolicyTheme.objects.all():
        expected = sum(1 for m in evidence(made) if theme in m.themes)
        assert rows[theme.slug].count == expected, theme.slug
    assert rows[""].label == "No theme recorded"
    assert rows[""].count == sum(1 for m in evidence(made) if not m.themes)
    assert rows[""].url is None


def test_stories_by_area_list_the_filed_area_and_stories_with_none(staff_client, made):
    rows = panels(staff_client)["panels"]["areas"].rows
    expected = Counter(m.area.slug for m in evidence(made) if m.area)
    by_key = rows_by_key(rows)
    for slug, count in expected.items():
        assert by_key[slug].count == count
    assert by_key[""].count == sum(1 for m in evidence(made) if m.area is None)
    counts = [row.count for row in rows if row.key]
    assert counts == sorted(counts, reverse=True)


def test_stories_by_outcome(staff_client, made):
    rows = rows_by_key(panels(staff_client)["panels"]["outcomes"].rows)
    expected = Counter(m.outcome for m in evidence(made))
    for outcome in Story.Outcome:
        assert rows[outcome.value].count == expected.get(outcome.value, 0)
    assert sum(row.count for row in rows.values()) == len(evidence(made))


def test_stories_by_barrier_count_each_barrier_a_story_reports(staff_client, made):
    rows = rows_by_key(panels(staff_client)["panels"]["barriers"].rows)
    for barrier in Barrier.objects.all():
        assert rows[barrier.slug].count == sum(1 for m in evidence(made) if barrier in m.barriers)
    assert rows[""].count == sum(1 for m in evidence(made) if not m.barriers)


def test_stories_by_lens_count_a_story_once_per_lens(staff_client, made):
    rows = rows_by_key(panels(staff_client)["panels"]["lenses"].rows)
    for lens in Barrier.Lens:
        expected = sum(1 for m in evidence(made) if any(b.lens == lens for b in m.barriers))
        assert rows[lens.value].count == expected, lens
    # The set has stories with two barriers under one lens (consent and the law: legal).
    assert rows["legal"].count < sum(
        sum(1 for b in m.barriers if b.lens == "legal") for m in evidence(made)
    )


def test_barriers_by_theme_count_stories_reporting_both(staff_client, made):
    matrix = panels(staff_client)["matrix"]
    theme_slugs = [theme.slug for theme in matrix.themes]
    assert theme_slugs == list(
        PolicyTheme.objects.filter(is_active=True).values_list("slug", flat=True)
    )
    assert [barrier.slug for barrier, _cells in matrix.rows] == list(
        Barrier.objects.values_list("slug", flat=True)
    )
    for barrier, cells in matrix.rows:
        for theme, cell in zip(matrix.themes, cells, strict=True):
            expected = sum(1 for m in evidence(made) if barrier in m.barriers and theme in m.themes)
            assert cell.count == expected, (barrier.slug, theme.slug)
    assert matrix.largest == max(cell.count for _b, cells in matrix.rows for cell in cells)


def test_staff_see_evidence_candidates_linked_to_the_story_page(staff_client, made):
    context = panels(staff_client)
    expected = {m.story.reference for m in evidence(made) if m.candidate}
    listed = {
        story.reference: story
        for _theme, areas in context["case_studies"]
        for _area, stories in areas
        for story in stories
    }
    assert set(listed) == expected
    assert context["case_study_count"] == len(expected)
    for reference, story in listed.items():
        assert story.insights_link == f"/stories/{reference}/"


def test_managers_see_every_candidate_but_spam_linked_to_the_admin(manager_client, made):
    context = panels(manager_client)
    expected = {m.story.pk for m in made if m.candidate and not m.spam}
    listed = {
        story.pk: story
        for _theme, areas in context["case_studies"]
        for _area, stories in areas
        for story in stories
    }
    assert set(listed) == expected
    assert any(m.status == Story.Status.SUBMITTED for m in made if m.story.pk in expected)
    for pk, story in listed.items():
        assert story.insights_link == f"/admin/stories/story/{pk}/change/"


def test_candidates_are_grouped_by_theme_then_area(staff_client, made):
    groups = panels(staff_client)["case_studies"]
    for theme_name, areas in groups:
        for area_name, stories in areas:
            for story in stories:
                record = next(m for m in made if m.story.pk == story.pk)
                names = [t.name for t in record.themes] or ["No theme recorded"]
                assert theme_name in names
                assert area_name == (record.area.name if record.area else "No local area recorded")


def test_the_page_shows_the_numbers_and_says_which_stories_count(staff_client, made):
    response = staff_client.get("/insights/")
    html = response.content.decode()
    assert "Which stories are counted" in html
    assert "accepted or published and not suspected spam" in html
    for slug in ("status", "months", "themes", "areas", "outcomes", "barriers", "lenses"):
        assert f'id="table-{slug}"' in html
        assert f'aria-labelledby="chart-{slug}-caption"' in html
    assert 'id="table-barriers-by-theme"' in html
    assert "style=" not in html  # the Content-Security-Policy forbids inline styles
    assert "<script" not in html.split("<main", 1)[1]


def test_the_top_ten_areas_then_all_the_others(staff_client):
    from tests.factories import AcceptedStoryFactory, LocalAreaFactory

    areas = [LocalAreaFactory(name=f"Place {n:02}", slug=f"place-{n:02}") for n in range(13)]
    made = {}
    for n, area in enumerate(areas):
        for _ in range(13 - n):  # place-00 has 13 stories, place-12 has 1
            AcceptedStoryFactory(local_area=area)
        made[area.slug] = 13 - n
    rows = panels(staff_client)["panels"]["areas"].rows
    assert [row.key for row in rows[:10]] == [f"place-{n:02}" for n in range(10)]
    assert [row.count for row in rows[:10]] == [13 - n for n in range(10)]
    others = rows[10]
    assert others.key == "other"
    assert others.label == "All other areas (3)"
    assert others.count == made["place-10"] + made["place-11"] + made["place-12"]
    path, params = query(others.url)
    assert params["area"] == ["place-10", "place-11", "place-12"]
    assert len(rows) == 11


def test_an_area_that_links_would_add_its_councils_stories_is_not_a_link(staff_client, made):
    rows = rows_by_key(panels(staff_client)["panels"]["areas"].rows)
    # Devon and Torbay has its own story and its councils have theirs: area=devon-and-torbay
    # on the browse page would add the councils' stories, so the number is not a link.
    assert rows["devon-and-torbay"].count == 1
    assert rows["devon-and-torbay"].url is None
    assert rows["devon"].url is not None


def test_an_inactive_theme_with_stories_is_still_counted(staff_client):
    from tests.factories import PublishedStoryFactory

    old = PolicyTheme.objects.create(name="Old theme", slug="old-theme", is_active=False)
    PolicyTheme.objects.create(name="Unused old theme", slug="unused-old", is_active=False)
    PublishedStoryFactory(themes=[old])
    rows = rows_by_key(panels(staff_client)["panels"]["themes"].rows)
    assert rows["old-theme"].count == 1
    assert "unused-old" not in rows


def test_an_empty_portal_shows_zeros_and_no_500(staff_client):
    context = panels(staff_client)
    assert context["total"].count == 0
    assert context["panels"]["months"].rows == []
    assert LocalArea.objects.exists()
