"""The panels that feed case studies: barriers by local area (an area counting the areas
inside it) and by quarter (UK time), the case-study pipeline, bars in order of their
numbers, and the status totals adding up to the headline. Every expected number is
counted here in plain Python over the seeded stories."""

import ast
import csv
import datetime
import io
import pathlib

import pytest

from casestudies.models import CaseStudy
from stories import insights
from stories.models import Barrier, Story
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import PublishedStoryFactory
from tests.insights_helpers import LONDON, UTC, Made, query, rows_by_key, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(db):
    return seed(40)


def evidence(made):
    return [m for m in made if m.evidence]


def context_for(client, **params):
    response = client.get("/insights/", params)
    assert response.status_code == 200
    return response.context


def inside(area, column):
    """Whether area is column or lies inside it, by walking up the parent links."""
    while area is not None:
        if area.pk == column.pk:
            return True
        area = area.parent
    return False


def browse_count(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


# --- barriers by local area ---


def test_an_area_counts_the_stories_of_the_areas_inside_it(staff_client, made):
    matrix = context_for(staff_client)["matrices"]["barriers-by-area"]
    columns = {area.slug: area for area in matrix.columns}
    assert {"devon-and-torbay", "devon", "torbay"} <= set(columns)
    for barrier, cells in matrix.rows:
        for area, cell in zip(matrix.columns, cells, strict=True):
            expected = sum(
                1 for m in evidence(made) if barrier in m.barriers and inside(m.area, area)
            )
            assert cell.count == expected, (barrier.slug, area.slug)
    consent = dict(matrix.rows)[Barrier.objects.get(slug="consent")]
    by_area = {cell.key: cell.count for cell in consent}
    # The partnership has a story of its own and its councils' stories.
    assert by_area["devon-and-torbay"] > by_area["devon"] + by_area["torbay"] > 0


def test_the_areas_are_in_order_of_their_stories_with_a_barrier(staff_client, made):
    matrix = context_for(staff_client)["matrices"]["barriers-by-area"]
    totals = [
        sum(1 for m in evidence(made) if m.barriers and inside(m.area, area))
        for area in matrix.columns
    ]
    keys = [(-total, area.name) for total, area in zip(totals, matrix.columns, strict=True)]
    assert keys == sorted(keys)
    assert totals[0] > totals[-1] > 0


def test_each_area_cell_links_to_exactly_its_stories(staff_client, made):
    matrix = context_for(staff_client, campaign="blsm")["matrices"]["barriers-by-area"]
    checked = 0
    for barrier, cells in matrix.rows:
        for area, cell in zip(matrix.columns, cells, strict=True):
            path, params = query(cell.url)
            assert params["area"] == [area.slug] and params["barrier"] == [barrier.slug]
            assert params["campaign"] == ["blsm"]
            if cell.count and area.slug == "devon-and-torbay":
                assert browse_count(staff_client, cell.url) == cell.count
                checked += 1
    assert checked


def test_with_an_area_chosen_only_it_and_the_areas_inside_it_are_columns(staff_client, made):
    matrix = context_for(staff_client, area="devon")["matrices"]["barriers-by-area"]
    assert [area.slug for area in matrix.columns] == ["devon"]


def test_the_areas_csv_lists_every_area_with_a_barrier(staff_client, made):
    response = staff_client.get("/insights/barriers-by-area.csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][:2] == ["Barrier", "Lens"]
    from stories.models import LocalArea

    expected = {
        area.name
        for area in LocalArea.objects.all()
        if any(m.barriers and inside(m.area, area) for m in evidence(made))
    }
    assert set(lines[0][2:]) == expected
    assert {"Devon and Torbay", "London"} <= expected  # the areas that hold the filed ones


# --- barriers by quarter ---


EDGES = [
    # 31 March 23:30 UTC is 1 April 00:30 in London (summer time): the second quarter.
    datetime.datetime(2026, 3, 31, 23, 30, tzinfo=UTC),
    # 30 September 23:30 UTC is 1 October in London: the fourth quarter.
    datetime.datetime(2026, 9, 30, 23, 30, tzinfo=UTC),
    # 31 December 2025 23:30 UTC is still 31 December in London (winter): 2025 Q4.
    datetime.datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
]


@pytest.fixture
def with_edges(made):
    consent = Barrier.objects.get(slug="consent")
    for moment in EDGES:
        story = PublishedStoryFactory(barriers=[consent], submitted_at=moment)
        made.append(
            Made(story, Story.Status.PUBLISHED, False, [], [consent], None,
                 story.outcome, moment, None, False)
        )  # fmt: skip
    return made


def quarter_name(moment):
    day = moment.astimezone(LONDON).date()
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def test_barriers_by_quarter_count_in_uk_time(staff_client, with_edges):
    matrix = context_for(staff_client)["matrices"]["barriers-by-quarter"]
    assert [q.name for q in matrix.columns] == ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]
    assert quarter_name(EDGES[0]) == "2026 Q2" and quarter_name(EDGES[1]) == "2026 Q4"
    for barrier, cells in matrix.rows:
        for quarter, cell in zip(matrix.columns, cells, strict=True):
            expected = sum(
                1
                for m in evidence(with_edges)
                if barrier in m.barriers and quarter_name(m.submitted_at) == quarter.name
            )
            assert cell.count == expected, (barrier.slug, quarter.name)


def test_the_rising_barriers_come_first(staff_client, with_edges):
    matrix = context_for(staff_client)["matrices"]["barriers-by-quarter"]
    changes = [cells[-1].count - cells[-2].count for _barrier, cells in matrix.rows]
    assert matrix.changes == changes
    keys = [
        (-change, -cells[-1].count, barrier.name)
        for (barrier, cells), change in zip(matrix.rows, changes, strict=True)
    ]
    assert keys == sorted(keys)
    assert max(changes) > 0


def test_a_quarter_cell_links_to_its_barrier_and_days(staff_client, with_edges):
    matrix = context_for(staff_client, submitted_to="2026-11-15")["matrices"]["barriers-by-quarter"]
    barrier, cells = next(row for row in matrix.rows if row[0].slug == "consent")
    _path, params = query(cells[1].url)
    assert params == {
        "barrier": ["consent"],
        "submitted_from": ["2026-04-01"],
        "submitted_to": ["2026-06-30"],
    }
    _path, params = query(cells[-1].url)
    assert params["submitted_to"] == ["2026-11-15"]  # the filter's end, inside the quarter
    for cell in cells:
        assert browse_count(staff_client, cell.url) == cell.count


def test_the_quarters_csv_has_the_change(staff_client, with_edges):
    response = staff_client.get("/insights/barriers-by-quarter.csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == ["Barrier", "Lens", "2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4",
                        "Change on the quarter before"]  # fmt: skip
    for line in lines[1:]:
        assert int(line[-1]) == int(line[-2]) - int(line[-3])


def test_quarters_step_over_the_year():
    q = insights.Quarter(2026, 1)
    assert q.previous() == insights.Quarter(2025, 4)
    assert insights.Quarter(2025, 4).following() == q
    assert (q.first_day, q.last_day) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert insights.Quarter.of(datetime.date(2026, 12, 31)).name == "2026 Q4"


# --- the case-study pipeline ---


@pytest.fixture
def pipeline(made):
    """Stories quoted by case studies at each status, against the seeded set."""
    published = [m for m in evidence(made) if m.status == Story.Status.PUBLISHED]
    in_print = published_case_study(stories=[published[0].story, published[1].story])
    CaseStudyFactory(stories=[published[1].story, published[2].story])
    in_review = CaseStudyFactory(stories=[published[3].story])
    in_review.transition_to(CaseStudy.Status.IN_REVIEW, actor=None)
    withdrawn = published_case_study(stories=[published[4].story])
    withdrawn.transition_to(CaseStudy.Status.WITHDRAWN, actor=None)
    # A story quoted in print that has since left the public site is no longer counted.
    leaving = PublishedStoryFactory()
    published_case_study(stories=[leaving])
    leaving.transition_to(Story.Status.WITHDRAWN, actor=None)
    return {
        "candidate": {m.story.pk for m in evidence(made) if m.candidate},
        "draft": {published[1].story.pk, published[2].story.pk, published[3].story.pk},
        "published": {published[0].story.pk, published[1].story.pk},
        "case_study": in_print,
    }


def test_the_pipeline_counts_each_stage(staff_client, pipeline):
    context = context_for(staff_client)
    rows = context["panels"]["pipeline"].rows
    assert [row.key for row in rows] == ["candidate", "draft", "published"]
    for row in rows:
        assert row.count == len(pipeline[row.key]), row.key
        assert row.url == f"#pipeline-{row.key}"
    listed = {key: {story.pk for story in stories} for key, _l, stories, _m in
              context["pipeline_stages"]}  # fmt: skip
    assert listed == {"draft": pipeline["draft"], "published": pipeline["published"]}
    html = staff_client.get("/insights/").content.decode()
    for key in ("candidate", "draft", "published"):
        assert f'id="pipeline-{key}"' in html
        assert f'href="#pipeline-{key}"' in html


def test_the_pipeline_follows_the_filters(staff_client, pipeline, made):
    context = context_for(staff_client, area="devon-and-torbay")
    kept = {
        m.story.pk
        for m in evidence(made)
        if m.area and m.area.slug in {"devon-and-torbay", "devon", "torbay"}
    }
    rows = rows_by_key(context["panels"]["pipeline"].rows)
    for key in ("candidate", "draft", "published"):
        assert rows[key].count == len(pipeline[key] & kept), key


def test_the_stories_app_does_not_import_case_studies_at_module_level():
    stories = pathlib.Path(insights.__file__).parent
    for path in stories.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "casestudies" for name in names), path


# --- order and totals ---


@pytest.mark.parametrize("slug", ["status", "themes", "outcomes", "barriers", "lenses"])
def test_bars_are_in_order_of_their_numbers_then_names(staff_client, made, slug):
    rows = [row for row in context_for(staff_client)["panels"][slug].rows
            if row.key and row.key != "spam"]  # fmt: skip
    keys = [(-row.count, row.label) for row in rows]
    assert keys == sorted(keys)
    assert len({row.count for row in rows}) > 1


def test_the_status_totals_add_up_to_the_stories_in_the_picture(staff_client, made):
    context = context_for(staff_client)
    rows = rows_by_key(context["panels"]["status"].rows)
    accepted, published = rows["accepted"].count, rows["published"].count
    total = context["total"].count
    assert accepted + published == total == len(evidence(made))
    line = f"In the picture: accepted {accepted} + published {published} = total {total}"
    assert context["panels"]["status"].summary == line
    html = staff_client.get("/insights/").content.decode()
    assert line in html
    assert "accepted and published stories that are not suspected spam" in html
