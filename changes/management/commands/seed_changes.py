"""The demo changes (seed_demo runs this after the demo case studies). Idempotent."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from changes.demo import seed_changes


class Command(BaseCommand):
    help = "Make the demo changes from the demo stories and case studies (safe to run again)."

    def handle(self, *args, **options):
        actor = get_user_model().objects.filter(username="demo-manager").first()
        made = seed_changes(actor)
        self.stdout.write(self.style.SUCCESS(f"Demo changes: {made} added."))
