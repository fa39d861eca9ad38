from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from taggit.models import TaggedItem

from bench.run import flags_for, parse_wrk
from stories.management.commands.load_bench_stories import BENCH_MARKER, bench_stories
from stories.models import Story, StoryEvent
from tests.factories import PublishedStoryFactory

pytestmark = pytest.mark.django_db


def load(count, **options):
    call_command(
        "load_bench_stories",
        count,
        batch_size=40,
        stdout=StringIO(),
        yes_this_is_a_benchmark_database=True,
        **options,
    )


def test_bench_stories_are_filed_and_each_has_its_submission_event():
    load(100)
    stories = bench_stories()
    assert stories.count() == 100
    assert stories.values("reference").distinct().count() == 100
    assert all(
        ref.startswith("IS-") and len(ref) == 9
        for ref in stories.values_list("reference", flat=True)
    )
    assert (
        StoryEvent.objects.filter(story__in=stories, action=StoryEvent.Action.SUBMITTED).count()
        == 100
    )
    assert (
        Story.themes.through.objects.filter(story__in=stories).values("story").distinct().count()
        == 100
    )
    assert TaggedItem.objects.filter(object_id__in=stories.values("id")).exists()
    assert stories.filter(status=Story.Status.PUBLISHED).count() > 40
    assert stories.filter(local_area__isnull=False).exists()
    assert len({day.date() for day in stories.values_list("submitted_at", flat=True)}) > 50


def test_published_bench_stories_meet_the_rules_for_publication():
    load(100)
    published = bench_stories().filter(status=Story.Status.PUBLISHED)
    assert published.exists()
    for story in published:
        assert story.consent_publish
        assert story.public_title and story.public_body
        assert story.published_at is not None and story.published_at >= story.submitted_at
        assert story.transition_problems(Story.Status.WITHDRAWN) == []


def test_reset_deletes_only_bench_stories():
    real = PublishedStoryFactory()
    load(50)
    load(30, reset=True)
    assert bench_stories().count() == 30
    assert Story.objects.filter(pk=real.pk).exists()
    assert not Story.objects.filter(pk=real.pk, moderator_notes=BENCH_MARKER).exists()
    assert StoryEvent.objects.filter(story__in=bench_stories()).count() == 30


def test_load_bench_stories_refuses_a_negative_count():
    with pytest.raises(CommandError):
        load(-1)


def test_load_bench_stories_refuses_a_database_not_named_for_benchmarks():
    from django.db import connection

    assert "bench" not in str(connection.settings_dict["NAME"]).lower()
    with pytest.raises(CommandError, match="--yes-this-is-a-benchmark-database"):
        call_command("load_bench_stories", 10, stdout=StringIO())
    assert not bench_stories().exists()


def test_load_bench_stories_runs_on_a_database_named_for_benchmarks(monkeypatch):
    from django.db import connection

    monkeypatch.setitem(connection.settings_dict, "NAME", "infostory_benchdata")
    call_command("load_bench_stories", 10, batch_size=5, stdout=StringIO())
    assert bench_stories().count() == 10


WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:8765/healthz
WRK_JSON {"requests": 2000, "duration_us": 2000000, "bytes": 800000, "p50_us": 1500, \
"p90_us": 9000, "p99_us": 120000, "max_us": 200000, "errors_connect": 0, "errors_read": 0, \
"errors_write": 0, "errors_status": 3, "errors_timeout": 1, "non2xx": 3}
"""


def test_wrk_report_gives_requests_per_second_and_milliseconds():
    result = parse_wrk(WRK_OUTPUT)
    assert result["rps"] == 1000
    assert result["p50_ms"] == 1.5
    assert result["p99_ms"] == 120
    assert result["non2xx"] == 3
    assert result["socket_errors"] == 1


def test_bench_flags_each_missed_target():
    from bench.run import Page

    result = parse_wrk(WRK_OUTPUT)
    flags = flags_for(Page("list", "/stories/"), 8, result, healthz_rps=5000)
    assert any("0.20× healthz" in flag for flag in flags)
    assert any("p99 120 ms > 100 ms" in flag for flag in flags)
    assert any("3 non-2xx" in flag for flag in flags)
    # Search has 150 ms, and p99 is judged at 8 connections only.
    assert not any("p99" in f for f in flags_for(Page("s", "/stories/?q=x"), 8, result, 1000))
    assert not any("p99" in f for f in flags_for(Page("list", "/stories/"), 32, result, 1000))


def test_a_run_without_any_response_is_flagged_not_reported_as_fast():
    from bench.run import Page

    result = {**parse_wrk(WRK_OUTPUT), "requests": 0, "rps": 0, "p99_ms": 0}
    assert flags_for(Page("search", "/stories/?q=x"), 8, result, 1000) == [
        "no response completed within the run"
    ]
