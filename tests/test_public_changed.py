"""The one home for "what the public sees changed" (infostory.public): every kind of
writer goes through public_changed(), so a reader's cached page never outlives a change."""

import json

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import transaction
from django.db.migrations import Migration
from django.db.models.signals import post_migrate
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

import stories.caching
from casestudies.models import CaseStudy, CaseStudyQuote
from infostory.public import public_changed, public_version
from stories import moderation, tracking
from stories.models import LocalArea, PolicyTheme, Story
from tests.admin_helpers import form_data
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import (
    AcceptedStoryFactory,
    PublishedStoryFactory,
)
from tests.test_casestudies_pages import admin_post_data

pytestmark = pytest.mark.django_db

LIST = reverse("stories:list")


@pytest.fixture
def reader():
    return Client()


class Changes:
    """Whether the public version moved since the last look."""

    def __init__(self):
        self.seen = public_version()

    def __call__(self):
        now = public_version()
        moved, self.seen = now != self.seen, now
        return moved


@pytest.fixture
def changed():
    return Changes()


def test_public_changed_gives_a_new_version_and_the_same_one_until_then(changed):
    assert public_version() == public_version()
    public_changed(reason="a test")
    assert changed()
    assert not changed()


# --- the services ---


def test_a_version_undone_by_a_rollback_is_never_given_again(changed):
    # A page kept under the undone version would otherwise be served for other content.
    with pytest.raises(RuntimeError), transaction.atomic():
        public_changed(reason="a write that fails")
        undone = public_version()
        raise RuntimeError
    assert not changed()
    public_changed(reason="another write")
    assert changed()
    assert public_version() != undone


def test_publishing_and_withdrawing_are_seen_by_the_next_reader(reader, manager, changed):
    story = AcceptedStoryFactory(public_title="Discharge plans shared at last")
    assert b"Discharge plans shared at last" not in reader.get(LIST).content
    story.transition_to(Story.Status.PUBLISHED, actor=manager)
    assert changed()
    assert b"Discharge plans shared at last" in reader.get(LIST).content
    story.transition_to(Story.Status.WITHDRAWN, actor=manager, note="Asked to")
    assert changed()
    assert b"Discharge plans shared at last" not in reader.get(LIST).content


def test_a_move_that_the_public_does_not_see_changes_nothing(manager, changed):
    story = AcceptedStoryFactory()
    story.transition_to(Story.Status.REJECTED, actor=manager, note="Out of scope")
    assert not changed()


def test_the_storyteller_withdrawing_consent_takes_the_cached_page_down(reader, changed):
    story = PublishedStoryFactory(public_title="A story told once")
    assert reader.get(story.get_absolute_url()).status_code == 200
    tracking.submitter_withdraws(story, publish=True)
    assert changed()
    assert reader.get(story.get_absolute_url()).status_code == 404
    assert b"A story told once" not in reader.get(LIST).content


def test_clearing_a_named_storytellers_details_changes_the_public_version(changed):
    story = PublishedStoryFactory(name="Ann Example", publish_anonymously=False)
    tracking.submitter_erases(story)
    assert changed()


# --- the admin ---


def test_a_published_storys_filing_saved_in_the_admin_is_seen_at_once(
    reader, manager_client, changed
):
    story = PublishedStoryFactory(public_title="Filed somewhere else")
    reader.get(story.get_absolute_url())
    theme = PolicyTheme.objects.order_by("pk").last()
    data = form_data(manager_client, story, themes=[str(theme.pk)])
    response = manager_client.post(reverse("admin:stories_story_change", args=[story.pk]), data)
    assert response.status_code == 302
    assert changed()
    assert theme.name.encode() in reader.get(story.get_absolute_url()).content


def test_a_draft_case_study_saved_drops_nothing(changed):
    case_study = CaseStudyFactory(title="Work in progress")
    changed()
    case_study.summary = "Still being written."
    case_study.save()
    section = case_study.sections.first()
    if section is not None:
        section.what_helped = "A shared plan."
        section.save()
    assert not changed()


def test_a_published_case_study_its_sections_and_quotes_change_the_public_version(manager, changed):
    case_study = published_case_study(actor=manager)
    assert changed()
    case_study.summary = "A better summary of what happened."
    case_study.save()
    assert changed()
    section = case_study.sections.get(lens="culture")
    section.what_helped = "People knew each other by name."
    section.save()
    assert changed()
    CaseStudyQuote.objects.filter(case_study=case_study).first().delete()
    assert changed()
    case_study.transition_to(CaseStudy.Status.WITHDRAWN, actor=manager)
    assert changed()


def test_a_draft_case_study_saved_in_the_admin_drops_nothing(manager_client, changed):
    case_study = CaseStudyFactory(title="Draft in the admin")
    data = admin_post_data(case_study)
    data["summary"] = "Rewritten while still a draft."
    changed()
    response = manager_client.post(
        reverse("admin:casestudies_casestudy_change", args=[case_study.pk]), data
    )
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.summary == "Rewritten while still a draft."
    assert not changed()


