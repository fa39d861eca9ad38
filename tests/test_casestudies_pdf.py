"""The PDF of a case study: A4, from the page's own template, with its title, quotes,
Centre, licence and story references; a quote whose story left is gone from it at once."""

import subprocess

import pytest
from django.urls import reverse

from casestudies import pdf
from stories.models import Story
from tests.casestudy_factories import published_case_study
from tests.factories import PublishedStoryFactory

pytestmark = pytest.mark.django_db


def pdf_text(content, tmp_path):
    path = tmp_path / "case-study.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def page_size(content, tmp_path):
    path = tmp_path / "size.pdf"
    path.write_bytes(content)
    info = subprocess.run(
        ["/usr/bin/pdfinfo", str(path)], capture_output=True, text=True, check=True
    )
    return next(line for line in info.stdout.splitlines() if line.startswith("Page size"))


def test_the_pdf_holds_the_title_quotes_centre_licence_and_references(client, manager, tmp_path):
    stories = [
        PublishedStoryFactory(public_body=f"Quote number {n}: the ward rang the housing office.")
        for n in range(3)
    ]
    case_study = published_case_study(actor=manager, stories=stories, title="Torbay discharges")
    response = client.get(reverse("casestudies:pdf", args=[case_study.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Torbay discharges" in text
    for n, story in enumerate(stories):
        assert f"Quote number {n}: the ward rang the housing office." in text
        assert story.reference in text
    assert "Centre of Excellence for Information Sharing" in text
    assert "Open Government Licence v3.0" in text
    assert case_study.published_at.strftime("%-d %B %Y") in text
    assert "A4" in page_size(response.content, tmp_path)


def test_a_withdrawn_story_quote_leaves_the_pdf_at_once(client, manager, tmp_path):
    stories = [PublishedStoryFactory(public_body=f"Words of teller {n}.") for n in range(2)]
    case_study = published_case_study(actor=manager, stories=stories)
    url = reverse("casestudies:pdf", args=[case_study.slug])
    assert "Words of teller 0." in pdf_text(client.get(url).content, tmp_path)
    stories[0].transition_to(Story.Status.WITHDRAWN, actor=manager)
    text = pdf_text(client.get(url).content, tmp_path)
    assert "Words of teller 0." not in text and stories[0].reference not in text
    assert "Words of teller 1." in text


def test_the_pdf_is_made_once_until_something_changes(client, manager, monkeypatch):
    case_study = published_case_study(actor=manager)
    made = []
    real = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda html: made.append(1) or real(html))
    url = reverse("casestudies:pdf", args=[case_study.slug])
    client.get(url)
    client.get(url)
    assert len(made) == 1
    story = case_study.quotes.first().story
    story.transition_to(Story.Status.WITHDRAWN, actor=manager)
    client.get(url)
    assert len(made) == 2


def test_the_pdf_reads_static_files_from_disk_and_nothing_else():
    fetcher = pdf._static_fetcher_class()()
    response = fetcher.fetch(pdf.base_url() + "static/casestudies/casestudies.css")
    assert b"@page" in response.read()
    for elsewhere in (
        "http://169.254.169.254/static/casestudies/casestudies.css",
        "file:///etc/passwd",
        pdf.base_url() + "static/../../etc/passwd",
        pdf.base_url() + "admin/",
    ):
        with pytest.raises(ValueError, match="only the site's own static files"):
            fetcher.fetch(elsewhere)
