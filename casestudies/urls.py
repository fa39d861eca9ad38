"""Case studies' pages. URL names are a contract: outside tests and tools use them."""

from django.urls import path

from casestudies import feeds, views

app_name = "casestudies"

urlpatterns = [
    path("case-studies/", views.CaseStudyListView.as_view(), name="list"),
    path("case-studies/<slug:slug>.pdf", views.case_study_pdf, name="pdf"),
    path("case-studies/<slug:slug>/", views.CaseStudyDetailView.as_view(), name="detail"),
    path("feeds/case-studies/", feeds.CaseStudiesFeed(), name="feed"),
]
