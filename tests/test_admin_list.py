"""The story list (the queue), its filters and search, and the queue on the admin index."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from stories.admin.changelist import StoryPaginator
from stories.models import Story
from tests.admin_helpers import CHANGELIST
from tests.factories import (
    AcceptedStoryFactory,
    BarrierFactory,
    EngagementManagerFactory,
    InReviewStoryFactory,
    LocalAreaFactory,
    PolicyThemeFactory,
    PublishedStoryFactory,
    SpamStoryFactory,
    StaffFactory,
    SubmittedStoryFactory,
)

pytestmark = pytest.mark.django_db


def listed(response):
    return {story.reference for story in response.context["cl"].result_list}


def test_the_list_shows_the_columns_a_manager_works_from(manager_client, manager):
    theme = PolicyThemeFactory(name="Families first (test)")
    area = LocalAreaFactory(name="Islington borough")
    story = SubmittedStoryFactory(themes=[theme], local_area=area, assigned_to=manager)
    html = manager_client.get(CHANGELIST).content.decode()
    for text in [
        story.reference,
        story.title,
        "Submitted",
        "Islington borough",
        "Families first (test)",
        manager.username,
    ]:
        assert text in html


def test_the_queue_puts_concerns_first_then_open_stories_oldest_first(manager_client, manager):
    """The thanks page promises a reply: the longest-waiting open story comes first."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    published = PublishedStoryFactory(submitted_at=now - timedelta(days=90))
    older = SubmittedStoryFactory(submitted_at=now - timedelta(days=20))
    newer = InReviewStoryFactory(submitted_at=now - timedelta(days=2))
    concern = SubmittedStoryFactory(submitted_at=now - timedelta(days=1))
    concern.raise_safeguarding_concern(actor=manager)
    results = manager_client.get(CHANGELIST).context["cl"].result_list
    assert [s.pk for s in results] == [concern.pk, older.pk, newer.pk, published.pk]


def test_suspected_spam_is_kept_apart_from_the_queue(manager_client):
    story = SubmittedStoryFactory()
    spam = SpamStoryFactory()
    assert listed(manager_client.get(CHANGELIST)) == {story.reference}
    assert listed(manager_client.get(CHANGELIST + "?spam=yes")) == {spam.reference}
    assert listed(manager_client.get(CHANGELIST + "?spam=all")) == {
        story.reference,
        spam.reference,
    }
    # Looking a reference up finds the story wherever it is.
    assert listed(manager_client.get(CHANGELIST + f"?q={spam.reference}")) == {spam.reference}


def test_assigned_to_me_still_open_lists_what_the_index_counts(manager_client, manager):
    from stories.templatetags.moderation_tags import queue_counts

    waiting = InReviewStoryFactory(assigned_to=manager)
    PublishedStoryFactory(assigned_to=manager)
    SpamStoryFactory(assigned_to=manager)
    SubmittedStoryFactory(assigned_to=EngagementManagerFactory())
    listed_open = listed(manager_client.get(CHANGELIST + "?assigned=open"))
    assert listed_open == {waiting.reference}
    assert queue_counts(manager)["mine"] == len(listed_open)


def test_assigned_to_me_shows_only_my_stories(manager_client, manager):
    mine = SubmittedStoryFactory(assigned_to=manager)
    SubmittedStoryFactory(assigned_to=EngagementManagerFactory())
    nobody = SubmittedStoryFactory()
    assert listed(manager_client.get(CHANGELIST + "?assigned=me")) == {mine.reference}
    assert listed(manager_client.get(CHANGELIST + "?assigned=nobody")) == {nobody.reference}


@pytest.mark.parametrize(
    "query",
    [
        "status__exact=in_review",
        "case_study_candidate__exact=1",
        "outcome__exact=could_have",
    ],
)
def test_the_list_filters_by_status_candidate_and_outcome(manager_client, query):
    wanted = InReviewStoryFactory(case_study_candidate=True, outcome=Story.Outcome.COULD_HAVE)
    SubmittedStoryFactory()
    assert listed(manager_client.get(f"{CHANGELIST}?{query}")) == {wanted.reference}


def test_the_list_filters_by_theme_area_and_barrier(manager_client):
    theme, area, barrier = PolicyThemeFactory(), LocalAreaFactory(), BarrierFactory()
    wanted = SubmittedStoryFactory(themes=[theme], local_area=area, barriers=[barrier])
    SubmittedStoryFactory()
    for query in [
        f"themes__id__exact={theme.pk}",
        f"local_area__id__exact={area.pk}",
        f"barriers__id__exact={barrier.pk}",
    ]:
        assert listed(manager_client.get(f"{CHANGELIST}?{query}")) == {wanted.reference}


def test_search_finds_a_story_by_reference_title_or_words(manager_client):
    story = SubmittedStoryFactory(title="The pharmacy knew", what_happened="Nobody told the GP.")
    SubmittedStoryFactory()
    for term in [story.reference, story.reference[3:].lower(), "pharmacy", "told the GP"]:
        assert listed(manager_client.get(CHANGELIST, {"q": term})) == {story.reference}


