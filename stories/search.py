"""Search over stories: the same behaviour for a reader on PostgreSQL and on SQLite.

What a reader may type (the web-search syntax of PostgreSQL's websearch_to_tsquery):
words, each of which must match in any form ("carer" finds "carers"), "quoted phrases",
-word or -"a phrase" to leave out the stories that have it, and OR between alternatives.
Anything else (unbalanced quotes, stray operators, punctuation) is read as words; a
query never fails.

The public searches the public version (public title, summary, body) only; staff search
the person's original words too: a story matches if either version matches, and its
rank is the sum of the two.

- PostgreSQL: stored tsvector columns (migration 0004: ``search_public`` and
  ``search_original``, GIN-indexed) matched with websearch_to_tsquery('english') and
  ranked with ts_rank, weights A > B > C > D.
- SQLite (``make run``): FTS5 tables with the porter stemmer over the same fields
  (migration 0005: ``story_fts_public`` and ``story_fts_original``, kept in step with
  the story table by triggers). The reader's text is parsed here with the rules of
  websearch_to_tsquery and written back as FTS5 syntax in which every word is a quoted
  string, so nothing typed can be read as an FTS5 operator. Ranked with bm25, the same
  weights per field.

A word in half the stories matches tens of thousands of them at full scale, and ranking
(and counting) every one read each match's row: 400-640 ms a page at 100,000 stories.
So only the newest RANKED_MATCHES matches (in the list's own order, read from its index)
are ranked and listed, best first: 6-12 ms for such a word. A
search with fewer matches ranks all of them, as before. The cost in quality: when more
stories match, an older one is not listed however well it ranks (its title is the very
word); the page says the bound was reached and suggests more words or filters, and the
export of the search still has every match.

Snippets: the database marks every hit in the story's text with private-use characters
(ts_headline with HighlightAll; FTS5's highlight()), stemming included. Here a window of
about SNIPPET_CHARS characters is cut around the first hit, starting and ending at a
word, the text is escaped, and only then are the markers turned into <mark> tags, so
nothing a person typed is ever rendered as HTML.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Expression, F, FloatField, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from stories.models import Story

SEARCH_CONFIG = "english"
PUBLIC_FIELDS = (("public_title", "A"), ("public_summary", "B"), ("public_body", "C"))
ORIGINAL_FIELDS = (
    ("title", "A"),
    ("what_happened", "B"),
    ("difference", "B"),
    ("barriers_text", "C"),
    ("organisations", "D"),
)
# The fields a snippet is cut from, in this order: the titles are shown anyway.
PUBLIC_SNIPPET_FIELDS = ("public_summary", "public_body")
ORIGINAL_SNIPPET_FIELDS = ("what_happened", "difference", "barriers_text")
# ts_rank's default weight of each letter; bm25 on SQLite gets the same per field.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
START, STOP = "\ue000", "\ue001"  # private-use characters nobody types by accident
SNIPPET_CHARS = 240
SNIPPET_LEAD = 80  # characters of context before the first hit
MAX_QUERY_LENGTH = 200
RANKED_MATCHES = 500

PUBLIC_COLUMN = "search_public"
ORIGINAL_COLUMN = "search_original"
PUBLIC_FTS_TABLE = "story_fts_public"
ORIGINAL_FTS_TABLE = "story_fts_original"


def uses_full_text_search():
    return connection.vendor == "postgresql"


def clean(text):
    """The reader's text as searched: no control characters, at most MAX_QUERY_LENGTH."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text or "")
    return text.strip()[:MAX_QUERY_LENGTH].strip()


# --- the FTS5 index on SQLite ---
# The SQL written here (noqa: S608, S611) names only this module's own tables and
# columns; what a reader typed always goes to the database as a parameter.


