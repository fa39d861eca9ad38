"""The alert digest benchmark (`make bench` runs it after bench/run.py).

BENCH_SUBSCRIPTIONS (10000) confirmed daily alerts, a handful of stories published
since their last digest, and one `send_due` run that builds a digest for each and sends
it over SMTP to a local sink (aiosmtpd on 127.0.0.1, counting what it receives). Checks
that each address received exactly one digest and that a second run sends nothing, and
reports emails per second (digests built and stored; sent over SMTP; both together).
Appends its table to BENCH_OUTPUT (docs/benchmarks.md) unless BENCH_DIGEST_APPEND=0.

Environment: BENCH_SUBSCRIPTIONS, BENCH_DIGEST_DATABASE_URL
(postgres://postgres:postgres@127.0.0.1:5432/infostory_benchdigest; made and emptied here),
BENCH_OUTPUT, BENCH_DIGEST_APPEND.
"""

import os
import socket
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anywhere else


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Sink:
    """An SMTP server that keeps only who each message was for."""

    def __init__(self):
        self.received = Counter()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        for address in envelope.rcpt_tos:
            self.received[address] += 1
        return "250 Message accepted"


def setup(port):
    database = os.environ.get(
        "BENCH_DIGEST_DATABASE_URL",
        "postgres://postgres:postgres@127.0.0.1:5432/infostory_benchdigest",
    )
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "infostory.settings",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-" + "x" * 50),
            "DATABASE_URL": database,
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": HOST,
            "EMAIL_PORT": str(port),
            "INFOSTORY_EMAIL_SEND_AT_ONCE": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    if database.startswith("postgres"):
        make_database(database)
    call_command("migrate", "--no-input", verbosity=0)


def make_database(url):
    """A fresh database of the bench's own (dropped and made again)."""
    from urllib.parse import urlsplit

    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def load(count):
    from django.utils import timezone

    from alerts.models import Subscription
    from stories.models import PolicyTheme, Story
    from stories.submission import store_story

    start = timezone.now() - timedelta(days=2)
    Subscription.objects.bulk_create(
        [
            Subscription(
                email=f"reader{n}@bench.example.org",
                kinds=["stories", "case_studies"],
                frequency=Subscription.Frequency.DAILY,
                confirmed_at=start,
                covered_until=start,
                created_at=start,
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    theme = PolicyTheme.objects.order_by("pk").first()
    for n in range(5):
        story = store_story(
            title=f"Bench story {n}",
            what_happened="The ward told the council two days before discharge.",
            difference="Care was ready on the day.",
            barriers_text="",
            organisations="NHS trust",
            outcome=Story.Outcome.MADE_DIFFERENCE,
            consent_publish=True,
            publish_anonymously=True,
            themes=[theme],
        )
        story.public_title = f"Shared discharge dates, story {n}"
        story.public_body = "A hospital shared a discharge date with the council."
        story.save(update_fields=["public_title", "public_body"])
        for status in ("in_review", "accepted", "published"):
            story.transition_to(status, actor=None)


def main():
    from aiosmtpd.controller import Controller

    count = int(os.environ.get("BENCH_SUBSCRIPTIONS", "10000"))
    port = free_port()
    sink = Sink()
    controller = Controller(sink, hostname=HOST, port=port)
    controller.start()
    try:
        setup(port)
        load(count)
        from django.utils import timezone
        from post_office.models import STATUS, Email

        from alerts import digests
        from stories import outbox

        began = time.perf_counter()
        stored = digests.send_digests(timezone.now())
        built = time.perf_counter()
        sent, not_sent = outbox.send_outbox()
        done = time.perf_counter()
        again = outbox.send_due()
        exactly_once = (
            len(sink.received) == count
            and set(sink.received.values()) == {1}
            and again["digests"] == 0
            and again["sent"] == 0
        )
        figures = {
            "subscriptions": count,
            "digests stored": stored,
            "sent": sent,
            "not sent": not_sent,
            "received by the sink": sum(sink.received.values()),
            "each address exactly once, a second run sends nothing": exactly_once,
            "build and store (s)": round(built - began, 2),
            "send over SMTP (s)": round(done - built, 2),
            "digests built per second": round(stored / (built - began)),
            "emails sent per second": round(sent / (done - built)),
            "emails per second, both": round(sent / (done - began)),
            "failed in the outbox": Email.objects.filter(status=STATUS.failed).count(),
        }
    finally:
        controller.stop()
    for name, value in figures.items():
        print(f"{name}: {value}")
    if os.environ.get("BENCH_DIGEST_APPEND", "1") != "0":
        output = Path(os.environ.get("BENCH_OUTPUT", ROOT / "docs" / "benchmarks.md"))
        rows = "\n".join(f"| {name} | {value} |" for name, value in figures.items())
        with output.open("a") as report:
            report.write(
                "\n## Alert digests (bench/digest.py)\n\n"
                "One `send_due` run over confirmed daily alerts, to a local SMTP sink "
                "(aiosmtpd), PostgreSQL, one process.\n\n| figure | value |\n| --- | --- |\n"
                + rows
                + "\n"
            )
    return 0 if figures["each address exactly once, a second run sends nothing"] else 1


if __name__ == "__main__":
    sys.exit(main())
