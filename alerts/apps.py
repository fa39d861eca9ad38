from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = "Alerts and follow-ups"

    def ready(self):
        # send_due (stories.outbox) runs each app's due work before sending the outbox.
        from alerts import digests, followups, subscribing
        from stories import outbox, privacy

        digests.register()
        outbox.DUE_WORK["unconfirmed_deleted"] = digests.delete_unconfirmed
        outbox.DUE_WORK["follow_ups"] = followups.send_follow_ups
        outbox.DUE_WORK["digests"] = digests.send_digests
        outbox.CONTACT_TEMPLATES.add(followups.TEMPLATE)
        privacy.HELD_ELSEWHERE["alert subscriptions"] = privacy.HeldElsewhere(
            export=subscribing.subscriptions_held, erase=subscribing.forget_subscriptions
        )
