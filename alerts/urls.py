"""URL names are a contract (alerts:subscribe, alerts:confirm, alerts:manage)."""

from django.urls import include, path

from alerts import views

app_name = "alerts"

# One alert's own pages, behind the signed link in its emails.
own_alert_urls = [
    path("unsubscribe/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("", views.ManageView.as_view(), name="manage"),
]

urlpatterns = [
    path("alerts/", views.SubscribeView.as_view(), name="subscribe"),
    path("alerts/check-your-email/", views.SentView.as_view(), name="sent"),
    path("alerts/stopped/", views.EndedView.as_view(), name="ended"),
    path("alerts/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    # After the fixed addresses above: a token never shadows them.
    path("alerts/<str:token>/", include(own_alert_urls)),
]
