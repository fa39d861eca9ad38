"""The stories app's pages.

URL names are a contract: outside tests and links use them, so a name never changes.
"""

from django.urls import include, path, re_path

from stories import feeds
from stories.models import REFERENCE_LENGTH, REFERENCE_PREFIX
from stories.views import browse, check, insights, pages, submit, track

# Any letter or digit: the page reads nothing from the database, so no guess can probe it.
REFERENCE = rf"{REFERENCE_PREFIX}[0-9A-Z]{{{REFERENCE_LENGTH}}}"

app_name = "stories"

# The storyteller's own page and what it does, behind the private link's token.
own_story_urls = [
    path("", track.TrackView.as_view(), name="track"),
    path("answer/", track.TrackAnswerView.as_view(), name="track_answer"),
    path("<slug:action>/", track.TrackActionView.as_view(), name="track_action"),
]

urlpatterns = [
    # --- sharing a story ---
    path("share/", submit.ShareStoryView.as_view(), name="submit"),
    re_path(
        rf"^share/thanks/(?P<reference>{REFERENCE})/$",
        submit.ThanksView.as_view(),
        name="thanks",
    ),
    re_path(
        rf"^share/thanks/(?P<reference>{REFERENCE})/copy/$",
        submit.SentCopyView.as_view(),
        name="sent_copy",
    ),
    path("share/check/", check.CheckAnswersView.as_view(), name="check"),
    # --- the storyteller's own page ---
    path("share/story/", track.TrackRequestView.as_view(), name="track_request"),
    path("share/story/<str:token>/", include(own_story_urls)),
    # --- browse ---
    path("stories/", browse.StoryListView.as_view(), name="list"),
    path("stories/export/", browse.export_stories, name="export"),
    path("stories/open-data.json", browse.open_data, name="open_data"),
    path("stories/open-data/", pages.OpenDataFieldsView.as_view(), name="open_data_fields"),
    path("stories/<str:reference>/", browse.StoryDetailView.as_view(), name="detail"),
    path("themes/", browse.ThemeIndexView.as_view(), name="themes"),
    path("themes/<slug:slug>/", browse.ThemeStoryListView.as_view(), name="theme"),
    path("areas/", browse.AreaIndexView.as_view(), name="areas"),
    path("areas/<slug:slug>/", browse.AreaStoryListView.as_view(), name="area"),
    path("feeds/stories/", feeds.StoriesFeed(), name="feed"),
    path("feeds/themes/<slug:slug>/", feeds.ThemeFeed(), name="theme_feed"),
    # --- insights ---
    path("insights/", insights.InsightsView.as_view(), name="insights"),
    path(
        "insights/<slug:panel>.csv",
        insights.InsightsCsvView.as_view(),
        name="insights_csv",
    ),
]
