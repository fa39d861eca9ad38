"""Playwright and axe-core helpers shared by the browser tests.

Browser tests use Debian's Chromium (/usr/bin/chromium). Locally they are skipped with
a reason when it is absent; in CI (INFOSTORY_REQUIRE_BROWSER=1, set by .ci/run) a
missing browser fails the run instead, so CI never passes without them.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("INFOSTORY_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium():
    if CHROMIUM.exists():
        return
    if os.environ.get("INFOSTORY_REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing but INFOSTORY_REQUIRE_BROWSER is set")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


def axe_violations(page):
    """Run axe-core (WCAG 2.0-2.2 A and AA rules) on the page; return its violations."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            }
        },
    )
    return result.response["violations"]


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in violations
    )


# Every page that passed assert_accessible in this run (path and query), for the figure
# that tests/conftest.py prints at the end of the run.
PAGES_CHECKED = []


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{describe(violations)}"
    url = urlsplit(page.url)
    PAGES_CHECKED.append(url.path + (f"?{url.query}" if url.query else ""))
