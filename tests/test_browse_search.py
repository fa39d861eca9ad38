"""Search: the same behaviour on SQLite (FTS5) and PostgreSQL (tsvector) for what a reader types.

These run on SQLite by default and on PostgreSQL when DATABASE_URL points at one (as CI
does); only the tests of each database's own machinery are marked for one of them.
"""

import io
import re
import sqlite3
from html import unescape

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

import tests.hypothesis_helpers  # noqa: F401  (loads the profile)
from stories import search as search_module
from stories.models import Story
from stories.privacy import erase_stories
from stories.search import START, STOP, fts_queries, highlight, parse, window
from tests.browse_helpers import needs_postgresql, needs_sqlite, references
from tests.factories import AcceptedStoryFactory, PublishedStoryFactory

pytestmark = pytest.mark.django_db
LIST = reverse("stories:list")


def search(client, words):
    response = client.get(LIST, {"q": words})
    assert response.status_code == 200
    return response


def published(body, **fields):
    return PublishedStoryFactory(public_summary="", public_body=body, **fields)


def test_public_search_finds_words_of_the_public_version(client):
    found = published("The school nurse saw the safeguarding alert.")
    published("Housing and the council shared a tenancy record.")
    assert references(search(client, "safeguarding")) == [found.reference]


def test_public_search_never_searches_the_original_words(client):
    PublishedStoryFactory(what_happened="The unredacted name Mrs Ottoline lived on Elm Street.")
    assert references(search(client, "Ottoline")) == []


def test_staff_search_covers_the_original_words_too(staff_client):
    story = AcceptedStoryFactory(what_happened="The probation officer called the hostel.")
    assert references(search(staff_client, "probation")) == [story.reference]


def test_every_word_must_match(client):
    both = published("A discharge plan shared with the council.")
    published("A discharge that nobody knew about.")
    assert references(search(client, "discharge council")) == [both.reference]


def test_a_word_finds_its_other_forms(client):
    carers = published("The carers were told on the day.")
    referred = published("The families were referred twice.")
    assert references(search(client, "carer")) == [carers.reference]
    assert references(search(client, "CARERS")) == [carers.reference]
    assert references(search(client, "referring families")) == [referred.reference]


def test_a_minus_word_leaves_out_the_stories_that_have_it(client):
    police = published("Police and social care shared a record.")
    health = published("Health and social care shared a record.")
    assert references(search(client, "social care -police")) == [health.reference]
    assert references(search(client, "social care -policing")) == [health.reference]
    assert references(search(client, "-police")) == [health.reference]
    assert police.reference in references(search(client, "social -health"))


def test_a_quoted_phrase_must_appear_as_written(client):
    phrase = published("Police and social care shared a record.")
    published("Social workers and the police shared a record.")
    assert references(search(client, '"police and social"')) == [phrase.reference]
    assert references(search(client, '-"police and social" record')) != [phrase.reference]


def test_or_finds_either(client):
    housing = published("The housing officer rang.")
    probation = published("The probation officer rang.")
    published("The ward clerk rang.")
    assert set(references(search(client, "housing OR probation"))) == {
        housing.reference,
        probation.reference,
    }
    assert references(search(client, "housing probation")) == []
    assert references(search(client, "officer housing or probation officer -ward")) != []


def test_title_hits_rank_above_body_hits(client):
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