def _sqlite_fts_schema():
    """{name: CREATE statement} of the FTS5 tables over the story table and the triggers
    that keep them in step with it (external content: the text stays in the story
    table; the index holds only the words)."""
    schema = {}
    for table, fields in ((PUBLIC_FTS_TABLE, PUBLIC_FIELDS), (ORIGINAL_FTS_TABLE, ORIGINAL_FIELDS)):
        names = [name for name, _ in fields]
        columns = ", ".join(names)
        new = ", ".join(f"new.{name}" for name in names)
        old = ", ".join(f"old.{name}" for name in names)
        delete = f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', old.id, {old});"  # noqa: S608
        insert = f"INSERT INTO {table}(rowid, {columns}) VALUES (new.id, {new});"  # noqa: S608
        schema[table] = (
            f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, content='stories_story', "
            f"content_rowid='id', tokenize='porter unicode61')"
        )
        schema[f"{table}_insert"] = (
            f"CREATE TRIGGER {table}_insert AFTER INSERT ON stories_story BEGIN {insert} END"
        )
        schema[f"{table}_delete"] = (
            f"CREATE TRIGGER {table}_delete AFTER DELETE ON stories_story BEGIN {delete} END"
        )
        schema[f"{table}_update"] = (
            f"CREATE TRIGGER {table}_update AFTER UPDATE OF {columns} ON stories_story "
            f"BEGIN {delete} {insert} END"
        )
    return schema


def ensure_sqlite_index(using_connection=None, *, repair_only=False):
    """Create (or re-create) the FTS5 tables and triggers on SQLite, filled from the
    stories, unless they are already there as defined above. Run by migration 0005, and
    with repair_only after every migrate: a migration that alters the story table on
    SQLite rebuilds the table, which drops its triggers (the FTS5 tables stay, so
    repair_only acts only where 0006 has run). Does nothing on other databases."""
    db = using_connection or connection
    if db.vendor != "sqlite":
        return False
    schema = _sqlite_fts_schema()
    with db.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = dict(cursor.fetchall())
        if repair_only and PUBLIC_FTS_TABLE not in present:
            return False
        if "stories_story" not in present or all(
            present.get(name) == sql for name, sql in schema.items()
        ):
            return False
        drop_sqlite_index(db)
        for sql in schema.values():
            cursor.execute(sql)
        for table in (PUBLIC_FTS_TABLE, ORIGINAL_FTS_TABLE):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")  # noqa: S608
    return True


def drop_sqlite_index(using_connection=None):
    db = using_connection or connection
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        for name in _sqlite_fts_schema():
            kind = "TABLE" if name in (PUBLIC_FTS_TABLE, ORIGINAL_FTS_TABLE) else "TRIGGER"
            cursor.execute(f"DROP {kind} IF EXISTS {name}")


# --- the reader's text, parsed as websearch_to_tsquery reads it ---


@dataclass(frozen=True)
class Term:
    words: tuple  # one word, or the words of a phrase in order
    excluded: bool = False

    def fts(self):
        return '"' + " ".join(self.words) + '"'


TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer keeps as a word


def parse(text):
    """Alternatives (split on OR), each a list of Terms that must all hold."""
    alternatives, current = [], []
    for match in TOKEN.finditer(clean(text)):
        negation, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            if current:
                alternatives.append(current)
                current = []
            continue
        excluded = bool(negation)
        if bare is not None:
            excluded = bare.startswith("-")
            phrase = bare.lstrip("-")
        words = tuple(WORD.findall(phrase))
        if words:
            current.append(Term(words, excluded))
    if current:
        alternatives.append(current)
    return alternatives


def fts_queries(alternatives):
    """(FTS5 expression for the alternatives with a word to find, [FTS5 expressions of
    alternatives that only leave words out: a story matches them when it has none])."""
    positive, only_excluded = [], []
    for terms in alternatives:
        wanted = [term.fts() for term in terms if not term.excluded]
        unwanted = [term.fts() for term in terms if term.excluded]
        if wanted:
            expression = "(" + " AND ".join(wanted) + ")"
            positive.append(expression + "".join(f" NOT {fts}" for fts in unwanted))
        else:
            only_excluded.append(" OR ".join(unwanted))
    return (" OR ".join(positive) or None), only_excluded


# --- matching and ranking ---


class StoredVector(Expression):
    """A tsvector column of the story table that PostgreSQL keeps up to date (0004)."""

    output_field = SearchVectorField()

    def __init__(self, column):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


class Bm25(Expression):
    """-bm25 of the story in one FTS5 table for an FTS5 query (higher is better), 0 if
    the story does not match it."""

    output_field = FloatField()

    def __init__(self, table, fields, query):
        super().__init__()
        self.table, self.fields, self.query = table, fields, query

    def as_sql(self, compiler, connection):
        story = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        weights = ", ".join(str(WEIGHTS[weight]) for _, weight in self.fields)
        table = self.table
        return (
            f"COALESCE((SELECT -bm25({table}, {weights}) FROM {table} "  # noqa: S608
            f"WHERE {table} MATCH %s AND {table}.rowid = {story}.id), 0)",
            [self.query],
        )


