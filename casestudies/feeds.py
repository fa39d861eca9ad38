"""Atom feed of the published case studies, newest first."""

from django.urls import reverse

from casestudies.models import CaseStudy
from stories.feeds import CentreFeed

FEED_SIZE = 30


class CaseStudiesFeed(CentreFeed):
    title = "#InfoStory: case studies"
    subtitle = (
        "In-depth case studies of places and themes from the Centre of Excellence for "
        "Information Sharing, built from the #InfoStory stories."
    )

    def link(self):
        return reverse("casestudies:list")

    def items(self):
        return (
            CaseStudy.objects.published()
            .prefetch_related("themes")
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, case_study):
        return case_study.title

    def item_description(self, case_study):
        return case_study.summary

    def item_link(self, case_study):
        return case_study.get_absolute_url()

    def item_pubdate(self, case_study):
        return case_study.published_at

    def item_updateddate(self, case_study):
        return case_study.updated_at

    def item_categories(self, case_study):
        return [theme.name for theme in case_study.themes.all()]
