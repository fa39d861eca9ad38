"""A story page's policy areas, barriers and tags: one query instead of three.

The list pages read their stories' policy areas with prefetch_related (one query for the
page). A story page shows three relations, and prefetch_related reads each with its own
query and builds its objects: 3 queries where this reads 1; measured on the bench
database (100,000 stories, in-process, both ways back to back) a story page took 74 ms
with it and 54 ms with this (docs/architecture.md). Here one query reads the pairs from the
three link tables at once (where they live: stories.filters.link_tables), and the
objects come from one copy of each labels' table (a few dozen rows) kept per public
version (stories.caching.cached_figures: any change to the reference data or a tag makes
a new one, infostory.public; a label added since the copy was read is found by reading
the table again). The page's template reads the lists from `labels`.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from taggit.models import TaggedItem

from stories.caching import cached_figures
from stories.filters import link_tables
from stories.models import Story

RELATIONS = ("themes", "barriers", "tags")


def _links():
    """relation -> (labels' model, link table, its story column, its label column, an
    extra condition and a function giving its parameters, whether the labels keep the
    link's order): the order each relation's manager gives (taggit's: the order tagged;
    the others: the labels' own)."""
    found = {}
    for relation, (table, story_column, target) in link_tables().items():
        label = table._meta.get_field(target)
        condition, extra = "", list
        if table is TaggedItem:
            condition = "content_type_id = %s AND "

            def extra():
                return [ContentType.objects.get_for_model(Story).pk]

        found[relation] = (
            label.related_model,
            table._meta.db_table,
            table._meta.get_field(story_column).column,
            label.column,
            condition,
            extra,
            table is TaggedItem,
        )
    return found


def labels_by_id(model):
    """{id: object} for every row of a labels' table (active or not: a story keeps the
    areas it was filed under), in the model's own order."""
    rows, _read_at = cached_figures(
        ("labels-by-id", model._meta.label),
        lambda: {obj.pk: obj for obj in model.objects.all()},
        max(settings.INFOSTORY_PUBLIC_CACHE_SECONDS, 0),
    )
    return rows


def story_labels(story, relations=RELATIONS):
    """{relation: [label, ...]} for the story, each in its manager's order: one query."""
    links = _links()
    # Written in SQL: the ORM took longer to build this union than the database to run it.
    selects, params = [], []
    for relation in relations:
        _model, table, story_column, label_column, condition, extra, _order = links[relation]
        # Table and column names come from _links(), never from a request; every value
        # is a parameter.
        selects.append(
            f"SELECT %s, {label_column}, id FROM {table} "  # noqa: S608
            f"WHERE {condition}{story_column} = %s"
        )
        params += [relation, *extra(), story.pk]
    found = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for relation, label_id, link_id in cursor.fetchall():
            found[relation].append((link_id, label_id))
    labelled = {}
    for relation in relations:
        model, *_how, linked_order = links[relation]
        labels = labels_by_id(model)
        pairs = found[relation]
        if any(pk not in labels for _link_id, pk in pairs):
            labels = {obj.pk: obj for obj in model.objects.all()}  # one added since
        if linked_order:
            pairs.sort()
        else:
            position = {pk: index for index, pk in enumerate(labels)}
            pairs.sort(key=lambda pair: position.get(pair[1], 0))
        # (a label deleted since the link was read is left out)
        labelled[relation] = [labels[pk] for _link_id, pk in pairs if pk in labels]
    return labelled
