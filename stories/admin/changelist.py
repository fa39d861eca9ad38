"""What keeps the moderation queue quick at 100,000 stories: the page count, the date
links above the list, and the rows."""

import datetime
import html
import json
import re

from django.contrib.admin.filters import FieldListFilter
from django.contrib.admin.templatetags.admin_list import ResultList, items_for_result
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    lookup_field,
    lookup_spawns_duplicates,
    quote,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import connections, models
from django.db.models import F, Max, Min, Subquery, prefetch_related_objects
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from stories.admin.filters import HavingRelatedFilter
from stories.models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    REFERENCE_PREFIX,
    StoryQuerySet,
)
from stories.search import matching_stories

# The start of a reference, with or without its prefix ("IS-7Q4", "7q4k"): found through
# the reference's own index (LIKE 'IS-7Q4%').
REFERENCE_START = re.compile(
    rf"(?:{REFERENCE_PREFIX})?(?P<body>[{REFERENCE_ALPHABET}]{{1,{REFERENCE_LENGTH}}})",
    re.IGNORECASE,
)


def queue_search(queryset, term, *, with_email=False):
    """The stories of queryset that the queue's search box finds for term.

    The words through the stored full-text vectors (stories.search, the person's words
    and the public version), a reference by its start, and, for whoever may see contact
    details, an exact email address. Searching five text fields with icontains read every
    row: 5-9 s at 100,000 stories.
    """
    term = term.strip()
    if not term:
        return queryset
    # One WHERE with ORs (not a subquery of matches), so the date links' MIN and MAX
    # still walk the submitted_at index and stop at the first match.
    found = matching_stories(queryset, term, include_original=True)
    start = REFERENCE_START.fullmatch(term)
    if start:
        found |= queryset.filter(reference__startswith=REFERENCE_PREFIX + start["body"].upper())
    if with_email and "@" in term:
        found |= queryset.filter(email__iexact=term)
    return found


class StoryPaginator(Paginator):
    """Counts exactly up to a limit; beyond it, on PostgreSQL, asks the planner instead.

    At 100,000 stories an exact COUNT(*) on every page of the queue is the slowest query
    on the page; the planner's estimate is good enough to number the pages. Up to 5,000
    (100 pages) the count is exact: counting to 20,000 took 20 ms for one theme and 35-45
    ms for a search for a common word, to 5,000 a quarter of that.
    """

    exact_count_limit = 5_000

    @cached_property
    def count(self):
        queryset = self.object_list
        # Counted by id: a filter on themes or barriers makes the list DISTINCT, and
        # DISTINCT over every column of every story took 300-800 ms.
        ids = queryset.order_by().values("pk")
        capped = ids[: self.exact_count_limit + 1].count()
        if capped <= self.exact_count_limit:
            return capped
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return queryset.count()
        # The estimate for the ids alone: the same rows, without the columns and
        # subqueries of the list to plan.
        sql, params = ids.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return max(int(plan[0]["Plan"]["Plan Rows"]), capped)

    def page(self, number):
        """The page's ids first, read from the queue's index alone, then those rows.

        Skipping 60,000 rows to page 1,200 read each of them from the table: 400-1,000 ms.
        The ids come from the index (it carries the columns the list filters on most,
        is_suspected_spam and status), so skipping costs 10-15 ms; then only the 50 rows
        shown are read, in the same order.
        """
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return Page(self.object_list.filter(pk__in=ids), number, self)


def _escaped(value):
    """django.utils.html.conditional_escape's text, without its check for lazy
    arguments (a third of its time, on every cell of the list)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _column_class(name, index):
    """The class of a column's cells, as the admin's row layout names it: the field or
    method's name, "lambda<index>" for an anonymous function."""
    if callable(name):
        return f"lambda{index}" if name.__name__ == "<lambda>" else name.__name__
    return name


def _model_field(opts, name):
    """The model field admin.utils.lookup_field takes the column name for, or None where
    it looks for an attribute instead: a name that is no field, a generic foreign key, a
    reverse relation, a foreign key's column name (such as assigned_to_id)."""
    try:
        field = opts.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.is_relation and ((field.many_to_one and not field.related_model) or field.one_to_many):
        return None
    if field.is_relation and not field.many_to_many and getattr(field, "attname", None) == name:
        return None
    return field


def _edge_field(aggregate):
    """The field name of MIN(field) or MAX(field), None for any other aggregate."""
    if type(aggregate) not in (Min, Max) or aggregate.filter is not None:
        return None
    source = aggregate.get_source_expressions()[0]
    return source.name if isinstance(source, F) else None


