"""Only staff reach /insights/, and it counts in a fixed number of queries."""

import pytest

from tests.factories import UserFactory
from tests.insights_helpers import seed

pytestmark = pytest.mark.django_db

PAGES = ["/insights/", "/insights/themes.csv", "/insights/barriers-by-theme.csv"]


@pytest.mark.parametrize("path", PAGES)
def test_the_public_is_sent_to_sign_in(client, path):
    response = client.get(path + "?theme=mental-health")
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert "next=" in response["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_a_signed_in_person_without_the_permission_gets_404(client, path):
    client.force_login(UserFactory())
    assert client.get(path).status_code == 404


def test_a_staff_account_not_in_a_group_gets_404(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/insights/").status_code == 404


@pytest.mark.parametrize("path", PAGES)
def test_staff_and_engagement_managers_reach_it(staff_client, manager, client, path):
    assert staff_client.get(path).status_code == 200
    client.force_login(manager)
    assert client.get(path).status_code == 200


def test_the_header_links_to_insights_for_staff_only(client, staff):
    assert 'href="/insights/"' not in client.get("/").content.decode()
    client.force_login(staff)
    assert 'href="/insights/"' in client.get("/").content.decode()


# 4 for the session, user and permissions, 4 reference lists; the story index every panel
# counts from, read once and shared by later requests (stories.story_index): the stories,
# their policy areas, their barriers, who was told the outcome, and the 2 later stages of
# the pipeline (one of them reads its quotes' words once); 2 for the case-study candidates
# (the stories, then their themes) and 1 for the stories of each of the pipeline's 2 later
# stages; and 4 for the change tracker's section (changes.reading.insight_figures, kept
# per public version): at most 22 whatever the number of stories.
QUERY_BOUND = 22
# A CSV download: the same 8, and the story index when no request has read it yet.
CSV_QUERY_BOUND = 15  # with the public version (infostory.public)


@pytest.mark.parametrize("count", [5, 40])
def test_the_page_runs_a_fixed_number_of_queries(
    manager_client, django_assert_max_num_queries, count
):
    seed(count)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = manager_client.get(
            "/insights/", {"area": "devon-and-torbay", "submitted_from": "2026-01-01"}
        )
    assert response.status_code == 200
    assert response.context["case_study_count"] > 0


@pytest.mark.parametrize("count", [5, 40])
def test_a_csv_download_runs_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries, count
):
    seed(count)
    for panel in ("barriers-by-theme", "barriers-by-area", "barriers-by-quarter", "pipeline"):
        with django_assert_max_num_queries(CSV_QUERY_BOUND):
            assert staff_client.get(f"/insights/{panel}.csv").status_code == 200
