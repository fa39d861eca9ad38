def portal(request):
    """Names every page uses."""
    return {"HASHTAG": "#InfoStory", "CENTRE_NAME": "Centre of Excellence for Information Sharing"}