def test_a_whole_reference_is_found_exactly_and_a_word_still_searches_the_text(manager_client):
    story = SubmittedStoryFactory(title="We gather at the hub")
    other = SubmittedStoryFactory()
    assert listed(manager_client.get(CHANGELIST, {"q": story.reference.lower()})) == {
        story.reference
    }
    assert listed(manager_client.get(CHANGELIST, {"q": "GATHER"})) == {story.reference}
    assert listed(manager_client.get(CHANGELIST, {"q": "IS-333333"})) == set()
    assert other.reference not in listed(manager_client.get(CHANGELIST, {"q": "gather"}))


def test_the_start_of_a_reference_finds_the_stories_it_begins(manager_client):
    story = SubmittedStoryFactory()
    found = listed(manager_client.get(CHANGELIST, {"q": story.reference[:6].lower()}))
    assert story.reference in found
    assert all(reference.startswith(story.reference[:6]) for reference in found)
    assert story.reference in listed(manager_client.get(CHANGELIST, {"q": story.reference[3:7]}))


def test_search_by_email_only_with_the_contact_permission(client, manager_client):
    story = AcceptedStoryFactory(email="carer@example.org")
    assert listed(manager_client.get(CHANGELIST, {"q": "carer@example.org"})) == {story.reference}
    client.force_login(StaffFactory())
    assert listed(client.get(CHANGELIST, {"q": "carer@example.org"})) == set()


def _make_stories(count, manager):
    themes = [PolicyThemeFactory(), PolicyThemeFactory()]
    area = LocalAreaFactory()
    SubmittedStoryFactory.create_batch(count, themes=themes, local_area=area, assigned_to=manager)


@pytest.mark.parametrize("count", [10, 50])
def test_the_list_runs_a_fixed_number_of_queries_whatever_the_page_size(
    manager_client, manager, django_assert_max_num_queries, count
):
    _make_stories(count, manager)
    # session, user, permissions x2, four filter lists, count, page, themes (the rows'
    # links, and the policy areas' table read once and kept: stories.labels), date bar x2
    # (the first and last story, asked once; then the days of their one month)
    with django_assert_max_num_queries(15):  # with the public version (infostory.public)
        response = manager_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == count


@pytest.mark.parametrize(
    "query",
    [{}, {"status": "submitted", "o": "2"}, {"spam": "all", "q": "discharge", "p": "1"}],
)
def test_the_rows_are_laid_out_as_django_lays_them_out(manager_client, manager, monkeypatch, query):
    """QueueChangeList's quicker rows (links, layout, fewer columns read) change nothing on
    the page: the rows are those of Django's own changelist and template."""
    from django.contrib.admin.views.main import ChangeList

    from stories.admin.story import StoryAdmin

    _make_stories(3, manager)
    SpamStoryFactory(what_happened="The discharge letter came late.")
    # Overdue, with an open concern, no area, no theme, nobody assigned: the empty cells.
    SubmittedStoryFactory(
        safeguarding_concern=True, submitted_at=timezone.now() - datetime.timedelta(days=40)
    )
    ours = manager_client.get(CHANGELIST, query).content.decode()
    monkeypatch.setattr(StoryAdmin, "get_changelist", lambda self, request, **kw: ChangeList)
    monkeypatch.setattr(StoryAdmin, "change_list_template", "admin/change_list.html")
    djangos = manager_client.get(CHANGELIST, query).content.decode()

    def rows(html):
        return html[html.index("<tbody>") : html.index("</tbody>")]

    assert "_changelist_filters" in rows(ours) or not query
    assert rows(ours) == rows(djangos)


def test_quicker_rows_match_djangos_layout_for_every_kind_of_column(rf, manager, monkeypatch):
    """QueueChangeList works out once per column what Django's row layout
    (admin_list.items_for_result) works out for every cell: a model field, a foreign key,
    its column name, a ModelAdmin method, a function, an anonymous one, __str__. Each
    kind gives the same cells as Django's, whatever the list shows next."""
    from django.contrib import admin
    from django.contrib.admin.templatetags.admin_list import items_for_result

    from stories.admin.story import StoryAdmin

    def shouting(story):
        return story.title.upper()

    columns = [  # after the row's checkbox, which the list adds for its actions
        "reference",
        "title",
        "local_area",
        "local_area_id",
        "assigned_to",
        "submitted_at",
        "is_featured",
        "theme_list",
        "spam",
        shouting,
        lambda story: story.reference[-2:],
        "__str__",
    ]
    monkeypatch.setattr(StoryAdmin, "get_list_display", lambda self, request: columns)
    _make_stories(2, manager)
    SubmittedStoryFactory(assigned_to=None, local_area=None)
    request = rf.get(CHANGELIST, {"status__exact": "submitted"})
    request.user = manager
    changelist = admin.site.get_model_admin(Story).get_changelist_instance(request)
    changelist.formset = None  # as changelist_view sets it for a list that edits nothing
    ours = [[str(cell) for cell in row] for row in changelist.rows()]
    djangos = [
        [str(cell) for cell in items_for_result(changelist, story, None)]
        for story in changelist.result_list
    ]
    assert len(ours) == 3 and len(ours[0]) == 1 + len(columns)
    assert 'class="field-shouting"' in ours[0][10] and 'class="field-lambda11"' in ours[0][11]
    assert ours == djangos