class QueueQuerySet(StoryQuerySet):
    """The admin list's stories, with date links that cost two index lookups.

    The date links above the list (date_hierarchy) ask for every year, then every month,
    that has stories: a DISTINCT over the date of every story, 100 ms at 100,000 stories
    on each page of the queue. Here the years or months run from the first story's date
    to the last one's (MIN and MAX, read from the submitted_at index), so a year or month
    in between with no story at all would still be offered, and lead to an empty list.
    Days (within one month) are counted exactly.
    """

    @classmethod
    def over(cls, queryset):
        """The same query as queryset (its filters and order), as a QueueQuerySet."""
        return cls(model=queryset.model, query=queryset.query.chain(), using=queryset.db)

    def aggregate(self, *args, **kwargs):
        """The date links' MIN and MAX as the first and the last story in that order.

        The same plan PostgreSQL makes of MIN and MAX over one table (the submitted_at
        index, walked until the first match), and also when a filter is a subquery or a
        join (themes, barriers), where MIN and MAX read every match: 20 ms for a theme at
        100,000 stories instead of 1. Without DISTINCT, which never moves a MIN or MAX
        (over every column of every match it took 1-2 s). Kept on this queryset: the date
        links ask for the same bounds twice.
        """
        if args or not kwargs or not all(_edge_field(a) for a in kwargs.values()):
            return super().aggregate(*args, **kwargs)
        known = self.__dict__.setdefault("_edges", {})
        wanted = {(type(a), _edge_field(a)) for a in kwargs.values()}
        missing = wanted - known.keys()
        if missing:
            known.update(self._edges_of(missing))
        return {key: known[type(a), _edge_field(a)] for key, a in kwargs.items()}

    def _edges_of(self, edges):
        """{(Min or Max, field): value} in one query: the first row in the order of one
        edge, with the others as subqueries."""
        undistinct = self.order_by()
        undistinct.query.distinct = False
        columns = {}
        for kind, field in edges:
            order = "-" + field if kind is Max else field
            ordered = undistinct.filter(**{f"{field}__isnull": False}).order_by(order)
            columns[kind, field] = ordered.values(field)
        (outer, query), *others = columns.items()
        names = {edge: f"edge_{number}" for number, edge in enumerate(columns)}
        row = (
            query.annotate(**{names[edge]: Subquery(sub[:1]) for edge, sub in others})
            .values_list(outer[1], *(names[edge] for edge, _sub in others))
            .first()
        )
        if row is None:
            return dict.fromkeys(columns)
        return dict(zip(columns, row, strict=True))

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind not in ("year", "month"):
            return super().datetimes(field_name, kind, order=order, tzinfo=tzinfo)
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        zone = tzinfo or timezone.get_current_timezone()
        first, last = (timezone.localtime(bounds[end], zone) for end in ("first", "last"))
        start = {"hour": 0, "minute": 0, "second": 0, "microsecond": 0, "day": 1}
        current = first.replace(month=1 if kind == "year" else first.month, **start)
        periods = []
        while current <= last:
            periods.append(current)
            if kind == "year" or current.month == 12:
                current = current.replace(year=current.year + 1, month=1)
            else:
                current = current.replace(month=current.month + 1)
        return periods if order == "ASC" else periods[::-1]


