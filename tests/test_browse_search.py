"""Search: full-text on PostgreSQL (ranked, highlighted), a plain match on SQLite."""

import pytest
from django.db import connection
from django.urls import reverse

from stories.search import highlight
from tests.browse_helpers import needs_postgresql, needs_sqlite, references
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db
LIST = reverse("stories:list")


def search(client, words):
    response = client.get(LIST, {"q": words})
    assert response.status_code == 200
    return response


def test_public_search_finds_words_of_the_public_version(client):
    found = PublishedStoryFactory(public_body="The school nurse saw the safeguarding alert.")
    PublishedStoryFactory(public_body="Housing and the council shared a tenancy record.")
    assert references(search(client, "safeguarding")) == [found.reference]


def test_public_search_never_searches_the_original_words(client):
    PublishedStoryFactory(what_happened="The unredacted name Mrs Ottoline lived on Elm Street.")
    assert references(search(client, "Ottoline")) == []


def test_staff_search_covers_the_original_words_too(staff_client):
    story = AcceptedStoryFactory(what_happened="The probation officer called the hostel.")
    assert references(search(staff_client, "probation")) == [story.reference]


def test_every_word_must_match(client):
    both = PublishedStoryFactory(public_body="A discharge plan shared with the council.")
    PublishedStoryFactory(public_body="A discharge that nobody knew about.")
    assert references(search(client, "discharge council")) == [both.reference]


def test_search_results_show_a_snippet_with_the_words_marked(client):
    PublishedStoryFactory(
        public_summary="", public_body="Because the GP shared the care plan, the ward was ready."
    )
    html = search(client, "ward").content.decode()
    assert "<mark>ward</mark>" in html


def test_markup_in_a_story_is_escaped_in_a_snippet(client):
    PublishedStoryFactory(
        public_summary="", public_body='The <b onclick="x()">ward</b> <script>alert(1)</script>'
    )
    html = search(client, "ward").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert '<b onclick="x()">' not in html
    assert "<mark>ward</mark>" in html  # PostgreSQL drops the tags, SQLite escapes them


def test_the_search_words_are_escaped_back_on_the_page(client):
    html = search(client, '"><img src=x onerror=alert(1)>').content.decode()
    assert "<img src=x" not in html


def test_highlight_allows_only_its_own_mark_tags():
    assert highlight("a \ue000b<i>\ue001") == "a <mark>b&lt;i&gt;</mark>"
    assert highlight("unbalanced \ue000 <x>") == "unbalanced  &lt;x&gt;"


@needs_sqlite
def test_sqlite_search_is_a_case_insensitive_match_on_each_word(client):
    story = PublishedStoryFactory(public_title="Multi-Agency Safeguarding Hub")
    assert connection.vendor != "postgresql"
    assert references(search(client, "multi-agency HUB")) == [story.reference]


@needs_postgresql
def test_postgresql_search_matches_word_forms(client):
    story = PublishedStoryFactory(public_body="The families were referred twice.")
    assert references(search(client, "family referral")) == []
    assert references(search(client, "referring families")) == [story.reference]


@needs_postgresql
def test_postgresql_search_ranks_title_hits_above_body_hits(client):
    in_body = PublishedStoryFactory(
        public_title="A day on the ward", public_body="Nobody shared the hospital discharge."
    )
    in_title = PublishedStoryFactory(
        public_title="Hospital discharge done right", public_body="It went well."
    )
    assert references(search(client, "hospital discharge")) == [
        in_title.reference,
        in_body.reference,
    ]


@needs_postgresql
def test_postgresql_search_supports_web_search_syntax(client):
    police = PublishedStoryFactory(public_body="Police and social care shared a record.")
    PublishedStoryFactory(public_body="Health and social care shared a record.")
    assert references(search(client, "social care -police")) != [police.reference]
    assert references(search(client, '"police and social"')) == [police.reference]


@needs_postgresql
def test_postgresql_snippets_come_from_ts_headline_with_mark_tags(client):
    PublishedStoryFactory(
        public_summary="",
        public_body="Everything was fine. " * 30 + "Then the <em>housing</em> officer rang.",
    )
    response = search(client, "housing")
    snippet = str(response.context["stories"][0].snippet)
    assert "<mark>housing</mark>" in snippet
    assert "<em>" not in snippet
    assert len(snippet) < 600


@needs_postgresql
def test_postgresql_search_uses_the_gin_indexes(client):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'stories_story' "
            "AND indexdef ILIKE '%%USING gin%%'"
        )
        names = {row[0] for row in cursor.fetchall()}
    # Migration 0004 moved them onto the stored vectors search_public and search_original.
    assert {"story_search_public_gin", "story_search_original_gin"} <= names
    from stories.models import Story
    from stories.search import search_stories

    queryset = search_stories(Story.objects.all(), "discharge", include_original=True)
    queryset = queryset.order_by("-rank")
    with connection.cursor() as cursor:
        # The test table is tiny: forbid the scans that would win on size alone.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "story_search_public_gin" in plan and "story_search_original_gin" in plan
