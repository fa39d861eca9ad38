"""What the finder finds anywhere in a story is refused in every public text made from it.

The original words, the additions the storyteller made later and the submitter's own
details are read; a name found there is sought in the public title, summary and body,
case-study texts and anything else made from the story, in any form: possessive, first
name or surname alone, any case.
"""

import pytest
from django.core.exceptions import ValidationError

from stories import conversation, moderation
from stories.models import Story, StoryAddendum
from stories.personal_data import find_known, known_identifiers
from stories.publishing import (
    check_public_text,
    find_in_texts,
    found_in_story,
    story_identifiers,
)
from tests.admin_helpers import change_url, publish_url, take_step
from tests.factories import AcceptedStoryFactory, SubmittedStoryFactory

pytestmark = pytest.mark.django_db

Status = Story.Status
ORIGINAL = (
    "My daughter Ffion Davies has type 1 diabetes. When she moved school nobody passed on "
    "her care plan, and the new school did not know what to do when her levels dropped."
)
CLEAN_BODY = "Nobody passed the care plan on when a pupil moved school, and she was unsafe."
NO_PUBLIC_VERSION = {"public_title": "", "public_summary": "", "public_body": ""}


def texts_found(texts, **kwargs):
    return [(item.field, item.kind, item.text) for item in find_in_texts(texts, **kwargs)]


def accepted(**fields):
    defaults = {"what_happened": ORIGINAL, "public_body": CLEAN_BODY}
    return AcceptedStoryFactory(**{**defaults, **fields})


def test_the_issues_title_and_summary_are_refused_after_the_original_named_her(manager):
    story = accepted(
        public_title="Nobody told the new school about Ffion's diabetes",
        public_summary="The school never saw Ffion Davies's diabetes care plan.",
    )
    with pytest.raises(ValidationError) as refused:
        story.transition_to(Status.PUBLISHED, actor=manager)
    message = " ".join(refused.value.messages)
    assert "public title: “Ffion” looks like a name." in message
    assert "public summary: “Ffion Davies” looks like a name." in message
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED


@pytest.mark.parametrize(
    "title",
    [
        "Ffion's school did not know",  # possessive
        "What ffion needed",  # lower case
        "FFION AND THE NEW SCHOOL",  # capitals
        "The Davies family were not told",  # the surname alone
        "Ffion’s care plan",  # a typographic apostrophe
    ],
)
def test_a_name_found_in_the_original_is_found_in_any_form(title):
    story = accepted()
    found = texts_found({"public_title": title}, story=story)
    assert [(field, kind) for field, kind, _text in found] == [("public_title", "person_name")]
    assert found[0][2].lower() in ("ffion", "davies")


def test_words_that_only_look_like_the_name_are_not_found():
    story = accepted()
    assert (
        texts_found({"public_title": "Ffionna's school", "public_body": CLEAN_BODY}, story=story)
        == []
    )


def test_the_additions_are_read_and_what_they_name_is_refused(manager):
    story = accepted(
        what_happened="A pupil moved school and nobody passed on her care plan.",
        public_title="Zofia's new school",
    )
    StoryAddendum.objects.create(
        story=story, text="Her name is Kacper Nowak's sister, Zofia. Ring me on 07700 900461."
    )
    found = texts_found(
        {"public_title": "Zofia's new school", "public_body": "Call 07700-900-461 any time."},
        story=story,
    )
    assert ("public_title", "person_name", "Zofia") in found
    assert ("public_body", "phone", "07700-900-461") in found
    with pytest.raises(ValidationError, match="Zofia"):
        story.transition_to(Status.PUBLISHED, actor=manager)


def test_a_name_given_only_in_an_answer_to_a_message_is_refused(manager):
    story = accepted(
        what_happened="A pupil moved school and nobody passed on her care plan.",
        public_title="Aurelia's new school",
    )
    conversation.write_to_storyteller(story, text="What was your daughter's name?", actor=manager)
    conversation.storyteller_answers(story, text="Her name is Aurelia Kowalczyk.")
    found = texts_found(
        {"public_title": "Aurelia's new school", "public_body": "The KOWALCZYK family waited."},
        story=story,
    )
    assert ("public_title", "person_name", "Aurelia") in found
    assert ("public_body", "person_name", "KOWALCZYK") in found
    with pytest.raises(ValidationError, match="Aurelia"):
        story.transition_to(Status.PUBLISHED, actor=manager)
    story.refresh_from_db()
    assert story.status == Status.ACCEPTED


def test_the_managers_own_messages_are_not_read_as_the_storytellers_words(manager):
    story = accepted()
    conversation.write_to_storyteller(
        story, text="Is Bronwen Pritchard your sister?", actor=manager
    )
    assert "Bronwen" not in {text for _kind, text in found_pairs(story)}
    assert ("person_name", "Ffion Davies") in found_pairs(story)


def found_pairs(story):
    return [(item.kind, item.text) for items in found_in_story(story).values() for item in items]