class QueueChangeList(ChangeList):
    """The story list's rows, laid out as Django lays them out, for less.

    Each row has two links (reference and title), and for each Django reversed the story's
    URL and added the list's filters to it by parsing them again and resolving the URL:
    a third of the time of the row layout. The filters are the same on every row, so here
    they are worked out once, and the URL is the same pattern with the story's id. The
    rows read only the story's fields the columns show (StoryAdmin.list_row_fields), not
    the person's words and the public version (a few kilobytes a story).
    """

    # Stands for the story's id in the URL pattern (never a real id: ids are numbers).
    PK_MARK = "__pk__"

    def get_filters(self, request):
        """Django's, with no DISTINCT for the filters that match in a subquery."""
        specs, has_filters, remaining, may_have_duplicates, active = super().get_filters(request)
        if may_have_duplicates:
            may_have_duplicates = any(
                lookup_spawns_duplicates(self.lookup_opts, key) for key in remaining
            ) or any(
                spec.used_parameters and lookup_spawns_duplicates(self.lookup_opts, spec.field_path)
                for spec in specs
                if isinstance(spec, FieldListFilter) and not isinstance(spec, HavingRelatedFilter)
            )
        return specs, has_filters, remaining, may_have_duplicates, active

    def get_results(self, request):
        queryset = self.queryset
        self.queryset = queryset.only(*self.model_admin.list_row_fields)
        try:
            super().get_results(request)
        finally:
            self.queryset = queryset
        # The policy areas column: every row's in one query.
        self.result_list = list(self.result_list)
        prefetch_related_objects(self.result_list, "themes")
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=(self.PK_MARK,),
            current_app=self.model_admin.admin_site.name,
        )
        # What Django's row layout adds to each link (the list's filters, to come back to).
        self._change_url = add_preserved_filters(
            {"preserved_filters": self.preserved_filters, "opts": self.opts}, url
        )
        # Already in each link: the row layout has nothing left to add.
        self.preserved_filters = ""

    def url_for_result(self, result):
        return self._change_url.replace(
            self.PK_MARK, str(quote(getattr(result, self.pk_attname))), 1
        )

    def rows(self):
        """Each row's cells, as Django's row layout (admin_list.items_for_result) writes
        them, for the admin's result_list template; the rows of an editable list are left
        to Django. Each column's field or method, class and link are worked out once for
        the page instead of once a row, and a cell is written without format_html (its
        value escaped the same way): about half the time of Django's layout.
        """
        if self.formset:
            return [ResultList(None, items_for_result(self, row, None)) for row in self.result_list]
        columns = list(self._columns())
        return [ResultList(None, [cell(row) for cell in columns]) for row in self.result_list]

    def _columns(self):
        links = self.list_display_links
        first = True
        for index, name in enumerate(self.list_display):
            link = links is not None and ((first and not links) or name in links)
            tag = ("th" if first else "td") if link else "td"
            first = first and not link
            yield self._column(index, name, link, tag)

    def _column(self, index, name, link, tag):
        model_admin = self.model_admin
        empty = model_admin.get_empty_value_display()
        classes = [f"field-{_column_class(name, index)}"]
        # What admin.utils.lookup_field finds for a model field or a ModelAdmin method
        # (the same for every row); anything else is left to it, row by row.
        field = method = shown_attr = None
        if isinstance(name, str):
            field = _model_field(self.lookup_opts, name)
            if field is None:
                if hasattr(model_admin, name) and name != "__str__":
                    method = getattr(model_admin, name)
                    shown_attr = getattr(self.model, name, method)
            elif field.many_to_many:
                field = None

        def value_of(row):
            if field is not None:
                return field, None, getattr(row, name)
            if method is not None:
                return None, shown_attr, method(row)
            return lookup_field(name, row, model_admin)

        def cell(row):
            row_classes = classes
            try:
                f, a, value = value_of(row)
            except ObjectDoesNotExist:
                shown = empty
            else:
                column_empty = getattr(a, "empty_value_display", empty)
                if isinstance(value, str) and value.strip() == "":
                    value = ""
                if f is None or f.auto_created:
                    if name == "action_checkbox":
                        row_classes = ["action-checkbox"]
                    boolean = getattr(a, "boolean", False)
                    if isinstance(a, property) and hasattr(a, "fget"):
                        boolean = getattr(a.fget, "boolean", False)
                    shown = display_for_value(value, column_empty, boolean)
                    if isinstance(value, datetime.date | datetime.time):
                        row_classes = [*row_classes, "nowrap"]
                else:
                    if isinstance(f.remote_field, models.ManyToOneRel):
                        related = getattr(row, f.name)
                        shown = column_empty if related is None else related
                    else:
                        shown = display_for_field(value, f, column_empty, avoid_link=link)
                    if isinstance(f, models.DateField | models.TimeField | models.ForeignKey):
                        row_classes = [*row_classes, "nowrap"]
            shown = _escaped(shown)
            if link:
                try:
                    url = self.url_for_result(row)
                except NoReverseMatch:
                    pass
                else:
                    popup = (
                        format_html(
                            ' data-popup-opener="{}"',
                            row.serializable_value(
                                str(self.to_field) if self.to_field else self.lookup_opts.pk.attname
                            ),
                        )
                        if self.is_popup
                        else ""
                    )
                    shown = f'<a href="{_escaped(url)}"{popup}>{shown}</a>'
            # The value and the link escaped above; the classes are the column's name.
            return mark_safe(f'<{tag} class="{" ".join(row_classes)}">{shown}</{tag}>')  # noqa: S308

        return cell
