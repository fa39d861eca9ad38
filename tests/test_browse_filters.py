"""Filters, removable choices, bad query strings, pagination and queries per page."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories.models import Story
from tests.browse_helpers import area, barrier, references, theme
from tests.factories import (
    AcceptedStoryFactory,
    CampaignFactory,
    PublishedStoryFactory,
    SpamStoryFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("stories:list")


def listed(client, query):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return set(references(response))


def test_theme_filter_and_repeated_themes_are_or(client):
    welfare = PublishedStoryFactory(themes=[theme("welfare-reform")])
    justice = PublishedStoryFactory(themes=[theme("social-justice")])
    PublishedStoryFactory(themes=[theme("mental-health")])
    assert listed(client, "?theme=welfare-reform") == {welfare.reference}
    assert listed(client, "?theme=welfare-reform&theme=social-justice") == {
        welfare.reference,
        justice.reference,
    }


def test_a_story_in_two_chosen_themes_is_listed_once(client):
    both = PublishedStoryFactory(themes=[theme("welfare-reform"), theme("social-justice")])
    response = client.get(LIST + "?theme=welfare-reform&theme=social-justice")
    assert references(response) == [both.reference]


def test_filters_combine_with_and(client):
    wanted = PublishedStoryFactory(
        themes=[theme("welfare-reform")], outcome=Story.Outcome.COULD_HAVE
    )
    PublishedStoryFactory(themes=[theme("welfare-reform")], outcome=Story.Outcome.NOT_SURE)
    PublishedStoryFactory(themes=[theme("social-justice")], outcome=Story.Outcome.COULD_HAVE)
    assert listed(client, "?theme=welfare-reform&outcome=could_have") == {wanted.reference}


def test_a_partnership_area_includes_its_councils(client):
    poole = PublishedStoryFactory(local_area=area("poole"))
    dorset = PublishedStoryFactory(local_area=area("dorset"))
    partnership = PublishedStoryFactory(local_area=area("dorset-bournemouth-and-poole"))
    PublishedStoryFactory(local_area=area("surrey"))
    expected = {poole.reference, dorset.reference, partnership.reference}
    assert listed(client, "?area=dorset-bournemouth-and-poole") == expected
    assert listed(client, "?area=poole") == {poole.reference}


def test_the_area_page_includes_the_councils_of_a_partnership(client):
    torbay = PublishedStoryFactory(local_area=area("torbay"))
    PublishedStoryFactory(local_area=area("islington"))
    response = client.get(reverse("stories:area", args=["devon-and-torbay"]))
    assert references(response) == [torbay.reference]
    assert "Torbay" in response.content.decode()


def test_the_areas_index_counts_a_partnership_with_its_councils(client):
    PublishedStoryFactory(local_area=area("torbay"))
    PublishedStoryFactory(local_area=area("devon"))
    PublishedStoryFactory(local_area=area("devon-and-torbay"))
    regions = dict(client.get(reverse("stories:areas")).context["regions"])
    partnership = next(a for a in regions["South West"] if a.slug == "devon-and-torbay")
    assert partnership.story_count == 3
    assert {child.slug: child.story_count for child in partnership.child_areas} == {
        "devon": 1,
        "torbay": 1,
    }


def test_the_theme_page_lists_that_theme_only(client):
    welfare = PublishedStoryFactory(themes=[theme("welfare-reform")])
    PublishedStoryFactory(themes=[theme("social-justice")])
    response = client.get(reverse("stories:theme", args=["welfare-reform"]))
    assert references(response) == [welfare.reference]


def test_an_unknown_or_inactive_theme_or_area_page_is_404(client):
    assert client.get(reverse("stories:theme", args=["no-such-theme"])).status_code == 404
    assert client.get(reverse("stories:area", args=["atlantis"])).status_code == 404


def test_outcome_filter(client):
    could = PublishedStoryFactory(outcome=Story.Outcome.COULD_HAVE)
    PublishedStoryFactory(outcome=Story.Outcome.MADE_DIFFERENCE)
    assert listed(client, "?outcome=could_have") == {could.reference}


def test_barrier_filter_and_lens_filter(client):
    law = PublishedStoryFactory(barriers=[barrier("uncertainty-about-the-law")])
    systems = PublishedStoryFactory(barriers=[barrier("incompatible-systems")])
    PublishedStoryFactory(barriers=[barrier("risk-aversion")])
    assert listed(client, "?barrier=uncertainty-about-the-law") == {law.reference}
    assert listed(client, "?barrier=uncertainty-about-the-law&barrier=incompatible-systems") == {
        law.reference,
        systems.reference,
    }
    assert listed(client, "?lens=technology") == {systems.reference}


def test_tag_filter(client):
    tagged = PublishedStoryFactory()
    tagged.tags.add("Hospital discharge")
    PublishedStoryFactory().tags.add("schools")
    assert listed(client, "?tag=hospital-discharge") == {tagged.reference}


def test_the_tag_menu_offers_only_the_tags_of_stories_the_reader_may_see(staff_client):
    public = Client()
    PublishedStoryFactory().tags.add("Hospital discharge")
    AcceptedStoryFactory().tags.add("Refuge")
    StoryFactory().tags.add("Child protection")
    SpamStoryFactory().tags.add("Watches")

    def offered(reader):
        return {value for value, _label in reader.get(LIST).context["form"].fields["tag"].choices}

    assert offered(public) == {"hospital-discharge"}
    assert offered(staff_client) == {"hospital-discharge", "refuge"}
    # A tag of an unseen story is not a valid choice for the public either.
    response = public.get(LIST + "?tag=refuge")
    notes = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(note.startswith("Tag:") for note in notes)


def test_campaign_filter(client):
    campaign = CampaignFactory(slug="better-local-services-month")
    during = PublishedStoryFactory(campaign=campaign)
    PublishedStoryFactory()
    assert listed(client, "?campaign=better-local-services-month") == {during.reference}


def noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_staff_filter_on_the_day_a_story_was_submitted(staff_client):
    def on(day):
        return PublishedStoryFactory(submitted_at=noon(day))

    early = on(datetime.date(2026, 1, 10))
    middle = on(datetime.date(2026, 2, 10))
    late = on(datetime.date(2026, 3, 10))
    listed_ = lambda query: listed(staff_client, query)  # noqa: E731
    assert listed_("?submitted_from=2026-02-01") == {middle.reference, late.reference}
    assert listed_("?submitted_to=2026-02-10") == {early.reference, middle.reference}
    assert listed_("?submitted_from=2026-02-10&submitted_to=2026-02-10") == {middle.reference}


def test_the_public_filters_on_the_day_of_publication_never_of_submission(client):
    """The public must not narrow down the day someone submitted (staff only)."""
    submitted_early = PublishedStoryFactory(submitted_at=noon(datetime.date(2026, 1, 10)))
    submitted_late = PublishedStoryFactory(submitted_at=noon(datetime.date(2026, 3, 10)))
    Story.objects.filter(pk=submitted_early.pk).update(
        published_at=noon(datetime.date(2026, 3, 20))
    )
    Story.objects.filter(pk=submitted_late.pk).update(published_at=noon(datetime.date(2026, 3, 12)))
    assert listed(client, "?submitted_from=2026-03-15") == {submitted_early.reference}
    assert listed(client, "?submitted_to=2026-03-12") == {submitted_late.reference}
    assert listed(client, "?submitted_from=2026-01-01&submitted_to=2026-01-31") == set()
    html = client.get(LIST).content.decode()
    assert "Date published" in html and "Date submitted" not in html


def test_the_day_boundaries_are_whole_days_in_uk_time(staff_client):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    late_night = PublishedStoryFactory(
        submitted_at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    )
    assert listed(staff_client, "?submitted_from=2026-07-01") == {late_night.reference}
    assert listed(staff_client, "?submitted_to=2026-06-30") == set()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01"])
def test_a_date_outside_2000_to_2100_is_refused_beside_the_field(staff_client, day):
    story = PublishedStoryFactory()
    for reader in (Client(), staff_client):
        for name in ("submitted_from", "submitted_to"):
            response = reader.get(LIST, {name: day})
            assert response.status_code == 200
            html = response.content.decode()
            assert f'id="id_{name}_error"' in html
            assert "Enter a date between 1 January 2000 and 31 December 2100." in html
            assert f'value="{day}"' in html  # kept as typed
            assert story.reference in references(response)  # the bad filter is left out


def test_status_filter_is_for_staff_only(client, staff_client):
    accepted = AcceptedStoryFactory()
    published = PublishedStoryFactory()
    assert listed(staff_client, "?status=accepted") == {accepted.reference}
    assert listed(staff_client, "?status=published") == {published.reference}


def test_the_public_cannot_use_the_status_filter_to_see_accepted_stories(client):
    AcceptedStoryFactory()
    published = PublishedStoryFactory()
    assert listed(client, "?status=accepted") == {published.reference}


def test_chosen_filters_are_shown_with_a_link_that_removes_just_that_one(client):
    PublishedStoryFactory(themes=[theme("welfare-reform")], outcome=Story.Outcome.COULD_HAVE)
    response = client.get(LIST + "?theme=welfare-reform&theme=social-justice&outcome=could_have")
    chosen = {(c["filter"], c["value"]): c["remove_url"] for c in response.context["chosen"]}
    assert chosen[("Policy area", "Welfare reform")] == (
        LIST + "?theme=social-justice&outcome=could_have"
    )
    assert chosen[("Outcome", "Sharing information could have made a difference")] == (
        LIST + "?theme=welfare-reform&theme=social-justice"
    )
    html = response.content.decode()
    assert "Remove filter" in html and "Clear all filters" in html


@pytest.mark.parametrize(
    "query, ignored",
    [
        ("?area=<script>alert(1)</script>", "Local area"),
        ("?submitted_from=notadate", "Published from"),
        ("?submitted_to=2026-13-45", "Published up to"),
        ("?theme=x&theme=y", "Policy area"),
        ("?outcome=' OR 1=1 --", "Outcome"),
        ("?lens=%00", "Lens"),
        ("?campaign=nope", "Campaign"),
        ("?barrier=../../etc/passwd", "Barrier"),
        ("?tag=%F0%9F%92%A9", "Tag"),
        ("?q=" + "long " * 100, "Search"),
    ],
)
def test_a_bad_filter_value_is_ignored_with_a_message_never_a_500(client, query, ignored):
    story = PublishedStoryFactory()
    response = client.get(LIST + query)
    assert response.status_code == 200
    assert references(response) == [story.reference]
    notes = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(note.startswith(ignored) and "ignored" in note for note in notes), notes
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_bad_value_drops_only_its_own_filter(client):
    welfare = PublishedStoryFactory(themes=[theme("welfare-reform")])
    PublishedStoryFactory(themes=[theme("social-justice")])
    assert listed(client, "?theme=welfare-reform&submitted_from=notadate") == {welfare.reference}


@pytest.mark.parametrize(
    "page, shown, note",
    [("abc", 1, "not a number"), ("999999", 2, "only 2 pages"), ("0", 1, "start at 1")],
)
def test_a_bad_page_number_shows_a_real_page_with_a_message(client, page, shown, note):
    PublishedStoryFactory.create_batch(25)
    response = client.get(LIST + f"?page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    notes = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert note in notes


def test_pages_follow_a_stable_order_newest_published_first(client):
    stories = PublishedStoryFactory.create_batch(25)
    newest_first = [story.reference for story in reversed(stories)]
    first = references(client.get(LIST))
    second = references(client.get(LIST + "?page=2"))
    assert first + second == newest_first


def test_page_links_are_announced_and_keep_the_filters(client):
    PublishedStoryFactory.create_batch(25, outcome=Story.Outcome.COULD_HAVE)
    html = client.get(LIST + "?outcome=could_have&page=2").content.decode()
    assert '<nav aria-label="Pagination"' in html
    assert "Page 2 of 2" in html
    assert 'aria-current="page"' in html
    assert 'href="?outcome=could_have&amp;page=1"' in html


def test_a_long_list_stops_at_its_bound_and_says_how_to_reach_older_stories(client, monkeypatch):
    monkeypatch.setattr("stories.views.browse.LISTED_STORIES", 3)
    stories = [PublishedStoryFactory(themes=[theme("welfare-reform")])]
    stories += PublishedStoryFactory.create_batch(4)
    response = client.get(LIST)
    html = response.content.decode()
    assert references(response) == [story.reference for story in reversed(stories)][:3]
    assert "More than 3 stories" in html
    assert "Here are the 3 newest" in html
    deeper = client.get(LIST + "?page=2")
    assert deeper.context["page_obj"].number == 1
    notes = " ".join(str(m) for m in get_messages(deeper.wsgi_request))
    assert "The list goes to page 1 (the newest 3)" in notes
    assert "narrow the list" in notes
    # Narrowed below the bound, the count is exact again and every story can be reached.
    narrowed = client.get(LIST + "?theme=welfare-reform").content.decode()
    assert "More than" not in narrowed
    assert stories[0].reference in narrowed


def test_a_list_exactly_at_its_bound_gives_its_exact_count(client, monkeypatch):
    monkeypatch.setattr("stories.views.browse.LISTED_STORIES", 3)
    PublishedStoryFactory.create_batch(3)
    html = client.get(LIST).content.decode()
    assert "3 stories" in html
    assert "More than" not in html


def make_stories(count):
    welfare, poole = theme("welfare-reform"), area("poole")
    for story in PublishedStoryFactory.create_batch(count, themes=[welfare], local_area=poole):
        story.tags.add("discharge")
    AcceptedStoryFactory.create_batch(count, themes=[welfare], local_area=poole)


AREA_PAGE = reverse("stories:area", args=["dorset-bournemouth-and-poole"])
PAGES = [
    LIST,
    LIST + "?theme=welfare-reform&area=dorset-bournemouth-and-poole&tag=discharge&q=discharge",
    reverse("stories:themes"),
    reverse("stories:theme", args=["welfare-reform"]),
    reverse("stories:areas"),
    AREA_PAGE,
]


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.parametrize("path", PAGES)
def test_list_and_index_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, path, count
):
    make_stories(count)
    # An area page reads the parent links once to include the areas inside it; a search
    # reads the ids of the matches it ranks once per version searched
    # (stories.search.ranked_matches): the public version here, the original too for staff.
    # A first request also reads the filter menus' lists once, kept for later pages; the
    # page's policy areas are one prefetch query; the public version one
    # (infostory.public).
    with django_assert_max_num_queries(12 + (path == AREA_PAGE) + ("q=" in path)):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.parametrize("path", PAGES)
def test_staff_list_and_index_pages_run_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries, path, count
):
    make_stories(count)
    with django_assert_max_num_queries(16 + (path == AREA_PAGE) + 2 * ("q=" in path)):
        assert staff_client.get(path).status_code == 200


@pytest.mark.parametrize("count", [5, 30])
def test_the_story_page_runs_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries, count
):
    story = AcceptedStoryFactory(themes=[theme("welfare-reform")])
    story.tags.add(*[f"tag {n}" for n in range(count)])
    with django_assert_max_num_queries(10):
        assert staff_client.get(story.get_absolute_url()).status_code == 200
