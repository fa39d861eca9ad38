"""Search over stories: PostgreSQL full-text search, and a plain match elsewhere.

The public searches the public version (public title, summary, body) only; staff search
the person's original words too. On PostgreSQL the vectors are stored generated columns
(migration 0004: ``search_public`` and ``search_original``, each with a GIN index), so
matching uses the index and ranking reads the stored vector instead of parsing the text
of every match again.
On SQLite (``make run``) every word must appear, case-insensitively, in one of the same
fields.

Snippets are highlighted with <mark>: PostgreSQL's ts_headline (or a small Python
equivalent) marks the hits with private-use characters, the text is then escaped, and
only then are the markers turned into <mark> tags, so nothing a person typed is ever
rendered as HTML.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Expression, F, FloatField, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

SEARCH_CONFIG = "english"
PUBLIC_FIELDS = (("public_title", "A"), ("public_summary", "B"), ("public_body", "C"))
ORIGINAL_FIELDS = (
    ("title", "A"),
    ("what_happened", "B"),
    ("difference", "B"),
    ("barriers_text", "C"),
    ("organisations", "D"),
)
START, STOP = "\ue000", "\ue001"  # private-use characters nobody types by accident
SNIPPET_WORDS = 35
MAX_QUERY_LENGTH = 200


def uses_full_text_search():
    return connection.vendor == "postgresql"


class StoredVector(Expression):
    """A tsvector column of the story table that PostgreSQL keeps up to date (0004)."""

    output_field = SearchVectorField()

    def __init__(self, column):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


PUBLIC_COLUMN = "search_public"
ORIGINAL_COLUMN = "search_original"


def search_stories(queryset, text, *, include_original=False):
    """Stories matching text, annotated with `rank` (higher is better) on PostgreSQL."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    if uses_full_text_search():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        queryset = queryset.alias(public_document=StoredVector(PUBLIC_COLUMN))
        matches = Q(public_document=query)
        rank = SearchRank(F("public_document"), query)
        if include_original:
            queryset = queryset.alias(original_document=StoredVector(ORIGINAL_COLUMN))
            matches |= Q(original_document=query)
            rank = rank + SearchRank(F("original_document"), query)
        return queryset.filter(matches).annotate(rank=rank)
    fields = [name for name, _ in PUBLIC_FIELDS]
    if include_original:
        fields += [name for name, _ in ORIGINAL_FIELDS]
    for word in _words(text):
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(any_field)
    return queryset.annotate(rank=Value(0.0, output_field=FloatField()))


def _words(text):
    words = re.findall(r"[\w'’-]+", text)
    return [word for word in words if word.lower() not in {"or", "and", "not"}][:10]


def _snippet_source(include_original):
    parts = [F("public_summary"), Value(" "), F("public_body")]
    if include_original:
        parts += [
            Value(" "),
            F("what_happened"),
            Value(" "),
            F("difference"),
            Value(" "),
            F("barriers_text"),
        ]
    return Concat(*parts, output_field=TextField())


def snippets_for(stories, text, *, include_original=False):
    """{story id: highlighted snippet} for the stories on one page (one query at most)."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    if not text or not stories:
        return {}
    if uses_full_text_search():
        from stories.models import Story

        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        rows = Story.objects.filter(pk__in=[story.pk for story in stories]).annotate(
            snippet=SearchHeadline(
                _snippet_source(include_original),
                query,
                config=SEARCH_CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        return {pk: highlight(snippet) for pk, snippet in rows.values_list("pk", "snippet")}
    return {
        story.pk: highlight(_python_snippet(story, text, include_original)) for story in stories
    }


def _python_snippet(story, text, include_original):
    parts = [story.public_summary, story.public_body]
    if include_original:
        parts += [story.what_happened, story.difference, story.barriers_text]
    source = " ".join(part for part in parts if part)
    words = _words(text)
    if not words:
        return source[:240]
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(source)
    start = max(0, first.start() - 80) if first else 0
    window = source[start : start + 240]
    window = ("… " if start else "") + window + (" …" if start + 240 < len(source) else "")
    return pattern.sub(lambda match: START + match.group(0) + STOP, window)


def highlight(marked_text):
    """Escape the text, then turn the hit markers (and only them) into <mark> tags."""
    marked_text = marked_text or ""
    if marked_text.count(START) != marked_text.count(STOP):
        return escape(marked_text.replace(START, "").replace(STOP, ""))
    html = escape(marked_text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added
