"""Hypothesis settings shared by the property tests.

Profiles: "ci" (the default: 200 examples, derandomized so a run is repeatable, no
deadline because CI machines vary) and "dev" (50 examples, for a quick local run:
HYPOTHESIS_PROFILE=dev). Import this module in a fuzz test before using @given.
"""

import os

from hypothesis import HealthCheck, settings

# Pytest-django's function-scoped fixtures (client, db) are safe here: each test either
# only reads, or rolls back each example itself.
COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "print_blob": True,
}

settings.register_profile("ci", max_examples=200, derandomize=True, **COMMON)
settings.register_profile("dev", max_examples=50, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
