"""The story page as a redaction desk: marks, redacted drafts, the preview, the tick,
publishing anyway with a reason, withdrawal confirmed, safeguarding, the queue's promise."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from stories.models import Barrier, PolicyTheme, Story, StoryEvent
from tests.admin_helpers import (
    CHANGELIST,
    change_url,
    form_data,
    messages_of,
    publish_url,
    take_step,
    withdraw_url,
)
from tests.factories import (
    AcceptedStoryFactory,
    PublishedStoryFactory,
    StaffFactory,
    SubmittedStoryFactory,
    WithdrawnStoryFactory,
)

pytestmark = pytest.mark.django_db

Status = Story.Status
PHONE = "07700 900461"
NHS = "943 476 5919"
EMAIL = "sarah.parent@example.com"
WORDS = (
    f"We rang his mum on {PHONE} and the crew asked for his NHS number, {NHS}. "
    f"The letter went to {EMAIL}."
)
NO_PUBLIC_VERSION = {"public_title": "", "public_summary": "", "public_body": ""}


def html_of(client, story):
    response = client.get(change_url(story))
    assert response.status_code == 200
    return response.content.decode()


# --- the person's words, marked ---


def test_each_finding_is_marked_with_its_kind_in_words(manager_client):
    story = SubmittedStoryFactory(what_happened=WORDS)
    html = html_of(manager_client, story)
    assert (
        f'<mark class="pd-finding">{PHONE}<span class="pd-kind"> [phone number]</span></mark>'
        in html
    )
    assert (
        f'<mark class="pd-finding">{NHS}<span class="pd-kind"> [NHS number]</span></mark>' in html
    )
    assert "Found in the person's words: 1 × [phone number], 1 × [NHS number]" in html


def test_markup_in_the_words_is_shown_escaped_beside_the_marks(manager_client):
    story = SubmittedStoryFactory(what_happened=f"<script>alert(1)</script> Ring {PHONE}.")
    html = html_of(manager_client, story)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_submitters_wishes_are_in_the_words_of_the_form(manager_client):
    from stories.forms import ShareStoryForm

    story = SubmittedStoryFactory(
        consent_publish=True, publish_anonymously=True, consent_contact=False
    )
    html = html_of(manager_client, story)
    labels = {
        name: ShareStoryForm.base_fields[name].label
        for name in ("consent_publish", "publish_anonymously", "consent_contact")
    }
    assert f"Ticked: “{labels['consent_publish']}”" in html
    assert f"Ticked: “{labels['publish_anonymously']}”" in html
    assert f"Not ticked: “{labels['consent_contact']}”" in html
    assert "with their name" not in html
    assert "Names and organisations are never published" in html


def test_a_possible_duplicate_is_linked(manager_client):
    first = SubmittedStoryFactory(email="same@example.org")
    second = SubmittedStoryFactory(email="same@example.org")
    html = html_of(manager_client, second)
    assert f'<a href="{change_url(first)}">{first.reference}</a> (same email address)' in html


def test_the_page_says_what_the_words_were_compared_with(manager_client):
    story = SubmittedStoryFactory(
        what_happened="The ward told adult social care two days before Mr D went home, so "
        "the care package started on the day he arrived."
    )
    html = html_of(manager_client, story)
    assert (
        "None found. The words were compared with up to 50 stories sent nearest in time to "
        "this one, within 120 days (their first 400 characters)."
    ) in html


# --- Start review: a redacted draft, assigned ---


def test_start_review_on_the_page_fills_placeholders_and_assigns_the_manager(
    manager_client, manager
):
    story = SubmittedStoryFactory(what_happened=WORDS, **NO_PUBLIC_VERSION)
    take_step(manager_client, story, "in_review")
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert story.assigned_to == manager
    for raw in (PHONE, NHS, EMAIL):
        assert raw not in story.public_body
    assert "[phone number]" in story.public_body and "[NHS number]" in story.public_body


def test_after_a_save_the_page_says_what_is_still_found_in_the_public_version(manager_client):
    story = AcceptedStoryFactory()
    data = form_data(manager_client, story, public_body=f"Ring {PHONE} for help.", _continue="1")
    manager_client.post(change_url(story), data)
    html = html_of(manager_client, story)
    assert "Still found in the public version (1)" in html
    assert f'{PHONE}<span class="pd-kind"> [phone number]' in html


# --- publishing: a preview, the tick, a reason ---


def test_publish_opens_the_preview_and_publishes_nothing_yet(manager_client):
    story = AcceptedStoryFactory(public_summary="A summary for the public.")
    response = take_step(manager_client, story, "published", confirm=False)
    assert response.redirect_chain[-1][0].startswith(publish_url(story))
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED
    html = response.content.decode()
    assert story.public_title in html and story.public_body in html
    assert "A summary for the public." in html
    assert "I have checked this version for anything that could identify a person" in html
    assert 'name="_publish"' in html and "Publish anyway" not in html


def test_the_preview_uses_the_public_story_partial(manager_client):
    theme, barrier = PolicyTheme.objects.order_by("pk")[0], Barrier.objects.order_by("pk")[0]
    story = AcceptedStoryFactory(themes=[theme], barriers=[barrier])
    story.tags.add("hospital discharge")
    response = manager_client.get(publish_url(story))
    names = [template.name for template in response.templates]
    assert "stories/includes/public_story.html" in names
    # Its filing as the public page shows it: policy areas, barriers, tags.
    html = response.content.decode()
    for label in [theme.name, barrier.name, "hospital discharge"]:
        assert label in html


def test_publishing_needs_the_tick_and_records_it(manager_client, manager):
    story = AcceptedStoryFactory()
    response = manager_client.post(publish_url(story), {"note": "ok"})
    assert "Tick to confirm you have checked this version" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED
    response = manager_client.post(publish_url(story), {"checked": "on"}, follow=True)
    assert f"{story.reference} was published." in messages_of(response)
    event = story.events.get(action=StoryEvent.Action.TRANSITION, to_status=Status.PUBLISHED)
    assert event.actor == manager
    assert event.data["checked_for_identifying_details"] is True


def test_with_personal_data_the_preview_names_it_and_offers_only_publish_anyway(manager_client):
    story = AcceptedStoryFactory(public_body=WORDS)
    html = manager_client.get(publish_url(story)).content.decode()
    assert "This version may still identify someone" in html
    assert "[phone number]" in html
    assert "Publish anyway" in html and 'name="_publish"' not in html
    response = manager_client.post(publish_url(story), {"checked": "on", "_publish_anyway": "1"})
    assert "Say why this may be published" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED


def test_publish_anyway_with_a_reason_shows_it_in_the_timeline(manager_client):
    story = AcceptedStoryFactory(public_body=WORDS)
    reason = "The numbers are the school office's, published on its own website."
    response = take_step(manager_client, story, "published", personal_data_reason=reason)
    assert f"{story.reference} was published." in messages_of(response)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    html = html_of(manager_client, story)
    timeline = html.split("story-timeline-table")[1]
    assert reason.replace("'", "&#x27;") in timeline


def test_no_publish_button_where_publishing_cannot_work_and_the_reason_instead(manager_client):
    story = AcceptedStoryFactory(consent_publish=False)
    html = html_of(manager_client, story)
    assert 'name="_transition" value="published"' not in html
    assert "Publish is not offered" in html
    assert "The submitter did not consent to publication." in html
    response = manager_client.get(publish_url(story), follow=True)
    assert any("cannot be published" in message for message in messages_of(response))


def test_a_concern_hides_the_publish_button_and_says_why(manager_client, manager):
    story = AcceptedStoryFactory()
    story.raise_safeguarding_concern(actor=manager)
    html = html_of(manager_client, story)
    assert 'name="_transition" value="published"' not in html
    assert "record how it was handled before publishing" in html


def test_withdraw_asks_for_confirmation(manager_client):
    story = PublishedStoryFactory()
    response = take_step(manager_client, story, "withdrawn", confirm=False)
    assert response.redirect_chain[-1][0].startswith(withdraw_url(story))
    assert "Yes, withdraw it from the site" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    response = manager_client.post(withdraw_url(story), {"note": "The council asked."}, follow=True)
    assert f"{story.reference} was withdrawn from the site." in messages_of(response)
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN


def test_publishing_again_goes_through_the_preview_too(manager_client):
    story = WithdrawnStoryFactory()
    response = take_step(manager_client, story, "published", confirm=False)
    assert "Publish again" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN


def test_staff_cannot_open_the_preview_or_the_confirmation(client):
    client.force_login(StaffFactory())
    story = AcceptedStoryFactory()
    assert client.get(publish_url(story)).status_code in (403, 404)
    assert client.post(withdraw_url(PublishedStoryFactory()), {}).status_code in (403, 404)
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED


def test_an_unknown_story_has_no_preview(manager_client):
    assert manager_client.get("/admin/stories/story/999999/publish/").status_code in (302, 404)


# --- editing a published story ---


def test_adding_personal_data_to_a_published_story_is_refused_beside_the_field(manager_client):
    story = PublishedStoryFactory()
    data = form_data(manager_client, story, public_body=f"Ring {PHONE}.")
    response = manager_client.post(change_url(story), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "could identify a person" in html
    assert f"Ring {PHONE}." in html  # the typed text comes back
    story.refresh_from_db()
    assert PHONE not in story.public_body


def test_with_a_reason_the_edit_is_saved_and_logged(manager_client):
    story = PublishedStoryFactory()
    data = form_data(
        manager_client,
        story,
        public_body=f"Ring {PHONE}.",
        personal_data_reason="The charity's public helpline.",
    )
    manager_client.post(change_url(story), data)
    story.refresh_from_db()
    assert PHONE in story.public_body
    edit = story.events.filter(action=StoryEvent.Action.EDITED).last()
    assert "The charity's public helpline." in edit.note


# --- safeguarding on the page ---


def test_a_manager_raises_a_concern_and_records_how_it_was_handled(
    manager_client, settings, django_capture_on_commit_callbacks
):
    settings.INFOSTORY_SAFEGUARDING_EMAIL = ["safeguarding@example.org"]
    story = AcceptedStoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(
            change_url(story), form_data(manager_client, story, _safeguarding="raise")
        )
    story.refresh_from_db()
    assert story.safeguarding_concern
    assert [message.to for message in mail.outbox] == [["safeguarding@example.org"]]
    response = manager_client.post(
        change_url(story), form_data(manager_client, story, _safeguarding="handled"), follow=True
    )
    assert any("Say how the concern was handled" in message for message in messages_of(response))
    story.refresh_from_db()
    assert story.safeguarding_concern
    manager_client.post(
        change_url(story),
        form_data(
            manager_client,
            story,
            _safeguarding="handled",
            safeguarding_handled="Told the council's MASH; they already knew the family.",
        ),
    )
    story.refresh_from_db()
    assert not story.safeguarding_concern
    assert "they already knew the family" in html_of(manager_client, story)


# --- the queue keeps its promise ---


def test_the_list_shows_working_days_waiting_and_marks_overdue(manager_client, settings):
    settings.INFOSTORY_REPLY_WORKING_DAYS = 10
    SubmittedStoryFactory(submitted_at=timezone.now() - timedelta(days=30))
    SubmittedStoryFactory(submitted_at=timezone.now())
    html = manager_client.get(CHANGELIST).content.decode()
    cells = re.findall(r'<td class="field-waiting">(.*?)</td>', html)
    assert any(
        re.fullmatch(r'<strong class="queue-overdue">\d+ days, overdue</strong>', cell)
        for cell in cells
    )
    assert "0 days" in cells


def test_the_index_shows_the_oldest_waiting_overdue_and_concerns(manager_client, manager, settings):
    settings.INFOSTORY_REPLY_WORKING_DAYS = 10
    SubmittedStoryFactory(submitted_at=timezone.now() - timedelta(days=30))
    SubmittedStoryFactory(submitted_at=timezone.now() - timedelta(days=1))
    AcceptedStoryFactory(submitted_at=timezone.now() - timedelta(days=60))  # decided
    concern = SubmittedStoryFactory()
    concern.raise_safeguarding_concern(actor=manager)
    html = manager_client.get("/admin/").content.decode()
    assert "Open safeguarding concerns: 1" in html
    assert "Past the promised reply (10 working days): 1" in html
    sent = timezone.localtime(timezone.now() - timedelta(days=30))
    assert (
        f'Oldest waiting for a decision: <a href="/admin/stories/story/">sent {sent:%-d %b %Y}'
        in html
    )


def test_the_index_counts_stay_one_query(manager, django_assert_num_queries):
    from stories.templatetags.moderation_tags import queue_counts

    SubmittedStoryFactory.create_batch(3)
    with django_assert_num_queries(1):
        counts = queue_counts(manager)
    assert counts["concerns"] == 0 and counts["overdue"] == 0


# --- bad input never answers 500 ---


@pytest.mark.parametrize(
    "words",
    [
        ("A long story. " * 75_000),  # about 1 MB
        "<b>bold</b><script>alert('x')</script><img src=x onerror=alert(1)>",
        "Null \x00 bytes \x00 in the words",
    ],
    ids=["one-megabyte", "markup", "null-bytes"],
)
def test_the_desk_never_answers_500(manager_client, words, django_db_blocker):
    from django.db import connection

    if "\x00" in words and connection.vendor == "postgresql":
        pytest.skip("PostgreSQL cannot store a null byte: the public form refuses it first")
    story = SubmittedStoryFactory(what_happened=words, **NO_PUBLIC_VERSION)
    assert manager_client.get(change_url(story)).status_code == 200
    response = take_step(manager_client, story, "in_review")
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert manager_client.get(CHANGELIST).status_code == 200


def test_a_null_byte_typed_into_the_public_version_gets_a_message_not_a_500(manager_client):
    story = AcceptedStoryFactory()
    data = form_data(manager_client, story, public_body="Bad \x00 byte")
    response = manager_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()


def test_staff_are_not_shown_other_stories_as_possible_duplicates(client):
    hidden = SubmittedStoryFactory(email="same@example.org", title="Not yet read by anyone")
    story = AcceptedStoryFactory(email="same@example.org")
    client.force_login(StaffFactory())
    html = client.get(change_url(story)).content.decode()
    assert "possible duplicate" not in html.lower()
    assert hidden.title not in html


def test_a_public_version_sent_back_unchanged_is_not_logged_as_edited(manager_client):
    story = AcceptedStoryFactory(public_body="First paragraph.\n\nSecond paragraph.")
    data = form_data(manager_client, story)
    data["public_body"] = data["public_body"].replace("\n", "\r\n")  # as a browser sends it
    manager_client.post(change_url(story), data)
    assert not story.events.filter(action=StoryEvent.Action.EDITED).exists()
    story.refresh_from_db()
    assert story.public_body == "First paragraph.\n\nSecond paragraph."