def _fts_match(table, alternatives):
    positive, only_excluded = fts_queries(alternatives)
    rows = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608
    matches = Q(pk__in=RawSQL(rows, [positive])) if positive else Q(pk__in=[])  # noqa: S611
    for unwanted in only_excluded:
        matches |= ~Q(pk__in=RawSQL(rows, [unwanted]))  # noqa: S611
    return matches


def _fts_rank(table, fields, alternatives):
    positive, _ = fts_queries(alternatives)
    return Bm25(table, fields, positive) if positive else Value(0.0, output_field=FloatField())


def _versions_and_rank(text, include_original):
    """([the condition for a match in each version searched], the expression of the
    rank): a story matches if it meets any of the conditions."""
    if uses_full_text_search():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        versions = [Q(search_public=query)]
        rank = SearchRank(StoredVector(PUBLIC_COLUMN), query)
        if include_original:
            versions.append(Q(search_original=query))
            rank = rank + SearchRank(StoredVector(ORIGINAL_COLUMN), query)
        return versions, rank
    alternatives = parse(text)
    versions = [_fts_match(PUBLIC_FTS_TABLE, alternatives)]
    rank = _fts_rank(PUBLIC_FTS_TABLE, PUBLIC_FIELDS, alternatives)
    if include_original:
        versions.append(_fts_match(ORIGINAL_FTS_TABLE, alternatives))
        rank = rank + _fts_rank(ORIGINAL_FTS_TABLE, ORIGINAL_FIELDS, alternatives)
    return versions, rank


def matching_stories(queryset, text, *, include_original=False):
    """The stories of queryset that match text (every match: exports need them all)."""
    text = clean(text)
    if not text:
        return queryset
    if uses_full_text_search():
        queryset = queryset.alias(
            search_public=StoredVector(PUBLIC_COLUMN),
            search_original=StoredVector(ORIGINAL_COLUMN),
        )
    versions, _ = _versions_and_rank(text, include_original)
    any_version = Q()
    for condition in versions:
        any_version |= condition
    return queryset.filter(any_version)


def ranked_matches(queryset, text, *, include_original=False, newest_first=("-id",)):
    """The matches (queryset, already filtered by matching_stories), best first, as a
    RankedMatches sequence to paginate.

    Only the first RANKED_MATCHES matches in the order newest_first (the list's own
    order, which an index serves; every field descending) are ranked and listed: see
    the module's docstring. Their ids and ranks are read here, once (the newest of each
    version's newest, one query per version), and sorted in Python: the count is how many
    there are and a page reads just its own stories by id, so no later query finds the
    matches or ranks them again (it took three queries over the same 500 ids). Asked for
    either version at once, PostgreSQL overestimates how many stories match a word with
    an exclusion ("consent -discharge") and reads 46,000 rows in date order to find 500
    (470 ms); asked for each version, it estimates well and takes 10-30 ms."""
    text = clean(text)
    versions, rank = _versions_and_rank(text, include_original)
    fields = [name.removeprefix("-") for name in newest_first]
    newest = {}
    for condition in versions if len(versions) > 1 else [Q()]:  # queryset has the match
        rows = (
            queryset.filter(condition)
            .annotate(match_rank=rank)
            .order_by(*newest_first)
            .values_list(*fields, "match_rank")
        )
        for *order, match_rank in rows[:RANKED_MATCHES]:
            newest[tuple(order)] = match_rank
    by_date = sorted(newest, key=lambda row: [(value is not None, value) for value in row])
    kept = by_date[-RANKED_MATCHES:]
    position = {row: index for index, row in enumerate(kept)}
    # Best first; among equal ranks the newest first, as the list's own order.
    kept.sort(key=lambda row: (-(newest[row] or 0.0), -position[row]))
    return RankedMatches(queryset, [row[fields.index("id")] for row in kept])


class RankedMatches:
    """The ids of a search's matches, best first, and the queryset that reads a page of
    them: what a Paginator needs (a length and slices)."""

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        found = self.queryset.order_by().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


