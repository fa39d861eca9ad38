"""Each chart's numbers as a CSV download, for the same filters, safe in a spreadsheet."""

import csv
import io
from collections import Counter

import pytest

from stories.exports import neutralise as csv_cell
from stories.models import Barrier, PolicyTheme, Story
from tests.factories import PublishedStoryFactory
from tests.insights_helpers import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(db):
    return seed(40)


def download(client, panel, **params):
    response = client.get(f"/insights/{panel}.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_every_panel_on_the_page_offers_its_csv_with_the_same_filters(staff_client, made):
    html = staff_client.get("/insights/", {"theme": "mental-health"}).content.decode()
    for panel in ("status", "months", "themes", "areas", "outcomes", "barriers", "lenses",
                  "barriers-by-theme"):  # fmt: skip
        assert f'href="/insights/{panel}.csv?theme=mental-health"' in html


def test_the_themes_csv_gives_the_numbers_of_the_table(staff_client, made):
    lines = download(staff_client, "themes")
    assert lines[0] == ["Policy area", "Key", "Stories"]
    counts = {key: int(n) for _label, key, n in lines[1:]}
    evidence = [m for m in made if m.evidence]
    for theme in PolicyTheme.objects.filter(is_active=True):
        assert counts[theme.slug] == sum(1 for m in evidence if theme in m.themes)


def test_the_status_csv_counts_all_but_spam_and_spam_apart(staff_client, made):
    lines = download(staff_client, "status")
    counts = {key: int(n) for _label, key, n in lines[1:]}
    expected = Counter(m.status for m in made if not m.spam)
    for status in Story.Status:
        assert counts[status.value] == expected.get(status.value, 0)
    assert counts["spam"] == sum(1 for m in made if m.spam)


def test_the_areas_csv_lists_every_area_with_stories(staff_client, made):
    lines = download(staff_client, "areas")
    counts = {key: int(n) for _label, key, n in lines[1:]}
    expected = Counter(m.area.slug if m.area else "" for m in made if m.evidence)
    assert counts == dict(expected)


def test_the_barriers_by_theme_csv_is_the_table(staff_client, made):
    lines = download(staff_client, "barriers-by-theme")
    themes = list(PolicyTheme.objects.filter(is_active=True))
    assert lines[0] == ["Barrier", "Lens"] + [theme.name for theme in themes]
    evidence = [m for m in made if m.evidence]
    for line, barrier in zip(lines[1:], Barrier.objects.all(), strict=True):
        assert line[:2] == [barrier.name, barrier.get_lens_display()]
        assert [int(n) for n in line[2:]] == [
            sum(1 for m in evidence if barrier in m.barriers and theme in m.themes)
            for theme in themes
        ]


def test_a_csv_follows_the_filters(staff_client, made):
    lines = download(staff_client, "outcomes", campaign="blsm", area="devon-and-torbay")
    counts = {key: int(n) for _label, key, n in lines[1:]}
    kept = [
        m
        for m in made
        if m.evidence and m.campaign and m.area
        and m.area.slug in {"devon-and-torbay", "devon", "torbay"}
    ]  # fmt: skip
    assert counts == {o.value: sum(1 for m in kept if m.outcome == o) for o in Story.Outcome}


def test_a_csv_with_bad_filters_says_why_and_is_not_a_500(staff_client):
    response = staff_client.get("/insights/themes.csv", {"submitted_from": "31/02/2026"})
    assert response.status_code == 400
    assert "Submitted from" in response.content.decode()


@pytest.mark.parametrize("panel", ["themes", "months", "barriers-by-theme"])
def test_a_csv_with_a_date_out_of_range_is_refused_not_a_500(staff_client, panel):
    response = staff_client.get(f"/insights/{panel}.csv", {"submitted_to": "9999-12-31"})
    assert response.status_code == 400
    assert "Enter a date between 1 January 2000 and 31 December 2100." in response.content.decode()


def test_an_unknown_panel_is_404(staff_client):
    assert staff_client.get("/insights/passwords.csv").status_code == 404


def test_names_that_look_like_formulas_are_neutralised(staff_client):
    theme = PolicyTheme.objects.create(
        name='=HYPERLINK("http://evil.example","x")', slug="evil", position=0
    )
    PublishedStoryFactory(themes=[theme])
    lines = download(staff_client, "themes")
    assert lines[1][0] == '\'=HYPERLINK("http://evil.example","x")'
    matrix = download(staff_client, "barriers-by-theme")
    assert matrix[0][2].startswith("'=")


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_starting_a_formula_get_a_quote(text):
    assert csv_cell(text) == "'" + text
    assert csv_cell(7) == 7
    assert csv_cell("Consent") == "Consent"
