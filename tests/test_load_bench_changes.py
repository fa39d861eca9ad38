"""The benchmark's changes: at least a thousand, each on bench stories' evidence, and the
change tracker's pages among the bench rows."""

import pytest

from bench import traffic as bench_traffic
from bench.loader import (
    BenchLoadError,
    bench_changes,
    bench_stories,
    load_changes,
    load_stories,
)
from changes.models import Change, ChangeEvent, ChangeEvidence
from stories.models import Story

pytestmark = pytest.mark.django_db


def quiet(line):
    pass


def load(stories, changes):
    load_stories(stories, batch_size=40, benchmark_database=True, log=quiet)
    load_changes(changes, benchmark_database=True, log=quiet)


def test_bench_changes_hold_bench_stories_as_evidence_with_their_log():
    load(80, 40)
    changes = bench_changes()
    assert changes.count() == 40
    assert set(changes.values_list("status", flat=True)) <= set(Change.Status.values)
    assert len(set(changes.values_list("status", flat=True))) >= 3
    evidence = ChangeEvidence.objects.filter(change__in=changes)
    assert evidence.exists()
    assert not evidence.exclude(story__status__in=Story.EVIDENCE_STATUSES).exists()
    assert ChangeEvent.objects.filter(change__in=changes, action="created").count() == 40
    made = changes.filter(status=Change.Status.MADE)
    assert not made.filter(made_at=None).exists() and not made.filter(what_changed="").exists()
    assert not changes.filter(level="local", local_areas=None).exists()
    assert not changes.filter(barriers=None).exists()


def test_reloading_the_stories_or_the_changes_replaces_only_bench_rows():
    load(60, 10)
    load_changes(12, reset=True, benchmark_database=True, log=quiet)
    assert bench_changes().count() == 12
    load_stories(30, reset=True, benchmark_database=True, batch_size=40, log=quiet)
    assert bench_stories().count() == 30
    assert not ChangeEvidence.objects.exclude(story__in=bench_stories()).exists()


def test_bench_changes_need_bench_stories_and_a_benchmark_database():
    with pytest.raises(BenchLoadError):
        load_changes(5, log=quiet)
    with pytest.raises(BenchLoadError):
        load_changes(5, benchmark_database=True, log=quiet)


def test_the_bench_asks_for_the_change_list_and_any_public_change(client):
    load(80, 30)
    traffics = {t.name: t for t in bench_traffic.build(seed=4)}
    public = set(Change.objects.public().values_list("slug", flat=True))
    pages = {path.split("/")[2] for path in traffics["change page"].varied}
    assert pages == public
    assert len(set(traffics["changes"].varied)) > 100
    for name in ("changes", "change page"):
        for path in [traffics[name].fixed, *traffics[name].varied[:8]]:
            assert client.get(path).status_code == 200, path
