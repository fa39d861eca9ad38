"""In Chromium, with axe-core: the area picker on /share/ (open and closed, at 1280 and 360
pixels, and without JavaScript), and every page of two-factor sign-in."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from stories.models import Story
from tests.browser import assert_accessible
from tests.factories import EngagementManagerFactory
from tests.submit_helpers import continue_and_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_people(settings):
    settings.INFOSTORY_MIN_FILL_SECONDS = 0


@pytest.mark.parametrize("width", [1280, 360])
def test_a_carer_in_llanelli_picks_carmarthenshire_with_the_autocomplete(
    browser, live_server, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/share/")
    box = page.get_by_role("combobox", name="Which local area is your story about?")
    assert box.is_visible()
    assert not page.locator("#id_local_area-select").is_visible()  # the select, enhanced
    assert_accessible(page)  # closed
    page.get_by_label("Give your story a short title").fill("The care team never heard")
    page.get_by_label("What happened?").fill("My mother came home from hospital in Llanelli.")
    page.get_by_label("What difference did sharing information make").fill(
        "Her care would have started on the day."
    )
    page.get_by_label("Sharing information could have made a difference").check()
    box.fill("Carm")
    option = page.get_by_role("option", name="Carmarthenshire", exact=True)
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert_accessible(page)  # open, with the grey completion behind the text
    page.keyboard.press("Enter")
    assert box.input_value() == "Carmarthenshire"
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("#id_local_area-select").input_value() != ""
    assert_accessible(page)  # chosen
    continue_and_send(page)
    page.wait_for_url(re.compile(r"/share/thanks/"))
    assert Story.objects.get().local_area.name == "Carmarthenshire"
    context.close()


def test_emptying_the_picker_means_not_specific_to_one_area(page, live_server):
    page.goto(live_server.url + "/share/")
    box = page.get_by_label("Which local area is your story about?")
    box.fill("Surr")
    page.get_by_role("option", name="Surrey", exact=True).click()
    assert page.locator("#id_local_area-select").input_value() != ""
    box.fill("")
    page.keyboard.press("Tab")
    assert page.locator("#id_local_area-select").input_value() == ""


def test_without_javascript_the_plain_select_works(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/share/")
    select = page.get_by_label("Which local area is your story about?")
    select.select_option(label="Carmarthenshire")
    assert select.evaluate("s => s.tagName") == "SELECT"
    context.close()


def code_for(secret, steps_ahead=0):
    totp = TOTP(b32decode(secret), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def submit(page):
    page.locator("main form").first.locator("button[type=submit]").click()
    page.wait_for_load_state()


def sign_in_with_password(page, live_server, manager):
    page.goto(live_server.url + "/admin/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page)


@pytest.mark.parametrize("width", [1280, 360])
def test_a_manager_enrols_and_signs_in_with_a_code_on_accessible_pages(
    browser, live_server, settings, width
):
    settings.INFOSTORY_REQUIRE_2FA = True
    manager = EngagementManagerFactory()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/admin/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    assert_accessible(page)
    sign_in_with_password(page, live_server, manager)
    page.wait_for_url(re.compile(r"/accounts/two-factor/setup/"))
    assert_accessible(page)  # welcome
    submit(page)
    qr = page.get_by_role("img", name=re.compile("QR code"))
    assert qr.evaluate("img => img.naturalWidth") > 0
    secret = page.locator(".setup-key").inner_text().strip()
    assert_accessible(page)  # the QR code
    page.get_by_label("Code from your app").fill("000000")
    submit(page)
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)  # a wrong code
    page.get_by_label("Code from your app").fill(code_for(secret))
    submit(page)
    page.wait_for_url(re.compile(r"/setup/complete/"))
    assert_accessible(page)
    page.get_by_role("button", name="Make my backup codes").click()
    page.wait_for_url(re.compile(r"/backup-codes/"))
    codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)

    context.clear_cookies()
    sign_in_with_password(page, live_server, manager)
    assert page.get_by_role("heading", name="Enter the code from your app").is_visible()
    assert_accessible(page)
    page.get_by_label("Code from your app").fill(code_for(secret, steps_ahead=1))
    submit(page)
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "moderation queue" in page.title().lower()

    context.clear_cookies()
    sign_in_with_password(page, live_server, manager)
    page.get_by_role("button", name="Use a backup code").click()
    assert page.get_by_role("heading", name="Use a backup code").is_visible()
    assert_accessible(page)
    page.get_by_label("Backup code").fill(codes[0])
    submit(page)
    page.wait_for_url(re.compile(r"/admin/$"))
    context.close()
