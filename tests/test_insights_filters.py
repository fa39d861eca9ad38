"""The filters narrow every panel, bad values get a message, and every number links to
the browse page filtered to exactly those stories."""

import datetime
from collections import Counter

import pytest

from stories.filters import Filters, StoryFilter, browse_url
from stories.models import Barrier, LocalArea, Story, area_ids_within, children_in
from stories.story_index import story_index
from tests.factories import PublishedStoryFactory
from tests.insights_helpers import query, rows_by_key, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(db):
    return seed(40)


def context_for(client, **params):
    response = client.get("/insights/", params)
    assert response.status_code == 200
    return response.context


def check_every_panel(context, stories, everything):
    """Every panel agrees with a plain count over `stories` (the evidence kept)."""
    assert context["total"].count == len(stories)
    outcomes = rows_by_key(context["panels"]["outcomes"].rows)
    for outcome, count in Counter(m.outcome for m in stories).items():
        assert outcomes[outcome].count == count
    themes = rows_by_key(context["panels"]["themes"].rows)
    for key, row in themes.items():
        if key:
            assert row.count == sum(1 for m in stories if any(t.slug == key for t in m.themes))
    barriers = rows_by_key(context["panels"]["barriers"].rows)
    for barrier in Barrier.objects.all():
        assert barriers[barrier.slug].count == sum(1 for m in stories if barrier in m.barriers)
    areas = rows_by_key(context["panels"]["areas"].rows)
    for slug, count in Counter(m.area.slug for m in stories if m.area).items():
        assert areas[slug].count == count
    statuses = rows_by_key(context["panels"]["status"].rows)
    for status in Story.Status:
        assert statuses[status.value].count == sum(
            1 for m in everything if m.status == status and not m.spam
        )
    for barrier, cells in context["matrix"].rows:
        for theme, cell in zip(context["matrix"].themes, cells, strict=True):
            assert cell.count == sum(
                1 for m in stories if barrier in m.barriers and theme in m.themes
            )


def test_the_date_range_is_whole_days_in_uk_time(staff_client, made):
    # 31 October 23:30 UTC is 31 October in London: inside a range ending on the 31st.
    context = context_for(staff_client, submitted_from="2026-07-01", submitted_to="2026-10-31")
    start, end = datetime.date(2026, 7, 1), datetime.date(2026, 10, 31)
    kept = [m for m in made if start <= m.london_day <= end]
    check_every_panel(context, [m for m in kept if m.evidence], kept)
    assert any(m.submitted_at.day == 30 and m.submitted_at.month == 6 for m in kept)


def test_the_campaign_filter(staff_client, made):
    context = context_for(staff_client, campaign="blsm")
    kept = [m for m in made if m.campaign and m.campaign.slug == "blsm"]
    check_every_panel(context, [m for m in kept if m.evidence], kept)
    assert 0 < context["total"].count < len([m for m in made if m.evidence])


def test_the_theme_filter_keeps_the_other_themes_of_those_stories(staff_client, made):
    context = context_for(staff_client, theme="health-and-social-care")
    kept = [m for m in made if any(t.slug == "health-and-social-care" for t in m.themes)]
    check_every_panel(context, [m for m in kept if m.evidence], kept)
    themes = rows_by_key(context["panels"]["themes"].rows)
    assert themes["welfare-reform"].count > 0  # stories with both themes
    # "Health and welfare" cannot be a browse link (browse ORs repeated themes).
    assert themes["welfare-reform"].url is None
    assert query(themes["health-and-social-care"].url)[1]["theme"] == ["health-and-social-care"]


def test_a_partnership_area_includes_its_councils(staff_client, made):
    context = context_for(staff_client, area="devon-and-torbay")
    inside = {"devon-and-torbay", "devon", "torbay"}
    kept = [m for m in made if m.area and m.area.slug in inside]
    check_every_panel(context, [m for m in kept if m.evidence], kept)
    areas = rows_by_key(context["panels"]["areas"].rows)
    assert set(areas) <= inside
    assert query(areas["devon"].url)[1]["area"] == ["devon"]


