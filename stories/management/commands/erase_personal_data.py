"""Erase what is held about one email address (an erasure request).

A dry run by default. --apply clears the contact details of every story sent with that
address (each logged as a StoryEvent; the story itself is kept as anonymous evidence).
--apply --delete-stories deletes those stories and their history entirely, after asking
for confirmation (or without asking with --no-input).
"""

import logging

from django.core.management.base import BaseCommand, CommandError

from stories import privacy

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--apply", action="store_true", help="Erase (default: list).")
        parser.add_argument(
            "--delete-stories",
            action="store_true",
            help="Delete the stories and their history, not only the contact details.",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation before deleting stories.",
        )

    def handle(self, *args, email, apply, delete_stories, interactive, **options):
        if "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        stories = list(privacy.stories_for_email(email))
        elsewhere = {
            name: len(records) for name, records in privacy.held_elsewhere(email).items() if records
        }
        for name, count in elsewhere.items():
            self.stdout.write(f"{count} {name}")
        if not stories and not elsewhere:
            self.stdout.write("Nothing holds that email address. Nothing to erase.")
            return
        if apply and elsewhere:
            deleted = privacy.erase_held_elsewhere(email)
            self.stdout.write(
                self.style.SUCCESS(
                    "Deleted: " + ", ".join(f"{count} {name}" for name, count in deleted.items())
                )
            )
        if not stories:
            if not apply:
                self.stdout.write("Dry run: run again with --apply to erase.")
            return
        for story in stories:
            self.stdout.write(f"{story.reference}  {story.status}")
        action = "deleted" if delete_stories else "have their contact details cleared"
        if not apply:
            self.stdout.write(
                f"Dry run: {len(stories)} stories would be {action}. "
                "Run again with --apply to erase."
            )
            return
        if delete_stories:
            self.delete(stories, interactive)
            return
        cleared = privacy.clear_contact_details(
            stories, note="Erasure request (erase_personal_data)."
        )
        self.stdout.write(self.style.SUCCESS(f"Contact details cleared on {len(cleared)} stories."))

    def delete(self, stories, interactive):
        references = [story.reference for story in stories]
        if interactive:
            answer = input(
                f"Delete {len(stories)} stories and their history for good "
                f"({', '.join(references)})? Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing deleted.")
        privacy.erase_stories(stories)
        logger.warning("Erasure request: stories deleted: %s", ", ".join(references))
        self.stdout.write(
            self.style.SUCCESS(f"{len(references)} stories deleted: {', '.join(references)}.")
        )
