"""A staff page that lists stories to pick from (a case study's quotes, a change's
evidence): the story filters, one page of the stories with their filing, and the page links
that keep the filters (templates/admin/includes/story_filters.html, story_filing.html and
picker_pages.html)."""

from django.core.paginator import Paginator

from stories.filters import filter_dropping_invalid


def story_picker(request, stories, *, order, per_page):
    """The picker's context: the filters' form, the values dropped as not valid, one page of
    `stories` as the query string filters them (in `order`, with their area, themes and
    barriers), and the query string without its page, for the page links."""
    story_filter, dropped = filter_dropping_invalid(request.GET, stories, request=request)
    chosen = (
        story_filter.qs.select_related("local_area")
        .prefetch_related("themes", "barriers")
        .order_by(*order)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": story_filter.form,
        "page_obj": Paginator(chosen, per_page).get_page(request.GET.get("page")),
        "dropped": dropped,
        "query": query.urlencode(),
    }
