import os

import pytest

from tests.factories import EngagementManagerFactory, StaffFactory


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
