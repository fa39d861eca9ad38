"""Clear the contact details of stories closed more than DAYS ago (retention).

Closed: accepted, rejected, withdrawn or published, counted from the last status change;
suspected spam nobody has moderated counts from its submission.

A dry run by default: it lists what would be cleared. --apply clears them, each one
logged as a StoryEvent. "Closed" is defined in stories/privacy.py.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stories import privacy


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS")
        parser.add_argument("--apply", action="store_true", help="Clear them (default: list).")

    def handle(self, *args, older_than, apply, **options):
        if older_than < 0:
            raise CommandError("--older-than must be 0 or more days.")
        cutoff = timezone.now() - timedelta(days=older_than)
        stories = list(privacy.closed_before(cutoff))
        for story in stories:
            self.stdout.write(
                f"{story.reference}  {story.status:<9}  closed {story.closed_at:%Y-%m-%d}"
            )
        if not apply:
            self.stdout.write(
                f"Dry run: {len(stories)} closed stories older than {older_than} days hold "
                "contact details. Run again with --apply to clear them."
            )
            return
        cleared = privacy.clear_contact_details(
            stories,
            note=f"Retention: closed more than {older_than} days ago (purge_contact_details).",
        )
        self.stdout.write(self.style.SUCCESS(f"Contact details cleared on {len(cleared)} stories."))