HOSTILE = [
    '"unbalanced quote',
    'a "b',
    '""',
    "NEAR(police social, 2)",
    "police NEAR social",
    "pol*",
    "*",
    "^police",
    "public_title:police",
    "{public_title}: police",
    "police AND OR NOT social",
    "AND",
    "NOT police",
    "OR",
    "- -- -police-",
    "(police",
    "police)",
    "'; DROP TABLE stories_story; --",
    "\\",
    "police\x00social",
    "x" * 250,
    "police " * 60,
    "🙂 émigré naïve",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_search_text_fails_the_page(client, text):
    published("Police and social care shared a record.")
    response = client.get(LIST, {"q": text})
    assert response.status_code == 200
    assert Story.objects.count() == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_no_search_text_fails_the_staff_page(staff_client, text):
    AcceptedStoryFactory(what_happened="Police and social care shared a record.")
    assert staff_client.get(LIST, {"q": text}).status_code == 200


def test_search_operators_are_read_as_words_not_as_fts_syntax(client):
    story = published("Police and social care shared a record.")
    # FTS5 would read the first as a column filter and the second as a prefix: both would
    # find the story. Read as words, neither is in it.
    assert references(search(client, "public_body:police")) == []
    assert references(search(client, "pol*")) == []
    assert references(search(client, "police*")) == [story.reference]


def test_parse_writes_every_word_as_a_quoted_fts_string():
    assert fts_queries(parse('carer "discharge plan" -police OR housing')) == (
        '("carer" AND "discharge plan") NOT "police" OR ("housing")',
        [],
    )
    assert fts_queries(parse('-police -"fire service"')) == (None, ['"police" OR "fire service"'])
    expression, _ = fts_queries(parse('NEAR(a* ^b) col:c "d'))
    assert expression == '("NEAR a" AND "b" AND "col c" AND "d")'
    assert fts_queries(parse('OR - "" *')) == (None, [])


def test_snippets_mark_the_words_found_in_any_form(client):
    published("Because the carers shared the care plan, the ward was ready.")
    html = search(client, "carer").content.decode()
    assert "<mark>carers</mark>" in html


def test_snippets_start_and_end_at_a_word(client):
    body = "Everything was fine with the multi-agency team. " * 12 + (
        "Then the housing officer rang about the eviction. " + "Nothing else happened. " * 20
    )
    published(body)
    snippet = str(search(client, "housing").context["stories"][0].snippet)
    assert "<mark>housing</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    text = re.sub(r"</?mark>", "", snippet)[2:-2]
    at = body.find(text)
    assert at > 0, "the snippet is the story's own text"
    assert body[at - 1] == " " and body[at + len(text)] == " "
    assert len(text) < 400


def test_staff_snippets_come_from_the_original_words_when_only_they_match(staff_client):
    AcceptedStoryFactory(what_happened="The probation officer called the hostel.")
    snippet = str(search(staff_client, "probation").context["stories"][0].snippet)
    assert "<mark>probation</mark>" in snippet


def test_markup_in_a_story_is_escaped_in_a_snippet(client):
    published('The <b onclick="x()">ward</b> <script>alert(1)</script>')
    html = search(client, "ward").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert '<b onclick="x()">' not in html
    assert "<mark>ward</mark>" in html


def test_the_search_words_are_escaped_back_on_the_page(client):
    html = search(client, '"><img src=x onerror=alert(1)>').content.decode()
    assert "<img src=x" not in html


def test_highlight_allows_only_its_own_mark_tags():
    assert highlight("a \ue000b<i>\ue001") == "a <mark>b&lt;i&gt;</mark>"
    assert highlight("unbalanced \ue000 <x>") == "unbalanced  &lt;x&gt;"


def test_a_snippet_window_never_cuts_a_word_or_a_mark():
    marked = "word " * 100 + f"{START}found{STOP} " + "after " * 100
    snippet = window(marked, size=60, lead=20)
    assert snippet.startswith("… word ") and snippet.endswith(" …")
    assert f"{START}found{STOP}" in snippet
    long_mark = "a " * 50 + START + "x" * 100 + STOP + " tail"
    assert window(long_mark, size=30, lead=4).count(STOP) == 1
    assert window("short text") == "short text"


def test_the_index_follows_edits_and_deletions(staff_client):
    client = staff_client  # staff pages are never cached
    story = published("The ambulance crew shared the record.")
    assert references(search(client, "ambulance")) == [story.reference]
    story.public_body = "The fire crew shared the record."
    story.save()
    assert references(search(client, "ambulance")) == []
    assert references(search(client, "fire")) == [story.reference]
    erase_stories([story])
    assert references(search(client, "fire")) == []


def test_a_search_lists_at_most_the_newest_ranked_matches_and_says_so(
    client, monkeypatch, manager_client
):
    stories = [published(f"Story {n} about discharge.") for n in range(5)]
    monkeypatch.setattr(search_module, "RANKED_MATCHES", 3)
    response = search(client, "discharge")
    newest = sorted(stories, key=lambda story: (story.published_at, story.pk))[-3:]
    assert set(references(response)) == {story.reference for story in newest}
    html = response.content.decode()
    assert "At least 3 stories matching" in html and "the 3 newest" in html
    # Fewer matches than the bound: all of them, counted.
    assert "2 stories matching" in search(client, "discharge story -0 -1 -2").content.decode()


def test_the_export_of_a_search_has_every_match(manager_client, monkeypatch):
    for n in range(5):
        AcceptedStoryFactory(what_happened=f"Story {n} about discharge.")
    monkeypatch.setattr(search_module, "RANKED_MATCHES", 3)
    response = manager_client.get(reverse("stories:export"), {"q": "discharge", "format": "json"})
    assert response.status_code == 200
    assert b"".join(response.streaming_content).count(b'"reference"') == 5


@needs_sqlite
def test_sqlite_index_comes_back_after_the_story_table_is_rebuilt(client):
    from stories.search import ensure_sqlite_index

    story = published("The ambulance crew shared the record.")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER story_fts_public_update")  # as a table rebuild does
    assert ensure_sqlite_index(connection, repair_only=True) is True
    assert ensure_sqlite_index(connection, repair_only=True) is False
    story.public_body = "The fire crew shared the record."
    story.save()
    assert references(search(client, "fire")) == [story.reference]


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
    from stories.search import matching_stories

    queryset = matching_stories(Story.objects.all(), "discharge", include_original=True)
    with connection.cursor() as cursor:
        # The test table is tiny: forbid the scans that would win on size alone.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "story_search_public_gin" in plan and "story_search_original_gin" in plan


def test_the_search_hint_suggests_searches_that_work_on_the_demo_stories(client, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", password="a-demo-password-1", stdout=io.StringIO())
    html = client.get(LIST).content.decode()
    examples = [
        unescape(example)
        for example in re.findall(r'<span class="[^"]*search-example">([^<]+)</span>', html)
    ]
    assert examples == ['"hospital discharge"', "discharge -hospital", "housing OR police"]
    found = {example: set(references(search(client, example))) for example in examples}
    assert all(found.values()), found
    discharge = set(references(search(client, "discharge")))
    hospital = set(references(search(client, "hospital")))
    assert found['"hospital discharge"'] < discharge & hospital  # the phrase narrows
    assert found["discharge -hospital"] == discharge - hospital
    police = set(references(search(client, "police")))
    assert found["housing OR police"] == set(references(search(client, "housing"))) | police
    assert set(references(search(client, "carer"))) >= set(references(search(client, "carers")))


SEARCH_ALPHABET = st.sampled_from(list("ab \"-*^:(){}+,.'\x00\n") + ["OR", "AND", "NOT", "NEAR"])


@given(st.lists(SEARCH_ALPHABET, max_size=40).map("".join) | st.text(max_size=250))
def test_any_text_becomes_an_fts5_query_that_sqlite_accepts(text):
    # Straight on an in-memory FTS5 table, so this runs whatever DATABASE_URL says.
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize='porter unicode61')")
    db.execute("INSERT INTO t VALUES ('a b carers', 'police and social care')")
    positive, only_excluded = fts_queries(parse(text))
    for expression in filter(None, [positive, *only_excluded]):
        db.execute("SELECT rowid, bm25(t, 1.0, 0.4) FROM t WHERE t MATCH ?", [expression])


def test_staff_searches_list_the_newest_matches_of_either_version(staff_client, monkeypatch):
    stories = [
        AcceptedStoryFactory(what_happened=f"Story {n} about probation.", public_body="")
        if n % 2
        else PublishedStoryFactory(public_body=f"Story {n} about probation.")
        for n in range(6)
    ]
    monkeypatch.setattr(search_module, "RANKED_MATCHES", 3)
    newest = sorted(stories, key=lambda story: (story.submitted_at, story.pk))[-3:]
    found = references(search(staff_client, "probation"))
    assert set(found) == {story.reference for story in newest}
