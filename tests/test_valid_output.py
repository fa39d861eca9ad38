"""Valid output: the case-study PDF's links reach the site and it is tagged (PDF/UA-1); the
Atom feeds name their author; <time datetime> values are valid HTML; the open data's
fields are documented, and the documentation is linked."""

import json
import re
import subprocess

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from changes.models import Change
from changes.opendata import change_records
from tests.casestudy_factories import published_case_study
from tests.change_factories import change_at
from tests.factories import PolicyThemeFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db

CENTRE = "Centre of Excellence for Information Sharing"
# HTML's valid global date and time: whole seconds (or up to 3 digits), and an offset.
HTML_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?(?:Z|[+-]\d\d:?\d\d)$")


def pdf_info(content, tmp_path, *options):
    path = tmp_path / "case-study.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["/usr/bin/pdfinfo", *options, str(path)], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def case_study(manager):
    return published_case_study(actor=manager, title="Torbay discharges")


def test_the_pdf_links_point_at_the_site_and_the_pdf_is_tagged(
    client, case_study, tmp_path, settings
):
    settings.INFOSTORY_SITE_URL = "https://infostory.example.org"
    response = client.get(reverse("casestudies:pdf", args=[case_study.slug]))
    assert response.status_code == 200
    assert b"pdf.infostory.invalid" not in response.content
    urls = [
        line.split()[-1]
        for line in pdf_info(response.content, tmp_path, "-url").splitlines()[1:]
        if line.strip()
    ]
    internal = [url for url in urls if "infostory" in url]
    assert internal, urls
    assert all(url.startswith("https://infostory.example.org/") for url in internal), internal
    quoted = case_study.quotes.first().story
    assert f"https://infostory.example.org/stories/{quoted.reference}/" in urls
    info = pdf_info(response.content, tmp_path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    metadata = pdf_info(response.content, tmp_path, "-meta")
    assert "pdfuaid:part" in metadata  # the PDF/UA identification in its XMP metadata


@pytest.mark.parametrize("feed", ["stories", "theme", "case-studies", "changes"])
def test_every_atom_feed_names_the_centre_as_its_author(client, manager, feed):
    theme = PolicyThemeFactory()
    story = PublishedStoryFactory()
    story.themes.add(theme)
    published_case_study(actor=manager)
    change_at(Change.Status.ASKED)
    url = {
        "stories": reverse("stories:feed"),
        "theme": reverse("stories:theme_feed", args=[theme.slug]),
        "case-studies": reverse("casestudies:feed"),
        "changes": reverse("changes:feed"),
    }[feed]
    response = client.get(url)
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<entry>" in xml
    feed_head = xml[: xml.index("<entry>")]
    assert f"<author><name>{CENTRE}</name><uri>{settings.INFOSTORY_SITE_URL}/</uri>" in feed_head


def test_time_values_are_valid_html_on_every_page_that_has_them(client, case_study):
    story = case_study.quotes.first().story
    pages = [
        story.get_absolute_url(),
        case_study.get_absolute_url(),
        reverse("casestudies:list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        values = re.findall(r'<time datetime="([^"]*)"', response.content.decode())
        assert values, url
        for value in values:
            assert HTML_DATETIME.match(value), (url, value)


# --- the open data's documentation ---


def documented_fields(section):
    """The `field` names in the first column of a table under a heading of docs/open-data.md."""
    text = (settings.BASE_DIR / "docs" / "open-data.md").read_text()
    part = text.split(section, 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", part, re.M))


def change_record():
    """One change as the open data has it, from a public change made here."""
    change_at(Change.Status.ASKED)
    return change_records(RequestFactory().get("/"))[0]


def test_every_field_of_the_open_data_is_documented_with_a_type_and_an_example(client, case_study):
    response = client.get(reverse("stories:open_data"))
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    assert data["stories"] and data["case_studies"]
    header = set(data)
    assert header == documented_fields("## About the file")
    assert set(data["stories"][0]) == documented_fields("## Each story")
    assert set(data["case_studies"][0]) == documented_fields("## Each case study")
    assert set(data["case_studies"][0]["sections"][0]) == documented_fields("### Each section")
    assert set(data["case_studies"][0]["quotes"][0]) == documented_fields("### Each quote")
    assert set(change_record()) == documented_fields("## Each change")
    text = (settings.BASE_DIR / "docs" / "open-data.md").read_text()
    for row in re.findall(r"^\| `[a-z_]+` \|.*$", text, re.M):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 4 and all(cells), row  # field, type, example, meaning
    assert data["documentation"].endswith(reverse("stories:open_data_fields"))


def test_the_documentation_is_a_page_linked_from_the_open_data_links(client, case_study):
    page = client.get(reverse("stories:open_data_fields"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>The #InfoStory open data</h1>" in html
    assert "<td><code>local_area_ons_code</code></td>" in html
    assert f'href="{reverse("stories:open_data")}"' in html
    link = f'href="{reverse("stories:open_data_fields")}">what each field means</a>'
    for url in (reverse("stories:list"), reverse("casestudies:list")):
        response = client.get(url)
        assert response.status_code == 200
        assert link in response.content.decode(), url
