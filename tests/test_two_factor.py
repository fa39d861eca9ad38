"""Two-factor sign-in: with INFOSTORY_REQUIRE_2FA on, staff and managers sign in with a
password and a code from an authenticator app (or a backup code); until then they see what
the public sees. Codes are computed with django-otp's own TOTP, never by hand."""

import time
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stories.permissions import can_moderate, can_read_evidence, second_factor_pending
from tests.factories import AcceptedStoryFactory, EngagementManagerFactory, StaffFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.INFOSTORY_REQUIRE_2FA = True


def code_for(key, steps_ahead=0):
    """The authenticator app's code for a key (bytes), steps_ahead periods of 30 s later.

    A code is accepted once: the next sign-in in the same half minute uses the next
    period's, which the device's tolerance of one step allows."""
    totp = TOTP(key, step=30, t0=0, digits=6, drift=0)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def post_step(client, url, prefix, step, data):
    return client.post(
        url, {f"{prefix}-current_step": step, **{f"{step}-{k}": v for k, v in data.items()}}
    )


LOGIN_PREFIX = "two_factor_login_view"
SETUP_PREFIX = "setup_view"


def sign_in_with_password(client, user, next_url="/admin/"):
    url = reverse("login") + f"?next={next_url}"
    return post_step(
        client, url, LOGIN_PREFIX, "auth", {"username": user.username, "password": PASSWORD}
    )


def enrol(client):
    """Through the setup wizard: welcome, then the QR code's key and a code from it."""
    setup = reverse("two_factor:setup") + "?next=/admin/"
    response = post_step(client, setup, SETUP_PREFIX, "welcome", {})
    assert response.status_code == 200
    assert b"Scan this QR code" in response.content or b"scan this QR code" in response.content
    secret = response.context["secret_key"]
    qr = client.get(reverse("two_factor:qr"))
    assert qr.status_code == 200 and qr["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in qr.content
    key = b32decode(secret)
    response = post_step(client, setup, SETUP_PREFIX, "generator", {"token": code_for(key)})
    return response, key


def test_an_unverified_staff_member_sees_what_the_public_sees(client):
    staff = StaffFactory()
    story = AcceptedStoryFactory(title="An accepted story only staff read")
    client.force_login(staff)
    assert second_factor_pending(staff) is True
    listing = client.get(reverse("stories:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert story.title not in html
    assert "finish signing in with your authenticator app" in html
    assert client.get(reverse("stories:detail", args=[story.reference])).status_code == 404
    assert client.get(reverse("stories:insights")).status_code == 404
    assert client.get(reverse("stories:export") + "?format=csv").status_code == 403
    admin = client.get("/admin/", follow=True)
    assert admin.redirect_chain[-1] == ("/accounts/login/?next=/admin/", 302)
    assert b"<h1>Staff sign in</h1>" in admin.content


def test_the_permission_helpers_read_an_unverified_manager_as_the_public(rf):
    manager = EngagementManagerFactory()
    manager.is_verified = lambda: False
    assert not can_read_evidence(manager) and not can_moderate(manager)
    manager.is_verified = lambda: True
    assert can_read_evidence(manager) and can_moderate(manager)


def test_without_the_setting_a_password_is_enough(client, settings):
    settings.INFOSTORY_REQUIRE_2FA = False
    staff = StaffFactory()
    response = client.post(reverse("login"), {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 302
    story = AcceptedStoryFactory()
    assert client.get(reverse("stories:detail", args=[story.reference])).status_code == 200


def test_the_admin_sign_in_page_sends_people_to_the_two_factor_sign_in(client):
    response = client.get("/admin/login/?next=/admin/stories/story/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/stories/story/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"<h1>Staff sign in</h1>" in page.content
    assert b"a code from the authenticator app" in page.content


def test_a_manager_enrols_by_qr_code_then_signs_in_with_a_code(client):
    manager = EngagementManagerFactory()
    response = sign_in_with_password(client, manager)
    # No app yet: straight to setting one up, seeing only what the public sees meanwhile.
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup") + "?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302
    response, key = enrol(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup_complete") + "?next=%2Fadmin%2F"
    complete = client.get(response["Location"])
    assert complete.status_code == 200 and b"Your authenticator app is set up" in complete.content
    assert b'href="/admin/">Carry on without backup codes' in complete.content
    assert TOTPDevice.objects.get(user=manager).confirmed
    assert client.get("/admin/").status_code == 200  # verified in this session

    client.logout()
    response = sign_in_with_password(client, manager)
    assert response.status_code == 200
    assert b"Enter the code from your app" in response.content
    assert client.get("/admin/").status_code == 302  # the password alone opens nothing
    wrong = post_step(client, reverse("login"), LOGIN_PREFIX, "token", {"otp_token": "000000"})
    assert b"That code did not work" in wrong.content
    time.sleep(1.1)  # django-otp makes the next try wait after a wrong code
    assert wrong.status_code == 200 and b"There is a problem" in wrong.content
    response = post_step(
        client,
        reverse("login") + "?next=/admin/",
        LOGIN_PREFIX,
        "token",
        {"otp_token": code_for(key, steps_ahead=1)},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    index = client.get("/admin/")
    assert index.status_code == 200 and b"The moderation queue" in index.content


def test_a_manager_signs_in_with_a_backup_code_once(client):
    manager = EngagementManagerFactory()
    sign_in_with_password(client, manager)
    enrol(client)
    made = client.post(reverse("two_factor:backup_tokens") + "?next=/admin/")
    assert made.status_code == 302
    assert made["Location"] == reverse("two_factor:backup_tokens") + "?next=%2Fadmin%2F"
    page = client.get(reverse("two_factor:backup_tokens"))
    assert page.status_code == 200 and b"Your backup codes" in page.content
    codes = list(StaticDevice.objects.get(user=manager).token_set.values_list("token", flat=True))
    assert len(codes) == 10 and codes[0] in page.content.decode()

    for attempt in range(2):
        client.logout()
        sign_in_with_password(client, manager)
        backup = client.post(
            reverse("login"),
            {f"{LOGIN_PREFIX}-current_step": "token", "wizard_goto_step": "backup"},
        )
        assert backup.status_code == 200 and b"Use a backup code" in backup.content
        response = post_step(
            client,
            reverse("login") + "?next=/admin/",
            LOGIN_PREFIX,
            "backup",
            {"otp_token": codes[0]},
        )
        if attempt == 0:
            assert response.status_code == 302 and response["Location"] == "/admin/"
            assert client.get("/admin/").status_code == 200
        else:  # each code works once
            assert response.status_code == 200 and b"There is a problem" in response.content
            assert client.get("/admin/").status_code == 302


def test_failed_passwords_on_the_two_factor_sign_in_are_locked_out(client):
    staff = StaffFactory()
    responses = [
        post_step(
            client,
            reverse("login"),
            LOGIN_PREFIX,
            "auth",
            {"username": staff.username, "password": "wrong"},
        )
        for _ in range(5)
    ]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert b"There is a problem" in responses[0].content
    assert responses[4].status_code == 429
    assert b"Sign-in paused" in responses[4].content
