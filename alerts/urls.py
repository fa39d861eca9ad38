"""URL names are a contract (alerts:subscribe, alerts:confirm, alerts:manage)."""

from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("alerts/", views.SubscribeView.as_view(), name="subscribe"),
    path("alerts/check-your-email/", views.SentView.as_view(), name="sent"),
    path("alerts/stopped/", views.EndedView.as_view(), name="ended"),
    path("alerts/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("alerts/<str:token>/unsubscribe/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("alerts/<str:token>/", views.ManageView.as_view(), name="manage"),
]
