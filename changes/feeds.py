"""Atom feed of the public changes, the latest news first."""

from django.urls import reverse

from changes.models import Change
from stories.context_processors import CENTRE_NAME
from stories.feeds import CentreFeed, newest


class ChangesFeed(CentreFeed):
    title = "#InfoStory: the change tracker"
    subtitle = (
        "What the Centre of Excellence for Information Sharing asks for, of whom, on the "
        "evidence of the #InfoStory stories, and what changed."
    )

    def link(self):
        return reverse("changes:list")

    def items(self):
        return newest(Change.objects.public(), by="updated_at")

    def item_title(self, change):
        return f"{change.title} ({change.get_status_display().lower()})"

    def item_description(self, change):
        if change.status == Change.Status.MADE and change.what_changed:
            return f"{change.summary}\n\nWhat changed: {change.what_changed}"
        return change.summary

    def item_author_name(self, change):
        return CENTRE_NAME

    def item_pubdate(self, change):
        return change.asked_at or change.created_at

    def item_updateddate(self, change):
        return change.updated_at
