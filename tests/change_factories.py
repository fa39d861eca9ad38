"""Factories for the change tracker: a proposed change, and one walked to any status."""

import factory

from changes.models import Change
from stories.models import Barrier

WALK = {
    Change.Status.PROPOSED: [],
    Change.Status.ASKED: [Change.Status.ASKED],
    Change.Status.IN_PROGRESS: [Change.Status.ASKED, Change.Status.IN_PROGRESS],
    Change.Status.MADE: [Change.Status.ASKED, Change.Status.IN_PROGRESS, Change.Status.MADE],
    Change.Status.NOT_MADE: [Change.Status.ASKED, Change.Status.NOT_MADE],
}


class ChangeFactory(factory.django.DjangoModelFactory):
    """A proposed national change with one barrier."""

    class Meta:
        model = Change
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Clear national guidance on sharing discharge dates {n}")
    slug = factory.Sequence(lambda n: f"clear-guidance-{n}")
    summary = "Say plainly that hospitals may share a discharge date with the council."
    level = Change.Level.NATIONAL
    owner = "Department of Health and Social Care"
    what_changed = ""

    @factory.post_generation
    def barriers(self, create, extracted, **kwargs):
        if create:
            self.barriers.set(extracted or [Barrier.objects.order_by("pk").first()])

    @factory.post_generation
    def local_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.local_areas.set(extracted)

    @factory.post_generation
    def stories(self, create, extracted, **kwargs):
        if create and extracted:
            for story in extracted:
                self.evidence.create(story=story)


def change_at(status, *, actor=None, **kwargs):
    """A change walked through the workflow to status."""
    if status == Change.Status.MADE:
        kwargs.setdefault("what_changed", "The guidance was published in March.")
    change = ChangeFactory(**kwargs)
    for step in WALK[Change.Status(status)]:
        change.transition_to(step, actor=actor)
    change.refresh_from_db()
    return change


def browser_changes(*, published, accepted, case_study, actor=None):
    """The changes the browser tests visit: one made (on a published and an accepted
    story, from a case study), one in progress with nothing yet said of what changed, and
    one proposed (staff only)."""
    made = change_at(
        Change.Status.MADE,
        actor=actor,
        title="A change that was made",
        slug="a-change-that-was-made",
        stories=[published, accepted],
    )
    made.case_studies.add(case_study)
    made.updates.create(text="The department agreed to write the guidance.")
    return {
        "change_made": made,
        "change_in_progress": change_at(
            Change.Status.IN_PROGRESS,
            actor=actor,
            title="A change in progress",
            slug="a-change-in-progress",
        ),
        "change_proposed": ChangeFactory(title="A proposed change", slug="a-proposed-change"),
    }
