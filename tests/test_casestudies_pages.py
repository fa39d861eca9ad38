"""The public pages of case studies: who sees what, the list's filters and counts,
queries that do not grow with quotes or case studies, the story page's links back, the
home page, the feed and the open data."""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

import tests.hypothesis_helpers  # noqa: F401  (loads the profile)
from casestudies.models import CaseStudySection
from stories.models import Barrier, LocalArea, PolicyTheme, Story
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import PublishedStoryFactory

pytestmark = pytest.mark.django_db


def test_the_urls_are_the_contract():
    assert reverse("casestudies:list") == "/case-studies/"
    assert reverse("casestudies:detail", kwargs={"slug": "a"}) == "/case-studies/a/"
    assert reverse("casestudies:pdf", kwargs={"slug": "a"}) == "/case-studies/a.pdf"
    assert reverse("casestudies:feed") == "/feeds/case-studies/"


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_the_public_never_sees_a_case_study_that_is_not_published(client, manager, status):
    case_study = CaseStudyFactory(
        title="Not yet public", stories=PublishedStoryFactory.create_batch(1)
    )
    path = {
        "draft": [],
        "in_review": ["in_review"],
        "withdrawn": ["in_review", "published", "withdrawn"],
    }[status]
    for to in path:
        case_study.transition_to(to, actor=manager)
    assert client.get(case_study.get_absolute_url()).status_code == 404
    assert client.get(reverse("casestudies:pdf", args=[case_study.slug])).status_code == 404
    assert "Not yet public" not in client.get("/case-studies/").content.decode()
    assert "Not yet public" not in client.get("/feeds/case-studies/").content.decode()


def test_staff_read_a_draft_marked_as_not_public(staff_client):
    case_study = CaseStudyFactory(title="A draft for staff")
    response = staff_client.get(case_study.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft: not public" in page and 'name="robots" content="noindex"' in page
    assert "A draft for staff" in staff_client.get("/case-studies/").content.decode()


def test_the_page_shows_the_lenses_quotes_linking_to_their_stories_and_the_asks(client, manager):
    stories = PublishedStoryFactory.create_batch(3)
    case_study = published_case_study(actor=manager, stories=stories)
    section = case_study.sections.get(lens="culture")
    section.barriers.add(Barrier.objects.get(slug="risk-aversion"))
    case_study.local_areas.add(LocalArea.objects.get(slug="torbay"))
    page = client.get(case_study.get_absolute_url()).content.decode()
    for story in stories:
        assert f'<a href="{story.get_absolute_url()}">{story.public_title}</a>' in page
    assert page.count("<blockquote") == 3 and page.count("<figure") == 3
    for words in (
        "Leadership",
        "Capacity",
        "Culture",
        "Risk aversion",
        "What changed",
        "Local actions",
        "National asks",
        "Torbay",
        "Open Government Licence v3.0",
    ):
        assert words in page
    assert reverse("casestudies:pdf", args=[case_study.slug]) in page


def test_a_withdrawn_story_quote_leaves_the_page_at_once_even_when_cached(client, manager):
    stories = PublishedStoryFactory.create_batch(2)
    case_study = published_case_study(actor=manager, stories=stories)
    assert stories[0].public_title in client.get(case_study.get_absolute_url()).content.decode()
    stories[0].transition_to(Story.Status.WITHDRAWN, actor=manager)
    page = client.get(case_study.get_absolute_url()).content.decode()
    assert stories[0].public_title not in page and stories[0].reference not in page
    assert stories[1].public_title in page


def test_an_edit_in_the_admin_reaches_cached_readers_at_once(client, manager_client, manager):
    case_study = published_case_study(actor=manager)
    assert "Old summary" not in client.get(case_study.get_absolute_url()).content.decode()
    data = admin_post_data(case_study, summary="Old summary, rewritten.")
    response = manager_client.post(
        reverse("admin:casestudies_casestudy_change", args=[case_study.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "Old summary, rewritten." in client.get(case_study.get_absolute_url()).content.decode()


def admin_post_data(case_study, **changes):
    """The admin change form's POST for this case study, as a browser would send it."""
    data = {
        "title": case_study.title,
        "slug": case_study.slug,
        "summary": case_study.summary,
        "what_changed": case_study.what_changed,
        "local_actions": case_study.local_actions,
        "national_asks": case_study.national_asks,
    }
    sections = list(case_study.sections.all())
    data.update(
        {
            "sections-TOTAL_FORMS": str(len(sections)),
            "sections-INITIAL_FORMS": str(len(sections)),
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
        }
    )
    for n, section in enumerate(sections):
        data.update(
            {
                f"sections-{n}-id": str(section.pk),
                f"sections-{n}-case_study": str(case_study.pk),
                f"sections-{n}-lens": section.lens,
                f"sections-{n}-what_got_in_the_way": section.what_got_in_the_way,
                f"sections-{n}-what_helped": section.what_helped,
                f"sections-{n}-position": str(section.position),
            }
        )
    quotes = list(case_study.quotes.select_related("story"))
    data.update(
        {
            "quotes-TOTAL_FORMS": str(len(quotes)),
            "quotes-INITIAL_FORMS": str(len(quotes)),
            "quotes-MIN_NUM_FORMS": "0",
            "quotes-MAX_NUM_FORMS": "1000",
        }
    )
    for n, quote in enumerate(quotes):
        data.update(
            {
                f"quotes-{n}-id": str(quote.pk),
                f"quotes-{n}-case_study": str(case_study.pk),
                f"quotes-{n}-story": quote.story.reference,
                f"quotes-{n}-section": str(quote.section_id or ""),
                f"quotes-{n}-quote": quote.quote,
                f"quotes-{n}-position": str(quote.position),
            }
        )
    data.update(changes)
    return data


# --- the list ---


def make_published(n, *, theme=None, area=None, lens=None, actor=None):
    made = []
    for _ in range(n):
        case_study = published_case_study(
            actor=actor, stories=PublishedStoryFactory.create_batch(1)
        )
        if theme:
            case_study.themes.add(PolicyTheme.objects.get(slug=theme))
        if area:
            case_study.local_areas.add(LocalArea.objects.get(slug=area))
        if lens:
            CaseStudySection.objects.create(case_study=case_study, lens=lens, what_helped="x")
        made.append(case_study)
    return made


def test_the_list_filters_by_theme_area_and_lens_with_counts(client):
    welfare = make_published(2, theme="welfare-reform", area="torbay")
    health = make_published(1, theme="health-and-social-care", area="surrey", lens="legal")
    page = client.get("/case-studies/").content.decode()
    assert "3 case studies" in page
    assert "Welfare reform (2)" in page and "Health and social care (1)" in page
    assert "Torbay (2)" in page and "Devon and Torbay (2)" in page  # an area includes Torbay
    assert "Legal and governance (1)" in page and "Leadership (3)" in page

    page = client.get("/case-studies/?theme=welfare-reform").content.decode()
    assert "2 case studies" in page
    assert all(c.title in page for c in welfare) and health[0].title not in page
    page = client.get("/case-studies/?area=devon-and-torbay").content.decode()
    assert "2 case studies" in page
    page = client.get("/case-studies/?lens=legal").content.decode()
    assert "1 case study" in page and health[0].title in page


def test_a_filter_that_cannot_be_used_is_dropped_beside_the_field(client):
    make_published(1)
    response = client.get("/case-studies/?theme=no-such-theme&lens=%3Cscript%3E")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This filter was ignored" in page and "1 case study" in page
    assert "“no-such-theme” was ignored" in page and "<script>" not in page


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    make_published(count, theme="welfare-reform", area="torbay")
    with django_assert_max_num_queries(10):  # with the public version (infostory.public)
        assert client.get("/case-studies/?area=devon-and-torbay").status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_the_case_study_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    case_study = published_case_study(stories=PublishedStoryFactory.create_batch(count))
    for section in case_study.sections.all():
        section.barriers.set(Barrier.objects.all())
    # The case study, its places, themes, sections, their barriers, the visible quotes
    # (which quotes are still excerpts of their stories, then those quotes); the public
    # version (infostory.public); which case studies a public change comes from
    # (changes.reading, once per public version).
    with django_assert_max_num_queries(9):
        response = client.get(case_study.get_absolute_url())
    assert response.content.decode().count("<blockquote") == count


@given(
    query=st.dictionaries(
        st.sampled_from(["theme", "area", "lens", "page", "q", "x"]),
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(["welfare-reform", "torbay", "culture", "2", "-1", "99999"]),
        ),
        max_size=4,
    )
)
@example(query={"page": "0"})
@example(query={"area": "\x00"})
def test_the_list_never_fails_on_any_query_string(query):
    response = Client().get("/case-studies/?" + urlencode(query))
    assert response.status_code == 200


# --- elsewhere on the site ---


def test_the_story_page_links_to_each_published_case_study_quoting_it(
    client, manager, django_assert_max_num_queries
):
    story = PublishedStoryFactory()
    first = published_case_study(actor=manager, stories=[story], title="First case study")
    second = published_case_study(actor=manager, stories=[story], title="Second case study")
    CaseStudyFactory(stories=[story], title="A draft quoting it")
    # The story and its labels (stories.labels: one query, and once per change the
    # policy areas', barriers' and tags' tables); which stories are quoted (once per
    # change); this story's visible quotes and their case studies; which stories a public
    # change holds as evidence (changes.reading, once per public version); the public
    # version (infostory.public) and the content types.
    with django_assert_max_num_queries(11):
        page = client.get(story.get_absolute_url()).content.decode()
    assert "Quoted in 2 case studies" in page
    assert f'href="{first.get_absolute_url()}"' in page
    assert f'href="{second.get_absolute_url()}"' in page
    assert "A draft quoting it" not in page


def test_the_home_page_features_the_newest_published_case_study(client, manager):
    published_case_study(actor=manager, title="The older one")
    newest = published_case_study(actor=manager, title="The newest one")
    CaseStudyFactory(title="A newer draft")
    page = client.get("/").content.decode()
    assert "The newest one" in page and newest.get_absolute_url() in page
    assert "The older one" not in page and "A newer draft" not in page


def test_the_feed_lists_published_case_studies(client, manager):
    case_study = published_case_study(actor=manager, title="In the feed")
    CaseStudyFactory(title="Not in the feed")
    response = client.get("/feeds/case-studies/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "In the feed" in feed and case_study.get_absolute_url() in feed
    assert "Not in the feed" not in feed


def test_the_open_data_has_published_case_studies_public_text_only(client, manager):
    stories = PublishedStoryFactory.create_batch(2)
    case_study = published_case_study(actor=manager, stories=stories, title="Open case study")
    CaseStudyFactory(title="A draft")
    stories[0].transition_to(Story.Status.WITHDRAWN, actor=manager)
    response = client.get("/stories/open-data.json")
    data = json.loads(b"".join(response.streaming_content))
    assert data["licence"] == "Open Government Licence v3.0"
    assert [c["title"] for c in data["case_studies"]] == ["Open case study"]
    record = data["case_studies"][0]
    assert [q["story"] for q in record["quotes"]] == [stories[1].reference]
    text = json.dumps(record)
    for private in (stories[1].email, stories[1].name, stories[1].what_happened, "authors"):
        assert private not in text
    assert record["url"].endswith(case_study.get_absolute_url())
