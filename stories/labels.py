"""The policy areas, barriers and tags of many stories at once, without prefetch_related.

A list page shows each story's policy areas, a story page its areas, barriers and tags.
With prefetch_related each relation cost 1.3-3.6 ms a page at 100,000 stories (a join to
the labels' table, a query each, then a model object per row); here one query reads the
pairs from every link table at once and the objects come from one copy of each labels'
table (a few dozen rows), kept like the public pages (stories.caching.cached_figures: a
new public version, which any change to the reference data makes, reads it again; a label
added since the copy was read is found by reading the table again).

The result goes where prefetch_related puts it, so story.themes.all (and .barriers,
.tags) in a template and in code reads it without a query, exactly as before.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from taggit.models import TaggedItem

from stories.caching import cached_figures
from stories.filters import link_tables
from stories.models import Story


def _links():
    """relation -> (labels' model, link table, its story column, its label column, an
    extra condition and a function giving its parameters, whether the labels keep the
    link's order), from stories.filters.link_tables: the order each relation's manager
    gives (taggit's: the order tagged; the others: the labels' own)."""
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


def attach_labels(stories, *relations):
    """Give each story its rows for each relation: one query for them all."""
    stories = [story for story in stories if story.pk is not None]
    if not stories or not relations:
        return
    ids = [story.pk for story in stories]
    links = _links()
    # Written in SQL: the ORM took longer to build this union than the database to run it.
    selects, params = [], []
    marks = ", ".join(["%s"] * len(ids))
    for relation in relations:
        _model, table, story_column, label_column, condition, extra, _order = links[relation]
        # Table and column names come from _links(), never from a request; every value
        # is a parameter.
        selects.append(
            f"SELECT %s, {story_column}, {label_column}, id FROM {table} "  # noqa: S608
            f"WHERE {condition}{story_column} IN ({marks})"
        )
        params += [relation, *extra(), *ids]
    found = {relation: defaultdict(list) for relation in relations}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for relation, story_id, label_id, link_id in cursor.fetchall():
            found[relation][story_id].append((link_id, label_id))
    for relation in relations:
        model, *_how, linked_order = links[relation]
        labels = labels_by_id(model)
        if any(pk not in labels for pairs_ in found[relation].values() for _, pk in pairs_):
            labels = {obj.pk: obj for obj in model.objects.all()}  # one added since
        position = {pk: index for index, pk in enumerate(labels)}
        for story in stories:
            pairs_ = found[relation][story.pk]
            if linked_order:
                pairs_.sort()
            else:
                pairs_.sort(key=lambda pair: position.get(pair[1], 0))
            # As prefetch_related leaves it: the manager's queryset, already evaluated.
            queryset = model.objects.all()
            # (a label deleted since the link was read is left out)
            queryset._result_cache = [labels[pk] for _link_id, pk in pairs_ if pk in labels]
            queryset._prefetch_done = True
            story.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset
