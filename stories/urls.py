"""The stories app's pages. URL names are a contract (shared/DESIGN.md)."""

from django.urls import path

from stories import views_insights

app_name = "stories"

urlpatterns = [
    # --- submission (issue 3) ---
    # --- browse (issue 5) ---
    # --- insights (issue 6) ---
    path("insights/", views_insights.InsightsView.as_view(), name="insights"),
    path(
        "insights/<slug:panel>.csv",
        views_insights.InsightsCsvView.as_view(),
        name="insights_csv",
    ),
]
