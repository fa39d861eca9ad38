"""Atom feeds of the published stories: all of them, and one per policy area."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from stories.context_processors import CENTRE_NAME
from stories.models import PolicyTheme, Story

FEED_SIZE = 30


class CentreFeed(Feed):
    """An Atom feed the Centre publishes: its name as the feed's author (Atom needs an
    author for the feed or for every entry; the W3C validator says so). Its entries are
    stories, case studies or changes: each links to its own page (Feed's item_link, the
    entry's get_absolute_url) and is filed under its policy areas."""

    feed_type = Atom1Feed
    author_name = CENTRE_NAME

    def author_link(self):
        return settings.INFOSTORY_SITE_URL + "/"

    def item_categories(self, entry):
        return [theme.name for theme in entry.themes.all()]


def newest(entries, by="published_at"):
    """The FEED_SIZE newest entries by the date `by` (the id breaking ties), with the
    policy areas they are filed under."""
    return entries.prefetch_related("themes").order_by(f"-{by}", "-id")[:FEED_SIZE]


class StoriesFeed(CentreFeed):
    """Published stories, newest first: the public version only."""

    title = "#InfoStory: stories of information sharing"
    subtitle = (
        "Real-life experiences where sharing information between public services has made, "
        "or could have made, a difference."
    )

    def link(self):
        return reverse("stories:list")

    def items(self):
        return newest(Story.objects.published().select_related("local_area"))

    def item_title(self, story):
        return story.public_title

    def item_description(self, story):
        return story.public_summary or story.public_body

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.published_at


class ThemeFeed(StoriesFeed):
    """Published stories in one policy area."""

    def get_object(self, request, slug):
        return get_object_or_404(PolicyTheme.objects.active(), slug=slug)

    def title(self, theme):
        return f"#InfoStory: {theme.name}"

    def link(self, theme):
        return theme.get_absolute_url()

    def items(self, theme):
        return newest(Story.objects.published().filter(themes=theme).select_related("local_area"))