def test_the_submitters_own_name_is_found_by_each_part_in_any_case():
    story = accepted(name="Aoife Ní Bhriain", email="aoife.nb@example.org")
    found = texts_found(
        {
            "public_summary": "aoife said the school listened",
            "public_body": "Write to AOIFE.NB@example.org",
        },
        story=story,
    )
    assert ("public_summary", "submitter", "aoife") in found
    assert ("public_body", "submitter", "AOIFE.NB@example.org") in found


def test_a_name_that_is_also_an_ordinary_word_is_sought_only_capitalised():
    story = accepted(name="Sarah Young")
    found = texts_found({"public_body": "A young carer told us. Young said it again."}, story=story)
    assert found == [("public_body", "submitter", "Young")]


def test_case_study_texts_are_checked_against_every_quoted_story():
    first = accepted()
    second = accepted(what_happened="My son Oluwaseun Adeyemi waited a year for his plan.")
    with pytest.raises(ValidationError) as refused:
        check_public_text(
            {"quote": "Oluwaseun waited a year.", "what_changed": "Ffion's school now asks."},
            stories=[first, second],
        )
    message = " ".join(refused.value.messages)
    assert "“Oluwaseun”" in message and "“Ffion”" in message
    assert check_public_text({"quote": CLEAN_BODY}, stories=[first, second]) == []


def test_start_review_redacts_the_name_from_the_title_too(manager_client):
    story = SubmittedStoryFactory(
        title="Nobody told the new school about Ffion's diabetes",
        what_happened=ORIGINAL,
        **NO_PUBLIC_VERSION,
    )
    take_step(manager_client, story, "in_review")
    story.refresh_from_db()
    assert story.public_title == "Nobody told the new school about [name]'s diabetes"
    assert "Ffion" not in story.public_body and "Davies" not in story.public_body
    assert "[name]" in story.public_body


def test_the_preview_lists_every_remaining_finding_title_summary_and_body(manager_client):
    story = accepted(
        public_title="Nobody told the new school about Ffion's diabetes",
        public_summary="Ffion Davies's care plan was never sent.",
        public_body="Her mum, on 07700 900461, rang the school.",
    )
    html = manager_client.get(publish_url(story)).content.decode()
    assert "The check found 3 things that could identify a person" in html
    for label, text in (
        ("Public title", "Ffion"),
        ("Public summary", "Ffion Davies"),
        ("Public version of the story", "07700 900461"),
    ):
        assert f'{label}: <mark class="pd-finding">{text}<span' in html
    assert "Publish anyway" in html and 'name="_publish"' not in html


def test_the_desk_marks_the_additions_like_the_original(manager_client):
    story = SubmittedStoryFactory(what_happened=ORIGINAL)
    StoryAddendum.objects.create(story=story, text="Ffion is fine now. My number is 07700 900461.")
    html = manager_client.get(change_url(story)).content.decode()
    assert (
        '<mark class="pd-finding">Ffion<span class="pd-kind"> [name]</span></mark> is fine' in html
    )
    assert '<mark class="pd-finding">07700 900461<span class="pd-kind"> [phone number]' in html
    assert "2 things that could identify someone, marked" in html


def test_the_story_identifiers_take_one_query_for_the_additions_one_for_the_answers(
    django_assert_num_queries,
):
    story = accepted()
    with django_assert_num_queries(2):
        known = story_identifiers(story)
    assert find_known("ffion", known)[0].kind == "person_name"


def test_known_identifiers_by_themselves():
    known = known_identifiers(
        [("postcode", "EX4 3SR"), ("nhs_number", "943 476 5919")],
        names=[("person_name", "Mr Kwame Mensah")],
    )
    found = [
        (item.kind, item.text)
        for item in find_known("Kwame, ex43sr, 9434765919 and Mr. MENSAH", known)
    ]
    assert found == [
        ("person_name", "Kwame"),
        ("postcode", "ex43sr"),
        ("nhs_number", "9434765919"),
        ("person_name", "MENSAH"),
    ]
    assert not known_identifiers()
    assert find_known("anything", known_identifiers()) == []


def test_moderation_redacts_with_the_storys_identifiers():
    story = accepted()
    assert moderation.redacted("ffion's plan", story) == "[name]'s plan"


def test_a_date_of_birth_is_sought_but_an_age_alone_is_not():
    story = accepted(what_happened="My son Tyler, aged 7, was born on 3 March 2015 in Exeter.")
    found = texts_found(
        {"public_body": "A boy aged 7 waited. His birthday, 3 march 2015, was on the form."},
        story=story,
    )
    assert found == [("public_body", "date_of_birth", "3 march 2015")]


def test_many_stories_additions_and_answers_are_read_in_one_query_each(
    django_assert_num_queries,
):
    stories = [accepted() for _ in range(4)]
    StoryAddendum.objects.create(story=stories[3], text="My son Guled Jama is nine now.")
    conversation.storyteller_answers(stories[1], text="The social worker was Priya Raman.")
    with django_assert_num_queries(2):
        found = texts_found({"quote": "Guled waited for Priya."}, stories=stories)
    assert found == [("quote", "person_name", "Guled"), ("quote", "person_name", "Priya")]