def test_the_theme_and_barrier_filters_find_the_stories_without_duplicate_rows(manager_client):
    first, second = PolicyThemeFactory(), PolicyThemeFactory()
    barrier = BarrierFactory()
    both = SubmittedStoryFactory(themes=[first, second], barriers=[barrier])
    one = SubmittedStoryFactory(themes=[second])
    none = SubmittedStoryFactory()
    expected = {
        (("themes__id__exact", second.pk),): {both, one},
        (("themes__id__exact", first.pk),): {both},
        (("themes__isnull", "True"),): {none},
        (("themes__isnull", "False"),): {both, one},
        (("themes__id__exact", second.pk), ("barriers__id__exact", barrier.pk)): {both},
        (("barriers__isnull", "True"),): {one, none},
        (("themes__id__exact", first.pk), ("themes__isnull", "True")): set(),
    }
    for query, stories in expected.items():
        response = manager_client.get(CHANGELIST, dict(query))
        shown = [story.reference for story in response.context["cl"].result_list]
        assert sorted(shown) == sorted(story.reference for story in stories), query
        assert not response.context["cl"].queryset.query.distinct
    either = manager_client.get(CHANGELIST, {"themes__id__exact": [first.pk, second.pk]})
    assert len(either.context["cl"].result_list) == 2  # one of them: both and one, once each
    assert manager_client.get(CHANGELIST, {"themes__id__exact": "x"}).url.endswith("?e=1")


def test_the_paginator_estimates_past_its_limit_instead_of_counting(manager):
    _make_stories(12, manager)

    class Small(StoryPaginator):
        exact_count_limit = 5

    paginator = Small(Story.objects.order_by("-submitted_at"), 5)
    assert paginator.count >= 6  # exact on SQLite, the planner's estimate on PostgreSQL
    assert StoryPaginator(Story.objects.order_by("-submitted_at"), 5).count == 12


def test_the_admin_index_shows_the_queue_at_a_glance(manager_client, manager):
    SubmittedStoryFactory.create_batch(2)
    InReviewStoryFactory(assigned_to=manager)
    PublishedStoryFactory(assigned_to=manager)
    SpamStoryFactory()
    response = manager_client.get("/admin/")
    rows = {}
    html = response.content.decode()
    assert "The #InfoStory queue" in html
    from stories.templatetags.moderation_tags import queue_counts

    rows = queue_counts(manager)
    assert rows["submitted"] == 2  # the spam one is counted apart
    assert rows["in_review"] == 1
    assert rows["spam"] == 1
    assert rows["mine"] == 1  # published stories are not waiting on anyone
    assert 'href="/admin/stories/story/?assigned=open"' in html
    assert 'href="/admin/stories/story/?spam=yes"' in html


def test_the_queue_counts_are_one_query(manager_client, django_assert_num_queries, manager):
    from stories.templatetags.moderation_tags import queue_counts

    SubmittedStoryFactory.create_batch(3)
    with django_assert_num_queries(1):
        queue_counts(manager)


def test_staff_do_not_see_the_moderation_queue(staff_client):
    SubmittedStoryFactory()
    response = staff_client.get("/admin/")
    assert response.status_code == 200
    assert "The #InfoStory queue" not in response.content.decode()


def test_a_user_given_only_the_view_permission_sees_no_queue(client):
    user = StaffFactory()
    user.groups.clear()
    user.user_permissions.add(Permission.objects.get(codename="view_story"))
    client.force_login(user)
    assert "The #InfoStory queue" not in client.get("/admin/").content.decode()


def test_managers_can_list_only_the_stories_they_may_publish(manager_client):
    from tests.factories import InReviewStoryFactory

    may = InReviewStoryFactory(consent_publish=True, title="Consented story")
    may_not = InReviewStoryFactory(consent_publish=False, title="Not for publication")
    response = manager_client.get("/admin/stories/story/?consent_publish__exact=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert may.reference in html
    assert may_not.reference not in html
    assert "the submitter consented to publication" in html


@pytest.mark.parametrize(
    "query",
    [
        "themes__id__exact=abc",
        "themes__id__exact=99999999999999999999999",
        "barriers__id__exact=1&barriers__id__exact=-99999999999999999999999",
    ],
)
def test_a_theme_or_barrier_filter_that_names_no_id_is_refused_not_a_500(manager_client, query):
    SubmittedStoryFactory()
    response = manager_client.get(f"{CHANGELIST}?{query}")
    # Django's answer to a filter it cannot use: the list again, with ?e=1.
    assert response.status_code == 302 and "e=1" in response["Location"]
