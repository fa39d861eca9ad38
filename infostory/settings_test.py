"""What the test suite changes: a fast password hasher, mail kept in memory, and the
second factor off unless a test turns it on (tests/test_two_factor.py)."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-with-enough-length-0123456789")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
# Most tests sign staff in with force_login; the two-factor tests turn it on themselves.
os.environ.setdefault("INFOSTORY_REQUIRE_2FA", "false")

from infostory.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Emails go through the outbox and are sent right after their commit, as in development.
INFOSTORY_EMAIL_SEND_AT_ONCE = True
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
