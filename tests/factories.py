"""factory_boy factories: one per model, and one per story status."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from stories.models import Barrier, Campaign, LocalArea, PolicyTheme, Story


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery")


class EngagementManagerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"manager{n}")
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Engagement managers"))


class StaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Staff"))


class PolicyThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyTheme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    position = factory.Sequence(lambda n: 1000 + n)


class LocalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    kind = LocalArea.Kind.DISTRICT
    region = "South West"


class BarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Barrier
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Barrier {n}")
    slug = factory.Sequence(lambda n: f"barrier-{n}")
    lens = Barrier.Lens.CULTURE


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Campaign {n}")
    hashtag = "#InfoStory"
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=7))


class StoryFactory(factory.django.DjangoModelFactory):
    """A story as submitted, with a public version ready and consent to publish."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sharing a discharge plan made the difference {n}")
    what_happened = "The hospital told the council about the discharge two days ahead."
    difference = "Care was in place on the day, so Mrs B went home safely."
    barriers_text = "Nobody was sure the law allowed it."
    organisations = "NHS trust; county council"
    outcome = Story.Outcome.MADE_DIFFERENCE
    name = "Alex Practitioner"
    email = factory.Sequence(lambda n: f"submitter{n}@example.org")
    organisation = "County council"
    role = Story.Role.PRACTITIONER
    consent_contact = True
    consent_publish = True
    publish_anonymously = True
    public_title = factory.LazyAttribute(lambda story: f"Public: {story.title}")
    public_summary = "Sharing a discharge date let care start on time."
    public_body = "A hospital shared a discharge date with the council, so care was ready."

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def barriers(self, create, extracted, **kwargs):
        if create and extracted:
            self.barriers.set(extracted)


def _moved_through(*steps):
    """A post-generation hook that walks the story through the state machine."""

    def walk(story, create, extracted, **kwargs):
        if not create:
            return
        for step in steps:
            if step == Story.Status.REJECTED and not story.rejection_reason:
                story.rejection_reason = "Not about information sharing."
            story.transition_to(step, actor=None, note="factory")

    return factory.PostGeneration(walk)


class SubmittedStoryFactory(StoryFactory):
    pass


class InReviewStoryFactory(StoryFactory):
    moved = _moved_through(Story.Status.IN_REVIEW)


class AcceptedStoryFactory(StoryFactory):
    moved = _moved_through(Story.Status.IN_REVIEW, Story.Status.ACCEPTED)


class PublishedStoryFactory(StoryFactory):
    moved = _moved_through(Story.Status.IN_REVIEW, Story.Status.ACCEPTED, Story.Status.PUBLISHED)


class WithdrawnStoryFactory(StoryFactory):
    moved = _moved_through(
        Story.Status.IN_REVIEW,
        Story.Status.ACCEPTED,
        Story.Status.PUBLISHED,
        Story.Status.WITHDRAWN,
    )


class RejectedStoryFactory(StoryFactory):
    moved = _moved_through(Story.Status.REJECTED)


class SpamStoryFactory(StoryFactory):
    is_suspected_spam = True
    title = "Cheap watches"


def rewrite_history(events, **changes):
    """Tests only: give logged events other values (to age them, say).

    The database refuses UPDATE on a log (infostory.workflow), so the rows are deleted
    where the history may be released and written again, ids kept.
    """
    from infostory.workflow import releasing_history

    rows = list(events)
    with releasing_history():
        events.model.objects.filter(pk__in=[row.pk for row in rows]).delete()
        for row in rows:
            for name, value in changes.items():
                setattr(row, name, value)
        events.model.objects.bulk_create(rows)
    return rows
