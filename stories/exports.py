"""Streamed exports: CSV and JSON for staff, and the public open-data JSON.

Rows come from queryset.iterator(chunk_size=...) (a server-side cursor on PostgreSQL), and
the names of each chunk's themes, barriers and tags are read with one query each, so
memory stays flat and the number of queries grows with the number of chunks, never with
the number of stories. (prefetch_related would do the same in as many queries, but builds
a queryset per story for the tags: at 100,000 stories that alone took most of a minute.)
The rows go out in blocks of about 64 KB, not one write per story. Spreadsheet formulas
are neutralised (CSV injection), and the submitter's details are written only as
Story.submitter_details_for allows.
"""

import contextlib
import csv
import glob
import hashlib
import json
import os
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from stories.models import Story

CHUNK_SIZE = 500
BLOCK_SIZE = 64 * 1024  # characters per piece of the streamed response
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
OPEN_DATA_LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
# More public data for the open-data JSON from other apps: {key: build(request) -> list},
# filled in their AppConfig.ready() so this app never imports them.
OPEN_DATA_SECTIONS = {}


def neutralise(value):
    """A cell a spreadsheet will not run: text starting with = + - @ gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Related:
    """The names a record needs from a story's related rows, in the pages' own order."""

    themes: list = field(default_factory=list)
    barriers: list = field(default_factory=list)
    lenses: set = field(default_factory=set)
    tags: list = field(default_factory=list)


def related_names(story_ids):
    """{story id: Related} for these stories: three queries, whatever their number."""
    found = defaultdict(Related)
    themes = (
        Story.themes.through.objects.filter(story_id__in=story_ids)
        .order_by("policytheme__position", "policytheme__name")
        .values_list("story_id", "policytheme__name")
    )
    for story_id, name in themes:
        found[story_id].themes.append(name)
    barriers = (
        Story.barriers.through.objects.filter(story_id__in=story_ids)
        .order_by("barrier__name")
        .values_list("story_id", "barrier__name", "barrier__lens")
    )
    for story_id, name, lens in barriers:
        found[story_id].barriers.append(name)
        found[story_id].lenses.add(lens)
    tags = Story.tags.through.objects.filter(
        content_type=ContentType.objects.get_for_model(Story), object_id__in=story_ids
    ).values_list("object_id", "tag__name")
    for story_id, name in tags:
        found[story_id].tags.append(name)
    return found


def _stories(queryset):
    """(story, Related) for every story, read CHUNK_SIZE at a time.

    Inside a transaction: outside one, Django declares the PostgreSQL cursor WITH HOLD,
    and PostgreSQL then computes the whole result before the first row (5 s and the
    whole export held on the server, at 100,000 stories). In a transaction the rows come
    as they are read, from one consistent snapshot.
    """
    with transaction.atomic(using=queryset.db):
        rows = queryset.select_related("local_area", "campaign").iterator(chunk_size=CHUNK_SIZE)
        while chunk := list(islice(rows, CHUNK_SIZE)):
            related = related_names([story.pk for story in chunk])
            for story in chunk:
                yield story, related[story.pk]


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else ""


def filed_under(story, related):
    """How a story is filed, the same in every record."""
    return {
        "outcome": story.outcome,
        "local_area": story.local_area.name if story.local_area else "",
        "local_area_ons_code": story.local_area.ons_code if story.local_area else "",
        "themes": related.themes,
        "barriers": related.barriers,
    }


def public_record(story, related, request=None):
    """The public version of a story: what anyone may read and re-use."""
    path = story.get_absolute_url()
    return {
        "reference": story.reference,
        "url": request.build_absolute_uri(path) if request else path,
        "title": story.public_title,
        "summary": story.public_summary,
        "body": story.public_body,
        **filed_under(story, related),
        "tags": sorted(related.tags),
        "published_at": _iso(story.published_at),
    }


def staff_record(story, related, user):
    """A story as staff see it: both layers, and the submitter only when allowed."""
    submitter = story.submitter_details_for(user)
    return {
        "reference": story.reference,
        "status": story.status,
        "submitted_at": _iso(story.submitted_at),
        "published_at": _iso(story.published_at),
        "campaign": story.campaign.name if story.campaign else "",
        **filed_under(story, related),
        **{name: getattr(story, name) for name in Story.PLACE_FIELDS},
        "barrier_lenses": sorted(related.lenses),
        "tags": sorted(related.tags),
        "public_title": story.public_title,
        "public_summary": story.public_summary,
        "public_body": story.public_body,
        **{name: getattr(story, name) for name in Story.WORDS_FIELDS},
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
    *Story.PLACE_FIELDS,
    "themes",
    "barriers",
    "barrier_lenses",
    "tags",
    "public_title",
    "public_summary",
    "public_body",
    *Story.WORDS_FIELDS,
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


def _in_blocks(parts, size=BLOCK_SIZE):
    """Join the stream's small pieces into blocks of about size characters.

    One piece per row would mean one write to the socket per story (100,000 of them).
    """
    block, length = [], 0
    for part in parts:
        block.append(part)
        length += len(part)
        if length >= size:
            yield "".join(block)
            block, length = [], 0
    if block:
        yield "".join(block)


def _filename(stem, kind):
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{kind}"


def staff_export(queryset, *, user, kind):
    records = (staff_record(story, related, user) for story, related in _stories(queryset))
    if kind == "csv":
        response = StreamingHttpResponse(
            _in_blocks(_csv_rows(records, STAFF_COLUMNS)), content_type="text/csv; charset=utf-8"
        )
    else:
        header = {"generated_at": _iso(timezone.now()), "source": "#InfoStory (staff export)"}
        response = StreamingHttpResponse(
            _in_blocks(_json_stream(header, records)), content_type="application/json"
        )
    response["Content-Disposition"] = f'attachment; filename="{_filename("infostory", kind)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def open_data_parts(queryset, *, request):
    """The open-data JSON, as pieces of text."""
    records = (public_record(story, related, request) for story, related in _stories(queryset))
    header = {
        "title": "#InfoStory: published stories of information sharing in public services",
        "publisher": "Centre of Excellence for Information Sharing",
        "licence": OPEN_DATA_LICENCE["name"],
        "licence_url": OPEN_DATA_LICENCE["url"],
        "attribution": "Contains public sector information licensed under the "
        "Open Government Licence v3.0.",
        "documentation": request.build_absolute_uri(reverse("stories:open_data_fields")),
        "generated_at": _iso(timezone.now()),
    }
    header.update({key: build(request) for key, build in OPEN_DATA_SECTIONS.items()})
    return _in_blocks(_json_stream(header, records))


def open_data_export(queryset, *, request):
    """The open data streamed from the database (when no copy can be kept)."""
    response = StreamingHttpResponse(
        open_data_parts(queryset, request=request), content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- one copy per public version ---
#
# Reading every published story for every anonymous request was a cheap way to load the
# server (about 100,000 stories). The JSON is written once per public version, address
# the links are built on, and set of filters, to a file that every later request is
# sent from: a new version (a story published, withdrawn or edited) makes a new copy,
# and the older copies are deleted once they are OPEN_DATA_KEEP_SECONDS old.

OPEN_DATA_KEEP_SECONDS = 120
# At most this many copies per version (sets of filters); past it, streamed from the
# database, so odd query strings cannot fill the disk.
OPEN_DATA_MAX_COPIES = 50
OPEN_DATA_BUILD_WAIT_SECONDS = 60


def open_data_directory():
    folder = settings.INFOSTORY_OPEN_DATA_DIR or os.path.join(
        tempfile.gettempdir(), "infostory-open-data"
    )
    os.makedirs(folder, exist_ok=True)
    return folder


def open_data_copy(queryset, *, request, version, filters):
    """(path, etag) of the open-data copy for this version, site address and filters,
    written now if it is not there yet (one request writes it; the others wait for it);
    None when no copy may be kept (the version already has OPEN_DATA_MAX_COPIES)."""
    site = request.build_absolute_uri("/")
    digest = hashlib.sha256(repr((site, filters)).encode()).hexdigest()[:24]
    folder = open_data_directory()
    stem = f"v{hashlib.sha256(str(version).encode()).hexdigest()[:16]}"
    path = os.path.join(folder, f"{stem}-{digest}.json")
    etag = f'"{stem}-{digest}"'
    if os.path.exists(path):
        return path, etag
    if len(glob.glob(os.path.join(folder, f"{stem}-*.json"))) >= OPEN_DATA_MAX_COPIES:
        return None
    building = path + ".building"
    try:
        marker = os.open(building, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        if _wait_for_file(path, building):
            return path, etag
        marker = None  # the other writer is gone: write it here
    try:
        _write_copy(path, open_data_parts(queryset, request=request))
    finally:
        if marker is not None:
            os.close(marker)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(building)
    _delete_old_copies(folder, stem)
    return path, etag


def _wait_for_file(path, building):
    deadline = time.monotonic() + OPEN_DATA_BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        if os.path.exists(path):
            return True
        if not os.path.exists(building):
            return os.path.exists(path)
        time.sleep(0.1)
    return False


def _write_copy(path, parts):
    """Write to a file of its own, then rename: a reader never sees half a copy."""
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for part in parts:
                out.write(part)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _delete_old_copies(folder, current_stem):
    """Copies of older versions, once nobody can still be starting to read them."""
    cutoff = time.time() - OPEN_DATA_KEEP_SECONDS
    for name in os.listdir(folder):
        if name.startswith(current_stem) or not name.endswith((".json", ".part", ".building")):
            continue
        with contextlib.suppress(FileNotFoundError):
            if os.path.getmtime(os.path.join(folder, name)) < cutoff:
                os.unlink(os.path.join(folder, name))
