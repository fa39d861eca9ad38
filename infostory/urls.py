from django.contrib import admin
from django.urls import include, path

from stories import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.PageView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "accessibility/",
        views.PageView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("", include("stories.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
