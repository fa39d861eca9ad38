"""The portal's pages: pages.py (home, static pages, healthz), submit.py (sharing a
story), browse.py (stories, themes, areas, exports, open data) and insights.py (staff)."""
