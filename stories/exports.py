"""Streamed exports: CSV and JSON for staff, and the public open-data JSON.

Rows come from queryset.iterator(chunk_size=...) with the related rows prefetched per
chunk, so memory stays flat and the number of queries grows with the number of chunks,
never with the number of stories. Spreadsheet formulas are neutralised (CSV injection),
and the submitter's details are written only as Story.submitter_details_for allows.
"""

import csv
import json

from django.http import StreamingHttpResponse
from django.utils import timezone

CHUNK_SIZE = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
OPEN_DATA_LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


def neutralise(value):
    """A cell a spreadsheet will not run: text starting with = + - @ gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _stories(queryset):
    return queryset.select_related("local_area", "campaign").prefetch_related(
        "themes", "barriers", "tags"
    )


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else ""


def public_record(story, request=None):
    """The public version of a story: what anyone may read and re-use."""
    path = story.get_absolute_url()
    return {
        "reference": story.reference,
        "url": request.build_absolute_uri(path) if request else path,
        "title": story.public_title,
        "summary": story.public_summary,
        "body": story.public_body,
        "outcome": story.outcome,
        "local_area": story.local_area.name if story.local_area else "",
        "local_area_ons_code": story.local_area.ons_code if story.local_area else "",
        "themes": [theme.name for theme in story.themes.all()],
        "barriers": [barrier.name for barrier in story.barriers.all()],
        "tags": sorted(tag.name for tag in story.tags.all()),
        "published_at": _iso(story.published_at),
    }


def staff_record(story, user):
    """A story as staff see it: both layers, and the submitter only when allowed."""
    submitter = story.submitter_details_for(user)
    return {
        "reference": story.reference,
        "status": story.status,
        "submitted_at": _iso(story.submitted_at),
        "published_at": _iso(story.published_at),
        "campaign": story.campaign.name if story.campaign else "",
        "outcome": story.outcome,
        "local_area": story.local_area.name if story.local_area else "",
        "local_area_ons_code": story.local_area.ons_code if story.local_area else "",
        "themes": [theme.name for theme in story.themes.all()],
        "barriers": [barrier.name for barrier in story.barriers.all()],
        "barrier_lenses": sorted({barrier.lens for barrier in story.barriers.all()}),
        "tags": sorted(tag.name for tag in story.tags.all()),
        "public_title": story.public_title,
        "public_summary": story.public_summary,
        "public_body": story.public_body,
        "title": story.title,
        "what_happened": story.what_happened,
        "difference": story.difference,
        "barriers_text": story.barriers_text,
        "organisations": story.organisations,
        "role": story.role,
        "case_study_candidate": story.case_study_candidate,
        "submitter_name": submitter.name if submitter else "",
        "submitter_organisation": submitter.organisation if submitter else "",
        "submitter_email": submitter.email if submitter else "",
    }


STAFF_COLUMNS = (
    "reference",
    "status",
    "submitted_at",
    "published_at",
    "campaign",
    "outcome",
    "local_area",
    "local_area_ons_code",
    "themes",
    "barriers",
    "barrier_lenses",
    "tags",
    "public_title",
    "public_summary",
    "public_body",
    "title",
    "what_happened",
    "difference",
    "barriers_text",
    "organisations",
    "role",
    "case_study_candidate",
    "submitter_name",
    "submitter_organisation",
    "submitter_email",
)


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a stream."""

    def write(self, value):
        return value


def _csv_rows(records, columns):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the text as UTF-8
    yield writer.writerow(columns)
    for record in records:
        cells = (record[column] for column in columns)
        yield writer.writerow(
            [neutralise("; ".join(cell) if isinstance(cell, list) else cell) for cell in cells]
        )


def _json_stream(header, records):
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "stories": ['
    first = True
    for record in records:
        yield ("" if first else ",") + "\n" + json.dumps(record, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _filename(stem, kind):
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{kind}"


def staff_export(queryset, *, user, kind):
    records = (
        staff_record(story, user) for story in _stories(queryset).iterator(chunk_size=CHUNK_SIZE)
    )
    if kind == "csv":
        response = StreamingHttpResponse(
            _csv_rows(records, STAFF_COLUMNS), content_type="text/csv; charset=utf-8"
        )
    else:
        header = {"generated_at": _iso(timezone.now()), "source": "#InfoStory (staff export)"}
        response = StreamingHttpResponse(
            _json_stream(header, records), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{_filename("infostory", kind)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def open_data_export(queryset, *, request):
    records = (
        public_record(story, request)
        for story in _stories(queryset).iterator(chunk_size=CHUNK_SIZE)
    )
    header = {
        "title": "#InfoStory: published stories of information sharing in public services",
        "publisher": "Centre of Excellence for Information Sharing",
        "licence": OPEN_DATA_LICENCE["name"],
        "licence_url": OPEN_DATA_LICENCE["url"],
        "attribution": "Contains public sector information licensed under the "
        "Open Government Licence v3.0.",
        "generated_at": _iso(timezone.now()),
    }
    response = StreamingHttpResponse(_json_stream(header, records), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
