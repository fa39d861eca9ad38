"""Who sees what on the browse pages (docs/architecture.md, "Where each rule lives")."""

import pytest
from django.urls import reverse

from tests.browse_helpers import area, references, theme
from tests.factories import (
    AcceptedStoryFactory,
    InReviewStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    SpamStoryFactory,
    StoryFactory,
    UserFactory,
    WithdrawnStoryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    return {
        "published": PublishedStoryFactory(
            title="Original words of the published story",
            public_title="A published story",
            what_happened="Verbatim: the ward rang the GP.",
            name="Sam Named",
            email="sam@example.org",
            organisation="Anytown NHS Trust",
            publish_anonymously=False,
        ),
        "accepted": AcceptedStoryFactory(
            public_title="An accepted story",
            what_happened="Verbatim: nobody told the school.",
            consent_publish=False,
        ),
        "submitted": StoryFactory(public_title="A submitted story"),
        "in_review": InReviewStoryFactory(public_title="A story in review"),
        "rejected": RejectedStoryFactory(public_title="A rejected story"),
        "withdrawn": WithdrawnStoryFactory(public_title="A withdrawn story"),
        "spam": SpamStoryFactory(public_title="A spam story"),
    }


def test_the_public_list_shows_published_stories_only(client, stories):
    response = client.get(reverse("stories:list"))
    assert references(response) == [stories["published"].reference]
    assert "An accepted story" not in response.content.decode()


@pytest.mark.parametrize("kind", ["accepted", "submitted", "in_review", "rejected", "withdrawn"])
def test_an_unpublished_story_is_404_for_the_public(client, stories, kind):
    response = client.get(stories[kind].get_absolute_url())
    assert response.status_code == 404


def test_a_published_story_shows_the_public_version_and_never_the_original_or_email(
    client, stories
):
    story = stories["published"]
    html = client.get(story.get_absolute_url()).content.decode()
    assert story.public_title in html
    assert story.public_body in html
    assert story.what_happened not in html
    assert story.title not in html
    assert story.email not in html
    assert "Sam Named" not in html
    assert "original words" not in html.lower()


def test_a_signed_in_person_without_the_staff_permission_sees_what_the_public_sees(client, stories):
    client.force_login(UserFactory())
    assert references(client.get(reverse("stories:list"))) == [stories["published"].reference]
    assert client.get(stories["accepted"].get_absolute_url()).status_code == 404


def test_staff_see_accepted_and_published_stories(staff_client, stories):
    listed = set(references(staff_client.get(reverse("stories:list"))))
    assert listed == {stories["published"].reference, stories["accepted"].reference}


@pytest.mark.parametrize("kind", ["submitted", "in_review", "rejected", "withdrawn", "spam"])
def test_stories_outside_accepted_and_published_are_404_for_staff_too(staff_client, stories, kind):
    assert staff_client.get(stories[kind].get_absolute_url()).status_code == 404


def test_staff_read_the_original_words_clearly_labelled(staff_client, stories):
    html = staff_client.get(stories["accepted"].get_absolute_url()).content.decode()
    assert "The original words, as submitted" in html
    assert "Verbatim: nobody told the school." in html
    assert "Staff only" in html


def test_staff_see_the_name_email_and_organisation_of_a_named_consenting_submitter(
    staff_client, stories
):
    html = staff_client.get(stories["published"].get_absolute_url()).content.decode()
    assert "Sam Named" in html
    assert "Anytown NHS Trust" in html
    assert "sam@example.org" in html


def test_engagement_managers_also_see_the_email_of_a_consenting_named_submitter(
    manager_client, stories
):
    html = manager_client.get(stories["published"].get_absolute_url()).content.decode()
    assert "sam@example.org" in html


def test_staff_do_not_see_who_an_anonymous_submitter_is(staff_client):
    story = AcceptedStoryFactory(
        name="Anne Onymous", email="anne@example.org", organisation="Secret Org"
    )
    html = staff_client.get(story.get_absolute_url()).content.decode()
    for detail in ("Anne Onymous", "anne@example.org", "Secret Org"):
        assert detail not in html
    assert "The submitter asked to stay anonymous." in html


def test_a_named_submitter_who_refused_contact_is_not_shown_to_staff(staff_client):
    story = AcceptedStoryFactory(
        name="Noel Contact", publish_anonymously=False, consent_contact=False
    )
    html = staff_client.get(story.get_absolute_url()).content.decode()
    assert "Noel Contact" not in html


def test_staff_see_filing_themes_area_barriers_tags_and_outcome(staff_client):
    story = AcceptedStoryFactory(
        themes=[theme("welfare-reform")], local_area=area("torbay"), barriers=[]
    )
    story.tags.add("hospital discharge")
    html = staff_client.get(story.get_absolute_url()).content.decode()
    for text in ("Welfare reform", "Torbay", "hospital discharge", story.get_outcome_display()):
        assert text in html


def test_index_counts_follow_what_each_person_may_see(client):
    PublishedStoryFactory(themes=[theme("welfare-reform")])
    AcceptedStoryFactory(themes=[theme("welfare-reform")])
    public = {
        t.slug: t.story_count for t in client.get(reverse("stories:themes")).context["themes"]
    }
    assert public["welfare-reform"] == 1


def test_index_counts_for_staff_include_accepted_stories(staff_client):
    PublishedStoryFactory(themes=[theme("welfare-reform")])
    AcceptedStoryFactory(themes=[theme("welfare-reform")])
    counts = {
        t.slug: t.story_count for t in staff_client.get(reverse("stories:themes")).context["themes"]
    }
    assert counts["welfare-reform"] == 2


def test_a_published_story_page_carries_open_graph_and_twitter_cards_from_the_public_version(
    client,
):
    story = PublishedStoryFactory(
        public_title="Street triage kept a man out of a cell",
        public_summary="A nurse could see his care plan.",
        title="My secret original title",
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Street triage kept a man out of a cell">' in html
    assert '<meta property="og:description" content="A nurse could see his care plan.">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert "My secret original title" not in html
    assert "#InfoStory" in html and "Share this story" in html


def test_an_accepted_story_has_no_sharing_meta_and_is_not_indexed(staff_client):
    html = staff_client.get(AcceptedStoryFactory().get_absolute_url()).content.decode()
    assert "og:title" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_staff_sign_in_lands_back_where_they_were(client, staff):
    target = reverse("stories:list") + "?theme=welfare-reform"
    response = client.post(
        reverse("login"),
        {"username": staff.username, "password": "correct horse battery", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == target


def test_sign_in_refuses_a_redirect_to_another_site(client, staff):
    response = client.post(
        reverse("login"),
        {
            "username": staff.username,
            "password": "correct horse battery",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("home")


def test_a_wrong_password_shows_an_error_summary_and_keeps_the_username(client, staff):
    response = client.post(
        reverse("login"), {"username": staff.username, "password": "wrong password"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_username"' in html
    assert f'value="{staff.username}"' in html


def test_sign_out_is_a_post_and_a_get_does_not_sign_out(staff_client):
    assert staff_client.get(reverse("logout")).status_code == 405
    assert staff_client.post(reverse("logout")).status_code == 302
    response = staff_client.get(reverse("stories:list"))
    assert not response.context["user"].is_authenticated


def test_the_header_says_who_is_signed_in(staff_client, staff):
    html = staff_client.get(reverse("stories:list")).content.decode()
    assert f"Signed in as <strong>{staff.get_username()}</strong>" in html
