"""Browse the stories by policy area and by local area: one set of views for everyone.

Every view starts from Story.objects.visible_to(user): the public sees published stories
(their public version), staff see accepted ones too, with the original words. Anything
else is a 404. Filters live in the query string (stories/filters.py); a value that
cannot be used is dropped with a message, never a 500. Searches (a request with words in
?q=) count against INFOSTORY_SEARCH_RATE per address (stories/throttling.py); browsing
without words is never throttled.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponseBadRequest, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.generic import DetailView, TemplateView

from infostory.public import public_version
from stories import exports
from stories.caching import CachedForReadersMixin
from stories.filters import FILTER_LABELS, MULTI_VALUED, StoryFilter, areas_within, having
from stories.labels import story_labels
from stories.models import LocalArea, PolicyTheme, Story, area_ids_within, children_in
from stories.permissions import can_export, can_read_evidence
from stories.search import ranked_matches, snippet_fields, snippets_for
from stories.throttling import throttle

PAGE_SIZE = 20
# The list pages show this many stories at most, page by page (BoundedPaginator).
LISTED_STORIES = 1000

# Sections other apps add to a story's page, registered at their ready() (the case
# studies quoting it), so the stories app never imports them: name -> function(story)
# returning (template name, context), or None to add nothing.
STORY_PAGE_PANELS = {}


def has_search_words(request):
    return any(value.strip() for value in request.GET.getlist("q"))


# Full-text search is the costly request anyone can send: count searches per address.
search_throttle = throttle(
    scope="search",
    rate_setting="INFOSTORY_SEARCH_RATE",
    methods=("GET", "HEAD"),
    when=has_search_words,
)


# The open data is sent from a copy, but every request still costs a file's worth of
# bandwidth: count them per address.
open_data_throttle = throttle(
    scope="open-data", rate_setting="INFOSTORY_OPEN_DATA_RATE", methods=("GET", "HEAD")
)


def list_order(is_staff):
    """A stable order: newest first, the id breaking ties."""
    return ["-submitted_at", "-id"] if is_staff else ["-published_at", "-id"]


def filter_data(request):
    """The query string without the parameters that are not filters."""
    data = request.GET.copy()
    for ignored in ("page", "format"):
        data.pop(ignored, None)
    return data


def usable_filter(request, make_filter, *, report=True):
    """The list's filter over the query string (make_filter(data) -> a bound FilterSet
    with filter_label(name) and label_for(name, value)), with each value it cannot use
    dropped and, if report, said in a message: the list still answers. What was dropped
    is kept in its dropped, {name: {"errors", "typed"}}, to show beside the filter."""
    data = filter_data(request)
    list_filter = make_filter(data)
    dropped = {}
    if not list_filter.is_valid():
        for name, errors in list_filter.errors.items():
            if report:
                label = list_filter.filter_label(name)
                messages.warning(request, f"{label}: {' '.join(errors)} This filter was ignored.")
            dropped[name] = {"errors": errors, "typed": data.get(name, "")}
            data.pop(name, None)
        list_filter = make_filter(data)
        list_filter.is_valid()
    list_filter.dropped = dropped
    return list_filter


def filtered_stories(request, queryset, *, is_staff, report=True):
    """Apply the query-string filters; drop (and report) the values that are not valid."""
    return usable_filter(
        request,
        lambda data: StoryFilter(data, queryset, request=request, is_staff=is_staff),
        report=report,
    )


def active_choices(request, list_filter, names=FILTER_LABELS, multi_valued=MULTI_VALUED):
    """The filters in use, in the order of names, each with a link that removes just that
    one (one value of a filter that takes several)."""
    chosen = []
    cleaned = list_filter.form.cleaned_data
    base = request.GET.copy()
    base.pop("page", None)
    for name in names:
        value = cleaned.get(name)
        if value in (None, "", []):
            continue
        values = value if name in multi_valued else [value]
        for one in values:
            remaining = base.copy()
            if name in multi_valued:
                raw = one.isoformat() if hasattr(one, "isoformat") else str(one)
                remaining.setlist(name, [v for v in base.getlist(name) if v != raw])
            else:
                remaining.pop(name, None)
            query = remaining.urlencode()
            chosen.append(
                {
                    "filter": list_filter.filter_label(name),
                    "value": list_filter.label_for(name, one),
                    "remove_url": request.path + (f"?{query}" if query else ""),
                }
            )
    return chosen


def menu_key(request, is_staff, offered):
    """What the search and filter menu shows: the page's address and filters (not its
    page number), who is asking, and every choice it offers (offered: {filter: [(slug,
    name)]}, read for this request). Keyed by what it shows, a tag put on an accepted
    story is in staff's menu at once, and new reference data in everyone's."""
    filters = sorted((name, value) for name, value in filter_data(request).lists())
    parts = (request.path, filters, is_staff, sorted(offered.items()))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class BoundedPaginator(Paginator):
    """Pages of at most the first `limit` items of an ordered queryset.

    Counting every match of a broad filter and reading a page thousands of rows deep
    cost 200-800 ms each at 100,000 stories, and nobody reads page 3,000 of a list: so
    the count stops at limit + 1 (`more` says there were more) and the pages end at the
    limit. Readers reach older stories by narrowing the list (dates, a policy area, a
    place, a search), and the exports and the open data still have every story.
    """

    def __init__(self, object_list, per_page, *, limit=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit
        self.more = False

    @cached_property
    def count(self):
        if self.limit is None:
            return super().count
        if not isinstance(self.object_list, QuerySet):  # a search's ranked matches
            self.more = len(self.object_list) > self.limit
            return min(len(self.object_list), self.limit)
        # Any limit + 1 of them will do for counting: without the list's order the database
        # may take them in whatever order is cheapest.
        found = self.object_list.order_by()[: self.limit + 1].count()
        self.more = found > self.limit
        return min(found, self.limit)


def paginate(request, queryset, per_page=PAGE_SIZE, limit=None):
    """One page of the queryset (of its first `limit` items, when given); a page that is
    not a number or out of range is explained."""
    paginator = BoundedPaginator(queryset, per_page, limit=limit)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        messages.warning(request, "That page number is not a number, so here is the first page.")
        number = 1
    if number < 1:
        messages.warning(request, "Pages start at 1, so here is the first page.")
        number = 1
    elif number > paginator.num_pages and paginator.more:
        messages.warning(
            request,
            f"The list goes to page {paginator.num_pages} (the newest {paginator.limit:,}), "
            "so here is the last one. To see older stories, narrow the list with a search, "
            "a policy area, a place or dates.",
        )
        number = paginator.num_pages
    elif number > paginator.num_pages:
        messages.warning(
            request, f"There are only {paginator.num_pages} pages, so here is the last one."
        )
        number = paginator.num_pages
    return paginator.page(number)


class CentreListView(CachedForReadersMixin, TemplateView):
    """A public list of the Centre's own writing (case studies, changes): what this reader
    may see of the model (model.objects.visible_to), filtered over the query string by
    make_filter(data) (filter_class by default; a value it cannot use dropped with a
    message), a page at a time, with the filters in use (filter_labels) each a link that
    removes it. The page's items are context_object_name in the template; ordered, with
    what a card reads, by listed()."""

    model = None
    items_named = ""  # what the list is of, in the page's words: "case studies"
    filter_class = None
    filter_labels = {}
    context_object_name = None

    @cached_property
    def visible(self):
        return self.model.objects.visible_to(self.request.user)

    def make_filter(self, data):
        return self.filter_class(data, self.visible, request=self.request)

    def listed(self, queryset):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        list_filter = usable_filter(self.request, self.make_filter)
        page = paginate(self.request, self.listed(list_filter.qs))
        chosen = active_choices(self.request, list_filter, self.filter_labels, multi_valued=())
        context.update(filter=list_filter, form=list_filter.form, page_obj=page, chosen=chosen)
        context[self.context_object_name] = list(page.object_list)
        return context


class CentrePageView(CachedForReadersMixin, DetailView):
    """The public page of one case study or change: what this reader may see of the model,
    read with all its page shows (read_for_page), and the page's own full address
    (page_url) for its canonical link and its sharing details."""

    model = None

    def read_for_page(self, queryset):
        return queryset

    def get_queryset(self):
        return self.read_for_page(self.model.objects.visible_to(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_url"] = self.request.build_absolute_uri(self.object.get_absolute_url())
        return context


@method_decorator(search_throttle, name="dispatch")
class StoryListView(CachedForReadersMixin, TemplateView):
    """/stories/: the filtered, searchable, paginated list."""

    template_name = "stories/story_list.html"
    fixed = None  # "theme" or "area" on their own pages

    def base_queryset(self):
        return Story.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        is_staff = can_read_evidence(self.request.user)
        story_filter = filtered_stories(self.request, self.base_queryset(), is_staff=is_staff)
        search_text = story_filter.form.cleaned_data.get("q") or ""
        queryset = story_filter.qs.select_related("local_area").only(
            *Story.CARD_FIELDS, *snippet_fields(search_text, include_original=is_staff)
        )
        order = list_order(is_staff)
        if search_text:
            queryset = ranked_matches(
                queryset, search_text, include_original=is_staff, newest_first=order
            )
        else:
            queryset = queryset.order_by(*order)
        page = paginate(self.request, queryset, limit=LISTED_STORIES)
        stories = list(page.object_list)
        prefetch_related_objects(stories, "themes")
        snippets = snippets_for(stories, search_text, include_original=is_staff)
        for story in stories:
            story.snippet = snippets.get(story.pk)
        context.update(
            filter=story_filter,
            form=story_filter.form,
            page_obj=page,
            stories=stories,
            search_text=search_text,
            chosen=active_choices(self.request, story_filter),
            is_staff_reader=is_staff,
            can_export=can_export(self.request.user),
            fixed=self.fixed,
            export_query=self._export_query(),
            # The search and filter menu is the same for everyone who asks the same
            # filters of the same page (whatever the page number) and is offered the same
            # choices, so it is rendered once for them: a fifth of a list page's rendering.
            menu_key=menu_key(self.request, is_staff, story_filter.offered),
            menu_seconds=settings.INFOSTORY_PUBLIC_CACHE_SECONDS,
        )
        return context

    def _export_query(self):
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        return query


class ThemeStoryListView(StoryListView):
    """/themes/<slug>/: the stories in one policy area."""

    fixed = "theme"

    def get(self, request, *args, **kwargs):
        self.theme = get_object_or_404(PolicyTheme.objects.active(), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        stories = super().base_queryset()
        return having(stories, themes=self.theme)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["theme"] = self.theme
        return context


class AreaStoryListView(StoryListView):
    """/areas/<slug>/: the stories of one place, and of the councils inside it."""

    fixed = "area"

    def get(self, request, *args, **kwargs):
        self.area = get_object_or_404(
            LocalArea.objects.active().select_related("parent"), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return super().base_queryset().filter(local_area__in=areas_within([self.area.slug]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["area"] = self.area
        context["area_children"] = list(self.area.children.active())
        return context


class StoryDetailView(CachedForReadersMixin, DetailView):
    """/stories/<reference>/: the public version; for staff the original words too."""

    template_name = "stories/story_detail.html"
    context_object_name = "story"
    slug_field = "reference"
    slug_url_kwarg = "reference"

    def get_queryset(self):
        return Story.objects.visible_to(self.request.user).select_related("local_area", "campaign")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        context.update(
            is_staff_reader=can_read_evidence(self.request.user),
            submitter=story.submitter_details_for(self.request.user),
            is_published=story.status == Story.Status.PUBLISHED,
            labels=story_labels(story),
            share_url=self.request.build_absolute_uri(story.get_absolute_url()),
            panels=[
                render_to_string(*panel, request=self.request)
                for panel in (build(story) for build in STORY_PAGE_PANELS.values())
                if panel
            ],
        )
        return context


class StoryIndexView(CachedForReadersMixin, TemplateView):
    """An index of the stories (by policy area, by local area): each entry counts the
    stories this reader may see (annotate with stories_counted()), which for staff include
    the accepted ones (is_staff_reader)."""

    def stories_counted(self):
        visible = Story.objects.visible_to(self.request.user)
        return Count("stories", filter=Q(stories__in=visible.values("pk")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_staff_reader"] = can_read_evidence(self.request.user)
        return context


class ThemeIndexView(StoryIndexView):
    """/themes/: every policy area, with how many stories each has."""

    template_name = "stories/theme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["themes"] = PolicyTheme.objects.active().annotate(
            story_count=self.stories_counted()
        )
        return context


class AreaIndexView(StoryIndexView):
    """/areas/: the places by region; a partnership counts its councils' stories too."""

    template_name = "stories/area_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas = list(
            LocalArea.objects.active()
            .annotate(own_count=self.stories_counted())
            .order_by("region", "name")
        )
        by_id = {area.pk: area for area in areas}
        children_of = children_in(areas)
        for area in areas:  # each area counts the stories of every area inside it
            inside = area_ids_within(children_of({area.pk}), children_of)
            area.in_a_loop = area.pk in inside  # a broken parent link: shown at the top
            area.story_count = sum(by_id[pk].own_count for pk in inside | {area.pk})
            area.child_areas = []
        for area in areas:
            parent = by_id.get(area.parent_id)
            if parent is not None and not area.in_a_loop:
                parent.child_areas.append(area)
        regions = {}
        for area in areas:
            if area.parent_id not in by_id or area.in_a_loop:
                regions.setdefault(area.region or "National and other", []).append(area)
        context["regions"] = sorted(regions.items())
        return context


