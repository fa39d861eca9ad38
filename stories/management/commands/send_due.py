"""Send whatever is due, once: alert digests, follow-ups, and emails not yet sent.

Safe to run any number of times, and at the same moment on several machines: nothing is
sent twice (stories/outbox.py). Production runs it every minute or two from a timer, or
keeps it running with --loop (docs/deploy.md).
"""

import time

from django.core.management.base import BaseCommand

from stories import outbox


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, sending what is due every SECONDS (a worker).",
        )

    def handle(self, *args, loop=0, **options):
        while True:
            done = outbox.send_due()
            summary = ", ".join(f"{name}: {count}" for name, count in done.items())
            self.stdout.write(f"Sent what was due ({summary}).")
            if loop <= 0:
                return
            time.sleep(loop)
