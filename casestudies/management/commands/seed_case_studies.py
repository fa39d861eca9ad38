"""The demo case studies (seed_demo runs this after the demo stories). Idempotent."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from casestudies.demo import seed_case_studies


class Command(BaseCommand):
    help = "Make and publish the two demo case studies from the demo stories (safe to run again)."

    def handle(self, *args, **options):
        actor = get_user_model().objects.filter(username="demo-manager").first()
        made = seed_case_studies(actor)
        self.stdout.write(self.style.SUCCESS(f"Demo case studies: {made} added."))
