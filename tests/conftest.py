import importlib
import os
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from stories.models import PolicyTheme
from tests.factories import EngagementManagerFactory, StaffFactory

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def restore_reference_data():
    """Put back the reference data and groups of migrations 0002 and 0013 (idempotent).

    A transactional test (browser tests, after-commit emails) flushes every table when
    it ends, taking what the data migration loaded with it; the next test gets it back.
    """
    migration = importlib.import_module("stories.migrations.0002_reference_data")
    migration.add_reference_data(apps, None)
    importlib.import_module("stories.migrations.0013_local_authorities").add_local_authorities(
        apps, None
    )
    case_studies = importlib.import_module("casestudies.migrations.0001_initial")
    changes = importlib.import_module("changes.migrations.0001_initial")
    conversation = importlib.import_module("stories.migrations.0014_conversation")
    grants_by_app = (
        migration.GROUP_PERMISSIONS,
        case_studies.GROUP_PERMISSIONS,
        changes.GROUP_PERMISSIONS,
        {"Engagement managers": conversation.MANAGER_PERMISSIONS},
    )
    for grants in grants_by_app:
        for group_name, wanted in grants.items():
            group, _ = Group.objects.get_or_create(name=group_name)
            group.permissions.add(
                *[
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    for app_label, codename in wanted
                ]
            )


@pytest.fixture(autouse=True)
def reference_data_and_empty_cache(request):
    """Every test starts with the reference data in place and nothing in the cache.

    Throttle counts live in the cache (Redis in CI), so no test inherits another's.
    """
    cache.clear()
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker or names & ({"db"} | TRANSACTIONAL_FIXTURES):
        transactional = bool(names & TRANSACTIONAL_FIXTURES) or bool(
            marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
        )
        request.getfixturevalue("transactional_db" if transactional else "db")
        if not (PolicyTheme.objects.exists() and Group.objects.filter(name="Staff").exists()):
            restore_reference_data()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def own_open_data_folder(settings, tmp_path_factory):
    """Each test keeps its open-data copies in a folder of its own, as it starts with an
    empty cache: a copy is named by the public version, which tests reach again."""
    settings.INFOSTORY_OPEN_DATA_DIR = str(tmp_path_factory.mktemp("open-data"))


@pytest.fixture
def manager(db):
    return EngagementManagerFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    from tests.browser import CHROMIUM, LAUNCH_ARGS, require_chromium

    require_chromium()
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab; page.goto(live_server.url + path) to visit a page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


# --- the run's figures: pages checked by axe-core, hypothesis examples, fault scenarios ---

FIGURES = {"hypothesis_examples": 0, "hypothesis_tests": 0, "fault_scenarios": 0}


def pytest_runtest_makereport(item, call):
    if call.when == "teardown" and hasattr(item, "hypothesis_statistics"):
        # Set by hypothesis's pytest plugin: "- N passing, ..." per phase.
        passing = re.findall(r"(\d+) passing", item.hypothesis_statistics)
        FIGURES["hypothesis_examples"] += sum(int(number) for number in passing)
        FIGURES["hypothesis_tests"] += 1


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed and report.nodeid.startswith("tests/test_faults.py"):
        FIGURES["fault_scenarios"] += 1


def pytest_terminal_summary(terminalreporter):
    from tests.browser import PAGES_CHECKED

    if not (PAGES_CHECKED or FIGURES["hypothesis_tests"] or FIGURES["fault_scenarios"]):
        return
    terminalreporter.section("InfoStory figures")
    terminalreporter.write_line(
        f"axe-core: {len(PAGES_CHECKED)} page checks without a violation "
        f"({len(set(PAGES_CHECKED))} distinct pages)"
    )
    terminalreporter.write_line(
        f"hypothesis: {FIGURES['hypothesis_examples']} examples passed in "
        f"{FIGURES['hypothesis_tests']} property tests"
    )
    terminalreporter.write_line(
        f"faults: {FIGURES['fault_scenarios']} scenarios in tests/test_faults.py passed"
    )


# --- the personal-data finder's recall and false alarms (tests/test_personal_data_recall.py) ---


class PersonalDataFigures:
    def pytest_terminal_summary(self, terminalreporter):
        from tests.personal_data_scoring import MEASURED

        if MEASURED:
            terminalreporter.section("Personal data finder, on tests/data/ labelled sentences")
            for line in MEASURED:
                terminalreporter.write_line(line)


def pytest_configure(config):
    config.pluginmanager.register(PersonalDataFigures(), "personal-data-figures")