def test_a_published_case_study_edited_in_the_admin_is_seen_at_once(
    reader, manager_client, manager, changed
):
    case_study = published_case_study(actor=manager)
    assert reader.get(case_study.get_absolute_url()).status_code == 200
    data = admin_post_data(case_study)
    data["summary"] = "What the public reads now."
    response = manager_client.post(
        reverse("admin:casestudies_casestudy_change", args=[case_study.pk]), data
    )
    assert response.status_code == 302
    assert changed()
    assert b"What the public reads now." in reader.get(case_study.get_absolute_url()).content


# --- reference data, tags, data loads, commands ---


def test_reference_data_renamed_or_deleted_changes_the_public_version(changed):
    theme = PolicyTheme.objects.first()
    theme.name = "Health, care and welfare"
    theme.save()
    assert changed()
    area = LocalArea.objects.create(name="Llanelli", slug="llanelli")
    assert changed()
    area.delete()
    assert changed()


def test_a_tag_renamed_changes_the_public_version(changed):
    tag = Tag.objects.create(name="discharge", slug="discharge")
    assert changed()
    tag.name = "hospital discharge"
    tag.save()
    assert changed()


def test_data_loaded_with_loaddata_changes_the_public_version(tmp_path, changed):
    fixture = tmp_path / "area.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "stories.localarea",
                    "pk": 9001,
                    "fields": {"name": "Ynys Môn", "slug": "ynys-mon", "kind": "unitary"},
                }
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert changed()


def test_migrations_applied_change_the_public_version(changed):
    # A data migration's bulk writes send no signal; a new field outdates kept models.
    config = django_apps.get_app_config("infostory")
    migration = Migration("0099_reference_update", "stories")

    def migrate(plan):
        post_migrate.send(
            sender=config, app_config=config, verbosity=0, interactive=False,
            using="default", plan=plan, apps=django_apps,
        )  # fmt: skip

    migrate([])
    assert not changed()  # nothing applied: the cached pages stay
    migrate([(migration, False)])
    assert changed()


def test_the_erase_command_takes_the_story_off_every_cached_page(reader, changed):
    PublishedStoryFactory(public_title="Erased on request", email="erase.me@example.org")
    assert b"Erased on request" in reader.get(LIST).content
    call_command(
        "erase_personal_data", "erase.me@example.org", apply=True, delete_stories=True,
        interactive=False, stdout=None,
    )  # fmt: skip
    assert changed()
    assert b"Erased on request" not in reader.get(LIST).content


# --- staff's filter menu is keyed by what it shows ---


def test_a_tag_put_on_an_accepted_story_is_in_staffs_menu_at_once(staff_client):
    story = AcceptedStoryFactory()
    assert b"pooled-budget" not in staff_client.get(LIST).content
    story.tags.add("pooled-budget")  # no public change: an accepted story
    assert b"pooled-budget" in staff_client.get(LIST).content


def test_a_new_local_area_is_in_the_insights_filter_at_once(staff_client):
    # Insights keeps the reference lists it reads, per public version.
    assert b"Llanelli" not in staff_client.get(reverse("stories:insights")).content
    LocalArea.objects.create(name="Llanelli", slug="llanelli")
    assert b"Llanelli" in staff_client.get(reverse("stories:insights")).content


def test_the_publics_menu_never_offers_a_tag_only_staff_can_see(reader):
    PublishedStoryFactory()
    AcceptedStoryFactory().tags.add("staff-only-tag")
    assert b"staff-only-tag" not in reader.get(LIST).content


# --- the refresh lock ---


def test_a_refresh_that_answers_404_releases_its_lock_and_drops_the_stale_copy(
    reader, settings, monkeypatch
):
    story = PublishedStoryFactory(public_title="Gone once refreshed")
    url = story.get_absolute_url()
    monkeypatch.setattr(stories.caching, "public_version", lambda: "held")
    assert reader.get(url).status_code == 200
    Story.objects.filter(pk=story.pk).update(status=Story.Status.WITHDRAWN)
    later = stories.caching.time.time() + settings.INFOSTORY_PUBLIC_CACHE_SECONDS + 5
    monkeypatch.setattr(stories.caching.time, "time", lambda: later)

    assert reader.get(url).status_code == 404  # this request refreshed the page
    # Nobody keeps serving the stale copy while a lock is held by a request long gone.
    assert reader.get(url).status_code == 404
    key = stories.caching._page_key(reader.get(url).wsgi_request)
    assert stories.caching.cache.get(key + ":refreshing") is None


def test_a_refresh_that_fails_releases_its_lock(reader, settings, monkeypatch):
    story = PublishedStoryFactory()
    url = story.get_absolute_url()
    monkeypatch.setattr(stories.caching, "public_version", lambda: "held")
    reader.get(url)
    later = stories.caching.time.time() + settings.INFOSTORY_PUBLIC_CACHE_SECONDS + 5
    monkeypatch.setattr(stories.caching.time, "time", lambda: later)
    monkeypatch.setattr(
        "stories.views.browse.StoryDetailView.get_context_data",
        lambda *args, **kwargs: 1 / 0,
    )
    reader.raise_request_exception = False
    assert reader.get(url).status_code == 500
    key = stories.caching._page_key(reader.get(url).wsgi_request)
    assert stories.caching.cache.get(key + ":refreshing") is None


def test_moderation_services_call_the_one_home(manager, changed):
    story = AcceptedStoryFactory()
    moderation.move_story(story, Story.Status.PUBLISHED, actor=manager)
    assert changed()