# --- snippets ---


VERSIONS = {
    "public": (PUBLIC_FTS_TABLE, PUBLIC_FIELDS, PUBLIC_SNIPPET_FIELDS),
    "original": (ORIGINAL_FTS_TABLE, ORIGINAL_FIELDS, ORIGINAL_SNIPPET_FIELDS),
}


def snippet_fields(text, *, include_original=False):
    """The story fields snippets_for reads, for a list that loads only what it shows."""
    if not clean(text):
        return ()
    versions = ["public", "original"] if include_original else ["public"]
    return tuple(name for version in versions for name in VERSIONS[version][2])


def snippets_for(stories, text, *, include_original=False):
    """{story id: highlighted snippet} for the stories on one page (one query)."""
    text = clean(text)
    if not text or not stories:
        return {}
    versions = ["public", "original"] if include_original else ["public"]
    marked = _marked(versions, [story.pk for story in stories], text)
    snippets = {}
    for story in stories:
        parts = []
        for version in versions:
            plain = [getattr(story, name) or "" for name in VERSIONS[version][2]]
            parts += marked.get((version, story.pk)) or plain
        snippets[story.pk] = highlight(window(" ".join(part for part in parts if part)))
    return snippets


def _marked(versions, ids, text):
    """{(version, story id): [its snippet fields with every hit marked]}, for the
    stories the database marks (on SQLite, those that match that version)."""
    if uses_full_text_search():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        headlines = {}
        for version in versions:
            source = []
            for name in VERSIONS[version][2]:
                source += [Value(" "), F(name)] if source else [F(name)]
            headlines[version] = SearchHeadline(
                Concat(*source, output_field=TextField()),
                query,
                config=SEARCH_CONFIG,
                start_sel=START,
                stop_sel=STOP,
                highlight_all=True,
            )
        rows = Story.objects.filter(pk__in=ids).annotate(**headlines)
        return {
            (version, row["pk"]): [row[version]]
            for row in rows.values("pk", *versions)
            for version in versions
        }
    positive, _ = fts_queries(parse(text))
    if not positive:
        return {}
    width = max(len(VERSIONS[version][2]) for version in versions)
    selects, params = [], []
    for version in versions:
        table, fields, snippet_fields = VERSIONS[version]
        names = [name for name, _ in fields]
        columns = [f"highlight({table}, {names.index(name)}, %s, %s)" for name in snippet_fields]
        columns += ["NULL"] * (width - len(columns))
        selects.append(
            f"SELECT %s, rowid, {', '.join(columns)} FROM {table} "  # noqa: S608
            f"WHERE {table} MATCH %s AND rowid IN ({', '.join('%s' for _ in ids)})"
        )
        params += [version, *[START, STOP] * len(snippet_fields), positive, *ids]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return {
            (row[0], row[1]): [part for part in row[2:] if part is not None]
            for row in cursor.fetchall()
        }


def window(marked_text, size=SNIPPET_CHARS, lead=SNIPPET_LEAD):
    """About size characters around the first hit, starting and ending at a word, with
    … where text was left out; whitespace runs become one space."""
    text = " ".join(marked_text.split())
    first = text.find(START)
    start = max(0, first - lead) if first > 0 else 0
    if start:
        # Back to the start of the word that start falls in.
        start = text.rfind(" ", 0, start) + 1
    shortest = text.find(STOP, first) + 1 if first >= 0 else start  # the first hit whole
    end = max(start + size, shortest)
    if end < len(text):
        space = text.rfind(" ", shortest, end + 1)
        if space == -1:
            space = text.find(" ", end)
        end = space if space != -1 else len(text)
        if text.count(START, start, end) > text.count(STOP, start, end):
            # Never cut a later hit in two: go on to the end of its word.
            space = text.find(" ", text.find(STOP, end))
            end = space if space != -1 else len(text)
    snippet = text[start:end].strip()
    return ("… " if start else "") + snippet + (" …" if end < len(text) else "")


def highlight(marked_text):
    """Escape the text, then turn the hit markers (and only them) into <mark> tags."""
    marked_text = marked_text or ""
    if marked_text.count(START) != marked_text.count(STOP):
        return escape(marked_text.replace(START, "").replace(STOP, ""))
    html = escape(marked_text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added
