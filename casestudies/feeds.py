"""Atom feed of the published case studies, newest first."""

from django.urls import reverse

from casestudies.models import CaseStudy
from stories.feeds import CentreFeed, newest


class CaseStudiesFeed(CentreFeed):
    title = "#InfoStory: case studies"
    subtitle = (
        "In-depth case studies of places and themes from the Centre of Excellence for "
        "Information Sharing, built from the #InfoStory stories."
    )

    def link(self):
        return reverse("casestudies:list")

    def items(self):
        return newest(CaseStudy.objects.published())

    def item_title(self, case_study):
        return case_study.title

    def item_description(self, case_study):
        return case_study.summary

    def item_pubdate(self, case_study):
        return case_study.published_at

    def item_updateddate(self, case_study):
        return case_study.updated_at
