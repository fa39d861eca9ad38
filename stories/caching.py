"""Caching that keeps the portal fast at 100,000 stories, and never shows the wrong thing.

Public pages for readers who are not signed in
    The home page, the story list (with its filters, search and page numbers), a theme, an
    area, a story, and the theme and area indexes are kept whole, per address, for
    INFOSTORY_PUBLIC_CACHE_SECONDS. Only a request that carries no session cookie and no
    pending message is served from, or stored in, this cache, and only a 200 page that
    sets no cookie is stored: staff (signed in, so with a session cookie) always get the
    page made for them, and nobody gets a page made for someone else.

    Every key carries the *public version* (infostory.public, the one home for "what
    the public sees changed"): a new version makes every older page unreachable at
    once; the old entries expire by themselves. The version is held in the database and
    read once per request, so every worker of every process sees a change when it
    commits, with Redis or with each process's own memory cache.

The insights figures (stories/views/insights.py) are counted from the story index
(stories/story_index.py, read again after INFOSTORY_INSIGHTS_CACHE_SECONDS) and kept per set
of filters for as long as that index; the page says when the stories were read.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse

from infostory.public import public_changed, public_version

PAGE_KEY = "public-page"
# How long a request waits for figures another request is already counting (they take
# 1-4 s cold at 100,000 stories), and how often it looks.
FIGURES_WAIT_SECONDS = 10.0
WAIT_STEP_SECONDS = 0.05


def reference_data_changed(sender, **kwargs):
    """A receiver: something the public pages show beside the stories was saved or
    deleted (a policy area, place, barrier, campaign or tag)."""
    public_changed(reason=f"{sender._meta.label} saved or deleted")


# --- whole public pages ---


def serves_from_cache(request):
    """Whether this request may be answered with, or stored as, a shared public page."""
    return (
        settings.INFOSTORY_PUBLIC_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def _page_key(request):
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"{PAGE_KEY}:{public_version()}:{address}"


def _may_store(request, response):
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )


# --- one refresh at a time ---
#
# An entry is (value, fresh_until) and outlives its freshness. When it goes stale, the
# first caller to take the refresh lock computes it again while every other caller keeps
# getting the stale copy: no stampede of identical recounts when a popular page expires.


def _fresh_or_stale(key, wait=0.0):
    """(value, refreshing): the cached value, or None when the caller should compute it;
    refreshing is True when the caller took the refresh lock, and must then end with
    _remember (stored) or _release (not stored, or failed), however its request ends.

    With wait, a cold key is computed once too: the first caller takes the lock and
    computes while the others wait up to `wait` seconds for its result (and compute it
    themselves only if it never comes), instead of all counting the same thing at once.
    The lock is in the cache: with Redis it holds across workers, with the per-process
    memory cache only within one process.
    """
    entry = cache.get(key)
    if entry is None:
        if not wait:
            return None, False
        if cache.add(f"{key}:refreshing", 1, timeout=30):
            return None, True
        return _wait_for(key, wait), False
    value, fresh_until = entry
    if time.time() < fresh_until:
        return value, False
    if cache.add(f"{key}:refreshing", 1, timeout=30):
        return None, True
    return value, False


def _wait_for(key, seconds):
    """The value another caller is computing, once it is stored; None after seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        entry = cache.get(key)
        if entry is not None:
            return entry[0]
    return None


def _remember(key, value, seconds):
    cache.set(key, (value, time.time() + seconds), timeout=2 * seconds + 30)
    _release(key)


def _release(key):
    cache.delete(f"{key}:refreshing")


class CachedForReadersMixin:
    """For a public page's view: the whole page, shared by readers who are not signed in."""

    def dispatch(self, request, *args, **kwargs):
        if not serves_from_cache(request):
            return super().dispatch(request, *args, **kwargs)
        key = _page_key(request)
        cached, refreshing = _fresh_or_stale(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        stored = False
        try:
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if _may_store(request, response):
                _remember(
                    key,
                    (response.content, response["Content-Type"]),
                    settings.INFOSTORY_PUBLIC_CACHE_SECONDS,
                )
                stored = True
            elif refreshing:
                # Not a page to keep (a 404 once the story left, a cookie set): the stale
                # copy must not be served any more either.
                cache.delete(key)
        finally:
            if refreshing and not stored:
                _release(key)
        return response


# --- figures cached for a short time ---


def cached_figures(key_parts, compute, seconds):
    """compute(), kept for seconds under a key made of key_parts; (value, counted at)."""
    digest = hashlib.sha256(repr(key_parts).encode()).hexdigest()
    key = f"figures:{public_version()}:{digest}"
    found, refreshing = (None, False)
    if seconds > 0:
        found, refreshing = _fresh_or_stale(key, wait=FIGURES_WAIT_SECONDS)
    if found is not None:
        return found
    try:
        found = (compute(), time.time())
    finally:
        if refreshing and found is None:
            _release(key)  # compute() failed: the next caller tries again
    if seconds > 0:
        _remember(key, found, seconds)
    return found
