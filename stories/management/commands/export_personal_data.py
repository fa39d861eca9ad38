"""Print, as JSON, everything held about one email address (a subject access request).

Review it before sending: moderator notes may name other people.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from stories import privacy


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        data = privacy.personal_data(email)
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
