"""The stories app's pages. URL names are a contract (shared/DESIGN.md)."""

from django.urls import path, re_path

from stories import views_insights, views_submit
from stories.models import REFERENCE_LENGTH, REFERENCE_PREFIX

# Any letter or digit: the page reads nothing from the database, so no guess can probe it.
REFERENCE = rf"{REFERENCE_PREFIX}[0-9A-Z]{{{REFERENCE_LENGTH}}}"

app_name = "stories"

urlpatterns = [
    # --- submission (issue 3) ---
    path("share/", views_submit.ShareStoryView.as_view(), name="submit"),
    re_path(
        rf"^share/thanks/(?P<reference>{REFERENCE})/$",
        views_submit.ThanksView.as_view(),
        name="thanks",
    ),
    # --- browse (issue 5) ---
    # --- insights (issue 6) ---
    path("insights/", views_insights.InsightsView.as_view(), name="insights"),
    path(
        "insights/<slug:panel>.csv",
        views_insights.InsightsCsvView.as_view(),
        name="insights_csv",
    ),
]
