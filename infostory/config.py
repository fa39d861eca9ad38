"""Reading the portal's configuration from the environment.

Every setting that differs between a laptop and production comes from an environment
variable (see the table in README.md). A misconfiguration raises ConfigurationError with
one sentence that says what to set; manage.py and wsgi.py print that sentence and stop,
so an operator never has to read a traceback to find a missing variable.
"""

import os
import re
import sys

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(ImproperlyConfigured):
    """The environment does not describe a portal that can start."""


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigurationError(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}.") from None


PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)s?\s*$")


def parse_rate(rate, name="A rate"):
    """'10/hour' -> (10, 3600); '' or None -> None (no limit)."""
    if not rate:
        return None
    match = RATE_PATTERN.match(str(rate).lower())
    if not match:
        raise ConfigurationError(
            f"{name} must look like 10/hour (per second, minute, hour or day), not {rate!r}."
        )
    return int(match.group(1)), PERIODS[match.group(2)]


def env_rate(name, default):
    """A rate such as 10/hour from the environment, checked at start-up; empty turns it off."""
    rate = env_str(name, default)
    parse_rate(rate, name)
    return rate


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url, *, conn_max_age=0):
    """Parse DATABASE_URL, or stop with a sentence naming the problem."""
    # The URL may hold a password: the message never repeats it.
    problem = (
        "DATABASE_URL is not a database URL this portal understands; "
        "use e.g. sqlite:///db.sqlite3 or postgres://user:password@host:5432/name."
    )
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except Exception:  # dj-database-url raises several kinds for a bad URL
        raise ConfigurationError(problem) from None
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ConfigurationError(problem)
    return config


def run_or_explain(main):
    """Run main(); a ConfigurationError becomes one sentence on stderr and exit status 1."""
    try:
        return main()
    except ConfigurationError as error:
        sys.stderr.write(f"InfoStory cannot start: {error}\n")
        raise SystemExit(1) from None


def cache_from_url(url):
    """Django's Redis cache when REDIS_URL is set, a per-process memory cache otherwise."""
    if not url:
        return {
            "BACKEND": "infostory.cache.CompressingLocMemCache",
            "LOCATION": "infostory",
        }
    if not url.startswith(("redis://", "rediss://", "unix://")):
        # The URL may hold a password: the message never repeats it.
        raise ConfigurationError(
            "REDIS_URL is not a Redis URL; use e.g. redis://localhost:6379/0 "
            "or rediss://user:password@host:6380/0."
        )
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "infostory",
    }
