"""Performance: cached public pages and insights figures, and what they must never do.

A reader who is not signed in gets a public page from the cache; publishing or
withdrawing a story drops every cached page at once; staff never get a cached public page,
and readers never get a page made for staff.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infostory.public import public_version
from stories.admin.changelist import QueueQuerySet
from stories.models import Story
from tests.browse_helpers import theme
from tests.factories import (
    AcceptedStoryFactory,
    PublishedStoryFactory,
    RejectedStoryFactory,
    SpamStoryFactory,
    StaffFactory,
    StoryFactory,
    WithdrawnStoryFactory,
)

# A cached page costs one query: the public version, read once per request from the
# database so every worker sees a change at commit (infostory.public).
VERSION_READ = 1

pytestmark = pytest.mark.django_db

LIST = reverse("stories:list")


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def staff_reader():
    client = Client()
    client.force_login(StaffFactory())
    return client


def test_a_reader_gets_a_public_page_from_the_cache_without_a_query(
    reader, django_assert_num_queries
):
    PublishedStoryFactory.create_batch(3, themes=[theme("welfare-reform")])
    first = reader.get(LIST)
    with django_assert_num_queries(VERSION_READ):
        again = reader.get(LIST)
    assert again.status_code == 200
    assert again.content == first.content


@pytest.mark.parametrize(
    "path",
    [
        reverse("home"),
        LIST,
        LIST + "?page=2",
        LIST + "?q=discharge",
        reverse("stories:theme", kwargs={"slug": "welfare-reform"}),
        reverse("stories:themes"),
        reverse("stories:areas"),
    ],
)
def test_every_public_page_is_cached_for_readers(reader, path, django_assert_num_queries):
    PublishedStoryFactory.create_batch(25, themes=[theme("welfare-reform")])
    assert reader.get(path).status_code == 200
    with django_assert_num_queries(VERSION_READ):
        assert reader.get(path).status_code == 200


def test_a_story_page_is_cached_for_readers(reader, django_assert_num_queries):
    story = PublishedStoryFactory()
    reader.get(story.get_absolute_url())
    with django_assert_num_queries(VERSION_READ):
        assert reader.get(story.get_absolute_url()).status_code == 200


def test_publishing_a_story_shows_it_to_readers_at_once(reader):
    PublishedStoryFactory(public_title="Already out")
    waiting = AcceptedStoryFactory(public_title="Published just now")
    assert b"Published just now" not in reader.get(LIST).content
    assert b"Published just now" not in reader.get(reverse("home")).content

    waiting.transition_to(Story.Status.PUBLISHED, actor=None)

    assert b"Published just now" in reader.get(LIST).content
    assert b"Published just now" in reader.get(reverse("home")).content
    assert reader.get(waiting.get_absolute_url()).status_code == 200


def test_the_home_page_counts_a_story_the_moment_it_is_published(staff_client):
    # Signed in, so the whole page is made again: the counts themselves are cached.
    PublishedStoryFactory()
    waiting = AcceptedStoryFactory()
    assert staff_client.get(reverse("home")).context["counts"]["stories"] == 1

    waiting.transition_to(Story.Status.PUBLISHED, actor=None)

    assert staff_client.get(reverse("home")).context["counts"]["stories"] == 2


def test_withdrawing_a_story_takes_it_off_every_cached_page_at_once(reader):
    story = PublishedStoryFactory(public_title="Soon withdrawn")
    assert b"Soon withdrawn" in reader.get(LIST).content
    assert reader.get(story.get_absolute_url()).status_code == 200

    story.transition_to(Story.Status.WITHDRAWN, actor=None, note="Consent withdrawn")

    assert b"Soon withdrawn" not in reader.get(LIST).content
    assert b"Soon withdrawn" not in reader.get(reverse("home")).content
    assert reader.get(story.get_absolute_url()).status_code == 404


def test_consent_to_publish_withdrawn_takes_the_story_off_cached_pages(reader):
    story = PublishedStoryFactory(public_title="Consent goes")
    assert b"Consent goes" in reader.get(LIST).content
    story.withdraw_consent(publish=True)
    assert b"Consent goes" not in reader.get(LIST).content


def test_moves_that_do_not_touch_published_stories_keep_the_cache(reader):
    version = public_version()
    AcceptedStoryFactory()  # submitted, in review, accepted: nothing public changes
    assert public_version() == version


def test_staff_never_get_a_cached_public_page(reader, staff_reader):
    PublishedStoryFactory(public_title="Public story")
    AcceptedStoryFactory(public_title="Accepted, for staff only")
    reader.get(LIST)  # cached for readers

    for_staff = staff_reader.get(LIST)

    assert b"Accepted, for staff only" in for_staff.content
    assert b"Public story" in for_staff.content


def test_readers_never_get_a_page_made_for_staff(reader, staff_reader):
    AcceptedStoryFactory(public_title="Accepted, for staff only")
    staff_reader.get(LIST)
    staff_reader.get(reverse("home"))

    assert b"Accepted, for staff only" not in reader.get(LIST).content
    assert b"Accepted, for staff only" not in reader.get(reverse("home")).content


def test_a_page_with_a_message_for_its_address_is_cached_with_that_message(reader):
    PublishedStoryFactory()
    first = reader.get(LIST + "?page=nine")
    assert b"That page number is not a number" in first.content
    again = reader.get(LIST + "?page=nine")
    assert b"That page number is not a number" in again.content
    assert b"That page number is not a number" not in reader.get(LIST).content


def test_a_reader_with_a_session_is_not_served_from_the_cache(
    reader, django_assert_max_num_queries
):
    PublishedStoryFactory()
    reader.get(LIST)
    reader.cookies["sessionid"] = "a-session-the-server-does-not-know"
    with django_assert_max_num_queries(20) as captured:
        assert reader.get(LIST).status_code == 200
    assert len(captured) > 0


def test_an_expired_page_is_made_again_by_one_reader_while_others_get_the_stale_copy(
    reader, rf, settings, monkeypatch, django_assert_num_queries, django_assert_max_num_queries
):
    """No stampede: when a popular page expires, one request makes it again."""
    import stories.caching

    PublishedStoryFactory.create_batch(2)
    first = reader.get(LIST)
    # Past the page's freshness, within the time the stale copy is kept.
    later = stories.caching.time.time() + settings.INFOSTORY_PUBLIC_CACHE_SECONDS + 5
    monkeypatch.setattr(stories.caching.time, "time", lambda: later)
    refreshing = stories.caching._page_key(rf.get(LIST)) + ":refreshing"
    stories.caching.cache.add(refreshing, 1)  # another worker is making it again
    with django_assert_num_queries(VERSION_READ):
        stale = reader.get(LIST)
    assert stale.content == first.content
    stories.caching.cache.delete(refreshing)
    with django_assert_max_num_queries(20) as made_again:
        reader.get(LIST)
    assert len(made_again) > 0
    with django_assert_num_queries(VERSION_READ):
        reader.get(LIST)


def test_the_cache_can_be_turned_off(reader, settings, django_assert_max_num_queries):
    settings.INFOSTORY_PUBLIC_CACHE_SECONDS = 0
    PublishedStoryFactory()
    reader.get(LIST)
    with django_assert_max_num_queries(20) as captured:
        reader.get(LIST)
    assert len(captured) > 0


def test_editing_a_published_story_in_the_admin_drops_the_cached_pages(reader, manager_client):
    story = PublishedStoryFactory(public_title="Before the edit")
    assert b"Before the edit" in reader.get(story.get_absolute_url()).content
    change_url = reverse("admin:stories_story_change", args=[story.pk])
    form = manager_client.get(change_url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("themes", "barriers", "tags")
    }
    data.update(public_title="After the edit", themes=[], barriers=[], tags="")
    response = manager_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert b"After the edit" in reader.get(story.get_absolute_url()).content


# --- insights ---

INSIGHTS = reverse("stories:insights")


def test_insights_figures_are_cached_and_the_page_says_how_old_they_may_be(
    staff_client, django_assert_max_num_queries
):
    AcceptedStoryFactory.create_batch(3)
    first = staff_client.get(INSIGHTS)
    assert first.context["total"].count == 3
    assert b"Figures counted at" in first.content
    with django_assert_max_num_queries(9):  # session, user, reference lists, version
        again = staff_client.get(INSIGHTS)
    assert again.context["total"].count == 3


def test_insights_are_counted_again_when_a_story_is_published(staff_client):
    def published():
        rows = staff_client.get(INSIGHTS).context["panels"]["status"].rows
        return next(row.count for row in rows if row.key == "published")

    story = AcceptedStoryFactory()
    assert published() == 0
    story.transition_to(Story.Status.PUBLISHED, actor=None)
    assert published() == 1


def test_insights_figures_are_kept_per_set_of_filters(staff_client):
    AcceptedStoryFactory(themes=[theme("welfare-reform")])
    AcceptedStoryFactory()
    assert staff_client.get(INSIGHTS).context["total"].count == 2
    filtered = staff_client.get(INSIGHTS + "?theme=welfare-reform")
    assert filtered.context["total"].count == 1


# --- the admin list's date links ---


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def test_the_admin_date_links_run_from_the_first_story_to_the_last():
    for moment in (_at(2024, 11, 3), _at(2026, 2, 1)):
        AcceptedStoryFactory(submitted_at=moment)
    stories = Story.objects.all()
    stories.__class__ = QueueQuerySet

    years = [moment.year for moment in stories.datetimes("submitted_at", "year")]
    months = stories.filter(submitted_at__year=2024).datetimes("submitted_at", "month")

    assert years == [2024, 2025, 2026]
    assert [(moment.year, moment.month) for moment in months] == [(2024, 11)]


def test_the_admin_list_offers_the_years_of_the_stories(manager_client):
    AcceptedStoryFactory(submitted_at=_at(2025, 6, 1))
    response = manager_client.get(reverse("admin:stories_story_changelist"))
    assert response.status_code == 200
    assert b"submitted_at__year=2025" in response.content


def test_figures_nobody_has_counted_yet_are_counted_once_while_others_wait(monkeypatch):
    """No stampede on a cold start either: identical first requests wait for one count."""
    import stories.caching
    from stories.caching import cached_figures

    counted = []

    def count():
        counted.append(1)
        return 42

    # Another request took the lock and stores its figures while this one waits.
    cached_figures(("warm the version",), lambda: 0, 60)
    digest = stories.caching.hashlib.sha256(repr(("panels",)).encode()).hexdigest()
    key = f"figures:{stories.caching.public_version()}:{digest}"
    stories.caching.cache.add(f"{key}:refreshing", 1)

    def the_other_request_finishes(_seconds):
        stories.caching._remember(key, (7, 123.0), 60)

    monkeypatch.setattr(stories.caching.time, "sleep", the_other_request_finishes)
    assert cached_figures(("panels",), count, 60) == (7, 123.0)
    assert counted == []


def test_figures_are_counted_anyway_when_the_other_count_never_comes(monkeypatch):
    import stories.caching
    from stories.caching import cached_figures

    cached_figures(("warm the version",), lambda: 0, 60)
    digest = stories.caching.hashlib.sha256(repr(("panels",)).encode()).hexdigest()
    key = f"figures:{stories.caching.public_version()}:{digest}"
    stories.caching.cache.add(f"{key}:refreshing", 1)  # a request that failed mid-count
    monkeypatch.setattr(stories.caching, "FIGURES_WAIT_SECONDS", 0.2)
    value, _counted_at = cached_figures(("panels",), lambda: 42, 60)
    assert value == 42


def test_the_insights_index_holds_every_story_insights_count():
    """The partial index insights count from must hold every story they count (the
    evidence, the closed stories), or the database silently stops using it."""
    (index,) = [i for i in Story._meta.indexes if i.name == "story_counts"]
    for factory in (
        StoryFactory,
        AcceptedStoryFactory,
        PublishedStoryFactory,
        RejectedStoryFactory,
        WithdrawnStoryFactory,
    ):
        factory()
    SpamStoryFactory()
    indexed = set(Story.objects.filter(index.condition).values_list("pk", flat=True))
    for counted in (Story.objects.evidence(), Story.objects.closed()):
        assert counted.exists()
        assert set(counted.values_list("pk", flat=True)) <= indexed


# --- what pages keep between them: filter menus, labels, the quoted stories ---


def test_a_list_page_after_the_first_reads_only_its_stories(
    staff_reader, django_assert_max_num_queries
):
    # Staff pages are never cached whole, so this is what every uncached list page costs
    # once the reference lists and labels have been read: the session, the user, their
    # permissions (two), the tags of the stories they may see (read every time for
    # staff), the count, the page and the page's labels. Nothing per story. (With Redis
    # the session is read from the cache: one fewer.)
    AcceptedStoryFactory.create_batch(25, themes=[theme("welfare-reform")])
    assert staff_reader.get(LIST).status_code == 200
    with django_assert_max_num_queries(9):  # ... and the public version
        page = staff_reader.get(LIST, {"page": 2})
    assert page.status_code == 200
    assert "Welfare reform" in page.content.decode()


def test_a_policy_area_renamed_anywhere_shows_its_new_name_at_once(reader):
    welfare = theme("welfare-reform")
    story = PublishedStoryFactory(themes=[welfare])
    assert welfare.name in reader.get(LIST).content.decode()
    assert welfare.name in reader.get(story.get_absolute_url()).content.decode()
    welfare.name = "Benefits and welfare"
    welfare.save()  # not through the admin: a data load or a command
    for path in (LIST, story.get_absolute_url(), reverse("stories:themes")):
        assert "Benefits and welfare" in reader.get(path).content.decode(), path


def test_a_story_page_shows_its_labels_in_their_own_order(reader):
    from stories.models import Barrier

    story = PublishedStoryFactory(themes=[theme("welfare-reform"), theme("health-and-social-care")])
    barriers = list(Barrier.objects.order_by("name")[:2])
    story.barriers.set(barriers)
    story.tags.add("zebra crossing", "after school")
    html = reader.get(story.get_absolute_url()).content.decode()
    themes = list(story.themes.all())  # the manager's order (position, then name)
    assert html.index(themes[0].name) < html.index(themes[1].name)
    assert html.index(barriers[0].name) < html.index(barriers[1].name)
    assert html.index("zebra crossing") < html.index("after school")  # as tagged


def test_a_new_tag_on_a_published_story_is_on_its_page(reader):
    story = PublishedStoryFactory()
    assert "night shelter" not in reader.get(story.get_absolute_url()).content.decode()
    story.tags.add("night shelter")  # a new Tag row: the cached pages are dropped
    assert "night shelter" in reader.get(story.get_absolute_url()).content.decode()


def test_a_menu_made_while_a_story_is_withdrawn_never_keeps_its_tag(reader, monkeypatch):
    from stories.views import browse

    story = PublishedStoryFactory()
    story.tags.add("racetag")
    PublishedStoryFactory()
    prefetch = browse.prefetch_related_objects

    def withdraw_while_the_page_is_made(stories, *relations):
        monkeypatch.setattr(browse, "prefetch_related_objects", prefetch)
        story.refresh_from_db()
        story.transition_to(Story.Status.WITHDRAWN, actor=None, note="Asked to")
        return prefetch(stories, *relations)

    monkeypatch.setattr(browse, "prefetch_related_objects", withdraw_while_the_page_is_made)
    reader.get(LIST)  # its menu was read before the withdrawal
    for path in (LIST, LIST + "?page=2"):
        assert "racetag" not in Client().get(path).content.decode(), path


def test_a_tag_put_on_an_accepted_story_can_be_filtered_by_staff_at_once(manager_client):
    StoryFactory().tags.add("new-tag")  # the tag exists, on a story not yet accepted
    tagged = AcceptedStoryFactory()
    assert manager_client.get(LIST).status_code == 200  # the lists are read and kept
    tagged.tags.add("new-tag")  # an existing tag on an accepted story: no public change
    page = manager_client.get(LIST, {"tag": "new-tag"})
    assert [story.pk for story in page.context["stories"]] == [tagged.pk]
    export = manager_client.get(reverse("stories:export"), {"tag": "new-tag", "format": "json"})
    assert export.status_code == 200
    assert b"".join(export.streaming_content).count(b'"reference"') == 1