def export_stories(request):
    """/stories/export/?format=csv|json&<filters>: the filtered list, streamed, for staff."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_export(request.user):
        raise PermissionDenied
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "json"):
        raise Http404("Exports are CSV or JSON.")
    # An export must be exactly what was asked for: a filter that cannot be used is refused
    # (400, naming it), never dropped, so the file never holds more stories than intended.
    story_filter = StoryFilter(
        filter_data(request),
        Story.objects.visible_to(request.user),
        request=request,
        is_staff=True,
    )
    if not story_filter.is_valid():
        problems = "; ".join(
            f"{story_filter.filter_label(name)} ({name}): {' '.join(errors)}"
            for name, errors in story_filter.errors.items()
        )
        return HttpResponseBadRequest(
            f"These filters cannot be used, so nothing was exported: {problems}",
            content_type="text/plain; charset=utf-8",
        )
    queryset = story_filter.qs.order_by(*list_order(True))
    return exports.staff_export(queryset, user=request.user, kind=kind)


@search_throttle
@open_data_throttle
def open_data(request):
    """/stories/open-data.json: published stories, public version only, under the OGL.

    Sent from a copy written once per public version (stories.exports.open_data_copy):
    an ETag lets a re-user ask again cheaply, and no-cache makes them ask, so a story
    withdrawn is out of what they get at once."""
    version = public_version()
    story_filter = filtered_stories(
        request, Story.objects.published(), is_staff=False, report=False
    )
    queryset = story_filter.qs.order_by(*list_order(False))
    copy = exports.open_data_copy(
        queryset, request=request, version=version, filters=sorted(story_filter.data.lists())
    )
    if copy is None:
        return exports.open_data_export(queryset, request=request)
    path, etag = copy
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(open(path, "rb"), content_type="application/json")  # noqa: SIM115
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    response["Access-Control-Allow-Origin"] = "*"
    return response
