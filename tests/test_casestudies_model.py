"""Case studies: the moves, the refusals, exact excerpts, published stories only, the
personal-data guard and its logged override, and quotes leaving with their story."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from casestudies.models import CaseStudy, CaseStudyEvent, CaseStudyQuote, CaseStudySection
from stories.models import Barrier, Story
from stories.privacy import erase_stories
from tests.casestudy_factories import CaseStudyFactory, published_case_study
from tests.factories import AcceptedStoryFactory, EngagementManagerFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db

Status = CaseStudy.Status


def test_a_case_study_moves_draft_review_published_withdrawn_draft_each_move_logged(manager):
    case_study = CaseStudyFactory(stories=PublishedStoryFactory.create_batch(2))
    for to in (Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN, Status.DRAFT):
        case_study.transition_to(to, actor=manager, note=f"to {to}")
    case_study.refresh_from_db()
    assert case_study.status == Status.DRAFT
    moves = case_study.events.filter(action=CaseStudyEvent.Action.TRANSITION)
    assert [(e.from_status, e.to_status, e.actor, e.note) for e in moves] == [
        ("draft", "in_review", manager, "to in_review"),
        ("in_review", "published", manager, "to published"),
        ("published", "withdrawn", manager, "to withdrawn"),
        ("withdrawn", "draft", manager, "to draft"),
    ]
    assert case_study.published_at is not None


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], Status.PUBLISHED),  # a draft is reviewed first
        ([], Status.WITHDRAWN),
        ([Status.IN_REVIEW], Status.WITHDRAWN),
        ([Status.IN_REVIEW, Status.PUBLISHED], Status.DRAFT),
        ([Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN], Status.PUBLISHED),
    ],
)
def test_a_move_off_the_map_is_refused_and_nothing_changes(manager, path, refused):
    case_study = CaseStudyFactory(stories=PublishedStoryFactory.create_batch(1))
    for to in path:
        case_study.transition_to(to, actor=manager)
    before = case_study.events.count()
    with pytest.raises(ValidationError, match="cannot move"):
        case_study.transition_to(refused, actor=manager)
    case_study.refresh_from_db()
    assert case_study.status == (path[-1] if path else Status.DRAFT)
    assert case_study.events.count() == before


def test_the_status_cannot_be_changed_by_a_plain_save():
    case_study = CaseStudyFactory()
    case_study.status = Status.PUBLISHED
    with pytest.raises(ValidationError, match="only through CaseStudy.transition_to"):
        case_study.save()
    with pytest.raises(ValidationError, match="starts as a draft"):
        CaseStudy(title="x", slug="x", summary="x", status=Status.PUBLISHED).save()


def test_publishing_needs_the_leadership_capacity_and_culture_sections(manager):
    case_study = CaseStudyFactory(sections=False)
    CaseStudySection.objects.create(
        case_study=case_study, lens=Barrier.Lens.LEADERSHIP, what_helped="A named lead."
    )
    case_study.transition_to(Status.IN_REVIEW, actor=manager)
    with pytest.raises(ValidationError) as refused:
        case_study.transition_to(Status.PUBLISHED, actor=manager)
    assert refused.value.messages == [
        "Write the capacity section before publishing.",
        "Write the culture section before publishing.",
    ]
    assert CaseStudy.objects.get(pk=case_study.pk).status == Status.IN_REVIEW


def test_a_quote_must_be_an_exact_excerpt_of_the_public_version():
    story = PublishedStoryFactory(
        public_body="The ward rang the\nhousing office before she came home."
    )
    case_study = CaseStudyFactory()
    good = CaseStudyQuote(case_study=case_study, story=story, quote="rang the housing office")
    good.full_clean()  # line breaks in the story do not matter
    title = CaseStudyQuote(case_study=case_study, story=story, quote=story.public_title[:12])
    title.full_clean()
    for changed in ("rang the housing team", "Rang the housing office", "", "original words"):
        quote = CaseStudyQuote(case_study=case_study, story=story, quote=changed)
        with pytest.raises(ValidationError) as refused:
            quote.full_clean()
        assert "quote" in refused.value.message_dict


def test_the_original_words_are_not_a_public_version_to_quote():
    story = PublishedStoryFactory()
    quote = CaseStudyQuote(case_study=CaseStudyFactory(), story=story, quote=story.what_happened)
    with pytest.raises(ValidationError) as refused:
        quote.full_clean()
    assert "not an exact excerpt" in refused.value.message_dict["quote"][0]


def test_only_a_published_story_can_be_quoted():
    story = AcceptedStoryFactory()
    quote = CaseStudyQuote(case_study=CaseStudyFactory(), story=story, quote=story.public_body)
    with pytest.raises(ValidationError) as refused:
        quote.full_clean()
    assert "a case study quotes only published stories" in refused.value.message_dict["story"][0]


def test_publishing_refuses_a_quote_whose_story_has_left_or_was_edited(manager):
    stories = PublishedStoryFactory.create_batch(2)
    case_study = CaseStudyFactory(stories=stories)
    case_study.transition_to(Status.IN_REVIEW, actor=manager)
    stories[0].transition_to(Story.Status.WITHDRAWN, actor=manager)
    stories[1].public_body = "Rewritten since."
    stories[1].save()
    with pytest.raises(ValidationError) as refused:
        case_study.transition_to(Status.PUBLISHED, actor=manager)
    text = " ".join(refused.value.messages)
    assert f"{stories[0].reference} cannot be published" in text
    assert f"{stories[1].reference} is no longer an exact excerpt" in text


def test_personal_data_stops_publication_and_a_reason_overrides_it_logged(manager):
    case_study = CaseStudyFactory(
        stories=PublishedStoryFactory.create_batch(1),
        local_actions="Ring Sam on 01632 960123 or write to sam.jones@example.org.",
    )
    case_study.transition_to(Status.IN_REVIEW, actor=manager)
    with pytest.raises(ValidationError) as refused:
        case_study.transition_to(Status.PUBLISHED, actor=manager)
    text = " ".join(refused.value.messages)
    assert "Local actions" in text and "01632 960123" in text and "sam.jones@example.org" in text
    assert CaseStudy.objects.get(pk=case_study.pk).status == Status.IN_REVIEW

    case_study.transition_to(
        Status.PUBLISHED, actor=manager, personal_data_reason="The council's public helpline."
    )
    event = case_study.events.get(to_status=Status.PUBLISHED)
    assert event.actor == manager
    assert event.data["personal_data_reason"] == "The council's public helpline."
    # The log keeps what kinds were found, never the words themselves.
    assert event.data["personal_data_found"] == {"phone": 1, "email": 1}
    assert "01632 960123" not in str(event.data)


def test_the_guard_reads_the_sections_too(manager):
    case_study = CaseStudyFactory(stories=PublishedStoryFactory.create_batch(1))
    section = case_study.sections.first()
    section.what_helped = "Email j.bloggs@example.org for the protocol."
    section.save()
    case_study.transition_to(Status.IN_REVIEW, actor=manager)
    with pytest.raises(ValidationError, match="j.bloggs@example.org"):
        case_study.transition_to(Status.PUBLISHED, actor=manager)


def test_a_withdrawn_story_leaves_the_case_study_at_once_and_it_needs_review(manager):
    stories = PublishedStoryFactory.create_batch(3)
    case_study = published_case_study(actor=manager, stories=stories)
    assert CaseStudyQuote.objects.visible().filter(case_study=case_study).count() == 3

    stories[0].transition_to(Story.Status.WITHDRAWN, actor=manager, note="Asked to")
    visible = CaseStudyQuote.objects.visible().filter(case_study=case_study)
    assert {quote.story_id for quote in visible} == {stories[1].pk, stories[2].pk}
    case_study.refresh_from_db()
    assert case_study.needs_review
    event = case_study.events.get(action=CaseStudyEvent.Action.QUOTE_LEFT)
    assert stories[0].reference in event.note and event.actor == manager


def test_consent_to_publish_withdrawn_marks_the_case_study_for_review(manager):
    stories = PublishedStoryFactory.create_batch(2)
    case_study = published_case_study(actor=manager, stories=stories)
    stories[1].withdraw_consent(publish=True, actor=manager)
    case_study.refresh_from_db()
    assert case_study.needs_review
    assert CaseStudyQuote.objects.visible().filter(story=stories[1]).count() == 0


def test_an_erased_story_takes_its_quotes_and_marks_the_case_study(manager):
    stories = PublishedStoryFactory.create_batch(2)
    case_study = published_case_study(actor=manager, stories=stories)
    erase_stories([stories[0]])  # an erasure request
    case_study.refresh_from_db()
    assert case_study.needs_review
    assert list(case_study.quotes.values_list("story_id", flat=True)) == [stories[1].pk]
    assert case_study.events.filter(action=CaseStudyEvent.Action.QUOTE_LEFT).exists()


def test_a_story_in_no_case_study_leaves_without_touching_any(manager):
    published_case_study(actor=manager)
    PublishedStoryFactory().transition_to(Story.Status.WITHDRAWN, actor=manager)
    assert not CaseStudy.objects.needing_review().exists()


def test_marking_reviewed_clears_the_flag_and_is_logged(manager):
    stories = PublishedStoryFactory.create_batch(2)
    case_study = published_case_study(actor=manager, stories=stories)
    stories[0].transition_to(Story.Status.WITHDRAWN, actor=manager)
    case_study.refresh_from_db()
    other = EngagementManagerFactory()
    case_study.mark_reviewed(actor=other, note="The other quotes carry it.")
    case_study.refresh_from_db()
    assert not case_study.needs_review
    assert case_study.events.filter(action="reviewed", actor=other).exists()


def test_the_history_is_append_only(manager):
    case_study = published_case_study(actor=manager)
    event = case_study.events.first()
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_the_demo_case_studies_are_made_once_from_the_demo_stories():
    for _run in range(2):
        call_command("seed_demo", "--no-accounts", stdout=io.StringIO())
    case_studies = list(CaseStudy.objects.published().order_by("title"))
    assert len(case_studies) == 2
    for case_study in case_studies:
        assert case_study.quotes.count() == 4
        assert CaseStudyQuote.objects.visible().filter(case_study=case_study).count() == 4
        assert {"leadership", "capacity", "culture"} <= set(
            case_study.sections.values_list("lens", flat=True)
        )


def test_a_saved_quote_left_as_it_was_is_not_checked_again_and_a_changed_one_is(manager):
    story = PublishedStoryFactory()
    case_study = CaseStudyFactory(stories=[story])
    story.transition_to(Story.Status.WITHDRAWN, actor=manager)
    quote = CaseStudyQuote.objects.get(case_study=case_study)
    quote.position = 5
    quote.full_clean()  # the rest of the case study can still be edited
    quote.quote = "Words that were never in the story."
    with pytest.raises(ValidationError) as refused:
        quote.full_clean()
    assert f"{story.reference} is not published" in " ".join(refused.value.messages)
