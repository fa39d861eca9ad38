from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from two_factor import views as two_factor_views

from infostory import signin
from stories.views import pages

admin.site.site_header = "#InfoStory moderation"
admin.site.site_title = "#InfoStory moderation"
admin.site.index_title = "The moderation queue"

two_factor_urls = [
    path("login/", signin.login, name="login"),
    path("two-factor/", two_factor_views.ProfileView.as_view(), name="profile"),
    path("two-factor/setup/", signin.SetupView.as_view(), name="setup"),
    path("two-factor/qrcode/", signin.QRGeneratorView.as_view(), name="qr"),
    path(
        "two-factor/setup/complete/",
        signin.SetupCompleteView.as_view(),
        name="setup_complete",
    ),
    path(
        "two-factor/backup-codes/",
        signin.BackupTokensView.as_view(),
        name="backup_tokens",
    ),
]

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("privacy/", pages.PageView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "accessibility/",
        pages.PageView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("", include("stories.urls")),
    path("", include("casestudies.urls")),
    path("", include("changes.urls")),
    path("", include("alerts.urls")),
    # Only signing in and out: no password reset or change pages (accounts are made by
    # an administrator, and those pages would have no lockout).
    path("accounts/login/", signin.login, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The second factor (infostory/signin.py): enrolling an authenticator app by QR code,
    # backup codes, and a page saying what is set up. No page turns it off.
    path("accounts/", include((two_factor_urls, "two_factor"))),
    path("admin/", admin.site.urls),
]

# Friendly error pages (infostory/errors.py). The 500 page answers 503 when the
# database is unreachable.
handler400 = "infostory.errors.bad_request"
handler403 = "infostory.errors.permission_denied"
handler404 = "infostory.errors.page_not_found"
handler500 = "infostory.errors.server_error"
