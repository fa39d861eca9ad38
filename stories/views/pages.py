import logging
from functools import lru_cache

import markdown
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from stories.caching import CachedForReadersMixin, cached_figures
from stories.models import Campaign, Story

logger = logging.getLogger(__name__)

# The home page's counts change only with the public version (which is in their key):
# the time only bounds how long an entry nobody asks for is kept.
HOME_COUNTS_SECONDS = 3600


class PageView(TemplateView):
    """A page of fixed text (privacy notice, accessibility statement)."""


# The open data's fields: one document, docs/open-data.md, read by people in the
# repository and served here as a page (the open data links to it).
OPEN_DATA_DOC = settings.BASE_DIR / "docs" / "open-data.md"


@lru_cache(maxsize=1)
def open_data_fields_html():
    text = OPEN_DATA_DOC.read_text(encoding="utf-8")
    # A Markdown document the project writes, not anyone's input: its HTML is trusted.
    return mark_safe(markdown.markdown(text, extensions=["tables"]))  # noqa: S308


class OpenDataFieldsView(TemplateView):
    """/stories/open-data/: what each field of /stories/open-data.json means."""

    template_name = "pages/open_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=open_data_fields_html(), **kwargs)


class HomeView(CachedForReadersMixin, TemplateView):
    template_name = "home.html"
    featured_count = 3

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Story.objects.published()
        # Kept under the public version, so a story published or withdrawn counts at once.
        counts, _counted_at = cached_figures(
            ("home counts",),
            lambda: published.aggregate(
                stories=Count("id"),
                made_difference=Count("id", filter=Q(outcome=Story.Outcome.MADE_DIFFERENCE)),
                areas=Count("local_area", distinct=True),
            ),
            HOME_COUNTS_SECONDS,
        )
        featured = list(
            published.select_related("local_area")
            .prefetch_related("themes")
            .order_by("-is_featured", "-published_at", "-id")[: self.featured_count]
        )
        context.update(
            # Only a campaign running today; otherwise the all-year words.
            campaign=Campaign.objects.running_on(timezone.localdate()).first(),
            counts=counts,
            featured=featured,
        )
        return context


@never_cache
def healthz(request):
    """200 after a database round trip; 503 when the database cannot be reached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database cannot be reached")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