def test_filters_combine(staff_client, made):
    context = context_for(
        staff_client, area="devon-and-torbay", theme="health-and-social-care", campaign="blsm"
    )
    kept = [
        m
        for m in made
        if m.area
        and m.area.slug in {"devon-and-torbay", "devon", "torbay"}
        and any(t.slug == "health-and-social-care" for t in m.themes)
        and m.campaign
    ]
    check_every_panel(context, [m for m in kept if m.evidence], kept)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"submitted_from": "yesterday"}, "submitted_from", "Enter the date as year-month-day"),
        ({"submitted_to": "2026-02-30"}, "submitted_to", "Enter the date as year-month-day"),
        ({"submitted_from": "2026-11-10", "submitted_to": "2026-11-01"}, "submitted_to",
         "The end date must be on or after the start date"),
        ({"campaign": "no-such-campaign"}, "campaign", "Choose a campaign from the list"),
        ({"theme": "' OR 1=1 --"}, "theme", "Choose a policy area from the list"),
        ({"submitted_to": "9999-12-31"}, "submitted_to", "Enter a date between 1 January 2000"),
        ({"submitted_from": "1999-12-31"}, "submitted_from", "and 31 December 2100"),
        ({"area": "x" * 5000}, "area", "Choose a local area from the list"),
    ],
)  # fmt: skip
def test_a_bad_filter_gets_a_message_beside_it_and_is_left_out(
    staff_client, made, params, field, message
):
    response = staff_client.get("/insights/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert f'href="#id_{field}"' in html
    assert f'id="id_{field}_error"' in html
    assert message in html
    # The panels are still drawn, without the bad filter.
    assert response.context["total"].count > 0


def test_hostile_filter_text_is_escaped_and_kept(staff_client, made):
    response = staff_client.get("/insights/", {"submitted_from": '<script>alert("x")</script>'})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_every_number_links_to_browse_filtered_to_exactly_those_stories(staff_client, made):
    context = context_for(
        staff_client,
        submitted_from="2026-07-01",
        submitted_to="2026-11-10",
        campaign="blsm",
        area="devon-and-torbay",
    )
    common = {
        "submitted_from": ["2026-07-01"],
        "submitted_to": ["2026-11-10"],
        "campaign": ["blsm"],
    }
    path, params = query(context["total"].url)
    assert path == "/stories/"
    assert params == {**common, "area": ["devon-and-torbay"]}
    panels = context["panels"]
    for row in panels["outcomes"].rows:
        assert query(row.url)[1] == {**common, "area": ["devon-and-torbay"], "outcome": [row.key]}
    for row in panels["themes"].rows:
        if row.key:
            assert query(row.url)[1] == {
                **common, "area": ["devon-and-torbay"], "theme": [row.key]
            }  # fmt: skip
    for row in panels["barriers"].rows:
        if row.key:
            assert query(row.url)[1] == {
                **common, "area": ["devon-and-torbay"], "barrier": [row.key]
            }  # fmt: skip
    for row in panels["lenses"].rows:
        assert query(row.url)[1] == {**common, "area": ["devon-and-torbay"], "lens": [row.key]}
    for row in panels["areas"].rows:
        if row.url:  # the area replaces the partnership: it lies inside it
            assert query(row.url)[1] == {**common, "area": [row.key]}
    statuses = rows_by_key(panels["status"].rows)
    assert query(statuses["accepted"].url)[1]["status"] == ["accepted"]
    assert query(statuses["published"].url)[1]["status"] == ["published"]
    assert statuses["submitted"].url is None  # in the moderation queue, not the browse page
    for barrier, cells in context["matrix"].rows:
        for theme, cell in zip(context["matrix"].themes, cells, strict=True):
            assert query(cell.url)[1] == {
                **common,
                "area": ["devon-and-torbay"],
                "barrier": [barrier.slug],
                "theme": [theme.slug],
            }


def test_a_month_link_is_that_month_within_the_chosen_dates(staff_client, made):
    context = context_for(staff_client, submitted_from="2026-07-10", submitted_to="2026-11-10")
    months = rows_by_key(context["panels"]["months"].rows)
    july = query(months["2026-07"].url)[1]
    assert (july["submitted_from"], july["submitted_to"]) == (["2026-07-10"], ["2026-07-31"])
    september = query(months["2026-09"].url)[1]
    assert (september["submitted_from"], september["submitted_to"]) == (
        ["2026-09-01"],
        ["2026-09-30"],
    )
    november = query(months["2026-11"].url)[1]
    assert (november["submitted_from"], november["submitted_to"]) == (
        ["2026-11-01"],
        ["2026-11-10"],
    )


def test_links_go_to_the_browse_page_by_its_url_name_when_routed(settings):
    assert browse_url({}) == "/stories/"
    assert browse_url({"theme": ["a", "b"], "area": "c", "q": None}) == (
        "/stories/?area=c&theme=a&theme=b"
    )


def test_the_picture_is_the_evidence_staff_may_read(made, staff):
    index = story_index()
    in_picture = set(index.newest(index.picture(Filters()), limit=10_000))
    assert in_picture  # the seeded evidence is there
    assert in_picture == set(Story.objects.visible_to(staff).values_list("pk", flat=True))


def test_the_index_narrows_by_the_filters_as_the_browse_page_does(made, staff):
    index = story_index()
    area = LocalArea.objects.get(slug="torbay").parent  # Devon and Torbay: two councils
    areas = children_in(list(LocalArea.objects.all()))
    filters = Filters(area=area, area_ids=area_ids_within({area.pk}, areas))
    listed = set(index.newest(index.picture(filters), limit=10_000))
    assert 0 < len(listed) < len(index.newest(index.picture(Filters()), limit=10_000))
    browse = StoryFilter({"area": [area.slug]}, Story.objects.visible_to(staff), is_staff=True)
    assert listed == set(browse.qs.values_list("pk", flat=True))


def test_a_theme_named_like_markup_is_escaped_in_chart_and_table(staff_client):
    from stories.models import PolicyTheme

    theme = PolicyTheme.objects.create(name="<b>Bold</b> & co", slug="bold", position=1)
    PublishedStoryFactory(themes=[theme])
    html = staff_client.get("/insights/").content.decode()
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html
