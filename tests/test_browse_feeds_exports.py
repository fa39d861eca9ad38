"""Atom feeds, the staff exports (CSV, JSON) and the public open-data export."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from stories import exports
from tests.browse_helpers import theme
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory, StoryFactory, UserFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
EXPORT = reverse("stories:export")


def entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def streamed(response):
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8-sig")


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(streamed(response))))


def test_the_atom_feed_lists_published_stories_newest_first(client):
    older = PublishedStoryFactory(public_title="Older story")
    newer = PublishedStoryFactory(public_title="Newer story")
    AcceptedStoryFactory(public_title="Accepted story")
    titles = entries(client.get(reverse("stories:feed")))
    assert titles == [newer.public_title, older.public_title]


def test_the_feed_carries_the_public_version_only(client):
    PublishedStoryFactory(what_happened="Unredacted secret words", email="who@example.org")
    body = client.get(reverse("stories:feed")).content.decode()
    assert "Unredacted secret words" not in body
    assert "who@example.org" not in body


def test_a_theme_feed_lists_that_theme_only(client):
    PublishedStoryFactory(public_title="Welfare story", themes=[theme("welfare-reform")])
    PublishedStoryFactory(public_title="Justice story", themes=[theme("social-justice")])
    titles = entries(client.get(reverse("stories:theme_feed", args=["welfare-reform"])))
    assert titles == ["Welfare story"]
    assert client.get(reverse("stories:theme_feed", args=["nope"])).status_code == 404


def test_the_feed_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    PublishedStoryFactory.create_batch(12, themes=[theme("welfare-reform")])
    with django_assert_max_num_queries(3):
        client.get(reverse("stories:feed"))


def test_the_export_asks_the_public_to_sign_in(client):
    response = client.get(EXPORT + "?format=csv")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_export_is_refused_without_the_export_permission(client):
    client.force_login(UserFactory())
    assert client.get(EXPORT + "?format=csv").status_code == 403


def test_an_unknown_export_format_is_404(staff_client):
    assert staff_client.get(EXPORT + "?format=xlsx").status_code == 404


def test_the_csv_export_streams_the_filtered_list_both_layers(staff_client):
    welfare = AcceptedStoryFactory(
        themes=[theme("welfare-reform")], what_happened="The original words."
    )
    PublishedStoryFactory(themes=[theme("social-justice")])
    StoryFactory(themes=[theme("welfare-reform")])  # submitted: not for staff
    response = staff_client.get(EXPORT + "?theme=welfare-reform&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [row["reference"] for row in rows] == [welfare.reference]
    assert rows[0]["what_happened"] == "The original words."
    assert rows[0]["themes"] == "Welfare reform"
    assert rows[0]["status"] == "accepted"


@pytest.mark.parametrize(
    "query",
    [
        "submitted_from=2026-02-30&theme=nope",
        "submitted_to=9999-12-31",
        "outcome=%27%20OR%201=1",
    ],
)
def test_an_export_with_a_bad_filter_is_refused_naming_it_and_leaves_no_messages(
    staff_client, query
):
    AcceptedStoryFactory()
    response = staff_client.get(f"{EXPORT}?format=csv&{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "nothing was exported" in text
    for name in [pair.split("=")[0] for pair in query.split("&")]:
        assert f"({name})" in text
    # No "this filter was ignored" warnings wait for the next page.
    html = staff_client.get(reverse("stories:themes")).content.decode()
    assert "This filter was ignored" not in html


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(staff_client):
    AcceptedStoryFactory(
        title='=HYPERLINK("http://evil","click")',
        what_happened="+1+cmd|' /C calc'!A0",
        difference="-2+3",
        barriers_text="@SUM(A1)",
    )
    row = csv_rows(staff_client.get(EXPORT + "?format=csv"))[0]
    assert row["title"].startswith("'=")
    assert row["what_happened"].startswith("'+")
    assert row["difference"].startswith("'-")
    assert row["barriers_text"].startswith("'@")


def test_neutralise_leaves_ordinary_text_and_numbers_alone():
    assert exports.neutralise("Ordinary text") == "Ordinary text"
    assert exports.neutralise(3) == 3
    assert exports.neutralise("\t=1") == "'\t=1"


def test_a_staff_export_never_carries_an_anonymous_submitters_details(staff_client):
    AcceptedStoryFactory(name="Anne Onymous", email="anne@example.org", organisation="Secret Org")
    for kind in ("csv", "json"):
        body = streamed(staff_client.get(EXPORT + f"?format={kind}"))
        for detail in ("Anne Onymous", "anne@example.org", "Secret Org"):
            assert detail not in body


def test_the_export_shows_a_consenting_named_submitter_as_each_role_may_see(client):
    from tests.factories import EngagementManagerFactory, StaffFactory

    AcceptedStoryFactory(
        name="Sam Named", email="sam@example.org", organisation="Org", publish_anonymously=False
    )
    client.force_login(StaffFactory())
    row = csv_rows(client.get(EXPORT + "?format=csv"))[0]
    assert (row["submitter_name"], row["submitter_email"]) == ("Sam Named", "sam@example.org")
    client.force_login(EngagementManagerFactory())
    row = csv_rows(client.get(EXPORT + "?format=csv"))[0]
    assert row["submitter_email"] == "sam@example.org"


def test_the_json_export_streams_a_valid_document(staff_client):
    AcceptedStoryFactory.create_batch(3)
    response = staff_client.get(EXPORT + "?format=json")
    data = json.loads(streamed(response))
    assert len(data["stories"]) == 3
    assert {"reference", "what_happened", "public_body", "themes"} <= set(data["stories"][0])


def test_an_empty_json_export_is_still_valid(staff_client):
    assert json.loads(streamed(staff_client.get(EXPORT + "?format=json")))["stories"] == []


def test_the_export_reads_in_chunks_with_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 10)
    for story in AcceptedStoryFactory.create_batch(25, themes=[theme("welfare-reform")]):
        story.tags.add("discharge")
    # 3 chunks of at most 10 stories; each chunk reads its themes, barriers and tags;
    # the export's transaction is a savepoint (and its release) inside the test's one.
    with django_assert_max_num_queries(4 + 3 * 4 + 4 + 2):
        rows = csv_rows(staff_client.get(EXPORT + "?format=csv"))
    assert len(rows) == 25


def test_the_open_data_export_has_the_public_version_and_the_licence(client):
    published = PublishedStoryFactory(
        what_happened="Unredacted secret words",
        name="Sam Named",
        email="sam@example.org",
        publish_anonymously=False,
    )
    AcceptedStoryFactory()
    response = client.get(reverse("stories:open_data"))
    body = streamed(response)
    data = json.loads(body)
    assert data["licence"] == "Open Government Licence v3.0"
    assert data["licence_url"].startswith("https://www.nationalarchives.gov.uk/")
    assert [story["reference"] for story in data["stories"]] == [published.reference]
    assert data["stories"][0]["title"] == published.public_title
    for private in ("Unredacted secret words", "Sam Named", "sam@example.org", "what_happened"):
        assert private not in body


def test_the_open_data_export_takes_the_public_filters_but_never_the_status(client, staff):
    PublishedStoryFactory(themes=[theme("welfare-reform")])
    PublishedStoryFactory(themes=[theme("social-justice")])
    AcceptedStoryFactory(themes=[theme("welfare-reform")])
    client.force_login(staff)
    url = reverse("stories:open_data") + "?theme=welfare-reform&status=accepted"
    data = json.loads(streamed(client.get(url)))
    assert len(data["stories"]) == 1
