"""The policy areas and barriers of many stories at once, without prefetch_related.

A list page shows each story's policy areas, a story page its areas and barriers. With
prefetch_related each relation cost 1.3-3.6 ms a page at 100,000 stories (a join to the
reference table, then a model object per row); here one query reads the pairs from the
through table and the objects come from one copy of the reference table, kept like the
public pages (stories.caching.cached_figures: a new public version, which any change to
the reference data makes, reads it again).

The result goes where prefetch_related puts it, so story.themes.all in a template and in
code reads it without a query, exactly as before.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import CharField, Value

from stories.caching import cached_figures
from stories.models import Barrier, PolicyTheme, Story

# relation name on Story -> (reference model, the through table's column naming it)
RELATIONS = {
    "themes": (PolicyTheme, "policytheme_id"),
    "barriers": (Barrier, "barrier_id"),
}


def reference_objects(model):
    """{id: object} for every row of a reference table (active or not: a story keeps
    the areas it was filed under), in the model's own order."""
    rows, _read_at = cached_figures(
        ("reference-objects", model._meta.label),
        lambda: {obj.pk: obj for obj in model.objects.all()},
        max(settings.INFOSTORY_PUBLIC_CACHE_SECONDS, 0),
    )
    return rows


def attach_labels(stories, *relations):
    """Give each story its related rows for each relation: one query for them all."""
    stories = [story for story in stories if story.pk is not None]
    if not stories or not relations:
        return
    ids = [story.pk for story in stories]
    pairs = None
    for relation in relations:
        _model, column = RELATIONS[relation]
        these = (
            getattr(Story, relation)
            .through.objects.filter(story_id__in=ids)
            .values_list(Value(relation, output_field=CharField()), "story_id", column)
        )
        pairs = these if pairs is None else pairs.union(these, all=True)
    found = {relation: defaultdict(list) for relation in relations}
    for relation, story_id, other_id in pairs:
        found[relation][story_id].append(other_id)
    for relation in relations:
        model, _column = RELATIONS[relation]
        objects = reference_objects(model)
        if any(pk not in objects for ids_ in found[relation].values() for pk in ids_):
            # Added since the copy was read (within this same transaction): read again.
            objects = {obj.pk: obj for obj in model.objects.all()}
        position = {pk: index for index, pk in enumerate(objects)}
        for story in stories:
            rows = sorted(
                (objects[pk] for pk in found[relation][story.pk]), key=lambda obj: position[obj.pk]
            )
            # As prefetch_related leaves it: the manager's queryset, already evaluated.
            queryset = getattr(story, relation).all()
            queryset._result_cache = rows
            queryset._prefetch_done = True
            story.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset
