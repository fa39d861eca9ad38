"""What a case study page shows, built once for the page, the admin preview and the PDF.

Queries are fixed whatever the number of sections and quotes: the case study, its
places, its themes, its sections with their barriers, and its visible quotes with their
stories.
"""

from django.conf import settings
from django.db.models import Prefetch

from casestudies.models import CaseStudy, CaseStudyQuote, CaseStudySection
from stories.caching import cached_figures


def with_everything(queryset):
    return queryset.prefetch_related(
        "local_areas",
        "themes",
        Prefetch(
            "sections",
            queryset=CaseStudySection.objects.prefetch_related("barriers").order_by(
                "position", "id"
            ),
        ),
    )


def page_context(case_study):
    """The sections (each with its quotes), the other quotes, and the stories quoted."""
    quotes = list(
        CaseStudyQuote.objects.filter(case_study=case_study)
        .visible()
        .select_related("story")
        .order_by("position", "id")
    )
    sections = list(case_study.sections.all())
    by_section = {section.pk: [] for section in sections}
    loose = []
    for quote in quotes:
        by_section.get(quote.section_id, loose).append(quote)
    for section in sections:
        section.visible_quotes = by_section[section.pk]
        section.barrier_list = list(section.barriers.all())
    stories = list({quote.story.pk: quote.story for quote in quotes}.values())
    return {
        "case_study": case_study,
        "sections": sections,
        "loose_quotes": loose,
        "quoted_stories": stories,
        "places": list(case_study.local_areas.all()),
        "themes": list(case_study.themes.all()),
        "is_draft": case_study.status != CaseStudy.Status.PUBLISHED,
    }


def quoted_story_ids():
    """The ids of the stories quoted in a published case study: few, and read once per
    public version (any change to a case study or a quote makes a new one), so the page
    of a story nobody quotes, nearly every story, asks nothing more."""
    ids, _read_at = cached_figures(
        ("quoted-story-ids",),
        lambda: frozenset(
            CaseStudyQuote.objects.filter(
                case_study__status=CaseStudy.Status.PUBLISHED
            ).values_list("story_id", flat=True)
        ),
        max(settings.INFOSTORY_PUBLIC_CACHE_SECONDS, 0),
    )
    return ids


def quoted_in_panel(story):
    """On a published story's page: the published case studies where the public reads its
    words now (the quotes CaseStudyQuote.objects.visible() shows). No query for a story
    no published case study quotes; one for those it does."""
    if story.status != story.Status.PUBLISHED or story.pk not in quoted_story_ids():
        return None
    case_studies = list(
        CaseStudy.objects.published()
        .filter(quotes__in=CaseStudyQuote.objects.filter(story=story).visible())
        .distinct()
        .only("title", "slug", "published_at")
        .order_by("-published_at", "-id")
    )
    if not case_studies:
        return None
    return "casestudies/includes/quoted_in.html", {"case_studies": case_studies}


def quoting_your_story_panel(story):
    """On the storyteller's own page: the published case studies that quote their story
    where the public reads it now (the same rule as the story page's panel)."""
    panel = quoted_in_panel(story)
    if panel is None:
        return None
    return "casestudies/includes/quoting_your_story.html", panel[1]
