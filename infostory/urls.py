from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from stories.views import pages

admin.site.site_header = "#InfoStory moderation"
admin.site.site_title = "#InfoStory moderation"
admin.site.index_title = "The moderation queue"

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
    path("", include("alerts.urls")),
    # Only signing in and out: no password reset or change pages (accounts are made by
    # an administrator, and those pages would have no lockout).
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

# Friendly error pages (infostory/errors.py). The 500 page answers 503 when the
# database is unreachable.
handler400 = "infostory.errors.bad_request"
handler403 = "infostory.errors.permission_denied"
handler404 = "infostory.errors.page_not_found"
handler500 = "infostory.errors.server_error"
