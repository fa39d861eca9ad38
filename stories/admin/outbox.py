"""The email outbox in the admin: every stored email, its status and its failed tries.

Managers see emails that could not be sent and try them again (stories.outbox.retry).
The stored email is read-only: what was written is what goes. Its message is shown
with the private links it carries hidden (stories.private_link.hide_private_links).
"""

import post_office.admin  # noqa: F401 (registers the library's admin, replaced below)
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from post_office.models import STATUS, Email, Log

from stories import outbox
from stories.private_link import hide_private_links


@admin.action(description="Try the selected emails again now", permissions=["change"])
def try_again(modeladmin, request, queryset):
    count = outbox.retry(queryset)
    if not count:
        modeladmin.message_user(
            request,
            "None of the selected emails had failed: those waiting are sent by send_due.",
            messages.WARNING,
        )
        return
    sent = outbox.deliver(queryset.values_list("pk", flat=True)) if count else 0
    modeladmin.message_user(
        request,
        f"{count} email(s) tried again: {sent} sent"
        + ("." if sent == count else "; the rest wait for the next try (send_due)."),
        messages.SUCCESS if sent == count else messages.WARNING,
    )


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (str(STATUS.failed), "Failed (gave up)"),
            ("waiting", "Waiting to be sent or retried"),
            (str(STATUS.sent), "Sent"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(status__in=outbox.WAITING)
        if self.value() in (str(STATUS.failed), str(STATUS.sent)):
            return queryset.filter(status=int(self.value()))
        return queryset


admin.site.unregister(Email)


@admin.register(Email)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ["subject", "to_display", "status", "tries", "next_try", "created"]
    list_filter = [StatusFilter]
    search_fields = ["to", "subject"]
    ordering = ["-created", "-id"]
    actions = [try_again]
    fields = [
        "to",
        "subject",
        "body",
        "status",
        "number_of_retries",
        "scheduled_time",
        "created",
        "last_updated",
        "failed_tries",
    ]
    readonly_fields = fields
    show_full_result_count = False
    # The library's page links its own "resend" view, which sends without claiming.
    change_form_template = "admin/stories/styled_change_form.html"
    change_list_template = "admin/stories/styled_change_list.html"

    @admin.display(description="message")
    def body(self, email):
        """What was written, without the private links it carries: a manager holding one
        could act as the storyteller, or confirm or stop someone's alert."""
        return hide_private_links(email.message or "")

    @admin.display(description="to")
    def to_display(self, email):
        return ", ".join(email.to)

    @admin.display(description="failed tries", ordering="number_of_retries")
    def tries(self, email):
        return email.number_of_retries or 0

    @admin.display(description="next try", ordering="scheduled_time")
    def next_try(self, email):
        if email.status not in outbox.WAITING:
            return "-"
        if email.scheduled_time is None:
            return "now"
        return timezone.localtime(email.scheduled_time).strftime("%d %b %Y %H:%M")

    @admin.display(description="failed tries")
    def failed_tries(self, email):
        """Each failed try: when, and what the mail server said."""
        logs = list(Log.objects.filter(email=email).order_by("date"))
        if not logs:
            return "None."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} ({})</li>",
                (
                    (
                        timezone.localtime(log.date).strftime("%d %b %Y %H:%M"),
                        log.message,
                        log.exception_type,
                    )
                    for log in logs
                ),
            ),
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
