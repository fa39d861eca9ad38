"""Signing in: a password, and with INFOSTORY_REQUIRE_2FA a second factor.

The second factor is django-two-factor-auth's (over django-otp's devices): an authenticator
app enrolled by QR code, and backup codes. Who counts as verified is decided in one place,
stories.permissions (second_factor_pending); this module holds the pages around it:

- /accounts/login/ (`login`): Django's password form while the second factor is off, and
  django-two-factor-auth's sign-in (password, then a code or a backup code) while it is on.
  A person with no authenticator yet is taken to enrol one straight after the password.
- The admin site lets only verified people in; its own sign-in page sends them to
  /accounts/login/ while the second factor is on.

django-axes counts failed passwords on both sign-in forms (the password step calls
authenticate() with the request); wrong codes are slowed down by django-otp's own
throttling, which doubles the wait after each failure.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import user_has_device
from two_factor import views as two_factor_views
from two_factor.utils import get_otpauth_url

from stories.permissions import second_factor_pending


def second_factor_required():
    return settings.INFOSTORY_REQUIRE_2FA


def safe_next(request, default="admin:index"):
    """The ?next= address if it stays on this site, or default."""
    redirect_to = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME))
    if redirect_to and url_has_allowed_host_and_scheme(
        url=redirect_to, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect_to
    return resolve_url(default)


def with_next(url_name, next_url):
    url = reverse(url_name)
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else url


LABELS = {
    "token": ("otp_token", "Code from your app"),
    "backup": ("otp_token", "Backup code"),
    "generator": ("token", "Code from your app"),
}


WRONG_CODE = (
    "That code did not work: type the 6 digits your app shows for InfoStory now (a new code "
    "comes every 30 seconds), or a backup code where asked"
)
MESSAGES = {
    "token_required": "Type the code",
    "invalid_token": WRONG_CODE,
    "n_failed_attempts": "%(failure_count)d wrong codes in a row: wait a few seconds, then "
    "type the code the app shows now",
}


def label_code_field(form, step):
    """The code's field in the portal's words (label, errors), on each wizard step."""
    field_name, label = LABELS.get(step, (None, None))
    if field_name in form.fields:
        form.fields[field_name].label = label
        form.fields[field_name].widget.attrs.pop("autofocus", None)  # the page's h1 comes first
        form.fields[field_name].error_messages["required"] = "Type the code"
    if hasattr(form, "otp_error_messages"):
        form.otp_error_messages = dict(form.otp_error_messages, **MESSAGES)
    if hasattr(form, "error_messages") and "invalid_token" in form.error_messages:
        form.error_messages = dict(form.error_messages, invalid_token=WRONG_CODE)
    return form


class CodeFieldMixin:
    """Each step's code field in the portal's words (label_code_field)."""

    def get_form(self, step=None, **kwargs):
        return label_code_field(super().get_form(step, **kwargs), step or self.steps.current)


class TwoFactorLoginView(CodeFieldMixin, two_factor_views.LoginView):
    """Password, then a code from the authenticator app (or a backup code)."""

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        if not user_has_device(self.get_user()):
            # Nothing to verify with yet: enrol an authenticator app, then carry on.
            return redirect(with_next("two_factor:setup", self.get_success_url()))
        return response


class SetupView(CodeFieldMixin, two_factor_views.SetupView):
    """Enrol an authenticator app by QR code; the app names the codes "InfoStory"."""

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if "secret_key" in context:
            context["issuer"] = settings.OTP_TOTP_ISSUER
            context["otpauth_url"] = get_otpauth_url(
                self.request.user.get_username(), context["secret_key"], settings.OTP_TOTP_ISSUER
            )
        return context

    def get_success_url(self):
        # The page that offers backup codes first, then where the person was going.
        return with_next("two_factor:setup_complete", self.get_redirect_url())


class SetupCompleteView(two_factor_views.SetupCompleteView):
    """The app is set up: make backup codes, then carry on where the person was going."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"continue_url": safe_next(self.request)}


class BackupTokensView(two_factor_views.BackupTokensView):
    """Backup codes: made (again) on POST, listed on GET, with the way back to work."""

    def form_valid(self, form):
        super().form_valid(form)
        return redirect(with_next("two_factor:backup_tokens", safe_next(self.request)))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"continue_url": safe_next(self.request)}


class QRGeneratorView(two_factor_views.QRGeneratorView):
    def get_issuer(self):
        return settings.OTP_TOTP_ISSUER


password_login = auth_views.LoginView.as_view()
two_factor_login = TwoFactorLoginView.as_view()


def login(request, *args, **kwargs):
    """/accounts/login/: the password alone, or the password and a second factor."""
    if second_factor_required():
        return two_factor_login(request, *args, **kwargs)
    return password_login(request, *args, **kwargs)


class PortalAdminSite(admin.AdminSite):
    """The admin for those who passed the second factor when it is required."""

    def has_permission(self, request):
        return super().has_permission(request) and not second_factor_pending(request.user)

    def login(self, request, extra_context=None):
        if not second_factor_required():
            return super().login(request, extra_context)
        return redirect_to_login(safe_next(request))
