"""Fill the portal with realistic demo stories and two demo accounts (idempotent).

The stories are demo/stories.toml; other apps' demos (case studies...) are registered in
stories.demo at their ready() and made after the stories. Stories are matched by title,
so running it again adds nothing twice. The demo accounts get a fresh random password on
every run, printed at the end, unless --password is given.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from infostory.public import public_changed
from stories import moderation
from stories.demo import DEMO_SEEDS, read_demo
from stories.models import Barrier, LocalArea, PolicyTheme, Story
from stories.permissions import ENGAGEMENT_MANAGERS, STAFF
from stories.submission import store_story

# The path each demo status takes through the state machine.
PATHS = {
    Story.Status.SUBMITTED: [],
    Story.Status.IN_REVIEW: [Story.Status.IN_REVIEW],
    Story.Status.ACCEPTED: [Story.Status.IN_REVIEW, Story.Status.ACCEPTED],
    Story.Status.PUBLISHED: [Story.Status.IN_REVIEW, Story.Status.ACCEPTED, Story.Status.PUBLISHED],
    Story.Status.WITHDRAWN: [
        Story.Status.IN_REVIEW,
        Story.Status.ACCEPTED,
        Story.Status.PUBLISHED,
        Story.Status.WITHDRAWN,
    ],
    Story.Status.REJECTED: [Story.Status.IN_REVIEW, Story.Status.REJECTED],
}

# What the demo records for a concern its words suggested, on the stories that tell of
# one the services had already acted on (only a story marked safeguarding_open keeps it).
DEMO_HANDLED = (
    "Demo data: read on the day it arrived. The story tells of a past concern that the "
    "services named had already acted on; nobody is at risk now."
)

# The demo manager has an email address, so a safeguarding concern in the demo is told to
# somebody (printed by the console email backend of `make run`) rather than to nobody.
DEMO_ACCOUNTS = [
    ("demo-manager", "Demo", "Engagement Manager", ENGAGEMENT_MANAGERS, "demo-manager@example.org"),
    ("demo-staff", "Demo", "Centre Staff", STAFF, ""),
]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for the demo accounts.")
        parser.add_argument(
            "--no-accounts", action="store_true", help="Load stories only, no demo accounts."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create demo accounts even with DEBUG off (never on a live site).",
        )

    def handle(self, *args, password=None, no_accounts=False, force=False, **options):
        if not no_accounts and not settings.DEBUG and not force:
            raise CommandError(
                "Demo accounts are for development: run with DJANGO_DEBUG=true, "
                "or pass --no-accounts (or --force on a throwaway site)."
            )
        manager = None
        if not no_accounts:
            password = password or secrets.token_urlsafe(9)
            manager = self.make_accounts(password)
        # The demo's people are made up: what moderation would email them is not sent, and
        # not printed either, so the sign-in details below stay in view.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            created = self.make_stories(manager)
            self.stdout.write(self.style.SUCCESS(f"Demo stories: {created} added."))
            for label, seed in DEMO_SEEDS.items():  # other apps' demos, built on the stories
                self.stdout.write(self.style.SUCCESS(f"Demo {label}: {seed(manager)} added."))
        # Publication dates spread and tags put on after publishing: one change for all.
        public_changed(reason="demo content loaded")
        told = moderation.safeguarding_recipients().describe()
        self.stdout.write(
            f"\nA safeguarding concern is emailed to {told}."
            if told
            else f"\n{moderation.NOBODY_TOLD}"
        )
        if not no_accounts:
            self.stdout.write(
                f"\nSign in at {settings.INFOSTORY_SITE_URL}/admin/ as a demo engagement manager:\n"
                f"  username: demo-manager\n  password: {password}\n"
                f"Or as Centre staff: username demo-staff, same password.\n"
            )

    def make_accounts(self, password):
        User = get_user_model()
        manager = None
        for username, first, last, group_name, email in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "is_staff": True},
            )
            user.is_staff = True
            user.email = user.email or email
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            if group_name == ENGAGEMENT_MANAGERS:
                manager = user
        return manager

    def make_stories(self, manager):
        themes = {theme.slug: theme for theme in PolicyTheme.objects.all()}
        areas = {area.slug: area for area in LocalArea.objects.all()}
        barriers = {barrier.slug: barrier for barrier in Barrier.objects.all()}
        existing = set(Story.objects.values_list("title", flat=True))
        now = timezone.now()
        created = 0
        for item in read_demo("stories")["story"]:
            if item["title"] in existing:
                continue
            with transaction.atomic():
                story = store_story(
                    **{name: item[name] for name in Story.TYPED_FIELDS if name in item},
                    local_area=areas.get(item["area"]) if item["area"] else None,
                    themes=[themes[slug] for slug in item["themes"] if slug in themes],
                    barriers=[barriers[slug] for slug in item["barriers"] if slug in barriers],
                    submitted_at=now - timedelta(days=item["days_ago"], hours=item["days_ago"] % 9),
                )
                story.tags.add(*item["tags"])
                story.public_title = item["public_title"]
                story.public_summary = item["public_summary"]
                story.public_body = item["public_body"]
                story.is_featured = item["is_featured"]
                story.case_study_candidate = item["case_study_candidate"]
                story.assigned_to = manager if item["status"] != Story.Status.SUBMITTED else None
                story.save()
                if story.safeguarding_concern and not item.get("safeguarding_open"):
                    moderation.record_safeguarding_handled(story, actor=manager, how=DEMO_HANDLED)
                for step in PATHS[Story.Status(item["status"])]:
                    if step == Story.Status.REJECTED:
                        story.rejection_reason = item["rejection_reason"]
                    story.transition_to(step, actor=manager, note="Demo data.")
                if story.published_at:  # spread publication dates like a real campaign
                    Story.objects.filter(pk=story.pk).update(
                        published_at=story.submitted_at + timedelta(days=2)
                    )
            created += 1
        return created
