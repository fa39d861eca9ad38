"""Email backends for fault tests: a mail server that is down, and one that counts."""

import threading
import time

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class DownBackend(BaseEmailBackend):
    """The mail server refuses every connection."""

    def open(self):
        raise ConnectionRefusedError("[Errno 111] Connection refused (the mail server is down)")

    def send_messages(self, email_messages):
        self.open()


class SlowCountingBackend(BaseEmailBackend):
    """Keeps what it sends in mail.outbox, slowly, so that two runs overlap."""

    lock = threading.Lock()

    def send_messages(self, email_messages):
        time.sleep(0.02)
        with self.lock:
            mail.outbox.extend(email_messages)
        return len(email_messages)
