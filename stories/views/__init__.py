"""The portal's pages: pages.py (home, static pages, healthz), submit.py (sharing a
story), check.py (checking the answers before sending), track.py (the storyteller's own
page), browse.py (stories, themes, areas, exports, open data) and insights.py (staff)."""
