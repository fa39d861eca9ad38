"""The one home for "what the public sees changed" (a placeholder with the agreed
interface; the core branch owns the real module)."""

from stories.caching import public_stories_changed, public_version  # noqa: F401


def public_changed(*, reason=""):
    public_stories_changed()
