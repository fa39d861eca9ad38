"""What the storyteller's loop adds to the admin: a reason from the list when rejecting
(one story or many), the person's additions beside the original, and "new words since
review" on the queue."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories import conversation
from stories.models import Story, StoryAddendum, StoryEvent
from stories.tracking import submitter_adds, submitter_withdraws
from tests.admin_helpers import CHANGELIST, bulk, change_url, take_step
from tests.factories import InReviewStoryFactory, SubmittedStoryFactory

pytestmark = pytest.mark.django_db
Reason = Story.RejectionReason


def test_a_manager_rejects_with_a_reason_from_the_list(manager_client):
    story = InReviewStoryFactory()
    take_step(manager_client, story, "rejected", reason_choice=Reason.OUT_OF_SCOPE)
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert story.rejection_category == Reason.OUT_OF_SCOPE
    assert story.rejection_reason == Reason.OUT_OF_SCOPE.label


def test_other_without_words_is_refused_on_the_story_page(manager_client):
    story = InReviewStoryFactory()
    response = take_step(manager_client, story, "rejected", reason_choice=Reason.OTHER)
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert "“Other” needs a reason" in response.content.decode()


def test_the_reject_step_offers_the_list(manager_client):
    html = manager_client.get(change_url(InReviewStoryFactory())).content.decode()
    for reason in Reason:
        assert f'value="{reason.value}"' in html


def test_bulk_reject_with_a_reason_from_the_list(manager_client):
    stories = InReviewStoryFactory.create_batch(2)
    bulk(manager_client, "reject", stories, reason_choice=Reason.DUPLICATE)
    for story in stories:
        story.refresh_from_db()
        assert story.status == Story.Status.REJECTED
        assert story.rejection_category == Reason.DUPLICATE


def test_bulk_reject_with_other_still_needs_words(manager_client):
    stories = InReviewStoryFactory.create_batch(2)
    response = bulk(manager_client, "reject", stories, reason_choice=Reason.OTHER)
    assert "Give a reason for rejecting the stories." in response.content.decode()
    assert {Story.objects.get(pk=s.pk).status for s in stories} == {Story.Status.IN_REVIEW}


def test_the_persons_additions_are_shown_beside_the_original(manager_client):
    story = SubmittedStoryFactory()
    submitter_adds(story, text="Later: the two teams now share one plan.")
    html = manager_client.get(change_url(story)).content.decode()
    assert "what they added later" in html.lower()
    assert "Later: the two teams now share one plan." in html
    assert story.what_happened in html


def test_the_timeline_says_the_submitter_acted_from_their_page(manager_client):
    story = SubmittedStoryFactory()
    submitter_withdraws(story, contact=True)
    html = manager_client.get(change_url(story)).content.decode()
    assert re.search(r"<td>The submitter</td><td>Consent withdrawn</td>", html)
    event = story.events.get(action=StoryEvent.Action.CONSENT_WITHDRAWN)
    assert event.actor is None


def test_new_words_since_review_are_marked_on_the_queue_until_a_manager_acts(
    manager_client, manager
):
    untouched = InReviewStoryFactory(title="No additions")
    added = InReviewStoryFactory(title="With an addition")
    submitter_adds(added, text="Something new")
    new_words = manager_client.get(CHANGELIST + "?new_words=yes")
    assert [story.pk for story in new_words.context["cl"].result_list] == [added.pk]
    rows = {
        story.pk: story.has_new_words
        for story in manager_client.get(CHANGELIST).context["cl"].result_list
    }
    assert rows[added.pk] is True and rows[untouched.pk] is False
    added.log(StoryEvent.Action.EDITED, actor=manager, note="Read the addition")
    assert list(manager_client.get(CHANGELIST + "?new_words=yes").context["cl"].result_list) == []
    # The manager did not read the words yet if they were added after the review.
    StoryAddendum.objects.create(story=added, text="And more")
    assert len(manager_client.get(CHANGELIST + "?new_words=yes").context["cl"].result_list) == 1


def test_the_queue_still_runs_a_fixed_number_of_queries_with_additions(
    manager_client, django_assert_max_num_queries
):
    for story in SubmittedStoryFactory.create_batch(20):
        submitter_adds(story, text="More words")
    # As the queue without additions (tests/test_admin_list.py): the new-words mark is a
    # subquery of the page's own query.
    with django_assert_max_num_queries(14):
        response = manager_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 20


def test_the_admin_index_counts_the_stories_with_new_words(manager_client):
    submitter_adds(InReviewStoryFactory(), text="Something new")
    html = manager_client.get("/admin/").content.decode()
    assert re.search(
        r'href="/admin/stories/story/\?new_words=yes">New words since review</a></th>\s*'
        r'<td class="moderation-queue-count">1</td>',
        html,
    )


def test_the_story_page_reads_the_additions_and_answers_once_however_many(manager_client, manager):
    """The marks on the words, the preview, "still found", the safeguarding signals and
    the conversation all read a story's additions and answers: one query each for the whole
    page."""

    def queries_for(story):
        url = f"/admin/stories/story/{story.pk}/change/"
        manager_client.get(url)  # the first visit marks the answers read
        with CaptureQueriesContext(connection) as captured:
            response = manager_client.get(url)
        assert response.status_code == 200
        assert story.reference in response.content.decode()
        reads = [q["sql"] for q in captured.captured_queries]
        addenda = [sql for sql in reads if 'FROM "stories_storyaddendum"' in sql]
        messages = [sql for sql in reads if 'FROM "stories_storymessage"' in sql]
        return len(reads), len(addenda), len(messages)

    few = InReviewStoryFactory()
    submitter_adds(few, text="One more thing.")
    many = InReviewStoryFactory()
    for number in range(4):  # a storyteller gets at most five messages a day
        submitter_adds(many, text=f"Addition {number}.")
        conversation.write_to_storyteller(many, text=f"Question {number}?", actor=manager)
        conversation.storyteller_answers(many, text=f"Answer {number}.")

    few_total, few_addenda, few_messages = queries_for(few)
    many_total, many_addenda, many_messages = queries_for(many)
    assert few_addenda == many_addenda == 1
    assert few_messages == many_messages == 1  # the conversation panel's too, with senders
    assert many_total == few_total
