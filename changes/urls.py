"""The change tracker's pages. URL names are a contract: outside tests and tools use them."""

from django.urls import path

from changes import feeds, views

app_name = "changes"

urlpatterns = [
    path("changes/", views.ChangeListView.as_view(), name="list"),
    path("changes/<slug:slug>/", views.ChangeDetailView.as_view(), name="detail"),
    path("feeds/changes/", feeds.ChangesFeed(), name="feed"),
]
